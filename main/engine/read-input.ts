/**
 * Reading a user's input file (spec, section, template file, partial, font,
 * image). Only regular files are read: a FIFO would block the read forever,
 * a device could stream without end. The file is opened without blocking and
 * checked through its open descriptor, so nothing can swap it in between.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { BriefError } from './errors.js';
import { close, fstat, open, readFile } from './fs-async.js';

// O_NONBLOCK lets open() return at once on a FIFO with no writer; Windows has no such flag (and no FIFOs).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export interface ReadInputOptions {
  /** Refuse files larger than this many bytes, before reading them. */
  maxBytes?: number;
  /** What the file is, for messages: "image", "font file"… */
  what?: string;
}

export async function readInputFile(path: string, options: ReadInputOptions = {}): Promise<Buffer> {
  const fd = await open(path, OPEN_FLAGS);
  try {
    assertReadable(path, await fstat(fd), options);
    return await readFile(fd);
  } finally {
    await close(fd);
  }
}

/** No spec, section or template file comes near this; a larger one is a mistake (or a disk image), not text to parse. */
export const MAX_TEXT_BYTES = 32 * 1024 * 1024;

export async function readInputText(path: string, options: ReadInputOptions = {}): Promise<string> {
  return (await readInputFile(path, { maxBytes: MAX_TEXT_BYTES, ...options })).toString('utf8');
}

export function readInputFileSync(path: string, options: ReadInputOptions = {}): Buffer {
  const fd = openSync(path, OPEN_FLAGS);
  try {
    const info = fstatSync(fd);
    assertReadable(path, info, options);
    const bytes = Buffer.allocUnsafe(info.size);
    let filled = 0;
    while (filled < bytes.length) {
      const read = readSync(fd, bytes, filled, bytes.length - filled, filled);
      if (read === 0) break; // the file shrank while we read it
      filled += read;
    }
    return filled === bytes.length ? bytes : bytes.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
}

function assertReadable(path: string, info: Stats, options: ReadInputOptions): void {
  const what = options.what ?? 'input file';
  if (!info.isFile()) {
    throw new BriefError('IO', `The ${what} ${path} is ${kindOf(info)}, not a regular file.`, { location: { file: path } });
  }
  if (options.maxBytes !== undefined && info.size > options.maxBytes) {
    const limit = `${Math.round(options.maxBytes / 2 ** 20)} MB`;
    throw new BriefError('IO', `The ${what} ${path} is larger than the limit of ${limit}.`, { location: { file: path } });
  }
}

/** What a non-regular file is, in a user's words ("a folder", "a named pipe (FIFO)"). */
export function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}
