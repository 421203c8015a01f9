import { describe, expect, it } from 'vitest';
import type { Block, DocumentInfo } from '../../../main/engine/model.js';
import type { TemplateManifestInput } from '../../../main/engine/template-manifest.js';
import { typeset, type TypesetResult } from '../../../main/engine/typeset/index.js';
import { pdftotext, rasterizePage, readPdf, type PdfRead } from '../../helpers/pdf-read.js';
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

  it('sets a filled banner in dark text on a light marking colour (top secret orange), in white on a dark one', async () => {
    /** Pixels inside the banner text's box: how many are near white, how many dark. */
    const inkIn = async (classification: string) => {
      const { result, pdf } = await render({ banner: { filled: true } }, { classification });
      const label = pdf.pages[0]!.items.find((item) => item.str === classification)!;
      const raster = rasterizePage(result.pdf, 1, 288);
      let white = 0;
      let dark = 0;
      for (let x = label.x; x <= label.x + label.width; x += 0.25) {
        for (let y = label.y - label.fontSize * 0.7; y <= label.y; y += 0.25) {
          const value = Number.parseInt(raster.colorAt(x, y).slice(1), 16);
          const brightness = (((value >> 16) & 255) + ((value >> 8) & 255) + (value & 255)) / 3;
          if (brightness > 235) white++;
          if (brightness < 70) dark++;
        }
      }
      return { white, dark };
    };
    const topSecret = await inkIn('TOP SECRET//SCI');
    expect(topSecret.white).toBe(0);
    expect(topSecret.dark).toBeGreaterThan(50);
    const secret = await inkIn('SECRET//NOFORN');
    expect(secret.white).toBeGreaterThan(50);
    expect(secret.dark).toBe(0);
  });

  it('centres the running header and footer between a banner and the text when the margins leave no room for the usual gap', async () => {
    const margins = { top: 56, right: 72, bottom: 56, left: 72 };
    const { result, pdf } = await render(
      { page: { size: 'Letter', margins }, banner: { filled: true }, header: { left: 'Running header' }, footer: { left: 'Running footer' } },
      { classification: 'SECRET' },
    );
    const page = pdf.pages[1]!;
    const raster = rasterizePage(result.pdf, 2, 144);
    const red = (y: number) => raster.colorAt(3, y) === '#c8102e';
    let barBottom = 0;
    while (!red(barBottom)) barBottom += 0.25;
    while (red(barBottom)) barBottom += 0.25;
    let lowBarTop = 792;
    while (!red(lowBarTop - 0.25)) lowBarTop -= 0.25;
    while (red(lowBarTop - 0.25)) lowBarTop -= 0.25;
    // The header and footer style: size 8, leading 1.2, baseline 0.8 em below the top of the em box.
    const lineHeight = 9.6;
    const boxTop = (baseline: number) => baseline - (lineHeight - 8) / 2 - 8 * 0.8;
    const header = boxTop(page.items.find((item) => item.str === 'Running header')!.y);
    const footer = boxTop(page.items.find((item) => item.str === 'Running footer')!.y);
    expect(Math.abs(header - barBottom - (margins.top - header - lineHeight))).toBeLessThan(1);
    expect(Math.abs(lowBarTop - footer - lineHeight - (footer - (792 - margins.bottom)))).toBeLessThan(1);

    // With room to spare, the usual 22 points between the line and the text stay.
    const roomy = await render({ banner: { filled: true }, header: { left: 'Running header' } }, { classification: 'SECRET' });
    const roomyHeader = boxTop(roomy.pdf.pages[1]!.items.find((item) => item.str === 'Running header')!.y);
    expect(roomyHeader + lineHeight).toBeCloseTo(72 - 22, 1);
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

  it('tracks the notes label lightly enough that it extracts as one word', async () => {
    const { result } = await render({ notes: { enabled: true, side: 'right', width: 170, lineSpacing: 22, label: 'Notes' } }, { classification: undefined });
    const text = pdftotext(result.pdf, 1);
    expect(text).toMatch(/\bNOTES\b/);
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
