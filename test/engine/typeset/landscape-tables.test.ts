/**
 * `tables.tooWide: landscape`: a table too wide for the text is set on a page
 * of its own turned to landscape (a landscape MediaBox, no /Rotate), at its
 * normal size, with the page's furniture laid out for that page; the text
 * before and after it stays on portrait pages. Read back with pdf.js.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseMarkup } from '../../../main/engine/markup.js';
import { typeset } from '../../../main/engine/typeset/index.js';
import { flatten, readStructure } from '../../helpers/pdf-struct.js';
import { preflightA1b } from '../../helpers/preflight.js';
import { readPdf, type PdfPage, type PdfRead } from '../../helpers/pdf-read.js';
import { manifest, prose, sampleInput } from './sample-model.js';

const COLUMNS = 9;
const ROWS = 12;
const MARKUP = [
  '# Spending brief',
  '',
  `Opening ${prose(120, 1)}`,
  '',
  `| ${Array.from({ length: COLUMNS }, (_, c) => `Programme${c + 1}`).join(' | ')} |`,
  `|${'---:|'.repeat(COLUMNS)}`,
  ...Array.from({ length: ROWS }, (_, r) => `| ${Array.from({ length: COLUMNS }, (_, c) => `Cell${r}x${c} 1,234.5`).join(' | ')} |`),
  '',
  'Table: Spending by programme',
  '',
  '## After the table',
  '',
  `Closing ${prose(150, 2)}`,
].join('\n');

async function build(tooWide: 'landscape' | 'shrink', pdfStandard?: 'PDF/A-1b') {
  const base = sampleInput({ model: parseMarkup(MARKUP, { file: 'test.md' }), pdfStandard });
  return typeset({ ...base, manifest: manifest({ header: { left: '{title}', right: 'Page {page}', rule: true }, tables: { tooWide } }) });
}

const pageOf = (pdf: PdfRead, text: string): PdfPage => {
  const page = pdf.pages.find((candidate) => candidate.items.some((item) => item.str.includes(text)));
  if (!page) throw new Error(`"${text}" not found`);
  return page;
};

describe('a table too wide for the text, on a landscape page', () => {
  let bytes: Uint8Array;
  let pdf: PdfRead;
  beforeAll(async () => {
    bytes = (await build('landscape')).pdf;
    pdf = await readPdf(bytes);
  });

  it('has a page of its own with a landscape MediaBox (no /Rotate); the text before and after stays portrait', async () => {
    const table = pageOf(pdf, 'Programme1');
    expect([table.width, table.height]).toEqual([792, 612]);
    const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
    try {
      for (let n = 1; n <= doc.numPages; n++) expect((await doc.getPage(n)).rotate).toBe(0);
    } finally {
      await doc.destroy();
    }
    const before = pageOf(pdf, 'Opening');
    const after = pageOf(pdf, 'After the table');
    expect([before.width, before.height]).toEqual([612, 792]);
    expect([after.width, after.height]).toEqual([612, 792]);
    expect(before.number).toBeLessThan(table.number);
    expect(after.number).toBeGreaterThan(table.number);
  });

  it('sets every cell whole at the table style’s own size, with its numbered caption, inside the landscape text area', () => {
    const landscape = pdf.pages.filter((page) => page.width > page.height);
    const items = landscape.flatMap((page) => page.items);
    for (let r = 0; r < ROWS; r++) for (let c = 0; c < COLUMNS; c++) expect(items.some((item) => item.str.includes(`Cell${r}x${c}`)), `Cell${r}x${c}`).toBe(true);
    const cells = items.filter((item) => item.str.startsWith('Cell'));
    for (const item of cells) {
      expect(item.fontSize).toBeCloseTo(9, 1);
      expect(item.x).toBeGreaterThanOrEqual(72 - 0.5);
      expect(item.x + item.width).toBeLessThanOrEqual(792 - 72 + 0.5);
    }
    expect(items.map((item) => item.str).join(' ').replace(/\s+/g, ' ')).toContain('Table 1. Spending by programme');
  });

  it('lays the furniture out for the landscape page: banners centred at its top and bottom, header and page number across its width', () => {
    const table = pageOf(pdf, 'Programme1');
    const banners = table.items.filter((item) => item.str === 'UNCLASSIFIED');
    expect(banners).toHaveLength(2);
    for (const banner of banners) expect(banner.x + banner.width / 2).toBeCloseTo(396, 0);
    expect(Math.min(...banners.map((banner) => banner.y))).toBeLessThan(40);
    expect(Math.max(...banners.map((banner) => banner.y))).toBeGreaterThan(612 - 40);
    const pageNumber = table.items.find((item) => item.str === `Page ${table.number}`);
    expect(pageNumber).toBeDefined();
    expect((pageNumber?.x ?? 0) + (pageNumber?.width ?? 0)).toBeCloseTo(792 - 72, 0);
    expect(table.items.some((item) => item.str === 'Spending brief' || item.str.startsWith('U.S.'))).toBe(true);
  });

  it('is one table in the structure tree (not set in parts), with a header cell per column', async () => {
    const nodes = flatten((await readStructure(bytes)).root);
    expect(nodes.filter((node) => node.role === 'Table')).toHaveLength(1);
    expect(nodes.filter((node) => node.role === 'TH')).toHaveLength(COLUMNS);
  });

  it('the default (shrink) sets the same table smaller on a portrait page, or in parts: landscape is the template’s choice', async () => {
    const shrunk = await readPdf((await build('shrink')).pdf);
    expect(shrunk.pages.every((page) => page.width < page.height)).toBe(true);
    const cells = shrunk.pages.flatMap((page) => page.items).filter((item) => item.str.startsWith('Cell'));
    const smaller = cells.some((item) => item.fontSize < 8.9);
    const inParts = cells.filter((item) => item.str.startsWith('Cell0x')).length > 0 && new Set(cells.filter((item) => item.str.startsWith('Cell0x')).map((item) => Math.round(item.y))).size > 1;
    expect(smaller || inParts).toBe(true);
  });

  it('a PDF/A-1b brief with a landscape page passes Preflight', async () => {
    const verdict = preflightA1b((await build('landscape', 'PDF/A-1b')).pdf);
    expect(verdict.output, verdict.output).toContain('is a valid PDF/A-1b file');
  });

  it('pdfinfo agrees on the page sizes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'landscape-'));
    try {
      const file = join(dir, 'brief.pdf');
      writeFileSync(file, bytes);
      const info = execFileSync('pdfinfo', ['-f', '1', '-l', String(pdf.pageCount), file], { encoding: 'utf8' });
      expect(info).toMatch(/Page\s+2 size:\s+792 x 612 pts/);
      expect(info).toMatch(/Page\s+2 rot:\s+0/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
