import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkTemplate } from '../../../main/engine/template/index.js';
import { MAX_IMAGE_PIXELS, readCheckedImage } from '../../../main/engine/typeset/image-check.js';
import { typeset } from '../../../main/engine/typeset/index.js';
import { bombPng, goodPng, hugeJpeg, hugePng, pngFile, rgbaRows, shortPng } from '../../helpers/bad-images.js';
import { catchError } from '../../helpers/errors.js';
import { readPdf } from '../../helpers/pdf-read.js';
import { manifest, para, SAMPLE_INFO, sampleTemplateDir } from './sample-model.js';

const dir = mkdtempSync(join(tmpdir(), 'brief-images-'));
function file(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe('images are checked before PDFKit allocates anything', () => {
  it('accepts a PNG whose data matches its header, and an interlaced one', () => {
    expect(readCheckedImage(file('good.png', goodPng()))).toMatchObject({ format: 'png', width: 12, height: 8 });
    // Adam7 of 12 × 8 RGBA: passes of 2×1, 1×1, 3×1, 3×2, 6×2, 6×4, 12×4 pixels.
    const passes = [[2, 1], [1, 1], [3, 1], [3, 2], [6, 2], [6, 4], [12, 4]] as const;
    const raw = Buffer.concat(passes.map(([w, h]) => rgbaRows(w, h)));
    expect(readCheckedImage(file('interlaced.png', pngFile({ width: 12, height: 8, interlace: 1 }, { raw })))).toMatchObject({ width: 12, height: 8 });
  });

  it.each([
    ['short.png', shortPng, /shorter than the 3000 × 3000 pixels/],
    ['bomb.png', bombPng, /longer than the 10 × 10 pixels.*decompression bomb/],
    ['huge.png', hugePng, /60000 × 60000 pixels, more than the limit of 50 megapixels/],
    ['huge.jpg', hugeJpeg, /65000 × 65000 pixels, more than the limit/],
    ['truncated.png', () => goodPng().subarray(0, 50), /cut short/],
    ['bad-depth.png', () => pngFile({ width: 4, height: 4, colorType: 2, depth: 4 }, { raw: rgbaRows(4, 4) }), /does not define/],
    ['not-zlib.png', () => pngFile({ width: 4, height: 4 }, { idat: Buffer.from('this is not deflate data') }), /damaged|shorter/],
  ])('refuses %s with a located IMAGE_INVALID', (name, make, message) => {
    const path = file(name, make());
    const error = catchError(() => readCheckedImage(path));
    expect(error.code).toBe('IMAGE_INVALID');
    expect(error.location).toEqual({ file: path });
    expect(error.message).toMatch(message);
  });

  it('counts the bomb without keeping its bitmap: memory stays far below what it inflates to', () => {
    const path = file('bomb2.png', pngFile({ width: 100, height: 100 }, { idat: deflateSync(Buffer.alloc(256 << 20), { level: 9 }) }));
    const before = process.memoryUsage().arrayBuffers;
    expect(() => readCheckedImage(path)).toThrow(/longer than/);
    // 256 MB of data behind a 100 × 100 header: only a few MB may ever be held.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 << 20);
  });

  it('states the limit it enforces', () => {
    expect(MAX_IMAGE_PIXELS).toBe(50_000_000);
  });

  it('stops a build at the image with a located error, and draws a good one', async () => {
    const template = sampleTemplateDir();
    writeFileSync(join(template.dir, 'images', 'short.png'), shortPng());
    copyFileSync(file('ok.png', goodPng()), join(template.dir, 'images', 'ok.png'));
    const run = (src: string) =>
      typeset({
        model: { blocks: [para('Before.'), { type: 'image', src, alt: 'x' }, para('After.')] },
        info: { ...SAMPLE_INFO, classification: undefined },
        manifest: manifest({}),
        templateDir: template.dir,
        resolveAsset: template.resolveAsset,
      });
    await expect(run('images/short.png')).rejects.toMatchObject({ code: 'IMAGE_INVALID', location: { file: join(template.dir, 'images', 'short.png') } });
    const good = await run('images/ok.png');
    const pdf = await readPdf(good.pdf);
    const before = pdf.pages[0]!.items.find((item) => item.str === 'Before.')!;
    const after = pdf.pages[0]!.items.find((item) => item.str === 'After.')!;
    // The 12 × 8 image sits between the two paragraphs.
    expect(after.y - before.y).toBeGreaterThan(8);
    expect(execFileSync('pdfimages', ['-list', '-'], { input: good.pdf }).toString()).toMatch(/\n\s*1\s+0\s+image\s+12\s+8\b/);
  });

  it('is reported by `check` too, at the image file', async () => {
    const template = mkdtempSync(join(tmpdir(), 'brief-check-image-'));
    mkdirSync(join(template, 'images'));
    writeFileSync(join(template, 'template.yaml'), 'name: House\ndescription: d\n');
    writeFileSync(join(template, 'brief.hbs'), '# {{brief.title}}\n\n![Seal](images/bomb.png)\n');
    writeFileSync(join(template, 'images', 'bomb.png'), bombPng());
    const diagnostics = await checkTemplate(template);
    expect(diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', code: 'IMAGE_INVALID', location: { file: join(template, 'images', 'bomb.png') } }));
  });
});
