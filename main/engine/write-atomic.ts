/**
 * Write a file so that readers only ever see the old or the complete new
 * content: write a temporary file beside the target, flush it, rename it
 * into place. A failure leaves the old file untouched and no temp behind.
 *
 * Replacing a file keeps what the user set on it, as writing into it would:
 * its permissions and group (a private 0600 brief stays private; a 0640
 * brief stays readable by its group only), a read-only file is refused
 * rather than replaced, and a symbolic link of the user's own is written
 * through (the file it names is replaced; the link stays). A link someone
 * else made is refused: in a shared folder it could lead the brief into
 * theirs.
 */
import { constants } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { BriefError } from './errors.js';
import { access, close, fchmod, fchown, fsync, lstat, open, readlink, realpath, rename, stat, unlink, writeFile } from './fs-async.js';
import { assertSafeOutput, type BuildInputs } from './output-guard.js';
import { removeStaleTemps } from './stale-temp.js';

export interface WriteOptions {
  /** Files and folders the build read, which the output may never replace. */
  inputs?: BuildInputs;
  /** Permissions of the file (unless told: those of the file replaced, else 0o644, files the user shares). */
  mode?: number;
}

export async function writeFileAtomic(target: string, bytes: Uint8Array | string, options: WriteOptions = {}): Promise<void> {
  const startedMs = Date.now();
  const path = await throughLink(resolve(target));
  const dir = dirname(path);
  await assertWritableFolder(dir, path);
  await assertSafeOutput(path, options.inputs);
  const replaced = await existingFile(path);
  await removeStaleTemps(dir, startedMs);
  const temp = join(dir, `.${basename(path)}.tmp-${process.pid}-${uniqueHex8()}`);
  try {
    const fd = await open(temp, 'wx', options.mode ?? replaced?.mode ?? 0o644);
    try {
      if (options.mode === undefined && replaced !== undefined) await keepAccess(fd, replaced);
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

/**
 * The file a symbolic link names (followed to the end, or as far as it goes
 * when it leads nowhere yet); any other path as it is. Every link on the way
 * must be the user's own.
 */
async function throughLink(path: string): Promise<string> {
  let link = path;
  const uid = process.getuid?.();
  for (let hops = 0; hops < 40; hops++) {
    const info = await lstat(link).catch(() => undefined);
    if (!info?.isSymbolicLink()) return link;
    if (uid !== undefined && info.uid !== uid) {
      throw new BriefError('OUTPUT_UNWRITABLE', `${link} is a symbolic link someone else made, so it is not followed; write to a file of your own.`, { location: { file: path } });
    }
    const real = await realpath(link).catch(() => undefined);
    if (real) return real;
    link = resolve(dirname(link), await readlink(link));
  }
  throw new BriefError('OUTPUT_UNWRITABLE', `${path} is a symbolic link that leads round in a circle.`, { location: { file: path } });
}

interface ReplacedFile {
  /** Permission bits. */
  readonly mode: number;
  readonly gid: number;
}

/** Permissions and group of the file about to be replaced, undefined when there is none; a read-only file is refused. */
async function existingFile(path: string): Promise<ReplacedFile | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  const mode = info.mode & 0o7777;
  // No write bit for anyone, or none for this user: read-only, as `chmod a-w` or a shared folder made it.
  const writable = (mode & 0o222) !== 0 && (await access(path, constants.W_OK).then(() => true, () => false));
  if (!writable) {
    throw new BriefError('OUTPUT_UNWRITABLE', `${path} is read-only, so it was left as it is. Make it writable, or write to another file.`, { location: { file: path } });
  }
  return { mode, gid: info.gid };
}

/** The new file gets the old one's group and exactly its bits (the umask would narrow them); where the group cannot be kept, the group loses its access. */
async function keepAccess(fd: number, replaced: ReplacedFile): Promise<void> {
  const kept = await fchown(fd, -1, replaced.gid).then(
    () => true,
    () => false,
  );
  await fchmod(fd, kept ? replaced.mode : replaced.mode & ~0o070);
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
  // The folder exists (checked first): a file cannot be made in it (a system folder such as /proc).
  if (code === 'ENOENT') return 'the folder does not accept new files';
  // Node's message names the temporary file the bytes go to first: the user only knows the file they asked for.
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/, \w+ '[^']*'(?: -> '[^']*')?$/, '');
}
