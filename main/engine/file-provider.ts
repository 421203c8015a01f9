/**
 * Where the engine reads its inputs from. The disk is the default; the app
 * lays its unsaved editor buffers over it, so a preview shows the text being
 * typed while every error still names the real file and line.
 */
import { readdir, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { BriefError } from './errors.js';
import { readInputFile, readInputFileSync, MAX_TEXT_BYTES, type ReadInputOptions } from './read-input.js';

export interface FileInfo {
  isFile: boolean;
  isDirectory: boolean;
  size: number;
  /** Changes whenever the content does (an overlay's buffers get a fresh stamp on each edit). */
  mtimeMs: number;
}

export interface FileProvider {
  readFile(path: string, options?: ReadInputOptions): Promise<Buffer>;
  readFileSync(path: string, options?: ReadInputOptions): Buffer;
  /** Names in a folder (not paths), including files that exist only in an overlay. */
  listFolder(dir: string): Promise<string[]>;
  /** undefined when nothing is at `path`. */
  stat(path: string): Promise<FileInfo | undefined>;
}

export async function readText(files: FileProvider, path: string, options: ReadInputOptions = {}): Promise<string> {
  return (await files.readFile(path, { maxBytes: MAX_TEXT_BYTES, ...options })).toString('utf8');
}

export const diskFiles: FileProvider = {
  readFile: readInputFile,
  readFileSync: readInputFileSync,
  listFolder: (dir) => readdir(dir),
  async stat(path) {
    try {
      const info = await stat(path);
      return { isFile: info.isFile(), isDirectory: info.isDirectory(), size: info.size, mtimeMs: info.mtimeMs };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  },
};

/** An in-memory buffer over a file: its text (or bytes) and when it last changed. */
export interface OverlayEntry {
  content: string | Uint8Array;
  mtimeMs: number;
}

/**
 * `overlay` (absolute paths) wins over `base`. Paths are resolved before
 * lookup, so `a/../b.md` finds the buffer of `b.md`; confinement checks stay
 * with the callers, which see the same paths either way.
 */
export function overlayFiles(base: FileProvider, overlay: ReadonlyMap<string, OverlayEntry>): FileProvider {
  const entry = (path: string) => overlay.get(resolve(path));
  const bytesOf = (found: OverlayEntry, path: string, options: ReadInputOptions = {}): Buffer => {
    const bytes = typeof found.content === 'string' ? Buffer.from(found.content, 'utf8') : Buffer.from(found.content);
    if (options.maxBytes !== undefined && bytes.length > options.maxBytes) {
      // The same refusal the disk reader gives, so an unsaved buffer cannot slip past a limit.
      const limit = `${Math.round(options.maxBytes / 2 ** 20)} MB`;
      throw new BriefError('IO', `The ${options.what ?? 'input file'} ${path} is larger than the limit of ${limit}.`, { location: { file: path } });
    }
    return bytes;
  };
  return {
    async readFile(path, options) {
      const found = entry(path);
      return found ? bytesOf(found, path, options) : base.readFile(path, options);
    },
    readFileSync(path, options) {
      const found = entry(path);
      return found ? bytesOf(found, path, options) : base.readFileSync(path, options);
    },
    async listFolder(dir) {
      const folder = resolve(dir);
      const extra = [...overlay.keys()].filter((p) => resolve(p, '..') === folder).map((p) => p.slice(folder.length + 1));
      let names: string[] = [];
      try {
        names = await base.listFolder(dir);
      } catch (error) {
        if (extra.length === 0) throw error;
      }
      return [...new Set([...names, ...extra])];
    },
    async stat(path) {
      const found = entry(path);
      if (!found) return base.stat(path);
      const size = typeof found.content === 'string' ? Buffer.byteLength(found.content) : found.content.byteLength;
      return { isFile: true, isDirectory: false, size, mtimeMs: found.mtimeMs };
    },
  };
}
