import { describe, expect, it } from 'vitest';
import { BriefError } from '../../../main/engine/errors.js';
import type { Block, DocumentModel } from '../../../main/engine/model.js';
import type { TemplateManifestInput } from '../../../main/engine/template-manifest.js';
import { typeset, type TypesetResult } from '../../../main/engine/typeset/index.js';
import { rasterizePage, readPdf, type PdfRead } from '../../helpers/pdf-read.js';
import { heading, manifest, para, SAMPLE_INFO, sampleTemplateDir, text } from './sample-model.js';

const template = sampleTemplateDir();
/** No banner and no footer: every line on a page is content. */
const BARE: Partial<TemplateManifestInput> = { banner: { enabled: false }, footer: { center: '' } };

async function render(blocks: Block[], manifestInput: Partial<TemplateManifestInput> = BARE, maxPages?: number): Promise<{ result: TypesetResult; pdf: PdfRead }> {
  const model: DocumentModel = { blocks };
  const result = await typeset({ model, info: SAMPLE_INFO, manifest: manifest(manifestInput), templateDir: template.dir, resolveAsset: template.resolveAsset, maxPages });
  return { result, pdf: await readPdf(result.pdf) };
}

/** A paragraph of numbered marker words, so its lines can be told apart from everything else. */
function markedParagraph(words: number): Block {
  return para(Array.from({ length: words }, (_, i) => `omega${i}`).join(' '));
}

const markedLinesPerPage = (pdf: PdfRead) => pdf.pages.map((page) => page.lines.filter((line) => line.includes('omega')).length);

