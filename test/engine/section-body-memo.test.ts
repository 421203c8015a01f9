/**
 * What is kept of a section body between builds (its cut at headings for the
 * template, its parsed model for the coverage check, its paragraphs' parsed
 * text) follows every change to the body, in the editor and on the disk.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { diskFiles, overlayFiles, type FileProvider, type OverlayEntry } from '../../main/engine/file-provider.js';
import { prepareBrief } from '../../main/engine/render.js';
import { clearSectionCache } from '../../main/engine/sections.js';
import { defaultSpec } from '../../main/engine/spec-schema.js';

const section = (body: string) => `---\nid: notes\ntitle: Harbour Notes\nsummary: A summary.\n---\n${body}\n`;
const body = (paragraphs: string[], point: string) => `${paragraphs.join('\n\n')}\n\n### Talking points\n\n- ${point}\n`;

describe('section bodies kept between builds', () => {
  let dir: string;
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    clearSectionCache();
  });

  it('follow each change of a body in the editor and on the disk', async () => {
    dir = mkdtempSync(join(tmpdir(), 'bs-body-memo-'));
    const file = join(dir, 'notes.md');
    const inEditor = (text: string, mtimeMs: number) => overlayFiles(diskFiles, new Map<string, OverlayEntry>([[file, { content: text, mtimeMs }]]));
    const build = async (template: string, files: FileProvider = diskFiles) =>
      prepareBrief({ ...defaultSpec(), title: 'Memo', date: '2024-01-01', template, sections: ['notes'] }, { sectionDirs: [dir], files });
    const talkingPoints = async (files?: FileProvider) => (await build('handout', files)).markup;
    const leftOut = async (files?: FileProvider) => (await build('one-pager', files)).warnings.map((w) => w.message).join('\n');

    writeFileSync(file, section(body(['First paragraph.'], 'Point one.')));
    expect(await talkingPoints()).toContain('Point one.');
    expect(await leftOut()).toMatch(/\b1 paragraph\b/);

    const edited = section(body(['First paragraph.', 'Second paragraph.'], 'Point two.'));
    expect(await talkingPoints(inEditor(edited, 1))).toContain('Point two.');
    expect(await talkingPoints(inEditor(edited, 1))).not.toContain('Point one.');
    expect(await leftOut(inEditor(edited, 1))).toMatch(/\b2 paragraphs\b/);

    writeFileSync(file, section(body(['First paragraph.', 'Second paragraph.', 'Third paragraph.'], 'Point three.')));
    const fromDisk = await talkingPoints();
    expect(fromDisk).toContain('Point three.');
    expect(fromDisk).not.toContain('Point two.');
    expect(await leftOut()).toMatch(/\b3 paragraphs\b/);
  });
});
