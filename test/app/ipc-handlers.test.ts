import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadSpecFile } from '../../main/engine/spec.js';
import { builtInSectionsDir, builtInTemplatesDir } from '../../main/engine/paths.js';
import { DocumentSession } from '../../main/app/document-session.js';
import { createIpcHandlers, type HandlerContext, type HandlerDeps, type UnsavedChoice } from '../../main/app/ipc-handlers.js';
import { RecentFiles } from '../../main/app/recent-files.js';
import { RenderClient } from '../../main/app/render-client.js';
import { SettingsStore } from '../../main/app/settings.js';
import type { BriefDraft } from '../../main/shared/ipc-contract.js';
import { BROKEN_SECTION, readPdf, sectionFile, tempAppDirs } from './fixtures.js';
import { spawnTsWorker } from './ts-worker.js';

const renderer = new RenderClient({ spawn: () => spawnTsWorker() });
afterAll(() => renderer.dispose());

function setup(overrides: Partial<HandlerDeps> = {}) {
  const dirs = tempAppDirs();
  const dialogs = {
    chooseBriefToOpen: vi.fn((_folder: string): Promise<string | undefined> => Promise.resolve(undefined)),
    chooseBriefSavePath: vi.fn((_path: string): Promise<string | undefined> => Promise.resolve(undefined)),
    choosePdfSavePath: vi.fn((_path: string): Promise<string | undefined> => Promise.resolve(undefined)),
    confirmUnsavedChanges: vi.fn((_name: string): Promise<UnsavedChoice> => Promise.resolve('cancel')),
    confirmDeleteTemplate: vi.fn((_name: string): Promise<boolean> => Promise.resolve(false)),
  };
  const shell = { openPath: vi.fn((_path: string) => Promise.resolve('')), showItemInFolder: vi.fn(), openWebLink: vi.fn((_url: string) => Promise.resolve(true)) };
  const settings = new SettingsStore(dirs.userData);
  const recent = new RecentFiles(dirs.userData);
  const handlers = createIpcHandlers({
    folders: { builtInSectionsDir: builtInSectionsDir(), builtInTemplatesDir: builtInTemplatesDir(), userSectionsDir: dirs.userSections, userTemplatesDir: dirs.userTemplates, documentsDir: dirs.documents },
    previewRenderer: renderer,
    exportRenderer: renderer,
    templateChecker: renderer,
    dialogs,
    shell,
    settings,
    recent,
    today: () => '2024-05-06',
    ...overrides,
  });
  const window = { setDocumentState: vi.fn(), close: vi.fn(), print: vi.fn((): Promise<{ printed: boolean; failureReason?: string }> => Promise.resolve({ printed: true })) };
  const context: HandlerContext = { session: new DocumentSession(), window };
  return { dirs, dialogs, shell, settings, recent, handlers, window, context };
}

const draft = (patch: Partial<BriefDraft> = {}): BriefDraft => ({
  title: 'Alliance Summit Brief',
  subtitle: '',
  date: '2024-05-06',
  author: 'Policy Office',
  audience: '',
  classification: 'UNCLASSIFIED',
  template: 'memo',
  sections: ['force-posture', 'space-agreement'],
  options: {},
  ...patch,
});

let t: ReturnType<typeof setup>;
beforeEach(() => {
  t = setup();
});

