/**
 * The one window of the app, locked down: an isolated, sandboxed page with no
 * Node, no navigation away from our page, no pop-ups and no permissions.
 * Links the user clicks leave for the system browser, and only web links.
 * The options are written out literally so a static scan sees every one.
 */
import { BrowserWindow, type Session, type WebContents } from 'electron';
import { openWebLink } from './web-links.js';
import type { WindowState } from './window-state.js';

export interface MainWindowOptions {
  preloadPath: string;
  appUrl: string;
  state: WindowState;
}

export function createMainWindow({ preloadPath, appUrl, state }: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    minWidth: 1024,
    minHeight: 640,
    title: 'Brief Studio',
    backgroundColor: '#e9edf2',
    // Shown once the page has painted, so the window never flashes blank.
    show: false,
    webPreferences: {
      // Reviewed: the preload exposes one typed method per operation and nothing else (test/app/preload.test.ts).
      preload: preloadPath, // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      // Middle-click would otherwise try to open links in new windows.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: true,
    },
  });
  guardWebContents(window.webContents);
  lockDownSession(window.webContents.session);
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  void window.loadURL(appUrl);
  return window;
}

/** Navigation and new windows are denied; a web link opens in the system browser after a check. */
export function guardWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void openWebLink(url);
    return { action: 'deny' };
  });
}

/** The page needs no camera, notifications, geolocation or anything else a permission guards. */
export function lockDownSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
