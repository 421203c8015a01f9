/**
 * Just enough of Electron for the packaged main process to start under plain
 * Node: it records the window it creates and the IPC channels it registers,
 * then drives a few real IPC calls and prints one JSON report line.
 */
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const handlers = new Map();
const report = { windows: [], channels: [], calls: {} };

class WebContents extends EventEmitter {
  constructor() {
    super();
    this.mainFrame = { processId: 1, routingId: 1, url: '' };
    this.session = { setPermissionRequestHandler() {}, setPermissionCheckHandler() {} };
  }
  setWindowOpenHandler() {}
  send() {}
}

export class BrowserWindow extends EventEmitter {
  static all = [];
  static getAllWindows() {
    return BrowserWindow.all;
  }
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new WebContents();
    BrowserWindow.all.push(this);
  }
  async loadURL(url) {
    this.webContents.mainFrame.url = url;
    const prefs = this.options.webPreferences;
    report.windows.push({
      url,
      pageExists: existsSync(fileURLToPath(url)),
      preloadExists: existsSync(prefs.preload),
      contextIsolation: prefs.contextIsolation,
      sandbox: prefs.sandbox,
      nodeIntegration: prefs.nodeIntegration,
    });
    // The page calls in only once it has loaded, after the window is set up.
    setTimeout(() => void exercise(this), 10);
  }
  maximize() {}
  show() {}
  setTitle() {}
  setDocumentEdited() {}
  isDestroyed() {
    return false;
  }
  isMinimized() {
    return false;
  }
  getNormalBounds() {
    return { x: 0, y: 0, width: 1200, height: 800 };
  }
}

async function exercise(window) {
  const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
  const call = (channel, payload) => handlers.get(channel)(event, payload);
  report.channels = [...handlers.keys()].sort();
  const sections = await call('library:list-sections', {});
  report.calls.sections = sections.sections.map((s) => s.id);
  const templates = await call('library:list-templates', {});
  report.calls.templates = templates.templates.map((t) => t.id);
  const draft = { title: 'Packaged smoke test', date: '2024-01-02', template: 'memo', sections: report.calls.sections.slice(0, 2) };
  const preview = await call('brief:render-preview', { draft });
  report.calls.preview = { status: preview.status, pageCount: preview.pageCount, header: preview.pdf ? Buffer.from(preview.pdf.subarray(0, 5)).toString('latin1') : preview.error };
  try {
    await call('brief:render-preview', { draft: { title: 42 } });
    report.calls.badPayload = 'accepted';
  } catch (error) {
    report.calls.badPayload = error.message;
  }
  process.stdout.write(`SMOKE ${JSON.stringify(report)}\n`);
  process.exit(0);
}

const userData = process.env.FAKE_USER_DATA;
export const app = {
  isPackaged: true,
  getPath: (name) => (name === 'userData' ? userData : `${userData}/${name}`),
  enableSandbox() {},
  requestSingleInstanceLock: () => true,
  whenReady: () => Promise.resolve(),
  on() {},
  quit() {},
};
export const ipcMain = {
  handle(channel, handler) {
    handlers.set(channel, handler);
  },
  removeHandler(channel) {
    handlers.delete(channel);
  },
};
export const Menu = { buildFromTemplate: (template) => ({ template }), setApplicationMenu() {} };
export const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] };
export const shell = { openPath: async () => '', showItemInFolder() {}, openExternal: async () => {} };
export const dialog = {};
export const contextBridge = {};
export const ipcRenderer = {};
export default { app, ipcMain, Menu, screen, shell, dialog, BrowserWindow, contextBridge, ipcRenderer };