describe('typeset: pagination', () => {
  it('never leaves a single line of a paragraph alone at the foot or head of a page', async () => {
    // Push a six-line paragraph down the page in steps much smaller than a line: from
    // fitting whole on page 1 to starting on page 2, the room left on page 1 passes
    // through every line count, including five (the widow case) and one (the orphan).
    const firstPageCounts: number[] = [];
    const outcomes: string[] = [];
    for (let shift = 500; shift <= 640; shift += 4) {
      const { pdf } = await render([para('Lead.'), { type: 'space', height: shift }, markedParagraph(60)]);
      const counts = markedLinesPerPage(pdf);
      outcomes.push(`${shift}: ${counts.join('/')}`);
      firstPageCounts.push(counts[0]!);
      const parts = counts.filter((count) => count > 0);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(6);
      for (const count of parts) expect(count, `split ${counts.join('/')} at shift ${shift}`).toBeGreaterThanOrEqual(2);
    }
    // The sweep began with the paragraph whole on page 1 and ended with it whole on page 2 ...
    expect(firstPageCounts[0], outcomes.join(', ')).toBe(6);
    expect(firstPageCounts.at(-1), outcomes.join(', ')).toBe(0);
    // ... and every split it went through left two lines or more on each side: 5/1 and 1/5 never happened.
    expect([...new Set(firstPageCounts)], outcomes.join(', ')).toEqual([6, 4, 3, 2, 0]);
  });

  it('keeps a heading with at least two lines of what follows', async () => {
    for (let shift = 560; shift <= 660; shift += 5) {
      const { pdf } = await render([para('Lead.'), { type: 'space', height: shift }, heading(2, 'Heading Zulu', 'zulu'), markedParagraph(60)]);
      const page = pdf.pages.find((candidate) => candidate.text.includes('Heading Zulu'))!;
      const index = page.lines.findIndex((line) => line.includes('Heading Zulu'));
      expect(index, `shift ${shift}`).toBeLessThan(page.lines.length - 2);
      expect(page.lines.slice(index + 1).filter((line) => line.includes('omega')).length).toBeGreaterThanOrEqual(2);
    }
  });

  it('never separates a note (keepWithPrevious) from the paragraph before it', async () => {
    let exercised = 0;
    for (let shift = 560; shift <= 660; shift += 5) {
      const note: Block = { type: 'paragraph', style: 'note', runs: [text('Source marker-note')] };
      const { pdf } = await render([para('Lead.'), { type: 'space', height: shift }, para('Fact ending here.'), note]);
      const factPage = pdf.pages.find((page) => page.text.includes('Fact ending here.'))!;
      expect(factPage.text, `shift ${shift}`).toContain('Source marker-note');
      if (factPage.number > 1) exercised++;
    }
    // Some shifts pushed the fact onto page 2 with its note rather than leaving the note alone there.
    expect(exercised).toBeGreaterThan(0);
  });

  it('repeats the table header row on every page the table runs onto', async () => {
    const rows = Array.from({ length: 90 }, (_, i) => [[text(`Row ${i + 1} capability`)], [text(`${(i + 1) * 10}`)], [text('Planned')]]);
    const { pdf } = await render([heading(1, 'Programmes', 'programmes'), { type: 'table', align: ['left', 'right', 'left'], header: [[text('Capability')], [text('Range')], [text('Status')]], rows }]);
    expect(pdf.pageCount).toBeGreaterThanOrEqual(2);
    let rowsSeen = 0;
    for (const page of pdf.pages) {
      const firstRow = page.lines.findIndex((line) => line.startsWith('Row '));
      if (firstRow < 0) continue;
      expect(page.lines[firstRow - 1], `page ${page.number}`).toBe('Capability Range Status');
      rowsSeen += page.lines.filter((line) => line.startsWith('Row ')).length;
    }
    expect(rowsSeen).toBe(90);
    expect(pdf.pages[1]?.lines[0]).toBe('Capability Range Status');
  });

  it('wraps table cells and sizes columns from their content', async () => {
    const long = 'A very long description of a capability that has to wrap over several lines inside its cell';
    const { pdf } = await render([{ type: 'table', align: ['left', 'right'], header: [[text('Item')], [text('Cost')]], rows: [[[text(long)], [text('1')]]] }]);
    const page = pdf.pages[0]!;
    const costHeader = page.items.find((item) => item.str === 'Cost')!;
    const itemHeader = page.items.find((item) => item.str === 'Item')!;
    // The wide column gets most of the width; the numeric one stays narrow and right-aligned.
    expect(costHeader.x - itemHeader.x).toBeGreaterThan(300);
    const one = page.items.find((item) => item.str === '1')!;
    expect(Math.abs(one.x + one.width - (costHeader.x + costHeader.width))).toBeLessThan(1);
    // The text fits in one line at this width (the widest column takes the slack) or wraps, but never overlaps the number.
    const cell = page.items.filter((item) => item.str.includes('capability') || item.str.includes('several'));
    for (const item of cell) expect(item.x + item.width).toBeLessThan(one.x);
  });

  it('splits a long callout across pages with its box drawn on each page and its title repeated', async () => {
    const blocks: Block[] = [{ type: 'callout', kind: 'note', title: 'Key facts', blocks: Array.from({ length: 40 }, (_, i) => para(`Fact number ${i + 1} about the alliance and its partners.`)) }];
    const { result, pdf } = await render(blocks, { ...BARE, callouts: { note: { background: '#eeeeee', accent: '#cc0000', accentBar: 4, padding: 10 } } });
    expect(pdf.pageCount).toBe(2);
    expect(pdf.pages[0]?.text).toContain('KEY FACTS');
    // The continuation starts again with the box's title, marked as continued.
    expect(pdf.pages[1]?.lines[0]).toBe('KEY FACTS (CONTINUED)');
    expect(pdf.pages[1]?.text.match(/KEY FACTS/g)).toHaveLength(1);
    const facts = pdf.pages.flatMap((page) => page.lines.filter((line) => line.startsWith('Fact number')));
    expect(facts).toHaveLength(40);
    for (const page of [1, 2]) {
      const raster = rasterizePage(result.pdf, page, 72);
      // Accent bar down the left edge of the text area, background inside, white outside.
      expect(raster.colorAt(73.5, 80), `bar on page ${page}`).toBe('#cc0000');
      expect(raster.colorAt(300, 76), `background on page ${page}`).toBe('#eeeeee');
      expect(raster.colorAt(300, 60), `above the box on page ${page}`).toBe('#ffffff');
    }
  });

  it('starts a new page at a page break', async () => {
    const { pdf } = await render([para('First page.'), { type: 'page-break' }, para('Second page.')]);
    expect(pdf.pages.map((page) => page.text)).toEqual(['First page.', 'Second page.']);
  });

  it('stops with TEMPLATE_LIMIT when the document would pass maxPages', async () => {
    const blocks: Block[] = Array.from({ length: 30 }, (_, i): Block[] => [para(`Page ${i}`), { type: 'page-break' }]).flat();
    const attempt = render(blocks, BARE, 5);
    await expect(attempt).rejects.toBeInstanceOf(BriefError);
    await expect(attempt).rejects.toMatchObject({ code: 'TEMPLATE_LIMIT' });
    await expect(attempt).rejects.toThrow(/more than 5 pages/);
  });

  it('warns by how much the brief runs over the template page limit', async () => {
    const blocks: Block[] = Array.from({ length: 8 }, (_, i) => para(Array.from({ length: 70 }, (_, w) => `word${i}x${w}`).join(' ')));
    const { result } = await render(blocks, { ...BARE, maxPages: 1 });
    expect(result.pageCount).toBe(2);
    const overflow = result.warnings.find((warning) => warning.code === 'CONTENT_OVERFLOW');
    expect(overflow?.message).toMatch(/over the template's 1-page limit/);
    expect(overflow?.message).toMatch(/runs 2 pages, about \d+% of a page over/);
    expect(overflow?.message).toMatch(/about \d+ lines/);

    const { result: short } = await render(blocks.slice(0, 2), { ...BARE, maxPages: 1 });
    expect(short.warnings.filter((warning) => warning.code === 'CONTENT_OVERFLOW')).toHaveLength(0);
  });
});
