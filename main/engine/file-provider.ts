/**
 * Where the engine reads its inputs from. The disk is the default; the app
 * lays its unsaved editor buffers over it, so a preview shows the text being
 * typed while every error still names the real file and line.
 *
 * The sync twins serve the stages that run synchronously: confinement (real
 * paths, links), font and image loading inside the typesetter.
 */
import { lstatSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { readdir, stat } from './fs-async.js';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { BriefError, type SourceLocation } from './errors.js';
import { readInputFile, readInputFileSync, MAX_TEXT_BYTES, type ReadInputOptions } from './read-input.js';

export interface FileInfo {
  isFile: boolean;
  isDirectory: boolean;
  /** Only ever true from `statSync(path, { noFollow: true })` on the disk: an overlay holds no links. */
  isSymbolicLink: boolean;
  size: number;
  /** Changes whenever the content does (an overlay's buffers get a fresh stamp on each edit). */
  mtimeMs: number;
}

export interface FileProvider {
  readFile(path: string, options?: ReadInputOptions): Promise<Buffer>;
  readFileSync(path: string, options?: ReadInputOptions): Buffer;
  /** Names in a folder (not paths), including files that exist only in an overlay. */
  listFolder(dir: string): Promise<string[]>;
  listFolderSync(dir: string): string[];
  /** undefined when nothing is at `path`. */
  stat(path: string): Promise<FileInfo | undefined>;
  /** undefined when nothing is at `path`; `noFollow` describes a symbolic link itself (lstat). */
  statSync(path: string, options?: { noFollow?: boolean }): FileInfo | undefined;
  /** The path with every symbolic link resolved; throws (ENOENT) when nothing is there. */
  realpathSync(path: string): string;
}

export async function readText(files: FileProvider, path: string, options: ReadInputOptions = {}): Promise<string> {
  return (await files.readFile(path, { maxBytes: MAX_TEXT_BYTES, ...options })).toString('utf8');
}

const infoOf = (info: Stats): FileInfo => ({
  isFile: info.isFile(),
  isDirectory: info.isDirectory(),
  isSymbolicLink: info.isSymbolicLink(),
  size: info.size,
  mtimeMs: info.mtimeMs,
});

const isMissing = (error: unknown): boolean => ['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '');

export const diskFiles: FileProvider = {
  readFile: readInputFile,
  readFileSync: readInputFileSync,
  listFolder: (dir) => readdir(dir),
  listFolderSync: (dir) => readdirSync(dir),
  async stat(path) {
    try {
      return infoOf(await stat(path));
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  },
  statSync(path, options = {}) {
    try {
      return infoOf(options.noFollow ? lstatSync(path) : statSync(path));
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  },
  realpathSync: (path) => realpathSync(path),
};

/** An in-memory buffer over a file: its text (or bytes) and when it last changed. */
export interface OverlayEntry {
  content: string | Uint8Array;
  mtimeMs: number;
}

/**
 * `overlay` (absolute paths) wins over `base`. Paths are compared by their
 * folder's real path, on both sides, so a buffer keyed under a linked folder
 * is found however the engine names the file. An overlay holds plain files
 * only: the folders they sit in exist as far as listing and stat go, and a
 * path that is something on the disk keeps the disk's links, so confinement
 * (which follows them) sees through the overlay to the disk.
 */
export function overlayFiles(base: FileProvider, overlay: ReadonlyMap<string, OverlayEntry>): FileProvider {
  const realFolders = new Map<string, string>();
  /** The real path of a folder, or of its nearest existing ancestor with the rest appended. */
  const realFolder = (dir: string): string => {
    let found = realFolders.get(dir);
    if (found === undefined) {
      try {
        found = base.realpathSync(dir);
      } catch {
        const parent = dirname(dir);
        found = parent === dir ? dir : join(realFolder(parent), basename(dir));
      }
      realFolders.set(dir, found);
    }
    return found;
  };
  const canonical = (path: string): string => {
    const absolute = resolve(path);
    const parent = dirname(absolute);
    return parent === absolute ? absolute : join(realFolder(parent), basename(absolute));
  };
  const buffers = new Map([...overlay].map(([path, entry]) => [canonical(path), entry]));
  const entry = (path: string) => (buffers.size ? buffers.get(canonical(path)) : undefined);
  /** Is `path` a folder that holds a buffer (at any depth)? */
  const holdsBuffers = (path: string): boolean => {
    const prefix = canonical(path) + sep;
    return [...buffers.keys()].some((key) => key.startsWith(prefix));
  };
  /** Names of the buffers (and of the folders holding buffers) directly inside `dir`. */
  const namesIn = (dir: string): string[] => {
    const prefix = canonical(dir) + sep;
    return [...buffers.keys()].filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length).split(sep)[0]!);
  };
  const merged = (names: string[] | undefined, error: unknown, extra: string[]): string[] => {
    if (names === undefined && extra.length === 0) throw error;
    return [...new Set([...(names ?? []), ...extra])];
  };
  const bytesOf = (found: OverlayEntry, path: string, options: ReadInputOptions = {}): Buffer => {
    const bytes = typeof found.content === 'string' ? Buffer.from(found.content, 'utf8') : Buffer.from(found.content);
    if (options.maxBytes !== undefined && bytes.length > options.maxBytes) {
      // The same refusal the disk reader gives, so an unsaved buffer cannot slip past a limit.
      const limit = `${Math.round(options.maxBytes / 2 ** 20)} MB`;
      throw new BriefError('IO', `The ${options.what ?? 'input file'} ${path} is larger than the limit of ${limit}.`, { location: { file: path } });
    }
    return bytes;
  };
  const infoOfEntry = (found: OverlayEntry): FileInfo => {
    const size = typeof found.content === 'string' ? Buffer.byteLength(found.content) : found.content.byteLength;
    return { isFile: true, isDirectory: false, isSymbolicLink: false, size, mtimeMs: found.mtimeMs };
  };
  const folderInfo: FileInfo = { isFile: false, isDirectory: true, isSymbolicLink: false, size: 0, mtimeMs: 0 };

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
      let names: string[] | undefined;
      let failure: unknown;
      try {
        names = await base.listFolder(dir);
      } catch (error) {
        failure = error;
      }
      return merged(names, failure, namesIn(dir));
    },
    listFolderSync(dir) {
      let names: string[] | undefined;
      let failure: unknown;
      try {
        names = base.listFolderSync(dir);
      } catch (error) {
        failure = error;
      }
      return merged(names, failure, namesIn(dir));
    },
    async stat(path) {
      const found = entry(path);
      if (found) return infoOfEntry(found);
      return (await base.stat(path)) ?? (holdsBuffers(path) ? folderInfo : undefined);
    },
    statSync(path, options) {
      const found = entry(path);
      if (found) return infoOfEntry(found);
      return base.statSync(path, options) ?? (holdsBuffers(path) ? folderInfo : undefined);
    },
    realpathSync(path) {
      // Whatever is on the disk keeps its links (a buffer over a link that leads out stays outside).
      if (base.statSync(path, { noFollow: true })) return base.realpathSync(path);
      if (entry(path) || holdsBuffers(path)) return canonical(path);
      return base.realpathSync(path);
    },
  };
}

/**
 * A folder the user named that cannot be listed, as an IO error ("the section
 * folder X does not exist") at the line that names it, or else at the folder.
 */
export function unreadableFolderError(what: string, dir: string, cause: unknown, namedAt?: SourceLocation): BriefError {
  const code = (cause as NodeJS.ErrnoException).code;
  const reason = code === 'ENOENT' ? 'does not exist' : code === 'ENOTDIR' ? 'is not a folder' : `cannot be read (${code ?? 'unknown error'})`;
  return new BriefError('IO', `the ${what} ${dir} ${reason}`, { location: namedAt ?? { file: dir }, cause });
}
