/**
 * The section operations behind the IPC contract, over real folders: new
 * sections live in memory until saved, saves write the `.md` owner-only,
 * built-ins are never written, ids follow the engine's rule, rename and
 * delete take the section's pictures along, and only PNG or JPEG pictures
 * are copied into `<id>.assets/`.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { EditBuffers } from '../../main/app/edit-buffers.js';
import { createSectionHandlers } from '../../main/app/section-handlers.js';
import { builtInSectionsDir } from '../../main/engine/paths.js';
import type { HandlerContext } from '../../main/app/ipc-handlers.js';
import type { SectionFields } from '../../main/shared/ipc-contract.js';
import { goodPng } from '../helpers/bad-images.js';
import { sectionFile, tempAppDirs } from './fixtures.js';

const context = {} as HandlerContext;
const fields: SectionFields = {
  title: 'My notes',
  summary: 'The bottom line.',
  tags: ['test'],
  key_facts: [{ text: 'A fact.', source: 'memo' }],
  quotes: [],
  sources: [{ id: 'memo', title: 'Internal note', publisher: 'Test Office', date: '2024-03' }],
};

let dirs: ReturnType<typeof tempAppDirs>;
let buffers: EditBuffers;
let handlers: ReturnType<typeof createSectionHandlers>;
const userFile = (name: string) => join(dirs.userSections, name);

beforeEach(() => {
  dirs = tempAppDirs('brief-studio-section-handlers-');
  buffers = new EditBuffers();
  handlers = createSectionHandlers({ folders: { builtInSectionsDir: builtInSectionsDir(), userSectionsDir: dirs.userSections }, buffers });
});

describe('section handlers', () => {
  it('starts a new section in memory only, with an id from its title, and refuses a taken id', async () => {
    const created = await handlers.newSection({ title: '  My notes ' }, context);
    expect(created).toMatchObject({ status: 'opened', section: { id: 'my-notes', fileName: 'my-notes.md', onDisk: false, builtIn: false, fields: { title: 'My notes' } } });
    expect(existsSync(userFile('my-notes.md'))).toBe(false);
    expect(buffers.get(userFile('my-notes.md'))).toBe('---\nid: my-notes\ntitle: My notes\nsummary: ""\n---\n');
    // The summary is required: the engine's own check says so, at its line.
    expect(created.status === 'opened' && created.diagnostics[0]).toMatchObject({ code: 'SECTION_INVALID', path: 'my-notes.md', line: 4, field: 'summary' });

    expect(await handlers.newSection({ title: 'My notes' }, context)).toMatchObject({ status: 'error', error: { message: expect.stringContaining('already exists') as string } });
    expect(await handlers.newSection({ title: 'Space agreement' }, context)).toMatchObject({ status: 'error', error: { code: 'OUTPUT_UNWRITABLE' } });
    expect(await handlers.newSection({ title: '!!!' }, context)).toMatchObject({ status: 'error', error: { code: 'SECTION_INVALID' } });
  });

  it('gives a title in a script without Latin letters the first free id section, section-2, … and keeps the title as typed', async () => {
    const first = await handlers.newSection({ title: '日米同盟の概要' }, context);
    expect(first).toMatchObject({ status: 'opened', section: { id: 'section', fileName: 'section.md', fields: { title: '日米同盟の概要' } } });
    const second = await handlers.newSection({ title: '宇宙協力' }, context);
    expect(second).toMatchObject({ status: 'opened', section: { id: 'section-2', fields: { title: '宇宙協力' } } });
    const copy = await handlers.duplicateSection({ sourceId: 'space-agreement', title: '宇宙協力の写し' }, context);
    expect(copy).toEqual({ status: 'done', id: 'section-3' });
    expect(readFileSync(userFile('section-3.md'), 'utf8')).toContain('title: 宇宙協力の写し');
  });

  it('keeps each update in memory with a fresh stamp, and reports problems at their line and column', async () => {
    await handlers.newSection({ title: 'My notes' }, context);
    const first = await handlers.updateSection({ id: 'my-notes', fields, body: 'Body.\n' }, context);
    expect(first).toMatchObject({ status: 'checked', diagnostics: [], bodyLine: 15 });
    const stampOf = () => buffers.list()!.find(([path]) => path === userFile('my-notes.md'))![1].mtimeMs;
    const stamp = stampOf();
    const bad = await handlers.updateSection({ id: 'my-notes', fields: { ...fields, key_facts: [{ text: 'A fact.', source: 'nowhere' }] }, body: 'Body.\n' }, context);
    expect(stampOf()).not.toBe(stamp);
    expect(bad.status === 'checked' && bad.diagnostics).toEqual([
      expect.objectContaining({ code: 'SECTION_INVALID', path: 'my-notes.md', line: 7, column: 13, field: 'key_facts.0.source' }),
    ]);
    expect(existsSync(userFile('my-notes.md'))).toBe(false);
  });

  it('gives the warnings a build gives for the body, at their lines in the file, as the preview does', async () => {
    await handlers.newSection({ title: 'My notes' }, context);
    const body = 'A claim.[^1]\n\n```\ncode never closed\n';
    const checked = await handlers.updateSection({ id: 'my-notes', fields, body }, context);
    expect(checked.status === 'checked' && checked.diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'FOOTNOTE_UNDEFINED', path: 'my-notes.md', line: 15 }),
      expect.objectContaining({ severity: 'warning', code: 'FENCE_UNCLOSED', path: 'my-notes.md', line: 17 }),
    ]);
    // Warnings do not stop a save.
    expect(await handlers.saveSection({ id: 'my-notes', fields, body }, context)).toMatchObject({ status: 'saved', diagnostics: [expect.objectContaining({ severity: 'warning' }), expect.objectContaining({ severity: 'warning' })] });
  });

  it('saves the .md owner-only and forgets the buffer; a built-in is never written', async () => {
    await handlers.newSection({ title: 'My notes' }, context);
    expect(await handlers.saveSection({ id: 'my-notes', fields, body: 'Body.' }, context)).toMatchObject({ status: 'saved', fileName: 'my-notes.md', diagnostics: [] });
    expect(readFileSync(userFile('my-notes.md'), 'utf8')).toContain('---\nBody.\n');
    expect(statSync(userFile('my-notes.md')).mode & 0o777).toBe(0o600);
    expect(buffers.has(userFile('my-notes.md'))).toBe(false);

    const builtIn = readFileSync(join(builtInSectionsDir(), 'space-agreement.md'), 'utf8');
    for (const call of [
      handlers.saveSection({ id: 'space-agreement', fields, body: 'x' }, context),
      handlers.updateSection({ id: 'space-agreement', fields, body: 'x' }, context),
      handlers.renameSection({ id: 'space-agreement', newId: 'mine' }, context),
      handlers.addSectionImage({ id: 'space-agreement', name: 'a.png', base64: goodPng().toString('base64') }, context),
    ]) {
      expect(await call).toMatchObject({ status: 'error', error: { code: 'OUTPUT_UNWRITABLE' } });
    }
    expect(await handlers.deleteSection({ id: 'space-agreement' }, context)).toMatchObject({ ok: false, message: expect.stringContaining('built-in') as string });
    expect(readFileSync(join(builtInSectionsDir(), 'space-agreement.md'), 'utf8')).toBe(builtIn);
    expect(buffers.size).toBe(0);
  });

  it('opens a built-in read-only and a section of the user’s, with its problems', async () => {
    expect(await handlers.openSection({ id: 'space-agreement' }, context)).toMatchObject({ status: 'opened', section: { builtIn: true, onDisk: true }, diagnostics: [] });
    writeFileSync(userFile('half-done.md'), sectionFile('half-done', 'Half done').replace('date: "2024-03"', 'date: March'));
    const opened = await handlers.openSection({ id: 'half-done' }, context);
    expect(opened).toMatchObject({ status: 'opened', section: { builtIn: false, fields: { title: 'Half done' } } });
    expect(opened.status === 'opened' && opened.diagnostics[0]).toMatchObject({ path: 'half-done.md', line: 10, column: 11, field: 'sources.0.date' });
    expect(await handlers.openSection({ id: 'nowhere' }, context)).toMatchObject({ status: 'error', error: { code: 'SECTION_UNKNOWN' } });
  });

  it('duplicates a built-in under a new id and title', async () => {
    expect(await handlers.duplicateSection({ sourceId: 'space-agreement', title: 'Space, my way' }, context)).toEqual({ status: 'done', id: 'space-my-way' });
    expect(readFileSync(userFile('space-my-way.md'), 'utf8')).toMatch(/^---\nid: space-my-way\ntitle: Space, my way\n/);
  });

  it('copies only PNG and JPEG pictures into <id>.assets/, names them from the file, and reuses one dropped twice', async () => {
    await handlers.newSection({ title: 'My notes' }, context);
    const png = goodPng().toString('base64');
    expect(await handlers.addSectionImage({ id: 'my-notes', name: 'Chart of spending.PNG', base64: png }, context)).toEqual({ status: 'added', path: 'my-notes.assets/chart-of-spending.png' });
    expect(await handlers.addSectionImage({ id: 'my-notes', name: 'Chart of spending.png', base64: png }, context)).toEqual({ status: 'added', path: 'my-notes.assets/chart-of-spending.png' });
    const other = Buffer.concat([goodPng(), Buffer.from([0])]).toString('base64');
    expect(await handlers.addSectionImage({ id: 'my-notes', name: 'chart-of-spending.png', base64: other }, context)).toEqual({ status: 'added', path: 'my-notes.assets/chart-of-spending-2.png' });
    expect(await handlers.addSectionImage({ id: 'my-notes', name: '../../evil.png', base64: png }, context)).toEqual({ status: 'added', path: 'my-notes.assets/evil.png' });
    expect(await handlers.addSectionImage({ id: 'my-notes', name: 'x.png', base64: Buffer.from('<svg/>').toString('base64') }, context)).toMatchObject({ status: 'error', error: { code: 'IMAGE_INVALID' } });
    expect(statSync(userFile('my-notes.assets/evil.png')).mode & 0o777).toBe(0o600);
    expect(existsSync(join(dirs.userData, 'evil.png'))).toBe(false);
  });

  it('renames the file, its id and its pictures folder, and refuses an id the engine would not accept or one taken', async () => {
    writeFileSync(userFile('my-notes.md'), sectionFile('my-notes', 'My notes', '![Chart](my-notes.assets/chart.png)'));
    mkdirSync(userFile('my-notes.assets'));
    writeFileSync(userFile('my-notes.assets/chart.png'), goodPng());
    writeFileSync(userFile('taken.md'), sectionFile('taken', 'Taken'));
    expect(await handlers.renameSection({ id: 'my-notes', newId: 'Bad Id' }, context)).toMatchObject({ status: 'error', error: { code: 'SECTION_INVALID' } });
    expect(await handlers.renameSection({ id: 'my-notes', newId: 'taken' }, context)).toMatchObject({ status: 'error', error: { code: 'OUTPUT_UNWRITABLE' } });
    expect(await handlers.renameSection({ id: 'my-notes', newId: 'force-posture' }, context)).toMatchObject({ status: 'error' });

    expect(await handlers.renameSection({ id: 'my-notes', newId: 'field-notes' }, context)).toEqual({ status: 'done', id: 'field-notes' });
    expect(existsSync(userFile('my-notes.md'))).toBe(false);
    expect(existsSync(userFile('my-notes.assets'))).toBe(false);
    const text = readFileSync(userFile('field-notes.md'), 'utf8');
    expect(text).toMatch(/^---\nid: field-notes\n/);
    expect(text).toContain('![Chart](field-notes.assets/chart.png)');
    expect(readFileSync(userFile('field-notes.assets/chart.png')).equals(goodPng())).toBe(true);
  });

  it('deletes the file, its pictures and its unsaved buffer', async () => {
    writeFileSync(userFile('my-notes.md'), sectionFile('my-notes', 'My notes'));
    mkdirSync(userFile('my-notes.assets'));
    writeFileSync(userFile('my-notes.assets/chart.png'), goodPng());
    await handlers.updateSection({ id: 'my-notes', fields, body: 'Unsaved.' }, context);
    expect(await handlers.deleteSection({ id: 'my-notes' }, context)).toEqual({ ok: true });
    expect(existsSync(userFile('my-notes.md'))).toBe(false);
    expect(existsSync(userFile('my-notes.assets'))).toBe(false);
    expect(buffers.size).toBe(0);
  });
});
