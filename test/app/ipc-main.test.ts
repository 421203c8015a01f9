import { describe, expect, it, vi } from 'vitest';
import { invokeChannels, invokeNames } from '../../main/shared/ipc-contract.js';
import type { HandlerContext, IpcHandlers } from '../../main/app/ipc-handlers.js';
import { handle, isAppUrl, isTrustedFrame, registerIpcHandlers } from '../../main/app/ipc-main.js';
import { FakeIpcMain } from './fake-electron.js';

const APP_URL = 'file:///opt/Brief%20Studio/resources/app.asar/out/renderer/index.html';

/** An invoke event from a frame; by default our window's main frame showing our page. */
function eventFrom(options: { url?: string; subFrame?: boolean; noFrame?: boolean } = {}) {
  const mainFrame = { processId: 4, routingId: 1, url: options.url ?? APP_URL };
  const senderFrame = options.noFrame ? null : options.subFrame ? { processId: 4, routingId: 2, url: options.url ?? APP_URL } : mainFrame;
  return { sender: { mainFrame }, senderFrame } as never;
}

const context = { session: {}, window: {} } as unknown as HandlerContext;

function recordingHandlers(): IpcHandlers & { calls: [string, unknown][] } {
  const calls: [string, unknown][] = [];
  const handlers = Object.fromEntries(
    invokeNames.map((name) => [
      name,
      vi.fn((request: unknown) => {
        calls.push([name, request]);
        return Promise.resolve({ ok: true });
      }),
    ]),
  );
  return Object.assign(handlers as unknown as IpcHandlers, { calls });
}

const validDraft = { title: 'T', date: '2024-01-01', template: 'handout', sections: ['a'] };

const validPayloads: Record<string, unknown> = {
  listSections: {},
  listTemplates: {},
  renderPreview: { draft: { title: 'T', date: '2024-01-01', template: 'memo', sections: ['a'] } },
  exportPdf: { draft: { title: 'T', date: '2024-01-01', template: 'memo', sections: ['a'] } },
  listUnsavedInputs: { draft: validDraft, templateEdit: { id: 'house-memo', overlay: [{ path: 'brief.hbs', text: '# {{brief.title}}\n' }] } },
  revealExport: { path: '/tmp/x.pdf', action: 'open' },
  newBrief: {},
  openBrief: {},
  saveBrief: { draft: { title: 'T', date: '2024-01-01', template: 'memo', sections: [] }, saveAs: false },
  setDocumentState: { dirty: true, title: 'T' },
  confirmDiscard: {},
  closeWindow: {},
  printPages: { pageWidth: 612, pageHeight: 792 },
  openUserFolder: { folder: 'sections' },
  openExternal: { url: 'https://example.org' },
  duplicateTemplate: { sourceId: 'memo', name: 'House memo' },
  renameTemplate: { id: 'house-memo', name: 'Office memo' },
  deleteTemplate: { id: 'house-memo' },
  revealTemplate: { id: 'memo' },
  listTemplateFiles: { id: 'memo' },
  readTemplateFile: { id: 'memo', path: 'brief.hbs' },
  writeTemplateFile: { id: 'house-memo', path: 'partials/section.hbs', text: '## {{title}}\n' },
  checkTemplate: { id: 'house-memo', overlay: [{ path: 'brief.hbs', text: '# {{brief.title}}\n' }] },
  listPrinters: {},
  previewHandout: { draft: validDraft, handout: { layout: '2-up', notes: true, copies: 3 } },
  printHandout: { draft: validDraft, handout: { layout: 'booklet', notes: false, paper: 'a4', copies: 1, recipients: 'Jane Doe\n' }, printer: 'office', requestId: 'b1c2-d3' },
  exportHandout: { draft: validDraft, handout: { layout: '4-up', notes: false, copies: 1 } },
  cancelPrintRequest: { requestId: 'b1c2-d3' },
  cancelPrintJob: { jobId: 'office-12' },
  getViewSettings: {},
  setViewSettings: { libraryCollapsed: true, textScale: 1.3 },
  keepRecovery: { kind: 'brief', key: 'brief', label: 'T', content: { draft: validDraft } },
  forgetRecovery: { kind: 'template', key: 'house-memo' },
  listRecovery: {},
  restoreRecovery: { id: '0b0e6a55-1c1c-4e4e-8a8a-123456789abc-0123456789abcdef01234567.json' },
  discardRecovery: { id: '0b0e6a55-1c1c-4e4e-8a8a-123456789abc-0123456789abcdef01234567.json' },
  listRecent: {},
  openDroppedBrief: { path: '/home/a/summit.brief.yaml' },
  openSection: { id: 'space-agreement' },
  newSection: { title: 'My notes' },
  updateSection: { id: 'my-notes', fields: { title: 'Notes', summary: 'S.', tags: ['a'], key_facts: [{ text: 'F.', source: 'r' }], quotes: [], sources: [{ id: 'r', title: 'T', publisher: 'P', date: '2024' }] }, body: 'Body.\n' },
  saveSection: { id: 'my-notes', fields: { title: 'Notes', summary: 'S.', tags: ['a'], key_facts: [{ text: 'F.', source: 'r' }], quotes: [], sources: [{ id: 'r', title: 'T', publisher: 'P', date: '2024' }] }, body: 'Body.\n' },
  updateSectionText: { id: 'my-notes', text: '---\nid: my-notes\n---\nBody.\n' },
  saveSectionText: { id: 'my-notes', text: '---\nid: my-notes\n---\nBody.\n', diskStamp: null },
  discardSection: { id: 'my-notes' },
  duplicateSection: { sourceId: 'space-agreement', title: 'My copy' },
  renameSection: { id: 'my-notes', newId: 'notes' },
  deleteSection: { id: 'my-notes' },
  addSectionImage: { id: 'my-notes', name: 'chart.png', base64: 'iVBORw0KGgo=' },
};

