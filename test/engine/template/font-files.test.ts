/** Fonts a template brings: a missing file names the font files that are there; a font without its licence beside it is warned about. */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { checkTemplate } from '../../../main/engine/template/index.js';
import { makeSection, removeTemplates, writeTemplate } from './support.js';

afterAll(removeTemplates);

const INTER = readFileSync('assets/fonts/Inter-Bold.ttf', 'latin1');
const manifest = (file: string) => `name: T\nfonts:\n  families:\n    house:\n      regular: ${file}\nstyles:\n  body: { font: house }\n`;

describe('font files', () => {
  it('lists the font files the folder holds when the named one is absent, with the likely one', async () => {
    const dir = writeTemplate({ 'template.yaml': manifest('fonts/House-Regular.woff'), 'brief.hbs': 'x\n', 'fonts/House-Regular.woff2': INTER, 'fonts/OFL.txt': 'licence' });
    const found = await checkTemplate(dir, { sections: [makeSection('alpha')] });
    expect(found.map((d) => [d.severity, d.location?.line, d.message])).toEqual([
      ['error', 5, 'Font file `fonts/House-Regular.woff` for family "house" is not in the template folder (did you mean `fonts/House-Regular.woff2`?). Font files in the template folder: fonts/House-Regular.woff2.'],
    ]);
  });

  it('warns when a font has no licence file beside it', async () => {
    const dir = writeTemplate({ 'template.yaml': manifest('fonts/house.ttf'), 'brief.hbs': 'x\n', 'fonts/house.ttf': INTER });
    const found = await checkTemplate(dir, { sections: [makeSection('alpha')] });
    expect(found.filter((d) => d.severity === 'warning').map((d) => d.message)).toContainEqual(expect.stringContaining('Font file `fonts/house.ttf` has no licence file beside it'));
    const licensed = writeTemplate({ 'template.yaml': manifest('fonts/house.ttf'), 'brief.hbs': 'x\n', 'fonts/house.ttf': INTER, 'fonts/LICENSE.txt': 'licence' });
    expect((await checkTemplate(licensed, { sections: [makeSection('alpha')] })).filter((d) => d.message.includes('licence'))).toEqual([]);
  });
});
