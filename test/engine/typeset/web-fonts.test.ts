/**
 * Web fonts a template brings: WOFF and WOFF2 files (as font packages such
 * as @fontsource ship them) are typeset with and embedded as subsets, like
 * TrueType; a damaged one is a located error. The house template's WOFF2
 * files are the @fontsource package's own, with its licence beside them.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BriefError } from '../../../main/engine/errors.js';
import { typeset } from '../../../main/engine/typeset/index.js';
import { pdffonts, readPdf } from '../../helpers/pdf-read.js';
import { manifest, para, SAMPLE_INFO, sampleTemplateDir } from './sample-model.js';

const PACKAGE = resolve(import.meta.dirname, '../../../node_modules/@fontsource/eb-garamond');
const HOUSE = resolve(import.meta.dirname, '../../fixtures/templates/house');
const template = sampleTemplateDir();
mkdirSync(join(template.dir, 'fonts'));
for (const ext of ['woff', 'woff2']) {
  copyFileSync(join(PACKAGE, 'files', `eb-garamond-latin-400-normal.${ext}`), join(template.dir, 'fonts', `Garamond-Regular.${ext}`));
  copyFileSync(join(PACKAGE, 'files', `eb-garamond-latin-600-normal.${ext}`), join(template.dir, 'fonts', `Garamond-Bold.${ext}`));
}
const woff2 = readFileSync(join(PACKAGE, 'files', 'eb-garamond-latin-400-normal.woff2'));
writeFileSync(join(template.dir, 'fonts', 'Cut.woff2'), woff2.subarray(0, woff2.length >> 1));
const woff = readFileSync(join(PACKAGE, 'files', 'eb-garamond-latin-400-normal.woff'));
writeFileSync(join(template.dir, 'fonts', 'Cut.woff'), woff.subarray(0, woff.length >> 1));

async function render(ext: string) {
  const result = await typeset({
    model: { blocks: [para('Garamond, set from a web font: “quoted” — office.'), { type: 'paragraph', runs: [{ text: 'Bold words', bold: true }] }] },
    info: { ...SAMPLE_INFO, classification: undefined },
    manifest: manifest({
      footer: { center: '' },
      fonts: { families: { garamond: { regular: `fonts/Garamond-Regular.${ext}`, bold: `fonts/Garamond-Bold.${ext}` } } },
      styles: { body: { font: 'garamond' } },
    }),
    templateDir: template.dir,
    resolveAsset: template.resolveAsset,
  });
  return { result, pdf: await readPdf(result.pdf) };
}

describe('web fonts', () => {
  it.each(['woff2', 'woff'])('typesets with %s files and embeds each face as a subset', async (ext) => {
    const { result, pdf } = await render(ext);
    expect(result.warnings).toEqual([]);
    expect(pdf.pages[0]!.text).toContain('Garamond, set from a web font: “quoted” — office.');
    expect(pdf.pages[0]!.items.find((item) => item.str.startsWith('Garamond'))?.font).toBe('EBGaramond-Regular');
    expect(pdf.pages[0]!.items.find((item) => item.str === 'Bold words')?.font).toBe('EBGaramond-SemiBold');
    const fonts = pdffonts(result.pdf).filter((font) => font.name.includes('EBGaramond'));
    expect(fonts.map((font) => [font.name.replace(/^[A-Z]{6}\+/, ''), font.embedded, font.subset])).toEqual([
      ['EBGaramond-Regular', true, true],
      ['EBGaramond-SemiBold', true, true],
    ]);
  });

  it.each(['woff2', 'woff'])('refuses a cut-short %s file as a located error naming it', async (ext) => {
    const attempt = typeset({
      model: { blocks: [para('Text.')] },
      info: SAMPLE_INFO,
      manifest: manifest({ fonts: { families: { cut: { regular: `fonts/Cut.${ext}` } } }, styles: { body: { font: 'cut' } } }),
      templateDir: template.dir,
      resolveAsset: template.resolveAsset,
    });
    const error = (await attempt.catch((e: unknown) => e)) as BriefError;
    expect(error.code).toBe('TEMPLATE_INVALID');
    expect(error.location?.file).toBe(join(template.dir, 'fonts', `Cut.${ext}`));
    expect(error.message).toContain('is not a font Brief Studio can use (TrueType, OpenType, WOFF or WOFF2)');
    if (ext === 'woff2') expect(error.message).toContain('its WOFF2 data is damaged or cut short');
  });

  it('keeps the house template’s WOFF2 files as the @fontsource package ships them, with its licence beside them', () => {
    const shipped = { 'EBGaramond-Regular.woff2': '400-normal', 'EBGaramond-Italic.woff2': '400-italic', 'EBGaramond-SemiBold.woff2': '600-normal', 'EBGaramond-SemiBoldItalic.woff2': '600-italic' };
    for (const [file, cut] of Object.entries(shipped)) {
      expect(readFileSync(join(HOUSE, 'fonts', file)).equals(readFileSync(join(PACKAGE, 'files', `eb-garamond-latin-${cut}.woff2`))), file).toBe(true);
    }
    const licence = readFileSync(join(HOUSE, 'fonts', 'OFL.txt'), 'utf8');
    expect(licence).toBe(readFileSync(join(PACKAGE, 'LICENSE'), 'utf8'));
    expect(licence).toContain('SIL Open Font License, Version 1.1');
  });
});
