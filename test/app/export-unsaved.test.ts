/**
 * Export builds what the preview shows: the handlers behind the IPC
 * contract, the real render worker and the engine, over real folders. An
 * unsaved section or template edit (main's in-memory buffers) is in the
 * exported PDF, read back with pdf.js; the saved files are left as they
 * are unless the user saved; main refuses to build unsaved text until the
 * page says the user chose to go on; and the user's text reaches no file
 * but the PDF they chose.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { EditBuffers } from '../../main/app/edit-buffers.js';
import { RenderClient } from '../../main/app/render-client.js';
import { parseRequest, type BriefDraft, type SectionFields } from '../../main/shared/ipc-contract.js';
import { goodPng } from '../helpers/bad-images.js';
import { readPdf } from '../helpers/pdf-read.js';
import { sectionFile, tempAppDirs } from './fixtures.js';
import { ipcFixture } from './ipc-fixture.js';
import { spawnTsWorker } from './ts-worker.js';

const previewRenderer = new RenderClient({ spawn: () => spawnTsWorker(), pageHashes: true });
const exportRenderer = new RenderClient({ spawn: () => spawnTsWorker() });
afterAll(() => Promise.all([previewRenderer.dispose(), exportRenderer.dispose()]));

const SAVED = 'The saved paragraph about launch windows.';
const UNSAVED = 'An unsaved paragraph typed a moment ago.';
const fields: SectionFields = {
  title: 'Launch notes',
  summary: 'Summary of Launch notes.',
  tags: ['test'],
  key_facts: [],
  quotes: [],
  sources: [{ id: 'memo', title: 'Internal note', publisher: 'Test Office', date: '2024-03' }],
};

function setup() {
  const dirs = tempAppDirs('brief-studio-export-unsaved-');
  const sectionPath = join(dirs.userSections, 'launch-notes.md');
  writeFileSync(sectionPath, sectionFile('launch-notes', 'Launch notes', SAVED));
  const target = join(dirs.documents, 'brief.pdf');
  const choosePdfSavePath = vi.fn((_path: string): Promise<string | undefined> => Promise.resolve(target));
  const buffers = new EditBuffers();
  const { handlers, context } = ipcFixture({ dirs, renderer: previewRenderer, exportRenderer, choosePdfSavePath, editBuffers: buffers });
  return { dirs, sectionPath, target, choosePdfSavePath, buffers, handlers, context };
}

const draft: BriefDraft = { title: 'Launch brief', subtitle: '', date: '2024-05-06', author: '', audience: '', classification: 'UNCLASSIFIED', template: 'memo', sections: ['space-agreement', 'launch-notes'], options: {} };

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** Render the preview request until it is not superseded (the preview renderer may still be busy). */
async function previewOf(t: ReturnType<typeof setup>, request: Parameters<ReturnType<typeof setup>['handlers']['renderPreview']>[0]) {
  for (;;) {
    const preview = await t.handlers.renderPreview(request, t.context);
    if (preview.status === 'superseded') continue;
    if (preview.status !== 'rendered') throw new Error(JSON.stringify(preview));
    return preview;
  }
}

let t: ReturnType<typeof setup>;
beforeEach(() => {
  t = setup();
});

