/**
 * Images a template places: width, height (with units) and alignment in the
 * markup, a logo in the header or footer on the pages asked for, a warning
 * naming the file and its size when an image is scaled to fit, and the line
 * before an image carried to the next page with it. Read back from the
 * rendered pages (where the image's colour is).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMarkup } from '../../../main/engine/markup.js';
import type { Block } from '../../../main/engine/model.js';
import type { TemplateManifestInput } from '../../../main/engine/template-manifest.js';
import { typeset } from '../../../main/engine/typeset/index.js';
import { rasterizePage, readPdf, type PageRaster } from '../../helpers/pdf-read.js';
import { makePng, manifest, para, SAMPLE_INFO, sampleTemplateDir } from './sample-model.js';

const template = sampleTemplateDir();
const RED: [number, number, number] = [200, 16, 46];
const BLUE: [number, number, number] = [0, 51, 160];
// 200 × 100 pixels: 200 × 100 points at its natural size.
writeFileSync(join(template.dir, 'images', 'red.png'), makePng(200, 100, () => RED));
// A tall one, 100 × 200.
writeFileSync(join(template.dir, 'images', 'tall.png'), makePng(100, 200, () => RED));
// Larger than a Letter page at one point per pixel.
writeFileSync(join(template.dir, 'images', 'poster.png'), makePng(700, 1000, () => RED));
writeFileSync(join(template.dir, 'images', 'logo.png'), makePng(300, 100, () => BLUE));
writeFileSync(join(template.dir, 'images', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="90" height="30"><rect width="90" height="30" fill="#0033a0"/></svg>');

async function render(blocks: Block[], input: Partial<TemplateManifestInput> = {}) {
  const result = await typeset({
    model: { blocks },
    info: { ...SAMPLE_INFO, classification: undefined },
    manifest: manifest({ footer: { center: '' }, banner: { enabled: false }, ...input }),
    templateDir: template.dir,
    resolveAsset: template.resolveAsset,
  });
  return { result, pdf: await readPdf(result.pdf) };
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Where a colour is drawn on a page (1 point = 1 pixel at 72 dpi): one box per run of rows that have it. */
function boxesOf(raster: PageRaster, color: string): Box[] {
  const target = [1, 3, 5].map((at) => Number.parseInt(color.slice(at, at + 2), 16));
  const boxes: Box[] = [];
  let open: Box | undefined;
  for (let y = 0; y < raster.height; y++) {
    let left = Number.POSITIVE_INFINITY;
    let right = Number.NEGATIVE_INFINITY;
    for (let x = 0; x < raster.width; x++) {
      const hex = raster.colorAt(x + 0.5, y + 0.5);
      const here = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16));
      if (!here.every((value, i) => Math.abs(value - target[i]!) <= 6)) continue;
      left = Math.min(left, x);
      right = Math.max(right, x + 1);
    }
    if (right < left) {
      open = undefined;
      continue;
    }
    if (!open) boxes.push((open = { left, top: y, right, bottom: y + 1 }));
    else Object.assign(open, { left: Math.min(open.left, left), right: Math.max(open.right, right), bottom: y + 1 });
  }
  return boxes;
}

const boxOf = (raster: PageRaster, color: string): Box | undefined => boxesOf(raster, color)[0];

/** Equal within the rasteriser's rounding at 72 dpi (a pixel or two at each edge). */
function near(actual: number, expected: number, tolerance = 2.5): void {
  expect(Math.abs(actual - expected), `${actual} ≈ ${expected}`).toBeLessThanOrEqual(tolerance);
}

const image = (title: Partial<Extract<Block, { type: 'image' }>> = {}): Block => ({ type: 'image', src: 'images/red.png', alt: 'A red box', ...title });

