/**
 * Text columns for part of a brief (`::: columns 2`, `::: section ID
 * columns=2`), read back with pdf.js: the run starts below what precedes it on
 * the page, its lines stay inside their column, the left column is read
 * before the right, the columns of the run's last page end level (within a
 * line), and what follows goes on full width below them.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBrief } from '../../../main/engine/render.js';
import { briefSpecSchema } from '../../../main/engine/spec-schema.js';
import { bareTemplate } from '../../helpers/one-section.js';
import { parseMarkup } from '../../../main/engine/markup.js';
import type { ColumnsBlock, SectionBlock } from '../../../main/engine/model.js';
import { pageGeometry } from '../../../main/engine/typeset/page-geometry.js';
import { typeset } from '../../../main/engine/typeset/index.js';
import { catchError } from '../../helpers/errors.js';
import { readPdf, type PdfPage, type PdfRead, type PdfTextItem } from '../../helpers/pdf-read.js';
import { manifest, prose, sampleInput } from './sample-model.js';

const GAP = 18;
const MARKUP = [
  '# Title of the brief',
  '',
  `Opening ${prose(80, 1)}`,
  '',
  '::: columns 2',
  '## In two columns',
  '',
  `Columnar ${prose(200, 2)}`,
  '',
  prose(150, 3),
  '',
  `Lastwords ${prose(220, 4)}`,
  ':::',
  '',
  '## After the columns',
  '',
  `Closing ${prose(120, 5)}`,
].join('\n');

const input = (markup: string) => {
  const model = parseMarkup(markup, { file: 'test.md' });
  const base = sampleInput({ model });
  return { ...base, manifest: manifest({ ...base.manifest, layout: { columnGap: GAP } }) };
};

function find(pdf: PdfRead, text: string): { page: PdfPage; item: PdfTextItem } {
  for (const page of pdf.pages) for (const item of page.items) if (item.str.includes(text)) return { page, item };
  throw new Error(`"${text}" not found`);
}

describe('markup for text columns', () => {
  it('`::: columns 2` and `::: section ID columns=2` give a columns block; other counts are a located error', () => {
    const plain = parseMarkup('::: columns 2\nText in columns.\n:::\n', { file: 'a.md' }).blocks[0] as ColumnsBlock;
    expect(plain).toMatchObject({ type: 'columns', count: 2, blocks: [{ type: 'paragraph' }] });
    const section = parseMarkup('::: section space-agreement columns=3\nText.\n:::\n', { file: 'a.md' }).blocks[0] as SectionBlock;
    expect(section).toMatchObject({ type: 'section', id: 'space-agreement', blocks: [{ type: 'columns', count: 3, blocks: [{ type: 'paragraph' }] }] });
    const error = catchError(() => parseMarkup('Intro.\n\n::: columns 5\nText.\n:::\n', { file: 'memo/brief.hbs' }));
    expect(error.code).toBe('MARKUP_INVALID');
    expect(error.message).toContain('1, 2 or 3');
    expect(error.location).toMatchObject({ file: 'memo/brief.hbs', line: 3 });
  });
});

describe('a run of two columns in a one-column brief', () => {
  let pdf: PdfRead;
  const text = pageGeometry(manifest()).text;
  const columnWidth = (text.width - GAP) / 2;
  const leftEnd = text.x + columnWidth;
  const rightStart = text.x + columnWidth + GAP;
  beforeAll(async () => {
    pdf = await readPdf((await typeset(input(MARKUP))).pdf);
  });

  /** The run's lines on a page: body items between two heights. */
  const body = (page: PdfPage, from: number, to: number) => page.items.filter((item) => item.str.trim() && item.y > from && item.y < to && item.y > text.y && item.y < text.y + text.height);

  it('starts below the opening paragraph on the same page, and keeps every line inside its column', () => {
    const opening = find(pdf, 'Opening');
    const heading = find(pdf, 'In two columns');
    const after = find(pdf, 'After the columns');
    expect(heading.page.number).toBe(opening.page.number);
    expect(heading.item.x).toBeCloseTo(text.x, 1);
    // The opening paragraph is full width: some line reaches past the middle.
    const openingLines = body(opening.page, opening.item.y - 1, heading.item.y - 1);
    expect(Math.max(...openingLines.map((item) => item.x + item.width))).toBeGreaterThan(rightStart);
    let sides = 0;
    for (let number = heading.page.number; number <= after.page.number; number++) {
      const page = pdf.pages[number - 1] as PdfPage;
      const from = number === heading.page.number ? heading.item.y - 1 : 0;
      const to = number === after.page.number ? after.item.y - 1 : Number.POSITIVE_INFINITY;
      const items = body(page, from, to);
      const left = items.filter((item) => item.x < leftEnd);
      const right = items.filter((item) => item.x >= leftEnd);
      for (const item of left) expect(item.x + item.width, item.str).toBeLessThanOrEqual(leftEnd + 0.5);
      for (const item of right) {
        expect(item.x, item.str).toBeGreaterThanOrEqual(rightStart - 0.5);
        expect(item.x + item.width, item.str).toBeLessThanOrEqual(text.x + text.width + 0.5);
      }
      if (left.length > 0 && right.length > 0) sides++;
    }
    expect(sides).toBeGreaterThanOrEqual(2);
  });

  it('reads the left column before the right one (content order)', () => {
    const heading = find(pdf, 'In two columns');
    const page = heading.page;
    const items = body(page, heading.item.y - 1, Number.POSITIVE_INFINITY);
    const lastLeft = Math.max(...items.map((item, i) => (item.x < leftEnd ? i : -1)));
    const firstRight = items.findIndex((item) => item.x >= leftEnd);
    expect(firstRight).toBeGreaterThan(0);
    expect(lastLeft).toBeLessThan(firstRight);
  });

  it('balances the columns of its last page (they end level within a line) and sets what follows full width below them', () => {
    const after = find(pdf, 'After the columns');
    const last = find(pdf, 'Lastwords');
    expect(last.page.number).toBe(after.page.number);
    const page = after.page;
    const run = body(page, 0, after.item.y - 1);
    const leftBottom = Math.max(...run.filter((item) => item.x < leftEnd).map((item) => item.y));
    const rightBottom = Math.max(...run.filter((item) => item.x >= leftEnd).map((item) => item.y));
    const line = (run[0]?.fontSize ?? 10) * 1.5;
    expect(Math.abs(leftBottom - rightBottom)).toBeLessThanOrEqual(line);
    // The run's last page is not full: balancing shortened the first column.
    expect(leftBottom).toBeLessThan(text.y + text.height - 3 * line);
    expect(after.item.y).toBeGreaterThan(Math.max(leftBottom, rightBottom));
    const closing = body(page, after.item.y, Number.POSITIVE_INFINITY);
    expect(Math.max(...closing.map((item) => item.x + item.width))).toBeGreaterThan(rightStart + 50);
  });

  it('a short run is shared evenly between its two columns', async () => {
    // Filled one column after the other, a short run would sit in the left column alone.
    const short = await readPdf((await typeset(input(`Intro ${prose(30, 8)}\n\n::: columns 2\nShortrun ${prose(120, 9)}\n:::\n\nTail ${prose(20, 10)}`))).pdf);
    const page = find(short, 'Shortrun').page;
    const tail = find(short, 'Tail').item;
    const run = body(page, find(short, 'Shortrun').item.y - 1, tail.y - 1);
    const left = run.filter((item) => item.x < leftEnd);
    const right = run.filter((item) => item.x >= leftEnd);
    expect(right.length).toBeGreaterThan(0);
    expect(Math.abs(left.length - right.length)).toBeLessThanOrEqual(1);
  });

  it('a footnote referenced in a column sits at the foot of that column, on the same page', async () => {
    const markup = `Intro ${prose(30, 11)}\n\n::: columns 2\nNoted ${prose(60, 12)} claim.[^1] ${prose(200, 13)}\n:::\n\n[^1]: Footnotetext ${prose(30, 14)}`;
    const read = await readPdf((await typeset(input(markup))).pdf);
    const reference = find(read, 'Noted');
    const note = find(read, 'Footnotetext');
    expect(note.page.number).toBe(reference.page.number);
    const noteLines = note.page.items.filter((item) => item.y >= note.item.y - 1 && item.y < text.y + text.height && item.str.trim());
    for (const item of noteLines) expect(item.x + item.width).toBeLessThanOrEqual(leftEnd + 0.5);
  });

  it('a template asks for columns per section: only the chosen section is set in two columns', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'column-template-'));
    try {
      const template = join(dir, 'cols');
      cpSync(bareTemplate, template, { recursive: true });
      writeFileSync(join(template, 'brief.hbs'), '{{#each sections}}\n::: section {{{id}}}{{#if (eq id "space-agreement")}} columns=2{{/if}}\n{{{body}}}\n:::\n\n{{/each}}\n');
      const spec = briefSpecSchema.parse({ title: 'Columns', date: '2024-05-01', template, sections: ['alliance-overview', 'space-agreement'] });
      const read = await readPdf((await buildBrief(spec)).pdf);
      const inColumns = (phrase: string) => {
        const { page, item } = find(read, phrase);
        // The phrase opens a paragraph, so its line starts at the left margin; a column's line ends before the middle.
        const line = page.items.filter((other) => Math.abs(other.y - item.y) < 1 && other.x < leftEnd);
        return Math.max(...line.map((other) => other.x + other.width)) <= leftEnd + 0.5;
      };
      expect(inColumns('As the week of')).toBe(true);
      expect(inColumns('President Joe Biden received')).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a heading just before a run that starts a new page goes with it, full width above the columns', async () => {
    let moved = 0;
    for (let words = 330; words <= 450; words += 12) {
      const markup = `Opening ${prose(words, 15)}\n\n## Heading before\n\n::: columns 2\nColumnar ${prose(160, 16)}\n:::\n`;
      const read = await readPdf((await typeset(input(markup))).pdf);
      const heading = find(read, 'Heading before');
      const run = find(read, 'Columnar');
      expect(run.page.number, `${words} words`).toBe(heading.page.number);
      expect(run.item.y).toBeGreaterThan(heading.item.y);
      if (heading.page.number > find(read, 'Opening').page.number) moved++;
    }
    // Some of these lengths put the heading at the foot of the first page: there it was carried over.
    expect(moved).toBeGreaterThan(0);
  });
});
