import { describe, expect, it, vi } from 'vitest';
import { eventChannels, invokeChannels, invokeNames } from '../../main/shared/ipc-contract.js';

vi.mock('electron', () => import('./fake-electron.js'));
const electron = await import('./fake-electron.js');
await import('../../main/preload.js');

const api = electron.contextBridge.exposed.get('briefStudio') as Record<string, (...args: unknown[]) => unknown>;

describe('preload bridge', () => {
  it('exposes exactly one method per operation and the two event subscriptions', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
    expect(Object.keys(api).sort()).toEqual([...invokeNames, 'onLibraryChanged', 'onMenuCommand', 'pathForFile'].sort());
    for (const generic of ['invoke', 'send', 'on', 'ipcRenderer', 'sendSync']) expect(api).not.toHaveProperty(generic);
  });

  for (const name of invokeNames) {
    it(`${name} invokes ${invokeChannels[name].channel}`, async () => {
      electron.ipcRenderer.invoke.mockClear();
      electron.ipcRenderer.invoke.mockResolvedValueOnce('answer');
      const request = { marker: name };
      await expect(api[name]!(request)).resolves.toBe('answer');
      expect(electron.ipcRenderer.invoke).toHaveBeenCalledOnce();
      const [channel, payload] = electron.ipcRenderer.invoke.mock.calls[0]!;
      expect(channel).toBe(invokeChannels[name].channel);
      // Methods without a request send an empty object, never whatever the page passed.
      const takesRequest = Object.keys(invokeChannels[name].request.shape).length > 0;
      expect(payload).toEqual(takesRequest ? request : {});
    });
  }

  it('gives the path of a dropped file through webUtils, and none for a file without one', () => {
    expect((api.pathForFile as (file: unknown) => string)({ fakePath: '/home/a/summit.brief.yaml' })).toBe('/home/a/summit.brief.yaml');
    expect((api.pathForFile as (file: unknown) => string)({})).toBe('');
  });

  it('forwards menu commands without the IPC event and can unsubscribe', () => {
    const listener = vi.fn();
    const unsubscribe = api.onMenuCommand!(listener) as () => void;
    const [channel, forward] = electron.ipcRenderer.on.mock.calls.at(-1) as [string, (...args: unknown[]) => void];
    expect(channel).toBe(eventChannels.menuCommand);
    forward({ senderFrame: 'secret' }, { command: 'save' });
    expect(listener).toHaveBeenCalledWith({ command: 'save' });
    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith(eventChannels.menuCommand, forward);
  });

  it('tells the page when the library changed, with no arguments', () => {
    const listener = vi.fn();
    api.onLibraryChanged!(listener);
    const [channel, forward] = electron.ipcRenderer.on.mock.calls.at(-1) as [string, (...args: unknown[]) => void];
    expect(channel).toBe(eventChannels.libraryChanged);
    forward({ sender: 'x' }, 'extra');
    expect(listener).toHaveBeenCalledWith();
  });
});
