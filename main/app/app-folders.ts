/** Where the app finds its built-in resources and the user's own sections and templates. */
import { ensurePrivateFolder } from './json-store.js';
import { join } from 'node:path';
import { builtInSectionsDir, builtInTemplatesDir } from '../engine/index.js';
import type { AppFolders } from './ipc-handlers.js';

export async function prepareAppFolders(userDataDir: string, documentsDir: string): Promise<AppFolders> {
  const folders: AppFolders = {
    builtInSectionsDir: builtInSectionsDir(),
    builtInTemplatesDir: builtInTemplatesDir(),
    userSectionsDir: join(userDataDir, 'sections'),
    userTemplatesDir: join(userDataDir, 'templates'),
    documentsDir,
  };
  // The engine expects the user's folders to exist; empty ones add nothing.
  // A user's own sections and templates may be classified: owner-only folders.
  await ensurePrivateFolder(folders.userSectionsDir);
  await ensurePrivateFolder(folders.userTemplatesDir);
  return folders;
}

/** Today in the local calendar, as a brief spec writes dates. */
export function localIsoDate(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
