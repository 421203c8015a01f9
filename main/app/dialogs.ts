/** The system dialogs behind the handlers' Dialogs interface, attached to the app window. */
import { dialog, type BrowserWindow } from 'electron';
import type { Dialogs, UnsavedChoice } from './ipc-handlers.js';

const BRIEF_FILTERS = [
  { name: 'Brief (*.brief.yaml)', extensions: ['yaml', 'yml'] },
  { name: 'All files', extensions: ['*'] },
];

export function createElectronDialogs(parent: () => BrowserWindow | undefined): Dialogs {
  const withParent = async <T>(show: (window: BrowserWindow | undefined) => Promise<T>): Promise<T> => show(parent());

  return {
    chooseBriefToOpen: (defaultFolder) =>
      withParent(async (window) => {
        const options = { title: 'Open Brief', defaultPath: defaultFolder, filters: BRIEF_FILTERS, properties: ['openFile' as const] };
        const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
        return result.canceled ? undefined : result.filePaths[0];
      }),

    chooseBriefSavePath: (defaultPath) =>
      withParent(async (window) => {
        const options = { title: 'Save Brief', defaultPath, filters: BRIEF_FILTERS, properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const] };
        const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
        return result.canceled ? undefined : result.filePath;
      }),

    choosePdfSavePath: (defaultPath) =>
      withParent(async (window) => {
        const options = {
          title: 'Export PDF',
          buttonLabel: 'Export',
          defaultPath,
          filters: [{ name: 'PDF document', extensions: ['pdf'] }],
          properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
        };
        const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
        return result.canceled ? undefined : result.filePath;
      }),

    confirmUnsavedChanges: (documentName) =>
      withParent(async (window) => {
        const options = {
          type: 'warning' as const,
          buttons: ['Save', "Don't Save", 'Cancel'],
          defaultId: 0,
          cancelId: 2,
          noLink: true,
          message: `Do you want to save the changes you made to “${documentName}”?`,
          detail: "Your changes will be lost if you don't save them.",
        };
        const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
        const choices: UnsavedChoice[] = ['save', 'discard', 'cancel'];
        return choices[response] ?? 'cancel';
      }),

    confirmDeleteTemplate: (templateName) =>
      withParent(async (window) => {
        const options = {
          type: 'warning' as const,
          buttons: ['Delete', 'Cancel'],
          defaultId: 1,
          cancelId: 1,
          noLink: true,
          message: `Delete the template “${templateName}”?`,
          detail: 'Its folder and every file in it are deleted. This cannot be undone.',
        };
        const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
        return response === 0;
      }),
  };
}