describe('library handlers', () => {
  it('lists built-in and user sections; a broken user file is a located problem, not a lost library', async () => {
    writeFileSync(join(t.dirs.userSections, 'local-notes.md'), sectionFile('local-notes', 'Local Notes'));
    writeFileSync(join(t.dirs.userSections, 'broken-notes.md'), BROKEN_SECTION);
    const listing = await t.handlers.listSections({}, t.context);
    const ids = listing.sections.map((s) => s.id);
    expect(ids).toContain('space-agreement');
    expect(ids).toContain('local-notes');
    expect(listing.sections.find((s) => s.id === 'space-agreement')).toMatchObject({ builtIn: true, fileName: 'space-agreement.md' });
    expect(listing.sections.find((s) => s.id === 'local-notes')).toMatchObject({ builtIn: false, title: 'Local Notes', tags: ['test', 'local-notes'] });
    expect(listing.problems).toHaveLength(1);
    expect(listing.problems[0]!.location?.file).toBe(join(t.dirs.userSections, 'broken-notes.md'));
    expect(listing.problems[0]!.location?.line).toBeGreaterThanOrEqual(3);
  });

  it('lists templates with their names and descriptions', async () => {
    const { templates, problems } = await t.handlers.listTemplates({}, t.context);
    expect(problems).toEqual([]);
    const memo = templates.find((tpl) => tpl.id === 'memo');
    expect(memo).toMatchObject({ name: 'Memo', builtIn: true });
    expect(memo!.description.length).toBeGreaterThan(10);
  });

  it('reports a user template with a broken template.yaml', async () => {
    await mkdir(join(t.dirs.userTemplates, 'house-style'));
    writeFileSync(join(t.dirs.userTemplates, 'house-style', 'template.yaml'), 'name: House\npage: { size: Tabloid }\n');
    const { templates, problems } = await t.handlers.listTemplates({}, t.context);
    expect(templates.some((tpl) => tpl.id === 'house-style')).toBe(false);
    expect(problems[0]).toMatchObject({ code: 'TEMPLATE_INVALID', location: { file: expect.stringContaining('template.yaml') as string, line: 2 } });
  });
});

describe('preview', () => {
  it('renders the draft to PDF bytes', async () => {
    const result = await t.handlers.renderPreview({ draft: draft() }, t.context);
    expect(result.status).toBe('rendered');
    if (result.status !== 'rendered') return;
    const pdf = await readPdf(result.pdf);
    expect(pdf.numPages).toBe(result.pageCount);
    expect(pdf.text).toContain('Alliance Summit Brief');
  });

  it('names the form field to fix when the draft is not a valid brief', async () => {
    await expect(t.handlers.renderPreview({ draft: draft({ title: '  ' }) }, t.context)).resolves.toMatchObject({ status: 'error', error: { code: 'SPEC_INVALID', field: 'title' } });
    await expect(t.handlers.renderPreview({ draft: draft({ date: '2024-02-31' }) }, t.context)).resolves.toMatchObject({ status: 'error', error: { field: 'date' } });
    await expect(t.handlers.renderPreview({ draft: draft({ sections: [] }) }, t.context)).resolves.toMatchObject({ status: 'error', error: { field: 'sections', message: expect.stringContaining('at least one section') as string } });
  });

  it('shows a broken user section file with its location when the brief uses it, and only then', async () => {
    writeFileSync(join(t.dirs.userSections, 'broken-notes.md'), BROKEN_SECTION);
    const unused = await t.handlers.renderPreview({ draft: draft() }, t.context);
    expect(unused.status).toBe('rendered');
    const result = await t.handlers.renderPreview({ draft: draft({ sections: ['broken-notes'] }) }, t.context);
    expect(result).toMatchObject({ status: 'error', error: { location: { file: join(t.dirs.userSections, 'broken-notes.md') } } });
  });
});

