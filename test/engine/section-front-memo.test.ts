import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildBrief, defaultSpec, diskFiles, overlayFiles, type OverlayEntry } from '../../main/engine/index.js';
import { clearSectionCache, loadSectionLibrary } from '../../main/engine/sections.js';
import { pdftotext } from '../helpers/pdf-read.js';

const section = (title: string, body: string, extra = '') => `---\nid: notes\ntitle: ${title}\nsummary: A summary.\n${extra}---\n${body}\n`;

describe('front matter kept while only the body changes', () => {
  let dir: string;
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    clearSectionCache();
  });

  it('sees every change to the front matter, in the editor and on disk, between builds', async () => {
    dir = mkdtempSync(join(tmpdir(), 'bs-front-memo-'));
    const file = join(dir, 'notes.md');
    const spec = { ...defaultSpec(), title: 'Memo', sections: ['notes'], date: '2024-01-01' };
    const inEditor = (content: string, mtimeMs: number) => overlayFiles(diskFiles, new Map<string, OverlayEntry>([[file, { content, mtimeMs }]]));
    const printed = async (files = diskFiles) => pdftotext((await buildBrief(spec, { sectionDirs: [dir], files })).pdf).replace(/\s+/g, ' ');

    writeFileSync(file, section('Harbour Notes', 'First body.'));
    expect(await printed()).toContain('Harbour Notes');
    // The body changes, the front matter stays: the new body is printed under the same title.
    const bodyEdit = await printed(inEditor(section('Harbour Notes', 'Second body.'), 1));
    expect(bodyEdit).toContain('Second body.');
    expect(bodyEdit).toContain('Harbour Notes');
    // The title changes in the editor, then on disk.
    expect(await printed(inEditor(section('Quayside Notes', 'Second body.'), 2))).toContain('Quayside Notes');
    writeFileSync(file, section('Lighthouse Notes', 'Third body.'));
    const fromDisk = await printed();
    expect(fromDisk).toContain('Lighthouse Notes');
    expect(fromDisk).not.toContain('Harbour Notes');
    // Front matter made wrong after it was right is reported, at its line; put right, it builds again.
    await expect(buildBrief(spec, { sectionDirs: [dir], files: inEditor(section('Lighthouse Notes', 'Third body.', 'key_facts:\n  - { text: A fact., source: nowhere }\n'), 3) })).rejects.toMatchObject({
      code: 'SECTION_INVALID',
      location: { file, line: 6 },
    });
    expect(await printed(inEditor(section('Lighthouse Notes', 'Fourth body.'), 4))).toContain('Fourth body.');
  });

  it('checks the id against the file name again when the front matter changes', async () => {
    dir = mkdtempSync(join(tmpdir(), 'bs-front-memo-'));
    const file = join(dir, 'notes.md');
    const good = section('Harbour Notes', 'Body.');
    writeFileSync(file, good);
    const first = await loadSectionLibrary({ builtInDir: dir });
    expect(first.sections.get('notes')?.title).toBe('Harbour Notes');
    const renamed = good.replace('id: notes', 'id: other');
    const library = await loadSectionLibrary({ builtInDir: dir, files: overlayFiles(diskFiles, new Map([[file, { content: renamed, mtimeMs: 9 }]])) });
    expect(library.broken.get('notes')).toMatchObject({ code: 'SECTION_INVALID', location: { file, line: 2 } });
  });
});
