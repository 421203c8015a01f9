/**
 * A section body draws pictures from its own folder: relative to the
 * section file, confined to that folder (a located error for a path that
 * leaves it, whether by `..`, an absolute path or a symbolic link), while the
 * template's own pictures keep resolving in the template.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildBrief, defaultSpec } from '../../main/engine/index.js';
import { clearSectionCache, parseSectionFile } from '../../main/engine/sections.js';
import { goodPng, pngFile, rgbaRows } from '../helpers/bad-images.js';

const section = (body: string) => `---\nid: notes\ntitle: Notes\nsummary: A summary.\n---\n${body}\n`;
const spec = { ...defaultSpec(), title: 'Pictures', sections: ['notes'], date: '2024-01-01' };

/** Width × height of each image drawn in the PDF (soft masks left out). */
function imagesOf(pdf: Uint8Array): string[] {
  const listed = spawnSync('pdfimages', ['-list', '-'], { input: pdf, encoding: 'utf8' });
  return listed.stdout.split('\n').slice(2).filter((l) => l.trim() && !/ smask /.test(l)).map((l) => l.trim().split(/\s+/).slice(3, 5).join('x'));
}

describe('pictures in a section body', () => {
  let dir: string;
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    clearSectionCache();
  });

  /** A brief of one section whose body is `body`, with notes.assets/chart.png beside it: the picture drawn, no IMAGE warning. */
  async function buildWithChart(body: string): Promise<Uint8Array> {
    dir = mkdtempSync(join(tmpdir(), 'bs-section-images-'));
    mkdirSync(join(dir, 'notes.assets'));
    writeFileSync(join(dir, 'notes.assets', 'chart.png'), goodPng());
    writeFileSync(join(dir, 'notes.md'), section(body));
    const built = await buildBrief(spec, { sectionDirs: [dir] });
    expect(imagesOf(built.pdf)).toEqual(['12x8']);
    expect(built.warnings.filter((w) => w.code === 'IMAGE')).toEqual([]);
    return built.pdf;
  }

  it('reads them from the section’s own folder', async () => {
    await buildWithChart('Before.\n\n![Bar chart](notes.assets/chart.png)\n\nAfter.');
  });

  it('sets a picture written inside a paragraph as a figure, keeping the text around it', async () => {
    const pdf = await buildWithChart('The spending rose, *as the chart ![Bar chart](notes.assets/chart.png) shows* year on year.');
    const text = spawnSync('pdftotext', ['-', '-'], { input: pdf, encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
    expect(text).toContain('The spending rose, as the chart');
    expect(text).toContain('shows year on year.');
  });

  it('draws the new picture when the file changes and nothing else does (a remembered render is not reused)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'bs-section-images-'));
    mkdirSync(join(dir, 'notes.assets'));
    const picture = join(dir, 'notes.assets', 'chart.png');
    writeFileSync(picture, goodPng());
    writeFileSync(join(dir, 'notes.md'), section('![Bar chart](notes.assets/chart.png)'));
    expect(imagesOf((await buildBrief(spec, { sectionDirs: [dir] })).pdf)).toEqual(['12x8']);
    writeFileSync(picture, pngFile({ width: 20, height: 10 }, { raw: rgbaRows(20, 10) }));
    expect(imagesOf((await buildBrief(spec, { sectionDirs: [dir] })).pdf)).toEqual(['20x10']);
  });

  it('keeps the pictures of two sections apart even when their paths are the same', async () => {
    dir = mkdtempSync(join(tmpdir(), 'bs-section-images-'));
    const other = join(dir, 'other');
    mkdirSync(join(dir, 'img'));
    mkdirSync(join(other, 'img'), { recursive: true });
    writeFileSync(join(dir, 'img', 'p.png'), goodPng());
    writeFileSync(join(other, 'img', 'p.png'), pngFile({ width: 20, height: 10 }, { raw: rgbaRows(20, 10) }));
    writeFileSync(join(dir, 'notes.md'), section('![One](img/p.png)'));
    writeFileSync(join(other, 'more.md'), section('![Two](img/p.png)').replace('id: notes', 'id: more'));
    const built = await buildBrief({ ...spec, sections: ['notes', 'more'] }, { sectionDirs: [dir, other] });
    expect(imagesOf(built.pdf)).toEqual(['12x8', '20x10']);
  });

  it('points a picture’s warnings at its place in the section file (no alt text, not an image)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'bs-section-images-'));
    mkdirSync(join(dir, 'notes.assets'));
    writeFileSync(join(dir, 'notes.assets', 'chart.png'), goodPng());
    writeFileSync(join(dir, 'notes.assets', 'notes.png'), 'meeting notes, not a picture');
    const file = join(dir, 'notes.md');
    // The body starts at line 6 of the file (five lines of front matter); the column is the path's.
    writeFileSync(file, section('Before.\n\n![](notes.assets/chart.png)\n\nThen  ![Notes](notes.assets/notes.png)'));
    const built = await buildBrief(spec, { sectionDirs: [dir] });
    const warnings = built.warnings.filter((w) => w.code === 'IMAGE');
    expect(warnings.find((w) => w.message.includes('no alt text'))?.location).toEqual({ file, line: 8, column: 5 });
    expect(warnings.find((w) => w.message.includes('could not be used'))?.location).toEqual({ file, line: 10, column: 16 });
    expect(imagesOf(built.pdf)).toEqual(['12x8']);
  });

  it('points each use of a picture used twice at its own place, and calls a missing picture missing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'bs-section-images-'));
    mkdirSync(join(dir, 'notes.assets'));
    writeFileSync(join(dir, 'notes.assets', 'chart.png'), goodPng());
    const file = join(dir, 'notes.md');
    // Lines 6 and 8 of the file: the first use has alt text, the second none.
    writeFileSync(file, section('Text ![A chart](notes.assets/chart.png) more.\n\n![](notes.assets/chart.png)\n\n![Gone](notes.assets/gone.png)'));
    const built = await buildBrief(spec, { sectionDirs: [dir] });
    const warnings = built.warnings.filter((w) => w.code === 'IMAGE');
    expect(warnings.filter((w) => w.message.includes('no alt text')).map((w) => w.location)).toEqual([{ file, line: 8, column: 5 }]);
    const missing = warnings.find((w) => w.message.includes('gone.png'));
    expect(missing?.location).toEqual({ file, line: 10, column: 9 });
    expect(missing?.message).toContain('was not found');
    expect(missing?.message).not.toContain('PNG, JPEG or SVG expected');
  });

  it('refuses a path that climbs out or is absolute when the section is read, at its line and column', () => {
    const errorOf = (body: string): unknown => {
      try {
        parseSectionFile(section(body), '/s/notes.md', false);
      } catch (error) {
        return error;
      }
      throw new Error('the section was accepted');
    };
    const climbing = errorOf('Text.\n\n![Map](../secret/map.png)');
    expect(climbing).toMatchObject({ code: 'SECTION_INVALID', location: { file: '/s/notes.md', line: 8, column: 8 } });
    expect(String(climbing)).toContain('climbs out with `..`');
    const absolute = errorOf('![Map](/etc/hosts)');
    expect(absolute).toMatchObject({ code: 'SECTION_INVALID', location: { file: '/s/notes.md', line: 6, column: 8 } });
    expect(String(absolute)).toContain('absolute path or a URL');
    expect(errorOf('![Map](https://example.org/map.png)')).toMatchObject({ code: 'SECTION_INVALID', location: { line: 6, column: 8 } });
    // Inside a paragraph's text too.
    expect(errorOf('See the map ![Map](../secret/map.png) here.')).toMatchObject({ code: 'SECTION_INVALID', location: { file: '/s/notes.md', line: 6, column: 20 } });
  });

  it('refuses a symbolic link that leads out of the folder when the brief is built, at the picture’s place', async () => {
    dir = mkdtempSync(join(tmpdir(), 'bs-section-images-'));
    const outside = mkdtempSync(join(tmpdir(), 'bs-outside-'));
    writeFileSync(join(outside, 'secret.png'), goodPng());
    symlinkSync(outside, join(dir, 'linked'));
    writeFileSync(join(dir, 'notes.md'), section('![Secret](linked/secret.png)'));
    try {
      const error: unknown = await buildBrief(spec, { sectionDirs: [dir] }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'SECTION_INVALID', location: { file: join(dir, 'notes.md'), line: 6, column: 11 } });
      expect(String(error)).toContain('through a symbolic link');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
