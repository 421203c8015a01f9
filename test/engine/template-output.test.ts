/**
 * The template filled in for the last brief is kept by what filled it (spec,
 * field values, section objects, template build): every change to one of
 * them, in the editor or on disk, still reaches the markup.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setBuildMemosEnabled } from '../../main/engine/build-memos.js';
import { buildBrief, builtInTemplatesDir, defaultSpec, diskFiles, overlayFiles, type FileProvider, type OverlayEntry } from '../../main/engine/index.js';
import { clearSectionCache } from '../../main/engine/sections.js';

const section = (title: string, body: string) => `---\nid: notes\ntitle: ${title}\nsummary: A summary.\n---\n${body}\n`;

describe('the kept template output', () => {
  let dir: string;
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    clearSectionCache();
    setBuildMemosEnabled(true);
  });

  it('follows every change to the spec, a section or the template, and equals a fill with the memos off', async () => {
    dir = mkdtempSync(join(tmpdir(), 'bs-template-output-'));
    const sections = join(dir, 'sections');
    const templates = join(dir, 'templates');
    cpSync(join(builtInTemplatesDir(), 'memo'), join(templates, 'house'), { recursive: true });
    mkdirSync(sections);
    const file = join(sections, 'notes.md');
    writeFileSync(file, section('Harbour Notes', 'First body.'));
    const main = join(templates, 'house', 'brief.hbs');
    const base = { ...defaultSpec(), title: 'Memo', template: 'house', sections: ['notes'], date: '2024-01-01' };
    const markupOf = async (spec: typeof base, files: FileProvider = diskFiles) => (await buildBrief(spec, { sectionDirs: [sections], templateDirs: [templates], files })).markup;
    const fresh = async (spec: typeof base, files: FileProvider = diskFiles) => {
      setBuildMemosEnabled(false);
      try {
        return await markupOf(spec, files);
      } finally {
        setBuildMemosEnabled(true);
      }
    };
    const inEditor = (path: string, content: string, mtimeMs: number) => overlayFiles(diskFiles, new Map<string, OverlayEntry>([[path, { content, mtimeMs }]]));

    const first = await markupOf(base);
    expect(await markupOf(base)).toBe(first);
    expect(first).toContain('Harbour Notes');

    // The spec: a new title, then a new date.
    const retitled = { ...base, title: 'Quayside memo' };
    expect(await markupOf(retitled)).toBe(await fresh(retitled));
    expect(await markupOf(retitled)).toContain('Quayside memo');
    const redated = { ...retitled, date: '2025-02-03' };
    expect(await markupOf(redated)).toBe(await fresh(redated));
    expect(await markupOf(redated)).not.toBe(await markupOf(retitled));

    // A section, in the editor and then on disk.
    const edited = inEditor(file, section('Lighthouse Notes', 'Second body.'), 7);
    expect(await markupOf(redated, edited)).toContain('Lighthouse Notes');
    expect(await markupOf(redated, edited)).toBe(await fresh(redated, edited));
    writeFileSync(file, section('Beacon Notes', 'Third body.'));
    expect(await markupOf(redated)).toContain('Beacon Notes');

    // The template, in the editor and then on disk.
    const source = readFileSync(main, 'utf8');
    const marked = inEditor(main, `${source}\n\nTemplate edited in the editor.\n`, 8);
    expect(await markupOf(redated, marked)).toContain('Template edited in the editor.');
    writeFileSync(main, `${source}\n\nTemplate edited on disk.\n`);
    const onDisk = await markupOf(redated);
    expect(onDisk).toContain('Template edited on disk.');
    expect(onDisk).not.toContain('in the editor');
    expect(onDisk).toBe(await fresh(redated));
  });
});
