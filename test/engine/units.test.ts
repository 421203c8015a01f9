/** Lengths with units in template.yaml, and styles and callouts that follow the palette. */
import { describe, expect, it } from 'vitest';
import { buildBrief } from '../../main/engine/render.js';
import { defaultSpec } from '../../main/engine/spec-schema.js';
import { resolveCallout, resolveStyle, templateManifestSchema } from '../../main/engine/template-manifest.js';
import { parseLength } from '../../main/engine/units.js';
import { rasterizePage } from '../helpers/pdf-read.js';
import { writeTemplate, removeTemplates } from './template/support.js';
import { afterAll } from 'vitest';
import { readFileSync } from 'node:fs';

afterAll(removeTemplates);

describe('lengths', () => {
  it('reads pt, mm, cm and in as points; a bare number stays points', () => {
    expect(parseLength('72pt')).toBe(72);
    expect(parseLength('25.4mm')).toBe(72);
    expect(parseLength('2.54 cm')).toBe(72);
    expect(parseLength('1in')).toBe(72);
    expect(parseLength('25mm')).toBe(70.87);
    expect(parseLength('25 px')).toBeUndefined();
    const manifest = templateManifestSchema.parse({ name: 'T', page: { margins: { top: '25mm', right: 60, bottom: '1in', left: '2cm' } } });
    expect(manifest.page.margins).toEqual({ top: 70.87, right: 60, bottom: 72, left: 56.69 });
    expect(templateManifestSchema.parse({ name: 'T', styles: { body: { spaceAfter: '3mm' } } }).styles.body?.spaceAfter).toBe(8.5);
  });

  it('refuses a length it cannot read, saying how to write one', () => {
    const result = templateManifestSchema.safeParse({ name: 'T', page: { margins: { top: '25 px' } } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('a length such as 72 (points), 72pt, 25mm, 2.5cm or 1in, not "25 px"');
  });
});

describe('colours follow the palette', () => {
  const manifest = templateManifestSchema.parse({
    name: 'T',
    colors: { accent: '#7a1f3d', muted: '#555555' },
    styles: { h3: { color: 'muted' }, kicker: { color: '#8a6d1f' } },
    callouts: { bluf: { background: '#ffffff' } },
  });

  it('turns palette names into the palette’s colours, keeps a colour of its own', () => {
    expect(resolveStyle(manifest, 'h3').color).toBe('#555555');
    expect(resolveStyle(manifest, 'kicker').color).toBe('#8a6d1f');
    expect(resolveCallout(manifest, 'bluf')).toMatchObject({ accent: '#7a1f3d', border: '#c9d1dc', background: '#ffffff' });
  });

  it('recolours a copy of the memo when only its accent changes', async () => {
    const memo = readFileSync('templates/memo/template.yaml', 'utf8').replace('accent: "#1f3a5f"', 'accent: "#7a1f3d"');
    const dir = writeTemplate({
      'template.yaml': memo,
      'brief.hbs': readFileSync('templates/memo/brief.hbs', 'utf8'),
      'partials/section.hbs': readFileSync('templates/memo/partials/section.hbs', 'utf8'),
      'partials/title-block.hbs': readFileSync('templates/memo/partials/title-block.hbs', 'utf8'),
    });
    const result = await buildBrief({ ...defaultSpec(), template: dir });
    const page = rasterizePage(result.pdf, 1);
    const count = (hex: string): number => {
      let n = 0;
      for (let y = 0; y < page.height; y++) for (let x = 0; x < page.width; x++) if (page.colorAt(x, y) === hex) n++;
      return n;
    };
    // The bottom-line box's bar and the headings follow the new accent; the old one is gone.
    expect(count('#7a1f3d')).toBeGreaterThan(50);
    expect(count('#1f3a5f')).toBe(0);
  });
});
