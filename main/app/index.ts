/**
 * The Electron main process: one locked-down window over the engine, the
 * menu, the dialogs and the IPC handlers. Rendering runs in a worker thread.
 */
import { app, BrowserWindow, ipcMain, screen, shell } from 'electron';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { eventChannels, type MenuCommand } from '../shared/ipc-contract.js';
import { localIsoDate, prepareAppFolders } from './app-folders.js';
import { guardUnsavedChanges } from './close-guard.js';
import { createMainWindow, guardWebContents } from './create-main-window.js';
import { createElectronDialogs } from './dialogs.js';
import { DocumentSession } from './document-session.js';
import { createIpcHandlers, type HandlerContext } from './ipc-handlers.js';
import { isTrustedFrame, registerIpcHandlers } from './ipc-main.js';
import { watchLibrary } from './library-watcher.js';
import { installMenu } from './menu.js';
import { RecentFiles } from './recent-files.js';
import { RecoveryStore } from './recovery-store.js';
import { RenderClient } from './render-client.js';
import { SettingsStore } from './settings.js';
import { EditBuffers } from './edit-buffers.js';
import { windowActions } from './window-actions.js';
import { openWebLink } from './web-links.js';
import { WindowStateStore } from './window-state.js';

const development = !app.isPackaged && Boolean(process.env.ELECTRON_RENDERER_URL);
const appUrl = development ? process.env.ELECTRON_RENDERER_URL! : pathToFileURL(fileURLToPath(new URL('../renderer/index.html', import.meta.url))).href;
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const workerUrl = new URL('./render-worker.js', import.meta.url);

// Every renderer is sandboxed, whatever a window's own options say.
app.enableSandbox();

if (!app.requestSingleInstanceLock()) app.quit();
else void app.whenReady().then(start);

app.on('web-contents-created', (_event, contents) => guardWebContents(contents));

interface OpenWindow {
  window: BrowserWindow;
  context: HandlerContext;
}

let current: OpenWindow | undefined;

async function start(): Promise<void> {
  const userData = app.getPath('userData');
  const folders = await prepareAppFolders(userData, app.getPath('documents'));
  const settings = new SettingsStore(userData);
  const recent = new RecentFiles(userData);
  const recovery = new RecoveryStore(userData);
  const windowState = new WindowStateStore(userData);
  const spawn = () => new Worker(workerUrl);
  const previewRenderer = new RenderClient({ spawn, pageHashes: true });
  const exportRenderer = new RenderClient({ spawn });
  const templateChecker = new RenderClient({ spawn });
  // Unsaved editor text, in memory only: the engine reads it over the disk.
  const editBuffers = new EditBuffers();
  const dialogs = createElectronDialogs(() => current?.window);

  const handlers = createIpcHandlers({
    folders,
    previewRenderer,
    exportRenderer,
    templateChecker,
    editBuffers,
    dialogs,
    shell: { openPath: (path) => shell.openPath(path), showItemInFolder: (path) => shell.showItemInFolder(path), openWebLink },
    settings,
    recent,
    recovery,
    today: () => localIsoDate(),
  });

  registerIpcHandlers(ipcMain, handlers, (event) => {
    if (!current || event.sender !== current.window.webContents) return undefined;
    return isTrustedFrame(event, appUrl) ? current.context : undefined;
  });

  const send = (command: MenuCommand) => {
    const target = current?.window;
    if (target && !target.isDestroyed()) target.webContents.send(eventChannels.menuCommand, command);
    else if (command.command === 'new' || command.command === 'open' || command.command === 'open-recent') openWindow();
  };
  const refreshMenu = () =>
    installMenu({
      platform: process.platform,
      recent: recent.list(),
      development,
      actions: {
        send,
        openUserFolder: (folder) => void shell.openPath(folder === 'sections' ? folders.userSectionsDir : folders.userTemplatesDir),
        clearRecent: () => void recent.clear(),
      },
    });
  recent.onChange(refreshMenu);
  refreshMenu();

  const openWindow = () => {
    const displays = screen.getAllDisplays().map((display) => display.workArea);
    const window = createMainWindow({ preloadPath, appUrl, state: windowState.restore(displays) });
    windowState.track(window);
    const session = new DocumentSession();
    const opened: OpenWindow = { window, context: { session, window: windowActions(window) } };
    guardUnsavedChanges(window, {
      session,
      ask: (name) => dialogs.confirmUnsavedChanges(name),
      requestSaveAndClose: () => window.webContents.send(eventChannels.menuCommand, { command: 'save-and-close' } satisfies MenuCommand),
    });
    window.on('closed', () => {
      // Closed through the close prompt: its work was saved or discarded, so nothing is left to recover.
      void recovery.forgetSession(session);
      if (current === opened) current = undefined;
    });
    current = opened;
  };

  const stopWatching = watchLibrary([folders.userSectionsDir, folders.userTemplatesDir], () => {
    current?.window.webContents.send(eventChannels.libraryChanged);
  });

  app.on('second-instance', () => {
    if (!current) return openWindow();
    if (current.window.isMinimized()) current.window.restore();
    current.window.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let recoverySettled = false;
  app.on('will-quit', (event) => {
    // The last window's recovery files are being removed: finish that before leaving.
    if (!recoverySettled) {
      event.preventDefault();
      recoverySettled = true;
      void recovery.settle().finally(() => app.quit());
      return;
    }
    void stopWatching();
    void previewRenderer.dispose();
    void exportRenderer.dispose();
    void templateChecker.dispose();
    editBuffers.clear();
  });

  openWindow();
}
