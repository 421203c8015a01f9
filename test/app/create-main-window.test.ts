import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron.js'));

const electron = await import('./fake-electron.js');
const { createMainWindow } = await import('../../main/app/create-main-window.js');

const state = { width: 1300, height: 850, maximized: false };

/** The options the window was constructed with. */
function optionsFor(preloadPath: string, windowState: typeof state & { x?: number; y?: number }) {
  const window = createMainWindow({ preloadPath, appUrl: 'file:///app/index.html', state: windowState }) as unknown as InstanceType<typeof electron.BrowserWindow>;
  return window.options;
}

describe('main window options', () => {
  it('isolates, sandboxes and strips Node from the page', () => {
    const prefs = optionsFor('/app/out/preload/index.cjs', state).webPreferences!;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.disableBlinkFeatures).toBe('Auxclick');
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
  });

  it('uses the remembered size and position', () => {
    const options = optionsFor('p', { x: 40, y: 60, width: 1111, height: 777, maximized: false });
    expect(options).toMatchObject({ x: 40, y: 60, width: 1111, height: 777, show: false });
  });
});

describe('createMainWindow', () => {
  beforeEach(() => {
    electron.shell.openExternal.mockClear();
  });

  const open = (maximized = false) => createMainWindow({ preloadPath: 'p', appUrl: 'file:///app/out/renderer/index.html', state: { ...state, maximized } }) as unknown as InstanceType<typeof electron.BrowserWindow>;

  it('loads our page and shows the window once it has painted', () => {
    const window = open();
    expect(window.loadedUrl).toBe('file:///app/out/renderer/index.html');
    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });

  it('restores a maximized window maximized', () => {
    expect(open(true).maximized).toBe(true);
    expect(open(false).maximized).toBe(false);
  });

  it('prevents every navigation, redirect and webview', () => {
    const contents = open().webContents;
    expect(contents.fire('will-navigate', 'https://example.org/')).toBe(true);
    expect(contents.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.fire('will-redirect', 'https://example.org/')).toBe(true);
    expect(contents.fire('will-attach-webview', {}, {})).toBe(true);
  });

  it('denies new windows and sends only http(s) links to the system browser', () => {
    const handler = open().webContents.windowOpenHandler!;
    expect(handler({ url: 'https://www.mofa.go.jp/' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://www.mofa.go.jp/');
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'https://user:pw@example.org/', 'not a url']) {
      electron.shell.openExternal.mockClear();
      expect(handler({ url })).toEqual({ action: 'deny' });
      expect(electron.shell.openExternal).not.toHaveBeenCalled();
    }
  });

  it('denies every permission request and check', () => {
    const session = open().webContents.session;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      session.permissionRequestHandler!({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(session.permissionCheckHandler!({}, permission)).toBe(false);
    }
  });
});
