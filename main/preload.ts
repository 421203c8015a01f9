/**
 * The bridge between the sandboxed page and the main process: one method per
 * operation of the IPC contract, nothing generic. The page never sees
 * ipcRenderer, channel names or Node.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { eventChannels, invokeChannels as c, type BriefStudioApi, type MenuCommand } from './shared/ipc-contract.js';

const api: BriefStudioApi = {
  listSections: () => ipcRenderer.invoke(c.listSections.channel, {}),
  listTemplates: () => ipcRenderer.invoke(c.listTemplates.channel, {}),
  renderPreview: (request) => ipcRenderer.invoke(c.renderPreview.channel, request),
  exportPdf: (request) => ipcRenderer.invoke(c.exportPdf.channel, request),
  listUnsavedInputs: (request) => ipcRenderer.invoke(c.listUnsavedInputs.channel, request),
  revealExport: (request) => ipcRenderer.invoke(c.revealExport.channel, request),
  newBrief: () => ipcRenderer.invoke(c.newBrief.channel, {}),
  openBrief: (request) => ipcRenderer.invoke(c.openBrief.channel, request),
  saveBrief: (request) => ipcRenderer.invoke(c.saveBrief.channel, request),
  setDocumentState: (request) => ipcRenderer.invoke(c.setDocumentState.channel, request),
  confirmDiscard: () => ipcRenderer.invoke(c.confirmDiscard.channel, {}),
  closeWindow: () => ipcRenderer.invoke(c.closeWindow.channel, {}),
  printPages: (request) => ipcRenderer.invoke(c.printPages.channel, request),
  openUserFolder: (request) => ipcRenderer.invoke(c.openUserFolder.channel, request),
  openExternal: (request) => ipcRenderer.invoke(c.openExternal.channel, request),
  duplicateTemplate: (request) => ipcRenderer.invoke(c.duplicateTemplate.channel, request),
  renameTemplate: (request) => ipcRenderer.invoke(c.renameTemplate.channel, request),
  deleteTemplate: (request) => ipcRenderer.invoke(c.deleteTemplate.channel, request),
  revealTemplate: (request) => ipcRenderer.invoke(c.revealTemplate.channel, request),
  listTemplateFiles: (request) => ipcRenderer.invoke(c.listTemplateFiles.channel, request),
  readTemplateFile: (request) => ipcRenderer.invoke(c.readTemplateFile.channel, request),
  writeTemplateFile: (request) => ipcRenderer.invoke(c.writeTemplateFile.channel, request),
  checkTemplate: (request) => ipcRenderer.invoke(c.checkTemplate.channel, request),
  listPrinters: () => ipcRenderer.invoke(c.listPrinters.channel, {}),
  previewHandout: (request) => ipcRenderer.invoke(c.previewHandout.channel, request),
  printHandout: (request) => ipcRenderer.invoke(c.printHandout.channel, request),
  exportHandout: (request) => ipcRenderer.invoke(c.exportHandout.channel, request),
  cancelPrintRequest: (request) => ipcRenderer.invoke(c.cancelPrintRequest.channel, request),
  cancelPrintJob: (request) => ipcRenderer.invoke(c.cancelPrintJob.channel, request),
  getViewSettings: () => ipcRenderer.invoke(c.getViewSettings.channel, {}),
  setViewSettings: (request) => ipcRenderer.invoke(c.setViewSettings.channel, request),
  keepRecovery: (request) => ipcRenderer.invoke(c.keepRecovery.channel, request),
  forgetRecovery: (request) => ipcRenderer.invoke(c.forgetRecovery.channel, request),
  listRecovery: () => ipcRenderer.invoke(c.listRecovery.channel, {}),
  restoreRecovery: (request) => ipcRenderer.invoke(c.restoreRecovery.channel, request),
  discardRecovery: (request) => ipcRenderer.invoke(c.discardRecovery.channel, request),
  listRecent: () => ipcRenderer.invoke(c.listRecent.channel, {}),
  openDroppedBrief: (request) => ipcRenderer.invoke(c.openDroppedBrief.channel, request),
  // Electron no longer puts a path on File objects; main checks the file before opening it.
  pathForFile: (file) => {
    try {
      return webUtils.getPathForFile(file);
    } catch {
      return '';
    }
  },
  openSection: (request) => ipcRenderer.invoke(c.openSection.channel, request),
  newSection: (request) => ipcRenderer.invoke(c.newSection.channel, request),
  updateSection: (request) => ipcRenderer.invoke(c.updateSection.channel, request),
  saveSection: (request) => ipcRenderer.invoke(c.saveSection.channel, request),
  updateSectionText: (request) => ipcRenderer.invoke(c.updateSectionText.channel, request),
  saveSectionText: (request) => ipcRenderer.invoke(c.saveSectionText.channel, request),
  discardSection: (request) => ipcRenderer.invoke(c.discardSection.channel, request),
  duplicateSection: (request) => ipcRenderer.invoke(c.duplicateSection.channel, request),
  renameSection: (request) => ipcRenderer.invoke(c.renameSection.channel, request),
  deleteSection: (request) => ipcRenderer.invoke(c.deleteSection.channel, request),
  addSectionImage: (request) => ipcRenderer.invoke(c.addSectionImage.channel, request),

  onMenuCommand(listener) {
    const forward = (_event: IpcRendererEvent, command: MenuCommand) => listener(command);
    ipcRenderer.on(eventChannels.menuCommand, forward);
    return () => ipcRenderer.removeListener(eventChannels.menuCommand, forward);
  },
  onLibraryChanged(listener) {
    const forward = () => listener();
    ipcRenderer.on(eventChannels.libraryChanged, forward);
    return () => ipcRenderer.removeListener(eventChannels.libraryChanged, forward);
  },
};

contextBridge.exposeInMainWorld('briefStudio', api);
