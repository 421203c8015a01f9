/**
 * Watches the user's sections and templates folders, so a section saved in
 * an editor shows up in the library (and the preview) without a restart.
 */
import { watch } from 'chokidar';

export function watchLibrary(folders: string[], onChange: () => void, debounceMs = 250): () => Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const watcher = watch(folders, { ignoreInitial: true, depth: 3, awaitWriteFinish: { stabilityThreshold: 120, pollInterval: 40 } });
  watcher.on('all', () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  });
  // A folder the user deleted or cannot read must not take the app down.
  watcher.on('error', () => undefined);
  return async () => {
    clearTimeout(timer);
    await watcher.close();
  };
}
