/**
 * Write a file so that readers only ever see the old or the complete new
 * content: write a temporary file beside the target, flush it, rename it
 * into place. A failure leaves the old file untouched and no temp behind.
 */
import { constants } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { BriefError } from './errors.js';
import { access, close, fsync, open, rename, stat, unlink, writeFile } from './fs-async.js';
import { assertSafeOutput, type BuildInputs } from './output-guard.js';
import { removeStaleTemps } from './stale-temp.js';

export interface WriteOptions {
  /** Files and folders the build read, which the output may never replace. */
  inputs?: BuildInputs;
  /** Permissions of the new file (0o644 unless told: files the user shares). */
  mode?: number;
}

export async function writeFileAtomic(target: string, bytes: Uint8Array | string, options: WriteOptions = {}): Promise<void> {
  const startedMs = Date.now();
  const path = resolve(target);
  const dir = dirname(path);
  await assertWritableFolder(dir, path);
  await assertSafeOutput(path, options.inputs);
  await removeStaleTemps(dir, startedMs);
  const temp = join(dir, `.${basename(path)}.tmp-${process.pid}-${uniqueHex8()}`);
  try {
    const fd = await open(temp, 'wx', options.mode ?? 0o644);
    try {
      await writeFile(fd, bytes);
      await fsync(fd);
    } finally {
      await close(fd);
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw new BriefError('OUTPUT_UNWRITABLE', `Could not write ${path}: ${reason(error)}`, { location: { file: path }, cause: error });
  }
}

/**
 * Eight hex digits that tell this temp file from another writer's. They need
 * not be secret: the file is created exclusively ('wx'), so a name someone
 * guessed and took first only fails the write, never redirects it.
 */
function uniqueHex8(): string {
  return Math.floor(Math.random() * 0x1_0000_0000)
    .toString(16)
    .padStart(8, '0');
}

async function assertWritableFolder(dir: string, path: string): Promise<void> {
  let info;
  try {
    info = await stat(dir);
  } catch {
    throw new BriefError('OUTPUT_UNWRITABLE', `The output folder ${dir} does not exist.`, { location: { file: path } });
  }
  if (!info.isDirectory()) {
    throw new BriefError('OUTPUT_UNWRITABLE', `${dir} is not a folder.`, { location: { file: path } });
  }
  try {
    await access(dir, constants.W_OK);
  } catch {
    throw new BriefError('OUTPUT_UNWRITABLE', `The output folder ${dir} is not writable.`, { location: { file: path } });
  }
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EROFS') return 'the file system is read-only';
  return error instanceof Error ? error.message : String(error);
}
