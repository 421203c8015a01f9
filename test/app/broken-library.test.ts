/**
 * The app with one broken file in the user's library: the library lists it
 * with its message and location, and previews and exports of briefs that do
 * not use it still work. Exports never replace an input or a non-regular file.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DocumentSession } from '../../main/app/document-session.js';
import { createIpcHandlers, type HandlerContext, type UnsavedChoice } from '../../main/app/ipc-handlers.js';
import { RecentFiles } from '../../main/app/recent-files.js';
import { RenderClient } from '../../main/app/render-client.js';
import { SettingsStore } from '../../main/app/settings.js';
import { builtInSectionsDir, builtInTemplatesDir } from '../../main/engine/paths.js';
import type { BriefDraft } from '../../main/shared/ipc-contract.js';
import { BROKEN_SECTION, readPdf, sectionFile, tempAppDirs } from './fixtures.js';
import { spawnTsWorker } from './ts-worker.js';

const renderer = new RenderClient({ spawn: () => spawnTsWorker() });
afterAll(() => renderer.dispose());

function setup() {
  const dirs = tempAppDirs();
  const choosePdfSavePath = vi.fn((_path: string): Promise<string | undefined> => Promise.resolve(undefined));
  const dialogs = {
    chooseBriefToOpen: () => Promise.resolve(undefined),
    chooseBriefSavePath: () => Promise.resolve(undefined),
    choosePdfSavePath,
    confirmUnsavedChanges: (): Promise<UnsavedChoice> => Promise.resolve('cancel'),
    confirmDeleteTemplate: () => Promise.resolve(false),
  };
  const handlers = createIpcHandlers({
    folders: { builtInSectionsDir: builtInSectionsDir(), builtInTemplatesDir: builtInTemplatesDir(), userSectionsDir: dirs.userSections, userTemplatesDir: dirs.userTemplates, documentsDir: dirs.documents },
    previewRenderer: renderer,
    exportRenderer: renderer,
    templateChecker: renderer,
    dialogs,
    shell: { openPath: () => Promise.resolve(''), showItemInFolder: () => undefined, openWebLink: () => Promise.resolve(true) },
    settings: new SettingsStore(dirs.userData),
    recent: new RecentFiles(dirs.userData),
    today: () => '2024-05-06',
  });
  const context: HandlerContext = { session: new DocumentSession(), window: { setDocumentState: () => undefined, close: () => undefined, print: () => Promise.resolve({ printed: true }) } };
  writeFileSync(join(dirs.userSections, 'local-notes.md'), sectionFile('local-notes', 'Local Notes'));
  writeFileSync(join(dirs.userSections, 'broken-notes.md'), BROKEN_SECTION);
  return { dirs, handlers, context, choosePdfSavePath };
}

const draft = (patch: Partial<BriefDraft> = {}): BriefDraft => ({
  title: 'Library Test Brief',
  subtitle: '',
  date: '2024-05-06',
  author: '',
  audience: '',
  classification: 'UNCLASSIFIED',
  template: 'memo',
  sections: ['local-notes', 'force-posture'],
  options: {},
  ...patch,
});

describe('a broken file in the user’s sections folder', () => {
  it('is listed as broken with its message and location; the other sections are listed', async () => {
    const t = setup();
    const listing = await t.handlers.listSections({}, t.context);
    expect(listing.sections.map((s) => s.id)).toContain('local-notes');
    expect(listing.sections.map((s) => s.id)).not.toContain('broken-notes');
    expect(listing.problems).toEqual([expect.objectContaining({ code: 'YAML_SYNTAX', location: expect.objectContaining({ file: join(t.dirs.userSections, 'broken-notes.md'), line: 3, column: 8 }) as unknown })]);
  });

  it('blocks neither the preview nor the export of a brief that does not use it', async () => {
    const t = setup();
    const preview = await t.handlers.renderPreview({ draft: draft() }, t.context);
    expect(preview.status).toBe('rendered');
    const target = join(t.dirs.documents, 'fine.pdf');
    t.choosePdfSavePath.mockResolvedValueOnce(target);
    expect(await t.handlers.exportPdf({ draft: draft() }, t.context)).toMatchObject({ status: 'exported', path: target });
    expect((await readPdf(readFileSync(target))).text).toContain('Local Notes');
  });

  it('fails a brief that uses it, with the file’s own location', async () => {
    const t = setup();
    const preview = await t.handlers.renderPreview({ draft: draft({ sections: ['broken-notes'] }) }, t.context);
    expect(preview).toMatchObject({ status: 'error', error: { location: { file: join(t.dirs.userSections, 'broken-notes.md'), line: 3, column: 8 } } });
  });

  it('tells of a user section that replaces a built-in one without the app’s own paths', async () => {
    const t = setup();
    writeFileSync(join(t.dirs.userSections, 'space-agreement.md'), sectionFile('space-agreement', 'My Space Section'));
    const listing = await t.handlers.listSections({}, t.context);
    expect(listing.sections.find((s) => s.id === 'space-agreement')).toMatchObject({ builtIn: false, title: 'My Space Section' });
    expect(listing.warnings).toEqual([{ code: 'SECTION_OVERRIDDEN', message: 'Your section "space-agreement" replaces the built-in one.', location: { file: join(t.dirs.userSections, 'space-agreement.md') } }]);
  });

  it('still lists the built-in sections when the user’s sections folder cannot be read', async () => {
    const t = setup();
    rmSync(t.dirs.userSections, { recursive: true });
    writeFileSync(t.dirs.userSections, 'a file where the folder should be');
    const listing = await t.handlers.listSections({}, t.context);
    expect(listing.sections.map((s) => s.id)).toContain('force-posture');
    expect(listing.problems).toEqual([expect.objectContaining({ code: 'IO', location: { file: t.dirs.userSections } })]);
  });

  it('previews a brief with an empty date, dated the day it is built', async () => {
    const t = setup();
    expect((await t.handlers.renderPreview({ draft: draft({ date: '' }) }, t.context)).status).toBe('rendered');
  });
});

describe('export never replaces an input or a non-regular file', () => {
  it('refuses a file of a template folder, leaving it as it was', async () => {
    const t = setup();
    cpSync(join(builtInTemplatesDir(), 'memo'), join(t.dirs.userTemplates, 'house'), { recursive: true });
    const inside = join(t.dirs.userTemplates, 'house', 'notes.pdf');
    writeFileSync(inside, 'kept');
    t.choosePdfSavePath.mockResolvedValueOnce(inside);
    const result = await t.handlers.exportPdf({ draft: draft({ template: 'house' }) }, t.context);
    expect(result).toMatchObject({ status: 'error', error: { code: 'OUTPUT_IS_INPUT', location: { file: inside } } });
    expect(readFileSync(inside, 'utf8')).toBe('kept');
  });

  it('refuses a named pipe at once', async () => {
    const t = setup();
    const pipe = join(t.dirs.documents, 'pipe.pdf');
    execFileSync('mkfifo', [pipe]);
    t.choosePdfSavePath.mockResolvedValueOnce(pipe);
    expect(await t.handlers.exportPdf({ draft: draft() }, t.context)).toMatchObject({ status: 'error', error: { code: 'OUTPUT_UNWRITABLE', location: { file: pipe } } });
    expect(statSync(pipe).isFIFO()).toBe(true);
  });
});