describe('export with an unsaved section edit', () => {
  it('says which files are unsaved, and builds nothing until told to go on', async () => {
    await t.handlers.updateSection(parseRequest('updateSection', { id: 'launch-notes', fields, body: `${UNSAVED}\n` }), t.context);
    const listed = await t.handlers.listUnsavedInputs(parseRequest('listUnsavedInputs', { draft }), t.context);
    expect(listed).toEqual({ files: [{ kind: 'section', id: 'launch-notes', fileName: 'launch-notes.md' }] });
    // A brief that does not use the section reads nothing unsaved.
    expect(await t.handlers.listUnsavedInputs(parseRequest('listUnsavedInputs', { draft: { ...draft, sections: ['space-agreement'] } }), t.context)).toEqual({ files: [] });

    const refused = await t.handlers.exportPdf(parseRequest('exportPdf', { draft }), t.context);
    expect(refused).toEqual({ status: 'unsaved', files: listed.files });
    // Asked before the save dialog, and nothing written.
    expect(t.choosePdfSavePath).not.toHaveBeenCalled();
    expect(readdirSync(t.dirs.documents)).toEqual([]);
  });

  it('"Export without saving" exports the text the preview shows; the saved file and every other file stay as they were', async () => {
    const savedBytes = readFileSync(t.sectionPath);
    const savedTime = statSync(t.sectionPath).mtimeMs;
    // A picture with no alt text in the unsaved body: a warning only the unsaved text gives.
    mkdirSync(join(t.dirs.userSections, 'launch-notes.assets'));
    writeFileSync(join(t.dirs.userSections, 'launch-notes.assets', 'pad.png'), goodPng());
    await t.handlers.updateSection(parseRequest('updateSection', { id: 'launch-notes', fields, body: `${UNSAVED}\n\n![](launch-notes.assets/pad.png)\n` }), t.context);
    const preview = await previewOf(t, parseRequest('renderPreview', { draft }));

    const exported = await t.handlers.exportPdf(parseRequest('exportPdf', { draft, unsaved: 'include' }), t.context);
    expect(exported).toMatchObject({ status: 'exported', path: t.target });
    if (exported.status !== 'exported') return;
    const pdf = await readPdf(readFileSync(t.target));
    const text = pdf.pages.map((page) => page.text).join('\n');
    expect(text).toContain(UNSAVED);
    expect(text).not.toContain(SAVED);
    // The page count and warnings shown with the export are those of the file written, and of the preview.
    expect(exported.pageCount).toBe(pdf.pageCount);
    const shown = await readPdf(preview.pdf);
    expect(shown.pageCount).toBe(pdf.pageCount);
    expect(shown.pages.map((page) => page.text)).toEqual(pdf.pages.map((page) => page.text));
    expect(exported.warnings).toEqual(preview.warnings);
    expect(exported.warnings).toEqual([expect.objectContaining({ code: 'IMAGE', message: expect.stringContaining('no alt text') as string })]);

    expect(readFileSync(t.sectionPath).equals(savedBytes)).toBe(true);
    expect(statSync(t.sectionPath).mtimeMs).toBe(savedTime);
    // The unsaved text went nowhere else: no copy, no temp file, nothing left beside the PDF.
    expect(readdirSync(t.dirs.documents)).toEqual(['brief.pdf']);
    for (const file of filesUnder(t.dirs.root)) {
      if (file !== t.target) expect(readFileSync(file, 'utf8'), file).not.toContain(UNSAVED);
    }
  });

  it('"Save all and export": the section saved through its own handler, then exported with no unsaved edits left', async () => {
    await t.handlers.updateSection(parseRequest('updateSection', { id: 'launch-notes', fields, body: `${UNSAVED}\n` }), t.context);
    expect(await t.handlers.saveSection(parseRequest('saveSection', { id: 'launch-notes', fields, body: `${UNSAVED}\n` }), t.context)).toMatchObject({ status: 'saved' });
    expect(await t.handlers.listUnsavedInputs(parseRequest('listUnsavedInputs', { draft }), t.context)).toEqual({ files: [] });
    const exported = await t.handlers.exportPdf(parseRequest('exportPdf', { draft }), t.context);
    expect(exported).toMatchObject({ status: 'exported' });
    expect(readFileSync(t.sectionPath, 'utf8')).toContain(UNSAVED);
    const text = (await readPdf(readFileSync(t.target))).pages.map((page) => page.text).join('\n');
    expect(text).toContain(UNSAVED);
  });

  it('a new section that exists only in the editor is exported as shown, and never written to the sections folder', async () => {
    const created = await t.handlers.newSection(parseRequest('newSection', { title: 'Range safety' }), t.context);
    expect(created).toMatchObject({ status: 'opened', section: { id: 'range-safety', onDisk: false } });
    await t.handlers.updateSection(parseRequest('updateSection', { id: 'range-safety', fields: { ...fields, title: 'Range safety' }, body: `${UNSAVED}\n` }), t.context);
    const withNew = { ...draft, sections: ['range-safety'] };
    expect(await t.handlers.exportPdf(parseRequest('exportPdf', { draft: withNew }), t.context)).toMatchObject({ status: 'unsaved', files: [{ fileName: 'range-safety.md' }] });
    expect(await t.handlers.exportPdf(parseRequest('exportPdf', { draft: withNew, unsaved: 'include' }), t.context)).toMatchObject({ status: 'exported' });
    expect((await readPdf(readFileSync(t.target))).pages.map((page) => page.text).join('\n')).toContain(UNSAVED);
    expect(readdirSync(t.dirs.userSections)).toEqual(['launch-notes.md']);
  });
});

