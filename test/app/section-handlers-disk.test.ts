/**
 * The section handlers and the file on disk: a save names the version it
 * replaces and is refused when another program changed the file since; a
 * file whose front matter cannot be read opens as raw text with its located
 * problem, is checked and saved as text; unsaved text (recovered work) opens
 * over the file; and the library names the user's broken files so they can
 * be opened to be fixed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { EditBuffers } from '../../main/app/edit-buffers.js';
import type { HandlerContext } from '../../main/app/ipc-handlers.js';
import { createSectionHandlers, diskStampOf } from '../../main/app/section-handlers.js';
import { listSections } from '../../main/app/section-listing.js';
import { builtInSectionsDir } from '../../main/engine/paths.js';
import { sectionFile, tempAppDirs } from './fixtures.js';

const context = {} as HandlerContext;
const NOTES = sectionFile('notes', 'Notes', 'The body.');
const BROKEN = '---\nid: broken\ntitle: Broken\nsummary: "never closed\ntags: [x]\n---\nBody.\n';

let dirs: ReturnType<typeof tempAppDirs>;
let buffers: EditBuffers;
let handlers: ReturnType<typeof createSectionHandlers>;
const userFile = (name: string) => join(dirs.userSections, name);
const folders = () => ({ builtInSectionsDir: builtInSectionsDir(), userSectionsDir: dirs.userSections });

beforeEach(() => {
  dirs = tempAppDirs('brief-studio-section-disk-');
  buffers = new EditBuffers();
  handlers = createSectionHandlers({ folders: folders(), buffers });
  writeFileSync(userFile('notes.md'), NOTES);
  writeFileSync(userFile('broken.md'), BROKEN);
});

async function open(id: string, text?: string) {
  const result = await handlers.openSection({ id, ...(text !== undefined ? { text } : {}) }, context);
  if (result.status !== 'opened') throw new Error(JSON.stringify(result));
  return result;
}

describe('a save and the version on disk', () => {
  it('saves over the version it was opened from, and answers the new stamp', async () => {
    const { section } = await open('notes');
    expect(section.diskStamp).toBe(diskStampOf(NOTES));
    const saved = await handlers.saveSection({ id: 'notes', fields: section.fields, body: 'Edited.\n', diskStamp: section.diskStamp }, context);
    expect(saved).toMatchObject({ status: 'saved', diskStamp: diskStampOf(readFileSync(userFile('notes.md'), 'utf8')) });
    expect(readFileSync(userFile('notes.md'), 'utf8')).toContain('---\nEdited.\n');
  });

  it('refuses a save when another program changed the file since, and writes nothing', async () => {
    const { section } = await open('notes');
    const theirs = NOTES.replace('The body.', 'Their body.');
    writeFileSync(userFile('notes.md'), theirs);
    expect(await handlers.saveSection({ id: 'notes', fields: section.fields, body: 'Mine.\n', diskStamp: section.diskStamp }, context)).toEqual({ status: 'changed-on-disk' });
    expect(await handlers.saveSectionText({ id: 'notes', text: NOTES, diskStamp: section.diskStamp }, context)).toEqual({ status: 'changed-on-disk' });
    // A new section (no file when it was started) is refused too when a file has appeared under its id.
    expect(await handlers.saveSection({ id: 'notes', fields: section.fields, body: 'Mine.\n', diskStamp: null }, context)).toEqual({ status: 'changed-on-disk' });
    expect(readFileSync(userFile('notes.md'), 'utf8')).toBe(theirs);
    // Told of the change and choosing to keep theirs out, the editor saves against the new stamp.
    expect(await handlers.saveSection({ id: 'notes', fields: section.fields, body: 'Mine.\n', diskStamp: diskStampOf(theirs) }, context)).toMatchObject({ status: 'saved' });
  });
});

describe('a front matter that cannot be read', () => {
  it('opens as raw text with the engine’s located problem; the form’s fields are empty', async () => {
    const { section, diagnostics } = await open('broken');
    expect(section.raw?.text).toBe(BROKEN);
    expect(section.raw?.problem).toMatchObject({ code: 'YAML_SYNTAX', path: 'broken.md', line: expect.any(Number) as number, column: expect.any(Number) as number });
    expect(diagnostics[0]).toEqual(section.raw?.problem);
    expect(section.fields.title).toBe('');
    expect(section.body).toBe('');
  });

  it('checks typed text in memory, says when the form can show it, and saves it exactly as typed', async () => {
    const { section } = await open('broken');
    const stillBroken = await handlers.updateSectionText({ id: 'broken', text: BROKEN.replace('tags', 'tags2') }, context);
    expect(stillBroken).toMatchObject({ status: 'checked', formReady: false });
    const fixed = BROKEN.replace('never closed', 'never closed"');
    expect(await handlers.updateSectionText({ id: 'broken', text: fixed }, context)).toMatchObject({ status: 'checked', formReady: true, diagnostics: [] });
    expect(buffers.get(userFile('broken.md'))).toBe(fixed);
    expect(readFileSync(userFile('broken.md'), 'utf8')).toBe(BROKEN);
    expect(await handlers.saveSectionText({ id: 'broken', text: fixed, diskStamp: section.diskStamp }, context)).toMatchObject({ status: 'saved', formReady: true, diagnostics: [] });
    expect(readFileSync(userFile('broken.md'), 'utf8')).toBe(fixed);
    expect(buffers.has(userFile('broken.md'))).toBe(false);
    expect((await open('broken')).section).toMatchObject({ fields: { title: 'Broken', summary: 'never closed' }, body: 'Body.\n' });
  });

  it('is listed as the user’s own broken file, to be opened and fixed', async () => {
    const listing = await listSections(folders());
    expect(listing.unreadable).toEqual([expect.objectContaining({ id: 'broken', error: expect.objectContaining({ code: 'YAML_SYNTAX' }) as unknown })]);
  });
});

describe('unsaved text opened over the file (recovered work)', () => {
  it('shows the text in the form, lays it over the file in memory, and keeps the disk version’s stamp', async () => {
    const text = NOTES.replace('The body.', 'Recovered body.');
    const { section } = await open('notes', text);
    expect(section).toMatchObject({ onDisk: true, diskStamp: diskStampOf(NOTES), body: 'Recovered body.\n' });
    expect(buffers.get(userFile('notes.md'))).toBe(text);
    expect(readFileSync(userFile('notes.md'), 'utf8')).toBe(NOTES);
  });

  it('opens a section that was never saved as not on disk, and refuses a built-in', async () => {
    const { section } = await open('fresh', '---\nid: fresh\ntitle: Fresh\nsummary: s\n---\nNew.\n');
    expect(section).toMatchObject({ id: 'fresh', onDisk: false, fields: { title: 'Fresh' } });
    expect(section.diskStamp).toBeUndefined();
    expect(await handlers.openSection({ id: 'space-agreement', text: 'x' }, context)).toMatchObject({ status: 'error', error: { code: 'OUTPUT_UNWRITABLE' } });
  });
});
