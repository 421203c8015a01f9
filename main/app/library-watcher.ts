/**
 * Watches the user's sections and templates folders, so a section or a
 * template saved in another editor shows up in the app (the library, the
 * template list, an open template editor and the preview) without a restart.
 * A burst of changes (an editor's save is often write + rename + chmod)
 * becomes one call, naming every path that changed.
 */
import { basename } from 'node:path';
import { watch } from 'chokidar';

/**
 * Files that only come and go around a save: temp files of our own atomic
 * writes and template copies, and editors' swap and backup files. The save
 * itself still shows up as the change of the real file.
 */
export function isTransientFile(path: string): boolean {
  const name = basename(path);
  return /\.tmp-\d+-[0-9a-f]+$/.test(name) || /^\.[0-9a-f]+\.copying$/.test(name) || /\.sw[a-p]$|~$|^\.#|^#.*#$|^\.DS_Store$/.test(name);
}

/** Stops the watch; `ready` settles once the initial scan is done and changes are seen. */
export type LibraryWatch = (() => Promise<void>) & { ready: Promise<void> };

export function watchLibrary(folders: string[], onChange: (changed: string[]) => void, debounceMs = 250): LibraryWatch {
  let timer: NodeJS.Timeout | undefined;
  let changed = new Set<string>();
  const watcher = watch(folders, {
    ignoreInitial: true,
    // templates/<id>/partials/<folder>/<file>: deep enough for a template's nested partials.
    depth: 4,
    ignored: (path) => isTransientFile(path),
    awaitWriteFinish: { stabilityThreshold: 120, pollInterval: 40 },
  });
  watcher.on('all', (_event, path) => {
    changed.add(path);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const paths = [...changed].sort();
      changed = new Set();
      onChange(paths);
    }, debounceMs);
  });
  // A folder the user deleted or cannot read must not take the app down.
  watcher.on('error', () => undefined);
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  const stop = async () => {
    clearTimeout(timer);
    await watcher.close();
  };
  return Object.assign(stop, { ready });
}
