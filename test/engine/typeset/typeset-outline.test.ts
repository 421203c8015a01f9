import { beforeAll, describe, expect, it } from 'vitest';
import type { Block } from '../../../main/engine/model.js';
import { typeset, type TypesetResult } from '../../../main/engine/typeset/index.js';
import { readPdf, type PdfRead } from '../../helpers/pdf-read.js';
import { heading, manifest, para, prose, SAMPLE_INFO, sampleTemplateDir } from './sample-model.js';

const template = sampleTemplateDir();

/** Title (not in the outline), a TOC, then three parts with subsections spread over several pages. */
function model(): Block[] {
  const blocks: Block[] = [{ type: 'paragraph', style: 'title', runs: [{ text: 'Alliance brief' }] }, heading(1, 'Hidden title heading', 'hidden', false), { type: 'toc' }];
  for (const [index, part] of ['Space agreement', 'Counterstrike capability', 'Force posture'].entries()) {
    blocks.push(heading(1, part, `part-${index + 1}`));
    blocks.push(para(prose(220, index + 1)));
    blocks.push(heading(2, `${part}: background`, `part-${index + 1}-background`));
    blocks.push(para(prose(260, index + 11)));
    blocks.push(heading(3, `${part}: detail`, `part-${index + 1}-detail`));
    blocks.push(para(prose(80, index + 21)));
  }
  return blocks;
}

describe('typeset: outline and table of contents', () => {
  let result: TypesetResult;
  let pdf: PdfRead;
  beforeAll(async () => {
    result = await typeset({
      model: { blocks: model() },
      info: SAMPLE_INFO,
      manifest: manifest({ toc: { enabled: true, depth: 2 } }),
      templateDir: template.dir,
      resolveAsset: template.resolveAsset,
    });
    pdf = await readPdf(result.pdf);
  });

  it('builds bookmarks from the outline headings, nested by level, on the pages the headings are on', () => {
    expect(pdf.pageCount).toBeGreaterThanOrEqual(4);
    const titles = pdf.outline.map((entry) => `${entry.level}:${entry.title}`);
    expect(titles).toEqual([
      '1:Space agreement',
      '2:Space agreement: background',
      '3:Space agreement: detail',
      '1:Counterstrike capability',
      '2:Counterstrike capability: background',
      '3:Counterstrike capability: detail',
      '1:Force posture',
      '2:Force posture: background',
      '3:Force posture: detail',
    ]);
    for (const entry of pdf.outline) {
      const page = pdf.pages.find((candidate) => candidate.lines.includes(entry.title));
      expect(page?.number, entry.title).toBe(entry.page);
      // The bookmark points at the heading itself, not just its page.
      const line = page!.items.filter((item) => item.str === entry.title).at(-1)!;
      expect(entry.top).toBeDefined();
      expect(Math.abs((entry.top as number) - line.y)).toBeLessThan(30);
    }
    expect(result.outline).toEqual(pdf.outline.map(({ title, level, page }) => ({ title, level, page })));
  });

  it('lists the headings down to the template depth with their page numbers', () => {
    const contents = pdf.pages[0]!.lines;
    const start = contents.indexOf('Contents');
    expect(start).toBeGreaterThanOrEqual(0);
    const entries = contents.slice(start + 1, start + 7);
    const expected = pdf.outline.filter((entry) => entry.level <= 2).map((entry) => `${entry.title} ${entry.page}`);
    expect(entries).toEqual(expected);
    expect(contents.join('\n')).not.toContain('Hidden title heading ');
  });

  it('aligns the page numbers on the right edge and links every entry to its heading', () => {
    const page = pdf.pages[0]!;
    const numbers = pdf.outline
      .filter((entry) => entry.level <= 2)
      .map((entry) => page.items.filter((item) => item.str === String(entry.page)).at(-1)!);
    const rightEdges = numbers.map((item) => item.x + item.width);
    for (const edge of rightEdges) expect(Math.abs(edge - (612 - 72))).toBeLessThan(0.5);

    const tocLinks = page.links.filter((link) => link.dest !== undefined);
    expect(tocLinks).toHaveLength(6);
    expect(tocLinks.map((link) => link.destPage)).toEqual(pdf.outline.filter((entry) => entry.level <= 2).map((entry) => entry.page));
    // Each link spans the entry line, from its text to its number.
    for (const link of tocLinks) expect(link.rect[2] - link.rect[0]).toBeGreaterThan(400);
  });
});

describe('typeset: a short table of contents stays in one piece', () => {
  it('moves to the next page whole rather than splitting', async () => {
    let moved = 0;
    for (let shift = 520; shift <= 640; shift += 10) {
      const blocks: Block[] = [para('Lead.'), { type: 'space', height: shift }, { type: 'toc', title: 'Contents' }];
      for (let i = 1; i <= 6; i++) blocks.push(heading(1, `Part ${i} heading`, `part-${i}`), para(prose(40, i)));
      const result = await typeset({ model: { blocks }, info: SAMPLE_INFO, manifest: manifest({ toc: { enabled: true, depth: 1 } }), templateDir: template.dir, resolveAsset: template.resolveAsset });
      const pdf = await readPdf(result.pdf);
      const pagesWithEntries = pdf.pages.filter((page) => page.lines.some((line) => /^Part \d heading.*\d$/.test(line))).map((page) => page.number);
      expect(pagesWithEntries.length, `shift ${shift}`).toBeGreaterThan(0);
      // Every TOC entry (a line ending in its page number) is on the page that holds the first one.
      const firstTocPage = pdf.pages.find((page) => page.lines.some((line) => /^Part 1 heading.*\d$/.test(line)))!;
      for (let i = 1; i <= 6; i++) expect(firstTocPage.lines.some((line) => new RegExp(`^Part ${i} heading.*\\d$`).test(line)), `shift ${shift}, entry ${i}`).toBe(true);
      if (firstTocPage.number > 1) moved++;
    }
    expect(moved).toBeGreaterThan(0);
  });
});