const badPayloads: Record<string, unknown> = {
  listSections: { extra: 1 },
  listTemplates: 'x',
  renderPreview: { draft: { title: 42 } },
  exportPdf: { draft: { title: 'T', date: '2024-01-01', template: 'memo', sections: 'a' } },
  listUnsavedInputs: { draft: validDraft, unsaved: 'include' },
  revealExport: { path: '/tmp/x.pdf', action: 'delete' },
  newBrief: [1],
  openBrief: { recentPath: 7 },
  saveBrief: { draft: { title: 'T', date: '2024-01-01', template: 'memo', sections: [] } },
  setDocumentState: { dirty: 'yes', title: 'T' },
  confirmDiscard: { choice: 'save' },
  closeWindow: { force: true },
  printPages: { pageWidth: -1, pageHeight: 792 },
  openUserFolder: { folder: '/etc' },
  openExternal: { url: 'x'.repeat(5000) },
  duplicateTemplate: { sourceId: '../memo', name: 'Copy' },
  renameTemplate: { id: 'house-memo' },
  deleteTemplate: { id: '/etc' },
  revealTemplate: { id: '' },
  listTemplateFiles: { id: 'memo', extra: true },
  readTemplateFile: { id: 'memo', path: 'x'.repeat(400) },
  writeTemplateFile: { id: 'house-memo', path: 'brief.hbs', text: 'x'.repeat(1_000_001) },
  checkTemplate: { id: 'memo', overlay: [{ path: 'brief.hbs' }] },
  listPrinters: { printer: 'office' },
  previewHandout: { draft: validDraft, handout: { layout: '3-up', notes: false, copies: 1 } },
  printHandout: { draft: validDraft, handout: { layout: '2-up', notes: false, copies: 1 }, printer: 7 },
  exportHandout: { draft: validDraft, handout: { layout: '2-up', notes: false, copies: 1000 } },
  cancelPrintRequest: { requestId: 'has spaces' },
  cancelPrintJob: { jobId: '-a' },
  getViewSettings: { textScale: 2 },
  setViewSettings: { textScale: 9 },
  keepRecovery: { kind: 'settings', key: 'x', label: 'T', content: { draft: validDraft } },
  forgetRecovery: { kind: 'brief', key: '' },
  listRecovery: { all: true },
  restoreRecovery: { id: '../../etc/passwd' },
  discardRecovery: { id: 'recent-briefs.json' },
  listRecent: { max: 3 },
  openDroppedBrief: { path: 7 },
  openSection: { id: '../etc/passwd' },
  newSection: { title: 7 },
  updateSection: { id: 'my-notes', fields: { title: 'x' }, body: '' },
  saveSection: { id: 'My Notes', fields: { title: 'Notes', summary: 'S.', tags: ['a'], key_facts: [{ text: 'F.', source: 'r' }], quotes: [], sources: [{ id: 'r', title: 'T', publisher: 'P', date: '2024' }] }, body: '' },
  updateSectionText: { id: 'my-notes', text: 7 },
  saveSectionText: { id: 'my-notes', text: 'x', diskStamp: 7 },
  discardSection: { id: '' },
  duplicateSection: { sourceId: '/etc/hosts', title: 'Copy' },
  renameSection: { id: 'my-notes' },
  deleteSection: { id: 'a/b' },
  addSectionImage: { id: 'my-notes', name: 'big.png', base64: 'x'.repeat(30_000_000) },
};

