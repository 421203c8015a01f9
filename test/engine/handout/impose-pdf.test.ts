/**
 * Handout sheets read back with pdf.js: sheet count, size and orientation,
 * each logical page's text in its slot of its sheet, copy labels on every
 * page of their copy, notes, and reproducible bytes.
 */
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { imposeHandout, type HandoutOptions } from '../../../main/engine/handout/impose-pdf.js';
import { PAPER_SIZES } from '../../../main/engine/handout/sheet-geometry.js';
import { readPdf, type PdfPage } from '../../helpers/pdf-read.js';

/** A brief stand-in: `count` Letter pages, each saying which page it is. */
async function logicalPages(count: number, size: [number, number] = [612, 792]): Promise<Uint8Array> {
  const doc = new PDFDocument({ autoFirstPage: false, info: { CreationDate: new Date(Date.UTC(2023, 0, 13)) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  for (let i = 1; i <= count; i++) {
    doc.addPage({ size, margin: 72 });
    doc.fontSize(24).text(`Logical page ${i}`, 72, 300);
  }
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

const options = (o: Partial<HandoutOptions>): HandoutOptions => ({ layout: '1-up', notes: false, paper: 'letter', copies: 1, ...o });

/** Where "Logical page N" sits: sheet (1-based) and its text item. */
function findPage(pages: PdfPage[], n: number): { sheet: number; x: number; y: number }[] {
  const hits: { sheet: number; x: number; y: number }[] = [];
  for (const page of pages) {
    for (const item of page.items) if (item.str === `Logical page ${n}`) hits.push({ sheet: page.number, x: item.x, y: item.y });
  }
  return hits;
}

describe('imposeHandout', () => {
  it('1-up on the same paper with nothing to add returns the brief untouched', async () => {
    const source = await logicalPages(3);
    const result = await imposeHandout(source, options({}));
    expect(result.pdf).toBe(source);
    expect(result.sheetCount).toBe(3);
  });

  it('2-up: two pages side by side on landscape Letter sheets, in order', async () => {
    const result = await imposeHandout(await logicalPages(5), options({ layout: '2-up' }));
    const pdf = await readPdf(result.pdf);
    expect(pdf.pageCount).toBe(3);
    for (const sheet of pdf.pages) expect([sheet.width, sheet.height]).toEqual([792, 612]);
    for (let n = 1; n <= 5; n++) {
      const [hit, ...more] = findPage(pdf.pages, n);
      expect(more).toEqual([]);
      expect(hit!.sheet).toBe(Math.ceil(n / 2));
      if (n % 2 === 1) expect(hit!.x).toBeLessThan(792 / 2);
      else expect(hit!.x).toBeGreaterThan(792 / 2);
    }
  });

  it('4-up: four pages per portrait A4 sheet, left to right then top to bottom', async () => {
    const result = await imposeHandout(await logicalPages(6), options({ layout: '4-up', paper: 'a4' }));
    const pdf = await readPdf(result.pdf);
    expect(pdf.pageCount).toBe(2);
    for (const sheet of pdf.pages) {
      expect(sheet.width).toBeCloseTo(PAPER_SIZES.a4.width, 1);
      expect(sheet.height).toBeCloseTo(PAPER_SIZES.a4.height, 1);
    }
    for (let n = 1; n <= 6; n++) {
      const [hit] = findPage(pdf.pages, n);
      const slot = (n - 1) % 4;
      expect(hit!.sheet).toBe(Math.ceil(n / 4));
      expect(hit!.x < PAPER_SIZES.a4.width / 2).toBe(slot % 2 === 0);
      expect(hit!.y < PAPER_SIZES.a4.height / 2).toBe(slot < 2);
    }
  });

  it('booklet: saddle-stitch order on landscape sheets, blanks padding to a multiple of 4', async () => {
    const result = await imposeHandout(await logicalPages(6), options({ layout: 'booklet' }));
    const pdf = await readPdf(result.pdf);
    expect(pdf.pageCount).toBe(4); // 8 pages (6 + 2 blanks), 2 per side
    for (const sheet of pdf.pages) expect(sheet.width).toBeGreaterThan(sheet.height);
    // Sides: [8,1] [2,7] [6,3] [4,5] (1-based; 7 and 8 are blank).
    const expected: Record<number, [number, 'left' | 'right']> = { 1: [1, 'right'], 2: [2, 'left'], 3: [3, 'right'], 4: [4, 'left'], 5: [4, 'right'], 6: [3, 'left'] };
    for (const [n, [sheet, side]] of Object.entries(expected)) {
      const [hit] = findPage(pdf.pages, Number(n));
      expect(hit!.sheet).toBe(sheet);
      expect(hit!.x < 792 / 2).toBe(side === 'left');
    }
    expect(pdf.pages[0]!.text).not.toMatch(/Logical page [78]/);
  });

  it('numbered copies: "Copy N of M" under every page of copy N, and only there', async () => {
    const result = await imposeHandout(await logicalPages(3), options({ layout: '2-up', copies: 3 }));
    expect(result).toMatchObject({ sheetCount: 6, sidesPerCopy: 2, copies: 3 });
    const pdf = await readPdf(result.pdf);
    pdf.pages.forEach((sheet, index) => {
      const copy = Math.floor(index / 2) + 1;
      const labels = sheet.items.filter((i) => /^Copy \d+ of \d+/.test(i.str)).map((i) => i.str);
      const logical = sheet.items.filter((i) => i.str.startsWith('Logical page'));
      expect(labels).toEqual(logical.map(() => `Copy ${copy} of 3`));
      // Each label sits just under its page.
      for (const page of logical) expect(sheet.items.some((i) => i.str === `Copy ${copy} of 3` && Math.abs(i.x - page.x) < 396 && i.y > page.y)).toBe(true);
    });
  });

  it('recipients: one copy per name, the name with the copy number, in any script', async () => {
    const names = ['Jane Doe', '岸田文雄'];
    const result = await imposeHandout(await logicalPages(2), options({ layout: '1-up', recipients: names }));
    const pdf = await readPdf(result.pdf);
    expect(pdf.pageCount).toBe(4);
    expect(pdf.pages.map((p) => p.text.match(/Copy \d of 2 · .+/)?.[0])).toEqual([
      'Copy 1 of 2 · Jane Doe',
      'Copy 1 of 2 · Jane Doe',
      'Copy 2 of 2 · 岸田文雄',
      'Copy 2 of 2 · 岸田文雄',
    ]);
  });

  it('notes: a ruled column beside 1-up and 2-up pages, an area below 4-up pages', async () => {
    for (const [layout, where] of [['1-up', 'beside'], ['2-up', 'beside'], ['4-up', 'below']] as const) {
      const pdf = await readPdf((await imposeHandout(await logicalPages(4), options({ layout, notes: true }))).pdf);
      const sheet = pdf.pages[0]!;
      const headings = sheet.items.filter((i) => i.str === 'NOTES');
      const pages = sheet.items.filter((i) => i.str.startsWith('Logical page'));
      expect(headings).toHaveLength(pages.length);
      for (const page of pages) {
        const near = headings.find((h) => (where === 'beside' ? h.x > page.x && Math.abs(h.y - page.y) < 400 : h.y > page.y && Math.abs(h.x - page.x) < 200));
        expect(near, `${layout}: notes ${where} ${page.str}`).toBeDefined();
      }
    }
  });

  it('scales an A4 brief onto Letter 1-up, text intact', async () => {
    const pdf = await readPdf((await imposeHandout(await logicalPages(2, [595.28, 841.89]), options({ paper: 'letter' }))).pdf);
    expect(pdf.pages.map((p) => [p.width, p.height])).toEqual([[612, 792], [612, 792]]);
    expect(pdf.pages[1]!.text).toContain('Logical page 2');
  });

  it('carries the outline over: each entry opens the sheet that shows its page (first copy)', async () => {
    const outline = [
      { title: 'Part one', level: 1, page: 1 },
      { title: 'Detail', level: 2, page: 3 },
      { title: 'Part two', level: 1, page: 6 },
    ];
    const pdf = await readPdf((await imposeHandout(await logicalPages(6), options({ layout: 'booklet', copies: 2, outline }))).pdf);
    // Booklet of 8: sides [8,1] [2,7] [6,3] [4,5]; page 3 is on side 3, page 6 on side 3 too.
    expect(pdf.outline.map((o) => [o.title, o.level, o.page])).toEqual([
      ['Part one', 1, 1],
      ['Detail', 2, 3],
      ['Part two', 1, 3],
    ]);
  });

  it('is reproducible: the same inputs give the same bytes', async () => {
    const source = await logicalPages(5);
    const o = options({ layout: 'booklet', notes: true, recipients: ['A. Reader', 'B. Reader'] });
    const a = await imposeHandout(source, o);
    const b = await imposeHandout(source, o);
    expect(Buffer.from(a.pdf).equals(Buffer.from(b.pdf))).toBe(true);
  });
});
