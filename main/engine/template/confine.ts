/**
 * Keeping a template inside its own folder. A template from a colleague is
 * untrusted: its partials, images and fonts may come only from its folder.
 * Paths are checked before anything is opened — lexically (no absolute
 * paths, no `..`) and then by real path, so a symlink that leads out is
 * caught too. Every look goes through the file provider, so an unsaved
 * buffer is held to the same rules as a file (and a link on the disk under
 * it still leads where it leads).
 */
import { dirname, isAbsolute, join, relative, sep, win32 } from 'node:path';
import { BriefError } from '../errors.js';
import { diskFiles, type FileProvider } from '../file-provider.js';

/** Is `candidate` (a real path) the folder `root` (a real path) or inside it? */
export function isInside(root: string, candidate: string): boolean {
  if (candidate === root) return true;
  const rel = relative(root, candidate);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

function confinementError(what: string, path: string, why: string): BriefError {
  return new BriefError('TEMPLATE_CONFINEMENT', `${what} \`${path}\` ${why}; a template may only use files inside its own folder.`);
}

/**
 * The real path of `relativePath` inside the template folder `root` (itself
 * a real path), or a BriefError 'TEMPLATE_CONFINEMENT' naming the path.
 * A path that does not exist yet is returned as joined, once every folder
 * on the way that does exist has been checked.
 */
export function confinedPath(root: string, relativePath: string, what = 'Path', files: FileProvider = diskFiles): string {
  if (relativePath.trim() === '') throw new BriefError('TEMPLATE_CONFINEMENT', `${what} is empty.`);
  if (relativePath.includes('\0')) throw confinementError(what, relativePath.replace(/\0/g, '\\0'), 'contains a NUL character');
  if (isAbsolute(relativePath) || win32.isAbsolute(relativePath) || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(relativePath)) {
    throw confinementError(what, relativePath, 'is an absolute path or a URL');
  }
  if (relativePath.split(/[\\/]+/).includes('..')) {
    throw confinementError(what, relativePath, 'climbs out with `..`');
  }
  const joined = join(root, relativePath);
  const existing = nearestExisting(joined, root, files);
  let real: string;
  try {
    real = files.realpathSync(existing);
  } catch {
    throw confinementError(what, relativePath, 'is a symbolic link that leads nowhere');
  }
  if (!isInside(root, real)) throw confinementError(what, relativePath, `leads to ${real} through a symbolic link`);
  return existing === joined ? real : joined;
}

/** The path itself if it exists (as a link or a file), else its closest existing parent. */
function nearestExisting(path: string, root: string, files: FileProvider): string {
  let current = path;
  while (current !== root && !exists(current, files)) {
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return current;
}

function exists(path: string, files: FileProvider): boolean {
  try {
    return files.statSync(path, { noFollow: true }) !== undefined;
  } catch {
    return false;
  }
}

export interface PartialFile {
  /** Name used in `{{> name}}`: path under partials/ without `.hbs`, `/`-separated. */
  name: string;
  /** Real path of the file (checked to be inside the template). */
  file: string;
}

/**
 * Every `*.hbs` under `partials/` (nested folders give `folder/name`).
 * Symbolic links are followed only while they stay inside the template.
 */
export function listPartialFiles(root: string, onError: (error: BriefError) => void = rethrow, files: FileProvider = diskFiles): PartialFile[] {
  const partialsDir = join(root, 'partials');
  if (!exists(partialsDir, files)) return [];
  let realDir: string;
  try {
    realDir = confinedPath(root, 'partials', 'Partials folder', files);
  } catch (error) {
    onError(error as BriefError);
    return [];
  }
  const found: PartialFile[] = [];
  const visited = new Set<string>();

  const walk = (realFolder: string, prefix: string): void => {
    if (visited.has(realFolder)) return; // a link loop inside the template
    visited.add(realFolder);
    const names = files.listFolderSync(realFolder);
    names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)); // code-point order: the same on every machine
    for (const name of names) {
      let real: string;
      try {
        real = confinedPath(root, relative(root, join(realFolder, name)), 'Partial file', files);
      } catch (error) {
        onError(error as BriefError);
        continue;
      }
      if (isDirectory(real, files)) {
        walk(real, `${prefix}${name}/`);
      } else if (name.endsWith('.hbs')) {
        found.push({ name: `${prefix}${name.slice(0, -'.hbs'.length)}`, file: real });
      }
    }
  };
  walk(realDir, '');
  return found;
}

/**
 * The files listPartialFiles gives, when nothing under `partials/` (nor the
 * folder itself) is a symbolic link: then every path is already real and
 * inside, and one lstat per entry says all (no real-path walk per file).
 * undefined when a link (or a name confinement would refuse, or anything
 * unreadable) is met: the caller asks listPartialFiles.
 */
export function partialFilesWithoutLinks(root: string, files: FileProvider = diskFiles): string[] | undefined {
  try {
    const partialsDir = join(root, 'partials');
    const info = files.statSync(partialsDir, { noFollow: true });
    if (!info) return [];
    if (info.isSymbolicLink || !info.isDirectory) return undefined;
    const found: string[] = [];
    const walk = (folder: string): boolean => {
      const names = files.listFolderSync(folder);
      names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      for (const name of names) {
        if (name.includes('\\')) return false;
        const path = join(folder, name);
        const entry = files.statSync(path, { noFollow: true });
        if (!entry || entry.isSymbolicLink) return false;
        if (entry.isDirectory) {
          if (!walk(path)) return false;
        } else if (name.endsWith('.hbs')) {
          found.push(path);
        }
      }
      return true;
    };
    return walk(partialsDir) ? found : undefined;
  } catch {
    return undefined;
  }
}

function rethrow(error: BriefError): never {
  throw error;
}

/** `real` has its links resolved already: a folder, or a link into one, inside the template. */
function isDirectory(real: string, files: FileProvider): boolean {
  try {
    return files.statSync(real)?.isDirectory ?? false;
  } catch {
    return false;
  }
}

/** Image paths arrive URL-encoded from the Markdown parser ("my%20seal.png"). */
export function decodePath(path: string): string {
  if (!path.includes('%')) return path;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
