/**
 * A stand-in for the `electron` module, just wide enough for the main
 * process's wiring: it records what the code under test asks of Electron so
 * tests can check options, handlers, menus and dialogs without a binary.
 * Use with `vi.mock('electron', () => import('./fake-electron.js'))`.
 */
import { EventEmitter } from 'node:events';
import type { BrowserWindowConstructorOptions } from 'electron';
import { vi } from 'vitest';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- stands in for listeners of every Electron signature
type Listener = (...args: any[]) => unknown;

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  readonly sent: { channel: string; payload: unknown }[] = [];
  readonly mainFrame = { processId: 1, routingId: this.id, url: '' };
  readonly session = new FakeSession();
  printed: unknown[] = [];
  printResult: [boolean, string] = [true, ''];

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload?: unknown): void {
    this.sent.push({ channel, payload });
  }
  print(options: unknown, callback: (success: boolean, reason: string) => void): void {
    this.printed.push(options);
    callback(...this.printResult);
  }
  /** Emit an event the way Electron does, returning whether a listener called preventDefault. */
  fire(event: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(event, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

export class FakeSession {
  permissionRequestHandler: Listener | undefined;
  permissionCheckHandler: Listener | undefined;
  setPermissionRequestHandler(handler: Listener): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: Listener): void {
    this.permissionCheckHandler = handler;
  }
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  static getAllWindows = () => BrowserWindow.instances;
  readonly webContents = new FakeWebContents();
  loadedUrl: string | undefined;
  title = '';
  documentEdited = false;
  maximized = false;
  closed = false;
  shown = false;

  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    BrowserWindow.instances.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  show(): void {
    this.shown = true;
  }
  setTitle(title: string): void {
    this.title = title;
  }
  setDocumentEdited(edited: boolean): void {
    this.documentEdited = edited;
  }
  isDestroyed(): boolean {
    return this.closed;
  }
  getNormalBounds() {
    return { x: 10, y: 20, width: 1200, height: 800 };
  }
  close(): void {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) {
      this.closed = true;
      this.emit('closed');
    }
  }
}

export const shell = {
  openExternal: vi.fn((_url: string) => Promise.resolve()),
  openPath: vi.fn((_path: string) => Promise.resolve('')),
  showItemInFolder: vi.fn((_path: string) => undefined),
};

export const dialog = {
  showOpenDialog: vi.fn((..._args: unknown[]) => Promise.resolve({ canceled: true, filePaths: [] as string[] })),
  showSaveDialog: vi.fn((..._args: unknown[]) => Promise.resolve({ canceled: true, filePath: '' })),
  showMessageBox: vi.fn((..._args: unknown[]) => Promise.resolve({ response: 2, checkboxChecked: false })),
};

export const Menu = {
  current: undefined as { template: unknown[] } | undefined,
  buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
  setApplicationMenu: vi.fn((menu: { template: unknown[] }) => {
    Menu.current = menu;
  }),
  getApplicationMenu: () => Menu.current,
};

export class FakeIpcMain {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** Call a channel the way ipcRenderer.invoke would reach it. */
  invoke(channel: string, event: unknown, payload: unknown): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) return Promise.reject(new Error(`No handler registered for '${channel}'`));
    return Promise.resolve().then(() => handler(event, payload));
  }
}
export const ipcMain = new FakeIpcMain();

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld: vi.fn((key: string, api: unknown) => {
    contextBridge.exposed.set(key, api);
  }),
};

export const ipcRenderer = {
  invoke: vi.fn((_channel: string, _payload?: unknown): Promise<unknown> => Promise.resolve(undefined)),
  on: vi.fn(),
  removeListener: vi.fn(),
};

export const app = {
  isPackaged: false,
  getPath: (name: string) => `/tmp/fake-${name}`,
  on: vi.fn(),
  whenReady: () => new Promise(() => undefined),
  enableSandbox: vi.fn(),
  requestSingleInstanceLock: () => true,
  quit: vi.fn(),
};

export const webUtils = { getPathForFile: (file: { fakePath?: string }) => file.fakePath ?? '' };

export const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] };

export default { BrowserWindow, shell, dialog, Menu, ipcMain, contextBridge, ipcRenderer, app, screen, webUtils };