describe('export', () => {
  it('asks where to save (remembering the folder), writes the PDF and allows Open / Show in folder', async () => {
    const target = join(t.dirs.root, 'exports', 'summit');
    await mkdir(join(t.dirs.root, 'exports'));
    t.dialogs.choosePdfSavePath.mockResolvedValueOnce(target);
    const result = await t.handlers.exportPdf({ draft: draft() }, t.context);
    expect(t.dialogs.choosePdfSavePath).toHaveBeenCalledWith(join(t.dirs.documents, 'alliance-summit-brief.pdf'));
    expect(result).toMatchObject({ status: 'exported', path: `${target}.pdf`, fileName: 'summit.pdf' });
    const pdf = await readPdf(readFileSync(`${target}.pdf`));
    expect(pdf.text).toContain('Alliance Summit Brief');
    expect(t.settings.get().lastExportFolder).toBe(join(t.dirs.root, 'exports'));

    await t.handlers.exportPdf({ draft: draft() }, t.context);
    expect(t.dialogs.choosePdfSavePath).toHaveBeenLastCalledWith(join(t.dirs.root, 'exports', 'alliance-summit-brief.pdf'));

    await expect(t.handlers.revealExport({ path: `${target}.pdf`, action: 'show-in-folder' }, t.context)).resolves.toEqual({ ok: true });
    expect(t.shell.showItemInFolder).toHaveBeenCalledWith(`${target}.pdf`);
    await expect(t.handlers.revealExport({ path: `${target}.pdf`, action: 'open' }, t.context)).resolves.toEqual({ ok: true });
    expect(t.shell.openPath).toHaveBeenCalledWith(`${target}.pdf`);
  });

  it('exports an archival copy in the PDF/A part chosen (Export PDF/A…)', async () => {
    const target = join(t.dirs.root, 'archive.pdf');
    t.dialogs.choosePdfSavePath.mockResolvedValueOnce(target);
    const result = await t.handlers.exportPdf({ draft: draft(), pdfStandard: 'PDF/A-2u' }, t.context);
    expect(result).toMatchObject({ status: 'exported', path: target });
    const bytes = readFileSync(target).toString('latin1');
    expect(bytes).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(bytes).toContain('<pdfaid:conformance>U</pdfaid:conformance>');
  });

  it('never opens files it did not export', async () => {
    await expect(t.handlers.revealExport({ path: '/etc/passwd', action: 'open' }, t.context)).resolves.toMatchObject({ ok: false });
    expect(t.shell.openPath).not.toHaveBeenCalled();
  });

  it('does nothing when the dialog is cancelled', async () => {
    await expect(t.handlers.exportPdf({ draft: draft() }, t.context)).resolves.toEqual({ status: 'cancelled' });
  });

  it('reports an unwritable target with its location and leaves no file', async () => {
    const target = join(t.dirs.root, 'missing-folder', 'brief.pdf');
    t.dialogs.choosePdfSavePath.mockResolvedValueOnce(target);
    const result = await t.handlers.exportPdf({ draft: draft() }, t.context);
    expect(result).toMatchObject({ status: 'error', error: { code: 'OUTPUT_UNWRITABLE', location: { file: target } } });
    expect(existsSync(target)).toBe(false);
  });
});

