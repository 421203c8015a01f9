/** A header or footer image is checked with the template: a missing file names the images there, an unreadable one is reported before any build. */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkTemplate } from '../../../main/engine/template/index.js';
import { FIXTURES_DIR, makeSection, removeTemplates, writeTemplate } from './support.js';

afterAll(removeTemplates);

const LOGO = join(FIXTURES_DIR, 'house', 'images', 'logo.png');
const manifest = (src: string) => `name: T\nfooter:\n  center: "{page}"\n  image:\n    src: ${src}\n    height: 8mm\n`;
/** Check a template of these files, with the house logo copied in as images/logo.png when `logo`. */
async function check(files: Record<string, string>, logo = false) {
  const dir = writeTemplate({ 'brief.hbs': 'x\n', ...files });
  if (logo) copyFileSync(LOGO, join(dir, 'images', 'logo.png'));
  return (await checkTemplate(dir, { sections: [makeSection('alpha')] })).map((d) => [d.severity, d.code, d.location?.line, d.message]);
}

describe('header and footer images in check', () => {
  it('accepts a readable logo', async () => {
    expect(await check({ 'template.yaml': manifest('images/logo.png'), 'images/logo.png': '' }, true)).toEqual([]);
  });

  it('reports a missing logo at its line, with the images the folder holds and the likely one', async () => {
    expect(await check({ 'template.yaml': manifest('images/Logo.png'), 'images/logo.png': '', 'images/seal.svg': '<svg/>' }, true)).toEqual([
      ['error', 'TEMPLATE_INVALID', 5, 'The footer image `images/Logo.png` is not in the template folder (did you mean `images/logo.png`?). Images in the template folder: images/logo.png, images/seal.svg.'],
    ]);
  });

  it('warns at its line about a logo that is not an image', async () => {
    expect(await check({ 'template.yaml': manifest('images/logo.png'), 'images/logo.png': 'not an image' })).toEqual([
      ['warning', 'IMAGE', 5, 'The footer image `images/logo.png` cannot be used (PNG, JPEG or SVG expected): the file is not a PNG or JPEG image.'],
    ]);
  });
});
