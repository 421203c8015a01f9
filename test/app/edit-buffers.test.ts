/**
 * The editors' unsaved buffers: a fresh stamp for each change (and only for
 * a change), the template editor's whole set replacing its folder's buffers,
 * and, through the real handlers and render worker, a section typed but not
 * saved shows in the library and the preview, then goes when discarded.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DocumentSession } from '../../main/app/document-session.js';
import { EditBuffers, filesFromList } from '../../main/app/edit-buffers.js';
import { createIpcHandlers, type HandlerContext } from '../../main/app/ipc-handlers.js';
import { RecentFiles } from '../../main/app/recent-files.js';
import { RenderClient } from '../../main/app/render-client.js';
import { SettingsStore } from '../../main/app/settings.js';
import { buildBrief, builtInSectionsDir, builtInTemplatesDir, defaultSpec } from '../../main/engine/index.js';
import type { BriefDraft } from '../../main/shared/ipc-contract.js';
import { readPdf, sectionFile, tempAppDirs } from './fixtures.js';
import { spawnTsWorker } from './ts-worker.js';

describe('EditBuffers', () => {
  it('stamps each change afresh, below any time a file can have, and keeps the stamp for the same text', () => {
    const buffers = new EditBuffers();
    buffers.set('/brief/notes.md', 'one');
    const first = buffers.list()![0]![1].mtimeMs;
    expect(first).toBeLessThan(0);
    buffers.set('/brief/notes.md', 'one');
    expect(buffers.list()![0]![1].mtimeMs).toBe(first);
    buffers.set('/brief/sub/../notes.md', 'two');
    expect(buffers.size).toBe(1);
    expect(buffers.get('/brief/notes.md')).toBe('two');
    expect(buffers.list()![0]![1].mtimeMs).toBeLessThan(first);
    // Another set of buffers never reuses a stamp either: the engine's caches are per process.
    const other = new EditBuffers();
    other.set('/brief/notes.md', 'one');
    expect(other.list()![0]![1].mtimeMs).not.toBe(first);
    buffers.discard('/brief/notes.md');
    expect(buffers.has('/brief/notes.md')).toBe(false);
    expect(buffers.list()).toBeUndefined();
  });

  it("replaces a folder's buffers with an editor's whole set, leaving other folders' alone", () => {
    const buffers = new EditBuffers();
    buffers.set('/t/house/brief.hbs', 'a');
    buffers.set('/t/house/partials/old.hbs', 'b');
    buffers.set('/t/house-2/brief.hbs', 'c');
    buffers.set('/s/notes.md', 'd');
    buffers.replaceUnder('/t/house', new Map([['/t/house/brief.hbs', 'a'], ['/t/house/template.yaml', 'e']]));
    expect(buffers.list()!.map(([path]) => path).sort()).toEqual(['/s/notes.md', '/t/house-2/brief.hbs', '/t/house/brief.hbs', '/t/house/template.yaml']);
    buffers.discardUnder('/t/house');
    expect(buffers.list()!.map(([path]) => path).sort()).toEqual(['/s/notes.md', '/t/house-2/brief.hbs']);
  });

  it('travels to a build as plain data: the build reads the latest text of each buffer', async () => {
    const dirs = tempAppDirs('bs-buffers-');
    const buffers = new EditBuffers();
    const file = join(dirs.userSections, 'draft-notes.md');
    const spec = { ...defaultSpec(), title: 'Buffers', date: '2024-01-01', sections: ['draft-notes'] };
    buffers.set(file, sectionFile('draft-notes', 'Draft', 'First words typed.'));
    // Cloned as postMessage clones it to the worker.
    const first = await buildBrief(spec, { sectionDirs: [dirs.userSections], files: filesFromList(structuredClone(buffers.list())) });
    expect((await readPdf(first.pdf)).text).toContain('First words typed.');
    buffers.set(file, sectionFile('draft-notes', 'Draft', 'Second words typed.'));
    const second = await buildBrief(spec, { sectionDirs: [dirs.userSections], files: filesFromList(structuredClone(buffers.list())) });
    expect((await readPdf(second.pdf)).text).toContain('Second words typed.');
    // Nothing of it reached the disk.
    expect(readdirSync(dirs.userSections)).toEqual([]);
  });
});

describe('unsaved sections through the handlers', () => {
  const previewer = new RenderClient({ spawn: () => spawnTsWorker() });
  afterAll(() => previewer.dispose());

  it('lists and previews a section that exists only in the buffers, and forgets it when discarded', { timeout: 120_000 }, async () => {
    const dirs = tempAppDirs('bs-buffers-app-');
    const editBuffers = new EditBuffers();
    const handlers = createIpcHandlers({
      folders: { builtInSectionsDir: builtInSectionsDir(), builtInTemplatesDir: builtInTemplatesDir(), userSectionsDir: dirs.userSections, userTemplatesDir: dirs.userTemplates, documentsDir: dirs.documents },
      previewRenderer: previewer,
      exportRenderer: previewer,
      templateChecker: previewer,
      editBuffers,
      dialogs: {
        chooseBriefToOpen: vi.fn(() => Promise.resolve(undefined)),
        chooseBriefSavePath: vi.fn(() => Promise.resolve(undefined)),
        choosePdfSavePath: vi.fn(() => Promise.resolve(undefined)),
        confirmUnsavedChanges: vi.fn(() => Promise.resolve('cancel' as const)),
        confirmDeleteTemplate: vi.fn(() => Promise.resolve(false)),
      },
      shell: { openPath: vi.fn(() => Promise.resolve('')), showItemInFolder: vi.fn(), openWebLink: vi.fn(() => Promise.resolve(true)) },
      settings: new SettingsStore(dirs.userData),
      recent: new RecentFiles(dirs.userData),
      today: () => '2024-05-06',
    });
    const context: HandlerContext = { session: new DocumentSession(), window: { setDocumentState: vi.fn(), close: vi.fn(), print: vi.fn(() => Promise.resolve({ printed: true })) } };
    const draft: BriefDraft = { title: 'Unsaved section', subtitle: '', date: '2024-05-06', author: '', audience: '', classification: 'UNCLASSIFIED', template: 'memo', sections: ['new-notes'], options: {} };
    const file = join(dirs.userSections, 'new-notes.md');

    editBuffers.set(file, sectionFile('new-notes', 'New notes', 'Words not yet saved.'));
    const listed = await handlers.listSections({}, context);
    expect(listed.sections.map((s) => s.id)).toContain('new-notes');
    const shown = await handlers.renderPreview({ draft }, context);
    if (shown.status !== 'rendered') throw new Error(JSON.stringify(shown));
    expect((await readPdf(shown.pdf)).text).toContain('Words not yet saved.');
    expect(existsSync(file)).toBe(false);

    // A mistake typed into the buffer is reported at the real file and line.
    editBuffers.set(file, '---\nid: new-notes\ntitle: [unclosed\n---\nBody.\n');
    await expect(handlers.renderPreview({ draft }, context)).resolves.toMatchObject({ status: 'error', error: { location: { file, line: 3 } } });

    // Saved (the editor writes the file, then drops the buffer): the disk's text is what shows.
    writeFileSync(file, sectionFile('new-notes', 'New notes', 'Words saved to disk.'));
    editBuffers.discard(file);
    const saved = await handlers.renderPreview({ draft }, context);
    if (saved.status !== 'rendered') throw new Error(JSON.stringify(saved));
    expect((await readPdf(saved.pdf)).text).toContain('Words saved to disk.');
  });
});
