/**
 * The preload bridge for a plain browser page: each operation of the IPC
 * contract is exposed with page.exposeFunction and wired to the real main-side
 * handlers (validated with the contract's schemas, as ipc-main does), and an
 * init script builds `window.briefStudio` from them, one method per operation,
 * as main/preload.ts does in the app. PDF bytes cross as base64.
 */
import type { Page } from 'playwright-core';
import type { HandlerContext, IpcHandlers } from '../../../main/app/ipc-handlers.js';
import { eventChannels, invokeNames, parseRequest, type InvokeName, type MenuCommand } from '../../../main/shared/ipc-contract.js';

function encode(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Uint8Array) return { __bytes: Buffer.from(v).toString('base64') };
    if (v && typeof v === 'object' && (v as { type?: string }).type === 'Buffer' && Array.isArray((v as { data?: unknown }).data)) {
      return { __bytes: Buffer.from((v as { data: number[] }).data).toString('base64') };
    }
    return v;
  });
}

export interface BridgeCall {
  name: InvokeName;
  request: unknown;
  /** Milliseconds since the bridge was installed: when the page called, and when main answered (unset while it works). */
  calledAt: number;
  answeredAt?: number;
  /** The answer's status, when it has one (a render's `rendered`, `superseded`, `error`). */
  status?: string;
}

export interface BridgeLog {
  calls: BridgeCall[];
}

export async function installBridge(page: Page, handlers: IpcHandlers, context: HandlerContext): Promise<BridgeLog> {
  const log: BridgeLog = { calls: [] };
  const start = performance.now();
  for (const name of invokeNames) {
    await page.exposeFunction(`__briefStudio_${name}`, async (payload: string) => {
      const request = parseRequest(name, JSON.parse(payload));
      const call: BridgeCall = { name, request, calledAt: Math.round(performance.now() - start) };
      log.calls.push(call);
      const handler = handlers[name] as (request: unknown, context: HandlerContext) => Promise<unknown>;
      const answer = await handler(request, context);
      call.answeredAt = Math.round(performance.now() - start);
      const status = (answer as { status?: unknown } | undefined)?.status;
      if (typeof status === 'string') call.status = status;
      return encode(answer);
    });
  }
  await page.addInitScript(
    ({ names, channels }) => {
      const decode = (value: unknown): unknown => {
        if (Array.isArray(value)) return value.map(decode);
        if (value && typeof value === 'object') {
          const bytes = (value as { __bytes?: string }).__bytes;
          if (typeof bytes === 'string') return Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0));
          return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]));
        }
        return value;
      };
      const listeners: Record<string, Set<(payload?: unknown) => void>> = { [channels.menuCommand]: new Set(), [channels.libraryChanged]: new Set() };
      const subscribe = (channel: string) => (listener: (payload?: unknown) => void) => {
        listeners[channel]!.add(listener);
        return () => listeners[channel]!.delete(listener);
      };
      const api: Record<string, unknown> = {
        onMenuCommand: subscribe(channels.menuCommand),
        onLibraryChanged: subscribe(channels.libraryChanged),
        // What Electron's webUtils.getPathForFile answers in the app: a test names the path of each file it drops (dropFile).
        pathForFile: (file: File) => (window as unknown as { __briefStudioDropPaths?: Record<string, string> }).__briefStudioDropPaths?.[file.name] ?? '',
      };
      const global = window as unknown as Record<string, unknown>;
      for (const name of names) {
        api[name] = async (request?: unknown) => {
          const call = global[`__briefStudio_${name}`] as (payload: string) => Promise<string>;
          return decode(JSON.parse(await call(JSON.stringify(request ?? {}))));
        };
      }
      Object.defineProperty(window, 'briefStudio', { value: Object.freeze(api) });
      // What webContents.send does in the app: main tells the page.
      global.__briefStudioEmit = (channel: string, payload?: unknown) => {
        for (const listener of listeners[channel] ?? []) listener(payload);
      };
    },
    { names: invokeNames, channels: eventChannels },
  );
  return log;
}

/** Send a menu command to the page, as the app menu does. */
export function sendMenuCommand(page: Page, command: MenuCommand): Promise<void> {
  return page.evaluate(([channel, payload]) => (window as unknown as { __briefStudioEmit: (c: string, p: unknown) => void }).__briefStudioEmit(channel, payload), [eventChannels.menuCommand, command] as const);
}

/** Tell the page its library folders changed, as the folder watcher does. */
export function signalLibraryChanged(page: Page): Promise<void> {
  return page.evaluate((channel) => (window as unknown as { __briefStudioEmit: (c: string) => void }).__briefStudioEmit(channel), eventChannels.libraryChanged);
}

/**
 * Drop a file on the window as the user would from the file manager: a drop
 * event carrying the file, whose path the bridge answers as Electron's
 * webUtils does in the app.
 */
export function dropFile(page: Page, file: { name: string; path: string; text: string }): Promise<void> {
  return page.evaluate(({ name, path, text }) => {
    const global = window as unknown as { __briefStudioDropPaths?: Record<string, string> };
    global.__briefStudioDropPaths = { ...global.__briefStudioDropPaths, [name]: path };
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], name, { type: name.endsWith('.yaml') ? 'application/yaml' : 'text/plain' }));
    const target = document.querySelector('#preview-pages') ?? document.body;
    for (const type of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, file);
}
