import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BriefError } from '../../../main/engine/errors.js';
import type { Block } from '../../../main/engine/model.js';
import { fontsDir } from '../../../main/engine/paths.js';
import type { TemplateManifestInput } from '../../../main/engine/template-manifest.js';
import { typeset } from '../../../main/engine/typeset/index.js';
import { rasterizePage, readPdf } from '../../helpers/pdf-read.js';
import { makePng, manifest, para, SAMPLE_INFO, sampleTemplateDir } from './sample-model.js';

const template = sampleTemplateDir();
mkdirSync(join(template.dir, 'fonts'));
copyFileSync(join(fontsDir(), 'Inter-Bold.ttf'), join(template.dir, 'fonts', 'House-Bold.ttf'));
copyFileSync(join(fontsDir(), 'SourceSerif4-Italic.ttf'), join(template.dir, 'fonts', 'House-Regular.ttf'));
writeFileSync(join(template.dir, 'images', 'broken.png'), 'not a png at all');
// Damaged fonts that fontkit parses without complaint: it reads tables only when asked.
const interBytes = readFileSync(join(fontsDir(), 'Inter-Regular.ttf'));
writeFileSync(join(template.dir, 'fonts', 'Truncated.ttf'), interBytes.subarray(0, interBytes.length >> 1));
writeFileSync(join(template.dir, 'fonts', 'BadLayout.ttf'), damageTable(interBytes, 'GSUB', 4, 6));
writeFileSync(join(template.dir, 'fonts', 'BadGlyphs.ttf'), damageTable(interBytes, 'loca', 200, 40));

/** A copy of a font with `length` bytes of one table, from `at`, set to 0xff. */
function damageTable(font: Buffer, tag: string, at: number, length: number): Buffer {
  const copy = Buffer.from(font);
  const tableCount = copy.readUInt16BE(4);
  for (let i = 0; i < tableCount; i++) {
    const record = 12 + i * 16;
    if (copy.toString('latin1', record, record + 4) === tag) {
      const offset = copy.readUInt32BE(record + 8);
      copy.fill(0xff, offset + at, offset + at + length);
      return copy;
    }
  }
  throw new Error(`no ${tag} table`);
}
writeFileSync(join(template.dir, 'images', 'wide.png'), makePng(1600, 200, (x) => (x < 800 ? [200, 16, 46] : [0, 51, 160])));

/** Colours equal within rasteriser rounding. */
function near(actual: string, expected: string): boolean {
  const channels = (hex: string) => [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16));
  const a = channels(actual);
  return channels(expected).every((value, i) => Math.abs(value - (a[i] as number)) <= 4);
}

async function render(blocks: Block[], manifestInput: Partial<TemplateManifestInput> = {}, resolveAsset = template.resolveAsset) {
  const resolved: string[] = [];
  const result = await typeset({
    model: { blocks },
    info: { ...SAMPLE_INFO, classification: undefined },
    manifest: manifest({ footer: { center: '' }, ...manifestInput }),
    templateDir: template.dir,
    resolveAsset: (path) => {
      resolved.push(path);
      return resolveAsset(path);
    },
  });
  return { result, pdf: await readPdf(result.pdf), resolved };
}