describe('images in the markup', () => {
  it('reads width, height and alignment from the title, with units, and keeps the rest as the caption', () => {
    const model = parseMarkup('![Seal](images/seal.png "Spending by year width=50mm height=2in align=right")\n', { file: 'brief.hbs' });
    expect(model.blocks[0]).toEqual({ type: 'image', src: 'images/seal.png', alt: 'Seal', width: 141.73, height: 144, align: 'right', caption: [{ text: 'Spending by year' }] });
    expect(parseMarkup('![Seal](seal.png "width=96 align=centre")\n', { file: 'brief.hbs' }).blocks[0]).toEqual({ type: 'image', src: 'seal.png', alt: 'Seal', width: 96, align: 'center' });
  });

  it('refuses a size or alignment it cannot read, at the line of the image', () => {
    expect(() => parseMarkup('Text.\n\n![Seal](seal.png "align=middle")\n', { file: 'brief.hbs' })).toThrow(
      expect.objectContaining({ code: 'MARKUP_INVALID', location: { file: 'brief.hbs', line: 3, column: 1 }, message: expect.stringContaining('`align=middle` is not an alignment') as string }),
    );
    expect(() => parseMarkup('![Seal](seal.png "width=40px")\n', { file: 'brief.hbs' })).toThrow(expect.objectContaining({ message: expect.stringContaining('`width=40px` is not a length') as string }));
  });

  it('draws an image at the width, height or box asked for, on the side asked for', async () => {
    const { result } = await render([image({ width: 100, align: 'left' }), image({ height: 36, align: 'right' }), image({ width: 200, height: 50 }), image({ width: 141.73 })]);
    expect(result.warnings).toEqual([]);
    const [left, right, boxed, metric] = boxesOf(rasterizePage(result.pdf, 1, 72), '#c8102e');
    // Left: 100 × 50 at the left margin.
    near(left!.left, 72);
    near(left!.right, 172);
    near(left!.bottom - left!.top, 50);
    // Right: 36 tall and 72 wide, against the right margin (612 − 72).
    near(right!.right, 540);
    near(right!.right - right!.left, 72);
    near(right!.bottom - right!.top, 36);
    // A 200 × 50 box: the 2:1 image fits it as 100 × 50, centred on the column (306).
    near(boxed!.right - boxed!.left, 100);
    near((boxed!.left + boxed!.right) / 2, 306);
    // 50 mm wide.
    near(metric!.right - metric!.left, 141.73);
  });

  it('scales an image larger than its room, with a warning naming the file and its sizes', async () => {
    const { result } = await render([para('Above.'), image({ width: 2000 })]);
    expect(result.warnings).toEqual([
      {
        code: 'IMAGE',
        message:
          'The image "images/red.png" (200 × 100 pixels) would be 2000 × 1000 points, larger than the room it has in the column (468 × 551 points): it is scaled down to 468 × 234 points. Give it a smaller width= or height= to place it at the size you mean.',
        location: { file: 'images/red.png' },
      },
    ]);
    const box = boxOf(rasterizePage(result.pdf, 1, 72), '#c8102e')!;
    near(box.right - box.left, 468);
    // No warning for an image that fits as it is.
    expect((await render([image()])).result.warnings).toEqual([]);
  });

  it('warns about an image whose natural size is larger than the page, and draws it within the text area', async () => {
    const { result } = await render([image({ src: 'images/poster.png' })]);
    expect(result.warnings.map((warning) => warning.message)).toEqual([
      'The image "images/poster.png" (700 × 1000 pixels) would be 700 × 1000 points, larger than the room it has in the column (468 × 551 points): it is scaled down to 386 × 551 points. Give it a smaller width= or height= to place it at the size you mean.',
    ]);
    const box = boxOf(rasterizePage(result.pdf, 1, 72), '#c8102e')!;
    near(box.bottom - box.top, 551);
    near(box.right - box.left, 386);
  });

  it('never leaves the line before an image alone at the foot of a page', async () => {
    // A line, 400 points of space, a kicker line, then an image 300 points tall that does not fit under it.
    const { pdf, result } = await render([para('Opening line.'), { type: 'space', height: 400 }, { type: 'paragraph', style: 'kicker', runs: [{ text: 'KICKER LINE' }] }, image({ src: 'images/tall.png', height: 300 })]);
    expect(pdf.pages).toHaveLength(2);
    expect(pdf.pages[0]!.text).not.toContain('KICKER LINE');
    const kicker = pdf.pages[1]!.items.find((item) => item.str === 'KICKER LINE')!;
    const box = boxOf(rasterizePage(result.pdf, 2, 72), '#c8102e')!;
    expect(kicker.y).toBeLessThan(box.top);
    expect(box.top - kicker.y).toBeLessThan(30);
  });

  it('leaves a figure and its caption where they are when the next figure moves on', async () => {
    const { pdf, result } = await render([para('Opening line.'), image({ src: 'images/tall.png', height: 300, caption: [{ text: 'First' }] }), image({ src: 'images/tall.png', height: 300 })]);
    expect(pdf.pages).toHaveLength(2);
    expect(pdf.pages[0]!.text).toContain('Figure 1. First');
    expect(boxesOf(rasterizePage(result.pdf, 1, 72), '#c8102e')).toHaveLength(1);
    const next = boxesOf(rasterizePage(result.pdf, 2, 72), '#c8102e');
    expect(next).toHaveLength(1);
    near(next[0]!.top, 72);
  });
});