describe('export with the template editor open', () => {
  it('builds in the template being edited, its unsaved files included; the template on disk is untouched', async () => {
    const copy = await t.handlers.duplicateTemplate(parseRequest('duplicateTemplate', { sourceId: 'memo', name: 'House memo' }), t.context);
    expect(copy).toMatchObject({ status: 'done', template: { id: 'house-memo' } });
    const briefHbs = join(t.dirs.userTemplates, 'house-memo', 'brief.hbs');
    const onDisk = readFileSync(briefHbs, 'utf8');
    const marker = 'Prepared for the launch review board';
    const templateEdit = { id: 'house-memo', overlay: [{ path: 'brief.hbs', text: `${onDisk}\n\n${marker}\n` }] };
    const houseDraft = { ...draft, template: 'house-memo', sections: ['space-agreement'] };

    const listed = await t.handlers.listUnsavedInputs(parseRequest('listUnsavedInputs', { draft: houseDraft, templateEdit }), t.context);
    expect(listed).toEqual({ files: [{ kind: 'template', id: 'house-memo', fileName: 'house-memo/brief.hbs' }] });
    expect(await t.handlers.exportPdf(parseRequest('exportPdf', { draft: houseDraft, templateEdit }), t.context)).toMatchObject({ status: 'unsaved', files: listed.files });

    const exported = await t.handlers.exportPdf(parseRequest('exportPdf', { draft: houseDraft, templateEdit, unsaved: 'include' }), t.context);
    expect(exported).toMatchObject({ status: 'exported' });
    const text = (await readPdf(readFileSync(t.target))).pages.map((page) => page.text).join('\n');
    expect(text).toContain(marker);
    expect(readFileSync(briefHbs, 'utf8')).toBe(onDisk);

    // The editor closed without saving: its buffers no longer count, and the export is the template on disk.
    expect(await t.handlers.listUnsavedInputs(parseRequest('listUnsavedInputs', { draft: houseDraft }), t.context)).toEqual({ files: [] });
    expect(await t.handlers.exportPdf(parseRequest('exportPdf', { draft: houseDraft }), t.context)).toMatchObject({ status: 'exported' });
    expect((await readPdf(readFileSync(t.target))).pages.map((page) => page.text).join('\n')).not.toContain(marker);
  });
});

describe('handout sheets with an unsaved section edit', () => {
  it('previews the unsaved text; printing or exporting the sheets waits until told to go on, then carries it', async () => {
    await t.handlers.updateSection(parseRequest('updateSection', { id: 'launch-notes', fields, body: `${UNSAVED}\n` }), t.context);
    const handout = { layout: '2-up' as const, notes: false, copies: 1 };
    const preview = await t.handlers.previewHandout(parseRequest('previewHandout', { draft, handout }), t.context);
    if (preview.status !== 'rendered') throw new Error(JSON.stringify(preview));
    expect((await readPdf(preview.pdf)).pages.map((page) => page.text).join('\n')).toContain(UNSAVED);

    // Refused before any printer is asked or any sheet is built (an unknown printer would otherwise be the answer).
    expect(await t.handlers.printHandout(parseRequest('printHandout', { draft, handout, printer: 'no-such-printer' }), t.context)).toMatchObject({
      status: 'unsaved',
      files: [{ fileName: 'launch-notes.md' }],
    });
    expect(await t.handlers.exportHandout(parseRequest('exportHandout', { draft, handout }), t.context)).toMatchObject({ status: 'unsaved' });
    expect(t.choosePdfSavePath).not.toHaveBeenCalled();

    const exported = await t.handlers.exportHandout(parseRequest('exportHandout', { draft, handout, unsaved: 'include' }), t.context);
    expect(exported).toMatchObject({ status: 'exported', path: t.target });
    expect(readFileSync(t.target).equals(Buffer.from(preview.pdf))).toBe(true);
    expect(readFileSync(t.sectionPath, 'utf8')).toContain(SAVED);
  });
});
