import type { MessageBoxOptions, OpenDialogOptions, SaveDialogOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron.js'));
const electron = await import('./fake-electron.js');
const { createElectronDialogs } = await import('../../main/app/dialogs.js');

describe('system dialogs', () => {
  const window = new electron.BrowserWindow({});
  const dialogs = createElectronDialogs(() => window as never);

  beforeEach(() => {
    electron.dialog.showOpenDialog.mockReset();
    electron.dialog.showSaveDialog.mockReset();
    electron.dialog.showMessageBox.mockReset();
  });

  it('opens a brief from the remembered folder, attached to the window', async () => {
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/docs/summit.brief.yaml'] });
    await expect(dialogs.chooseBriefToOpen('/docs')).resolves.toBe('/docs/summit.brief.yaml');
    const [parent, options] = electron.dialog.showOpenDialog.mock.calls[0] as [unknown, OpenDialogOptions];
    expect(parent).toBe(window);
    expect(options.defaultPath).toBe('/docs');
    expect(options.properties).toEqual(['openFile']);
    expect(options.filters?.[0]?.extensions).toContain('yaml');
  });

  it('reports a cancelled dialog as undefined', async () => {
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    electron.dialog.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' });
    await expect(dialogs.chooseBriefToOpen('/docs')).resolves.toBeUndefined();
    await expect(dialogs.chooseBriefSavePath('/docs/a.brief.yaml')).resolves.toBeUndefined();
    await expect(dialogs.choosePdfSavePath('/docs/a.pdf')).resolves.toBeUndefined();
  });

  it('asks where to export with a PDF filter and the suggested path', async () => {
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/out/brief.pdf' });
    await expect(dialogs.choosePdfSavePath('/last/folder/brief.pdf')).resolves.toBe('/out/brief.pdf');
    const options = electron.dialog.showSaveDialog.mock.calls[0]![1] as SaveDialogOptions;
    expect(options.defaultPath).toBe('/last/folder/brief.pdf');
    expect(options.filters).toEqual([{ name: 'PDF document', extensions: ['pdf'] }]);
  });

  it('maps the unsaved-changes buttons to save, discard and cancel', async () => {
    for (const [response, choice] of [
      [0, 'save'],
      [1, 'discard'],
      [2, 'cancel'],
    ] as const) {
      electron.dialog.showMessageBox.mockResolvedValueOnce({ response, checkboxChecked: false });
      await expect(dialogs.confirmUnsavedChanges('summit.brief.yaml')).resolves.toBe(choice);
    }
    const options = electron.dialog.showMessageBox.mock.calls[0]![1] as MessageBoxOptions;
    expect(options.buttons).toEqual(['Save', "Don't Save", 'Cancel']);
    expect(options.cancelId).toBe(2);
    expect(options.message).toContain('summit.brief.yaml');
  });

  it('asks before deleting a template, with Cancel as the default answer', async () => {
    electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false });
    await expect(dialogs.confirmDeleteTemplate('House Memo')).resolves.toBe(true);
    electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false });
    await expect(dialogs.confirmDeleteTemplate('House Memo')).resolves.toBe(false);
    const [parent, options] = electron.dialog.showMessageBox.mock.calls[0] as [unknown, MessageBoxOptions];
    expect(parent).toBe(window);
    expect(options.buttons).toEqual(['Delete', 'Cancel']);
    expect(options.defaultId).toBe(1);
    expect(options.cancelId).toBe(1);
    expect(options.message).toContain('House Memo');
    expect(options.detail).toMatch(/cannot be undone/);
  });
});