describe('save and open', () => {
  it('saves a new brief as *.brief.yaml the CLI reads, then saves in place', async () => {
    t.dialogs.chooseBriefSavePath.mockResolvedValueOnce(join(t.dirs.documents, 'summit'));
    const saved = await t.handlers.saveBrief({ draft: draft({ subtitle: 'For the June meeting' }), saveAs: false }, t.context);
    const file = join(t.dirs.documents, 'summit.brief.yaml');
    expect(saved).toEqual({ status: 'saved', fileName: 'summit.brief.yaml' });
    expect(t.dialogs.chooseBriefSavePath).toHaveBeenCalledWith(join(t.dirs.documents, 'alliance-summit-brief.brief.yaml'));
    const spec = await loadSpecFile(file);
    expect(spec).toMatchObject({ title: 'Alliance Summit Brief', subtitle: 'For the June meeting', sections: ['force-posture', 'space-agreement'], template: 'memo', date: '2024-05-06' });
    expect(spec.audience).toBeUndefined();
    expect(t.context.session.filePath).toBe(file);
    expect(t.window.setDocumentState).toHaveBeenLastCalledWith('summit.brief.yaml — Brief Studio', false);
    expect(t.recent.list()).toEqual([file]);

    await t.handlers.saveBrief({ draft: draft({ title: 'Renamed' }), saveAs: false }, t.context);
    expect(t.dialogs.chooseBriefSavePath).toHaveBeenCalledOnce();
    expect((await loadSpecFile(file)).title).toBe('Renamed');

    t.dialogs.chooseBriefSavePath.mockResolvedValueOnce(join(t.dirs.documents, 'copy.brief.yaml'));
    await t.handlers.saveBrief({ draft: draft(), saveAs: true }, t.context);
    expect(t.dialogs.chooseBriefSavePath).toHaveBeenCalledTimes(2);
    expect(t.context.session.fileName).toBe('copy.brief.yaml');
  });

  it('refuses to save a brief that is not valid, saying why', async () => {
    await expect(t.handlers.saveBrief({ draft: draft({ sections: [] }), saveAs: false }, t.context)).resolves.toMatchObject({ status: 'error', error: { field: 'sections' } });
    expect(t.dialogs.chooseBriefSavePath).not.toHaveBeenCalled();
  });

  it('opens a brief chosen in the dialog and remembers it', async () => {
    const file = join(t.dirs.documents, 'x.brief.yaml');
    writeFileSync(file, 'title: Opened Brief\ndate: 2023-01-13\nclassification: CUI\nsections: [space-agreement]\noptions: { toc: true }\n');
    t.dialogs.chooseBriefToOpen.mockResolvedValueOnce(file);
    const opened = await t.handlers.openBrief({}, t.context);
    expect(opened).toMatchObject({ status: 'opened', fileName: 'x.brief.yaml', draft: { title: 'Opened Brief', classification: 'CUI', sections: ['space-agreement'], template: 'memo' } });
    if (opened.status === 'opened') expect(opened.draft.options).toMatchObject({ toc: true });
    expect(t.recent.has(file)).toBe(true);
    await expect(t.handlers.openBrief({ recentPath: file }, t.context)).resolves.toMatchObject({ status: 'opened' });
  });

  it('shows a broken brief file with its location', async () => {
    const file = join(t.dirs.documents, 'bad.brief.yaml');
    writeFileSync(file, 'title: Bad\ndate: 2023-13-45\nsections: [space-agreement]\n');
    t.dialogs.chooseBriefToOpen.mockResolvedValueOnce(file);
    await expect(t.handlers.openBrief({}, t.context)).resolves.toMatchObject({ status: 'error', error: { code: 'SPEC_INVALID', location: { file, line: 2 } } });
  });

  it('opens only recent briefs by path, and forgets one that is gone', async () => {
    await expect(t.handlers.openBrief({ recentPath: '/etc/passwd' }, t.context)).resolves.toMatchObject({ status: 'error' });
    const gone = join(t.dirs.documents, 'gone.brief.yaml');
    await t.recent.add(gone);
    await expect(t.handlers.openBrief({ recentPath: gone }, t.context)).resolves.toMatchObject({ status: 'error', error: { code: 'IO' } });
    expect(t.recent.has(gone)).toBe(false);
  });

  it('starts a new brief dated today with no sections', async () => {
    t.context.session.reset('/docs/old.brief.yaml');
    const { draft: fresh } = await t.handlers.newBrief({}, t.context);
    expect(fresh).toMatchObject({ title: 'Untitled brief', date: '2024-05-06', sections: [], template: 'memo', classification: 'UNCLASSIFIED' });
    expect(t.context.session.filePath).toBeUndefined();
  });
});