describe('IPC registration', () => {
  it('registers every channel of the contract, once', () => {
    const ipc = new FakeIpcMain();
    registerIpcHandlers(ipc as never, recordingHandlers(), () => context);
    expect([...ipc.handlers.keys()].sort()).toEqual(invokeNames.map((n) => invokeChannels[n].channel).sort());
    expect(new Set(invokeNames.map((n) => invokeChannels[n].channel)).size).toBe(invokeNames.length);
  });

  it('has a valid and an invalid sample for every channel (keeps this test complete)', () => {
    expect(Object.keys(validPayloads).sort()).toEqual([...invokeNames].sort());
    expect(Object.keys(badPayloads).sort()).toEqual([...invokeNames].sort());
  });

  for (const name of invokeNames) {
    it(`${name}: passes a valid payload to its handler`, async () => {
      const ipc = new FakeIpcMain();
      const handlers = recordingHandlers();
      registerIpcHandlers(ipc as never, handlers, () => context);
      await expect(ipc.invoke(invokeChannels[name].channel, eventFrom(), validPayloads[name])).resolves.toEqual({ ok: true });
      expect(handlers.calls).toHaveLength(1);
      expect(handlers.calls[0]![0]).toBe(name);
    });

    it(`${name}: rejects a malformed payload before the handler runs`, async () => {
      const ipc = new FakeIpcMain();
      const handlers = recordingHandlers();
      registerIpcHandlers(ipc as never, handlers, () => context);
      await expect(ipc.invoke(invokeChannels[name].channel, eventFrom(), badPayloads[name])).rejects.toThrow(/invalid request/);
      expect(handlers.calls).toHaveLength(0);
    });

    it(`${name}: rejects a sender that is not our window`, async () => {
      const ipc = new FakeIpcMain();
      const handlers = recordingHandlers();
      registerIpcHandlers(ipc as never, handlers, () => undefined);
      await expect(ipc.invoke(invokeChannels[name].channel, eventFrom(), validPayloads[name])).rejects.toThrow(/did not come from the Brief Studio window/);
      expect(handlers.calls).toHaveLength(0);
    });
  }

  it('typed handle() strips nothing it should keep and passes the context', async () => {
    const ipc = new FakeIpcMain();
    const handler = vi.fn(() => Promise.resolve({ ok: true }));
    handle(ipc as never, 'openExternal', handler, () => context);
    await ipc.invoke('app:open-external', eventFrom(), { url: 'https://example.org/a' });
    expect(handler).toHaveBeenCalledWith({ url: 'https://example.org/a' }, context);
  });
});

describe('sender checks', () => {
  it('trusts only the main frame showing our page', () => {
    expect(isTrustedFrame(eventFrom(), APP_URL)).toBe(true);
    expect(isTrustedFrame(eventFrom({ url: `${APP_URL}#section` }), APP_URL)).toBe(true);
    expect(isTrustedFrame(eventFrom({ subFrame: true }), APP_URL)).toBe(false);
    expect(isTrustedFrame(eventFrom({ noFrame: true }), APP_URL)).toBe(false);
    expect(isTrustedFrame(eventFrom({ url: 'https://evil.example/' }), APP_URL)).toBe(false);
    expect(isTrustedFrame(eventFrom({ url: 'file:///tmp/other.html' }), APP_URL)).toBe(false);
  });

  it('compares file pages by path and dev-server pages by origin', () => {
    expect(isAppUrl('file:///opt/Brief Studio/resources/app.asar/out/renderer/index.html', APP_URL)).toBe(true);
    expect(isAppUrl('file:///opt/Brief%20Studio/resources/app.asar/out/renderer/other.html', APP_URL)).toBe(false);
    expect(isAppUrl('http://localhost:5173/index.html', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isAppUrl('garbage', APP_URL)).toBe(false);
  });
});