describe('typeset: template fonts and images', () => {
  it('uses a template font family through resolveAsset', async () => {
    const { pdf, resolved } = await render([para('House style text.'), { type: 'paragraph', style: 'house', runs: [{ text: 'Bold house words', bold: true }] }], {
      fonts: { families: { house: { regular: 'fonts/House-Regular.ttf', bold: 'fonts/House-Bold.ttf' } } },
      styles: { house: { font: 'house' } },
    });
    expect(resolved).toContain('fonts/House-Bold.ttf');
    expect(resolved.every((path) => path.startsWith('fonts/House-'))).toBe(true);
    const item = pdf.pages[0]!.items.find((candidate) => candidate.str.includes('Bold house'));
    expect(item?.font).toBe('Inter-Bold');
  });

  it('lets a template font file outside the template folder fail with the confinement error', async () => {
    const attempt = render([{ type: 'paragraph', style: 'house', runs: [{ text: 'x' }] }], {
      fonts: { families: { house: { regular: '../../etc/font.ttf' } } },
      styles: { house: { font: 'house' } },
    });
    await expect(attempt).rejects.toMatchObject({ code: 'TEMPLATE_CONFINEMENT' });
  });

  it('reports a template font file that is not a font', async () => {
    const attempt = render([{ type: 'paragraph', style: 'house', runs: [{ text: 'x' }] }], {
      fonts: { families: { house: { regular: 'images/broken.png' } } },
      styles: { house: { font: 'house' } },
    });
    await expect(attempt).rejects.toBeInstanceOf(BriefError);
    await expect(attempt).rejects.toMatchObject({ code: 'TEMPLATE_INVALID' });
    await expect(attempt).rejects.toThrow(/broken\.png/);
  });

  it.each([
    ['Truncated.ttf', /runs past the end of the file/],
    ['BadLayout.ttf', /GSUB table points outside itself/],
    ['BadGlyphs.ttf', /outside the glyf table/],
  ])('reports a damaged template font (%s) as a located BriefError', async (file, reason) => {
    const attempt = render([{ type: 'paragraph', style: 'house', runs: [{ text: 'Damaged font' }] }], {
      fonts: { families: { house: { regular: `fonts/${file}` } } },
      styles: { house: { font: 'house' } },
    });
    await expect(attempt).rejects.toBeInstanceOf(BriefError);
    const error = (await attempt.catch((e: unknown) => e)) as BriefError;
    expect(error.code).toBe('TEMPLATE_INVALID');
    expect(error.location?.file).toBe(join(template.dir, 'fonts', file));
    expect(error.message).toMatch(reason);
  });

  it('falls back to serif with a warning for an unknown family', async () => {
    const { result, pdf } = await render([{ type: 'paragraph', style: 'odd', runs: [{ text: 'Odd family' }] }], { styles: { odd: { font: 'garamond' } } });
    expect(result.warnings.some((warning) => warning.code === 'TEMPLATE' && warning.message.includes('"garamond"'))).toBe(true);
    expect(pdf.pages[0]?.items[0]?.font).toBe('SourceSerif4-Regular');
  });

  it('only falls back to the families the template lists', async () => {
    const { result } = await render([{ type: 'section', id: 'japan', blocks: [para('Kishida (岸田)')] }], { fonts: { fallback: ['sans'] } });
    const warning = result.warnings.find((candidate) => candidate.code === 'MISSING_GLYPHS');
    expect(warning?.message).toContain('"japan"');
    expect(warning?.message).toContain('U+5CB8 (岸)');
  });

  it('scales an image down to the text width, keeping its proportions', async () => {
    const { result, pdf } = await render([para('Above.'), { type: 'image', src: 'images/wide.png', alt: 'Two colours' }, para('Below.')], { banner: { enabled: false } });
    const raster = rasterizePage(result.pdf, 1, 72);
    // 1600 × 200 px into 468 pt: 58.5 pt tall, red on the left half, blue on the right.
    const above = pdf.pages[0]!.items.find((item) => item.str === 'Above.')!;
    const below = pdf.pages[0]!.items.find((item) => item.str === 'Below.')!;
    const middle = (above.y + below.y) / 2;
    expect(near(raster.colorAt(80, middle), '#c8102e')).toBe(true);
    expect(near(raster.colorAt(530, middle), '#0033a0')).toBe(true);
    expect(raster.colorAt(60, middle)).toBe('#ffffff');
    expect(below.y - above.y).toBeGreaterThan(58.5);
    expect(below.y - above.y).toBeLessThan(58.5 + 40);
  });

  it('warns about an image it cannot read and goes on', async () => {
    const { result, pdf } = await render([para('Before.'), { type: 'image', src: 'images/broken.png', alt: 'x' }, para('After.')]);
    expect(result.warnings.find((warning) => warning.code === 'IMAGE')?.message).toContain('images/broken.png');
    expect(pdf.pages[0]?.text).toContain('After.');
  });

  it('refuses an image outside the template folder', async () => {
    await expect(render([{ type: 'image', src: '../../secret.png', alt: 'x' }])).rejects.toMatchObject({ code: 'TEMPLATE_CONFINEMENT' });
  });
});