describe('document state, printing and links', () => {
  it('tracks unsaved changes for the window title and the discard prompt', async () => {
    await expect(t.handlers.confirmDiscard({}, t.context)).resolves.toEqual({ choice: 'discard' });
    expect(t.dialogs.confirmUnsavedChanges).not.toHaveBeenCalled();
    await t.handlers.setDocumentState({ dirty: true, title: 'Summit' }, t.context);
    expect(t.window.setDocumentState).toHaveBeenLastCalledWith('• Summit — Brief Studio', true);
    t.dialogs.confirmUnsavedChanges.mockResolvedValueOnce('save');
    await expect(t.handlers.confirmDiscard({}, t.context)).resolves.toEqual({ choice: 'save' });
    expect(t.dialogs.confirmUnsavedChanges).toHaveBeenCalledWith('Summit');
  });

  it('prints on paper of the brief’s own size', async () => {
    await expect(t.handlers.printPages({ pageWidth: 612, pageHeight: 792 }, t.context)).resolves.toEqual({ status: 'printed' });
    expect(t.window.print).toHaveBeenCalledWith({ pageSize: { width: 215900, height: 279400 } });
    t.window.print.mockResolvedValueOnce({ printed: false, failureReason: 'cancelled' });
    await expect(t.handlers.printPages({ pageWidth: 595.28, pageHeight: 841.89 }, t.context)).resolves.toEqual({ status: 'cancelled' });
    const a4 = (t.window.print.mock.lastCall as unknown as [{ pageSize: { width: number; height: number } }])[0].pageSize;
    expect(Math.abs(a4.width - 210_000)).toBeLessThan(5);
    expect(Math.abs(a4.height - 297_000)).toBeLessThan(5);
    t.window.print.mockResolvedValueOnce({ printed: false, failureReason: 'Printer is offline' });
    await expect(t.handlers.printPages({ pageWidth: 612, pageHeight: 792 }, t.context)).resolves.toMatchObject({ status: 'error', error: { message: expect.stringContaining('Printer is offline') as string } });
  });

  it('opens only web links outside the app', async () => {
    await expect(t.handlers.openExternal({ url: 'https://www.state.gov/' }, t.context)).resolves.toEqual({ ok: true });
    expect(t.shell.openWebLink).toHaveBeenCalledWith('https://www.state.gov/');
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'ms-msdt:/id', 'https://u:p@host/']) {
      await expect(t.handlers.openExternal({ url }, t.context)).resolves.toMatchObject({ ok: false });
    }
    expect(t.shell.openWebLink).toHaveBeenCalledOnce();
  });

  it('opens the user folders, creating them when needed', async () => {
    await expect(t.handlers.openUserFolder({ folder: 'templates' }, t.context)).resolves.toEqual({ ok: true });
    expect(t.shell.openPath).toHaveBeenCalledWith(t.dirs.userTemplates);
  });
});

describe('what the page may ask for', () => {
  it('renders only templates of the library, never a template folder named by path', async () => {
    // A template outside the app's folders, reached by an absolute or a relative path.
    const outside = join(t.dirs.root, 'elsewhere', 'memo');
    cpSync(join(builtInTemplatesDir(), 'memo'), outside, { recursive: true });
    for (const template of [outside, `../${'../'.repeat(8)}${outside.slice(1)}`]) {
      await expect(t.handlers.renderPreview({ draft: draft({ template }) }, t.context)).resolves.toMatchObject({ status: 'error', error: { code: 'TEMPLATE_UNKNOWN', field: 'template' } });
      await expect(t.handlers.exportPdf({ draft: draft({ template }) }, t.context)).resolves.toMatchObject({ status: 'error', error: { code: 'TEMPLATE_UNKNOWN' } });
    }
    expect(t.dialogs.choosePdfSavePath).not.toHaveBeenCalled();
    // The same template by id still renders.
    await expect(t.handlers.renderPreview({ draft: draft({ template: 'memo' }) }, t.context)).resolves.toMatchObject({ status: 'rendered' });
  });

  it('answers with error data when the export renderer cannot run', async () => {
    const broken = { render: () => Promise.reject(new Error('worker could not start')) };
    const local = setup({ exportRenderer: broken });
    local.dialogs.choosePdfSavePath.mockResolvedValueOnce(join(local.dirs.documents, 'brief.pdf'));
    await expect(local.handlers.exportPdf({ draft: draft() }, local.context)).resolves.toEqual({ status: 'error', error: { code: 'IO', message: 'worker could not start' } });
  });

  it('answers ok: false, not a rejected call, when a user folder cannot be created', async () => {
    rmSync(t.dirs.userSections, { recursive: true, force: true });
    writeFileSync(t.dirs.userSections, 'a file where the folder should be');
    const result = await t.handlers.openUserFolder({ folder: 'sections' }, t.context);
    expect(result.ok).toBe(false);
    expect(result.message).toEqual(expect.any(String));
    expect(t.shell.openPath).not.toHaveBeenCalled();
  });
});
