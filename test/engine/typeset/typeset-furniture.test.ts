import { describe, expect, it } from 'vitest';
import type { Block, DocumentInfo } from '../../../main/engine/model.js';
import type { TemplateManifestInput } from '../../../main/engine/template-manifest.js';
import { typeset, type TypesetResult } from '../../../main/engine/typeset/index.js';
import { rasterizePage, readPdf, type PdfRead } from '../../helpers/pdf-read.js';
import { manifest, para, prose, SAMPLE_INFO, sampleTemplateDir } from './sample-model.js';

const template = sampleTemplateDir();
const threePages: Block[] = Array.from({ length: 9 }, (_, i) => para(prose(170, i + 1)));

async function render(manifestInput: Partial<TemplateManifestInput>, info: Partial<DocumentInfo> = {}, blocks = threePages): Promise<{ result: TypesetResult; pdf: PdfRead }> {
  const result = await typeset({
    model: { blocks },
    info: { ...SAMPLE_INFO, ...info },
    manifest: manifest(manifestInput),
    templateDir: template.dir,
    resolveAsset: template.resolveAsset,
  });
  return { result, pdf: await readPdf(result.pdf) };
}

describe('typeset: page furniture', () => {
  it('puts the classification banner at the top and bottom of every page', async () => {
    const { pdf } = await render({}, { classification: 'UNCLASSIFIED//FOR OFFICIAL USE ONLY' });
    expect(pdf.pageCount).toBeGreaterThanOrEqual(3);
    for (const page of pdf.pages) {
      expect(page.lines[0]).toBe('UNCLASSIFIED//FOR OFFICIAL USE ONLY');
      expect(page.lines.at(-1)).toBe('UNCLASSIFIED//FOR OFFICIAL USE ONLY');
      // Centred on the page.
      const top = page.items.find((item) => item.str.startsWith('UNCLASSIFIED'))!;
      expect(Math.abs(top.x + top.width / 2 - page.width / 2)).toBeLessThan(1);
      // Above the running header, inside the top margin.
      expect(top.y).toBeLessThan(72 - 22);
    }
  });

  it('draws a filled banner as white text on a full-width bar in the marking colour', async () => {
    const { result, pdf } = await render({ banner: { filled: true } }, { classification: 'SECRET//NOFORN' });
    expect(pdf.pages[0]?.lines[0]).toBe('SECRET//NOFORN');
    const raster = rasterizePage(result.pdf, 2, 72);
    const banner = pdf.pages[1]!.items.find((item) => item.str === 'SECRET//NOFORN')!;
    // The bar spans the page width at the banner's height; secret is red by default.
    expect(raster.colorAt(3, banner.y - 3)).toBe('#c8102e');
    expect(raster.colorAt(608, banner.y - 3)).toBe('#c8102e');
    const bottom = pdf.pages[1]!.items.filter((item) => item.str === 'SECRET//NOFORN').at(-1)!;
    expect(raster.colorAt(3, bottom.y - 3)).toBe('#c8102e');
  });

  it('leaves the banner out when banners are off or there is no marking', async () => {
    const off = await render({ banner: { enabled: false } }, { classification: 'CUI' });
    expect(off.pdf.pages.some((page) => page.text.includes('CUI'))).toBe(false);
    const none = await render({}, { classification: undefined });
    expect(none.pdf.pages[0]?.lines[0]).not.toBe('UNCLASSIFIED');
  });

  it('fills header and footer slots with tokens, honouring skipFirstPage', async () => {
    const { pdf } = await render(
      {
        header: { left: '{title}', right: '{author}', rule: true, skipFirstPage: true },
        footer: { left: '{classification}', center: '{date}', right: 'Page {page} of {pages}' },
        dateFormat: 'month-day-year',
      },
      { title: 'Alliance brief', author: 'Planning Staff', classification: 'CUI' },
    );
    expect(pdf.pages[0]?.text).not.toContain('Alliance brief Planning Staff');
    const pages = pdf.pageCount;
    expect(pages).toBeGreaterThanOrEqual(3);
    for (const page of pdf.pages.slice(1)) expect(page.lines[1]).toBe('Alliance brief Planning Staff');
    pdf.pages.forEach((page, index) => {
      expect(page.lines.at(-2)).toBe(`CUI January 13, 2023 Page ${index + 1} of ${pages}`);
      const right = page.items.find((item) => item.str === `Page ${index + 1} of ${pages}`)!;
      expect(Math.abs(right.x + right.width - (612 - 72))).toBeLessThan(0.5);
    });
  });

  it('narrows the text for a ruled notes column drawn on every page', async () => {
    const { result, pdf } = await render({ notes: { enabled: true, side: 'right', width: 170, lineSpacing: 22, label: 'Notes' }, footer: { center: '' } }, { classification: undefined });
    const columnX = 612 - 72 - 170 + 16;
    for (const page of pdf.pages) {
      const body = page.items.filter((item) => /^[a-z]/i.test(item.str) && item.str !== 'NOTES');
      expect(body.length).toBeGreaterThan(0);
      for (const item of body) expect(item.x + item.width).toBeLessThanOrEqual(612 - 72 - 170 + 0.5);
      const label = page.items.find((item) => item.str === 'NOTES')!;
      expect(label.x).toBeCloseTo(columnX, 0);
    }
    const raster = rasterizePage(result.pdf, 3, 72);
    let ruled = 0;
    let inLine = false;
    for (let y = 72; y <= 792 - 72; y += 0.5) {
      const dark = raster.colorAt(columnX + 60, y) !== '#ffffff';
      if (dark && !inLine) ruled++;
      inLine = dark;
    }
    expect(ruled).toBe(Math.floor((792 - 144 - 9.6 - 22) / 22) + 1);
  });

  it('puts a left notes column on the left and the text after it', async () => {
    const { pdf } = await render({ notes: { enabled: true, side: 'left', width: 150 } }, { classification: undefined });
    const body = pdf.pages[0]!.items.filter((item) => /^[A-Z][a-z]/.test(item.str) && item.str !== 'NOTES' && item.y > 80 && item.y < 700);
    for (const item of body) expect(item.x).toBeGreaterThanOrEqual(72 + 150 - 0.5);
    expect(pdf.pages[0]!.items.find((item) => item.str === 'NOTES')?.x).toBeCloseTo(72, 0);
  });

  it('sets A4 pages with the template margins', async () => {
    const { pdf } = await render({ page: { size: 'A4', margins: { top: 60, right: 50, bottom: 60, left: 50 } } });
    expect(pdf.pages[0]?.width).toBeCloseTo(595.28, 1);
    expect(pdf.pages[0]?.height).toBeCloseTo(841.89, 1);
    const body = pdf.pages[0]!.items.filter((item) => item.y > 60 && item.y < 780);
    expect(Math.min(...body.map((item) => item.x))).toBeCloseTo(50, 0);
    expect(Math.max(...body.map((item) => item.x + item.width))).toBeLessThanOrEqual(595.28 - 50 + 0.5);
  });
});