describe('images in the page furniture', () => {
  const pages = [para('Page one.'), { type: 'page-break' } as Block, para('Page two.')];

  it('puts a logo in the header of the first page only, on the side asked for, standing on the header line', async () => {
    const { result } = await render(pages, { page: { margins: { top: 110 } }, header: { right: '{title}', skipFirstPage: true, image: { src: 'images/logo.png', height: '12mm', align: 'left', pages: 'first' } } });
    expect(result.warnings).toEqual([]);
    const first = boxOf(rasterizePage(result.pdf, 1, 72), '#0033a0')!;
    // 12 mm = 34 points tall, 3:1: 102 wide, at the left margin; its foot on the header line's foot (110 − 22).
    near(first.left, 72);
    near(first.right - first.left, 102);
    near(first.bottom - first.top, 34);
    near(first.bottom, 88);
    expect(first.bottom).toBeLessThanOrEqual(110);
    expect(boxOf(rasterizePage(result.pdf, 2, 72), '#0033a0')).toBeUndefined();
  });

  it('reads the logo’s alignment as written, centre included, and defaults to the left on every page', () => {
    expect(manifest({ header: { image: { src: 'images/logo.png', align: 'centre' } } }).header.image).toEqual({ src: 'images/logo.png', align: 'center', pages: 'all' });
    expect(manifest({ footer: { image: { src: 'images/logo.png' } } }).footer.image).toEqual({ src: 'images/logo.png', align: 'left', pages: 'all' });
  });

  it('puts an SVG logo in the footer of every page but the first, on the right', async () => {
    const { result } = await render(pages, { footer: { image: { src: 'images/logo.svg', align: 'right', pages: 'rest' } } });
    expect(boxOf(rasterizePage(result.pdf, 1, 72), '#0033a0')).toBeUndefined();
    const second = boxOf(rasterizePage(result.pdf, 2, 72), '#0033a0')!;
    near(second.right, 540);
    near(second.right - second.left, 90);
    expect(second.top).toBeGreaterThanOrEqual(720);
  });

  it('warns when a logo is drawn over a slot that has text on the same pages', async () => {
    const clash = await render(pages, { header: { left: '{title}', image: { src: 'images/logo.png', height: 20, pages: 'rest' } } });
    expect(clash.result.warnings.map((warning) => warning.message)).toEqual([
      'The header image "images/logo.png" is drawn over the header\'s left slot ("{title}") on the pages that show both: give the image another align, or leave that slot empty.',
    ]);
    // The line left out of the first page, the logo on the first page only: no page shows both.
    const apart = await render(pages, { header: { left: '{title}', skipFirstPage: true, image: { src: 'images/logo.png', height: 20, pages: 'first' } } });
    expect(apart.result.warnings).toEqual([]);
  });

  it('scales a logo too big for the margin, with a warning naming the file and its size', async () => {
    const { result } = await render(pages, { header: { image: { src: 'images/logo.png' } } });
    const warning = result.warnings.find((candidate) => candidate.code === 'IMAGE');
    expect(warning?.message).toBe(
      'The image "images/logo.png" (300 × 100 pixels) would be 300 × 100 points, larger than the room in the header (468 × 38 points): it is scaled down to 114 × 38 points. Give it a smaller height or width under header.image in template.yaml, or make page.margins.top larger.',
    );
    const box = boxOf(rasterizePage(result.pdf, 1, 72), '#0033a0')!;
    expect(box.top).toBeGreaterThanOrEqual(11);
    expect(box.bottom).toBeLessThanOrEqual(72);
  });
});
