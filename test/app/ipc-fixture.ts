/**
 * The app's real IPC handlers over temp folders and a real render worker,
 * with dialogs that answer "cancel" except where a test says otherwise: the
 * set-up the export, print and template tests share.
 */
import { vi } from 'vitest';
import { DocumentSession } from '../../main/app/document-session.js';
import type { EditBuffers } from '../../main/app/edit-buffers.js';
import { createIpcHandlers, type HandlerContext } from '../../main/app/ipc-handlers.js';
import { RecentFiles } from '../../main/app/recent-files.js';
import type { RenderClient } from '../../main/app/render-client.js';
import { SettingsStore } from '../../main/app/settings.js';
import { builtInSectionsDir, builtInTemplatesDir } from '../../main/engine/paths.js';
import type { AppDirs } from './fixtures.js';

export interface IpcFixtureOptions {
  dirs: AppDirs;
  /** Renders the preview, exports and checks templates, unless the next two say otherwise. */
  renderer: RenderClient;
  exportRenderer?: RenderClient;
  templateChecker?: RenderClient;
  /** The path the save dialog answers with (undefined: the user cancels). */
  choosePdfSavePath?: (path: string) => Promise<string | undefined>;
  editBuffers?: EditBuffers;
  today?: string;
}

export function ipcFixture(options: IpcFixtureOptions): { handlers: ReturnType<typeof createIpcHandlers>; context: HandlerContext } {
  const { dirs, renderer } = options;
  const exportRenderer = options.exportRenderer ?? renderer;
  const handlers = createIpcHandlers({
    folders: { builtInSectionsDir: builtInSectionsDir(), builtInTemplatesDir: builtInTemplatesDir(), userSectionsDir: dirs.userSections, userTemplatesDir: dirs.userTemplates, documentsDir: dirs.documents },
    previewRenderer: renderer,
    exportRenderer,
    templateChecker: options.templateChecker ?? exportRenderer,
    ...(options.editBuffers ? { editBuffers: options.editBuffers } : {}),
    dialogs: {
      chooseBriefToOpen: () => Promise.resolve(undefined),
      chooseBriefSavePath: () => Promise.resolve(undefined),
      choosePdfSavePath: options.choosePdfSavePath ?? (() => Promise.resolve(undefined)),
      confirmUnsavedChanges: () => Promise.resolve('cancel' as const),
      confirmDeleteTemplate: () => Promise.resolve(false),
    },
    shell: { openPath: () => Promise.resolve(''), showItemInFolder: () => undefined, openWebLink: () => Promise.resolve(true) },
    settings: new SettingsStore(dirs.userData),
    recent: new RecentFiles(dirs.userData),
    today: () => options.today ?? '2024-05-06',
  });
  const context: HandlerContext = { session: new DocumentSession(), window: { setDocumentState: vi.fn(), close: vi.fn(), print: vi.fn(() => Promise.resolve({ printed: true })) } };
  return { handlers, context };
}
