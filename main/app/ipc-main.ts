/**
 * The only module that touches ipcMain. Every channel of the contract is
 * registered here through one typed `handle`, which checks that the call
 * comes from our own page in our own window and that its payload fits the
 * channel's schema before the handler sees it.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { invokeChannels, invokeNames, parseRequest, type InvokeName, type RequestOf, type ResponseOf } from '../shared/ipc-contract.js';
import type { HandlerContext, IpcHandlers } from './ipc-handlers.js';

/** Finds the window context for a trusted sender; undefined rejects the call. */
export type SenderResolver = (event: IpcMainInvokeEvent) => HandlerContext | undefined;

export function handle<N extends InvokeName>(
  ipcMain: IpcMain,
  name: N,
  handler: (request: RequestOf<N>, context: HandlerContext) => Promise<ResponseOf<N>>,
  resolveSender: SenderResolver,
): void {
  const channel = invokeChannels[name].channel;
  ipcMain.handle(channel, async (event, payload: unknown) => {
    const context = resolveSender(event);
    if (!context) throw new Error(`Rejected ${channel}: the request did not come from the Brief Studio window.`);
    return handler(parseRequest(name, payload), context);
  });
}

export function registerIpcHandlers(ipcMain: IpcMain, handlers: IpcHandlers, resolveSender: SenderResolver): void {
  for (const name of invokeNames) register(ipcMain, name, handlers, resolveSender);
}

function register<N extends InvokeName>(ipcMain: IpcMain, name: N, handlers: IpcHandlers, resolveSender: SenderResolver): void {
  handle(ipcMain, name, handlers[name] as (request: RequestOf<N>, context: HandlerContext) => Promise<ResponseOf<N>>, resolveSender);
}

export function unregisterIpcHandlers(ipcMain: IpcMain): void {
  for (const name of invokeNames) ipcMain.removeHandler(invokeChannels[name].channel);
}

/** True when `frameUrl` is the app's page: the same file for file: URLs, the same origin otherwise (dev server). */
export function isAppUrl(frameUrl: string, appUrl: string): boolean {
  let frame: URL;
  let app: URL;
  try {
    frame = new URL(frameUrl);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (app.protocol === 'file:') return frame.protocol === 'file:' && decodeURIComponent(frame.pathname) === decodeURIComponent(app.pathname);
  return frame.origin === app.origin;
}

/** The sender is trusted when it is the main frame of a known window's web contents, showing our page. */
export function isTrustedFrame(event: IpcMainInvokeEvent, appUrl: string): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  const main = event.sender.mainFrame;
  const isMainFrame = frame === main || (frame.processId === main.processId && frame.routingId === main.routingId);
  return isMainFrame && isAppUrl(frame.url, appUrl);
}
