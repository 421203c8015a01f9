/**
 * Small typography: curly quotes, dashes and ellipses from the typographer;
 * code in the monospace face; a block quotation's attribution on its own
 * line; boxes that never leave an item alone on a page.
 */
import { describe, expect, it } from 'vitest';
import { parseMarkup } from '../../../main/engine/markup.js';
import type { Block } from '../../../main/engine/model.js';
import type { TemplateManifestInput } from '../../../main/engine/template-manifest.js';
import { typeset } from '../../../main/engine/typeset/index.js';
import { buildOneSection, plainFront } from '../../helpers/one-section.js';
import { pdffonts, readPdf } from '../../helpers/pdf-read.js';
import { readGlyphLines } from '../../helpers/pdf-glyphs.js';
import { manifest, para, SAMPLE_INFO, sampleTemplateDir } from './sample-model.js';

const BARE: Partial<TemplateManifestInput> = { banner: { enabled: false }, footer: { center: '' } };

describe('small typography', () => {
  it('sets curly quotes, dashes and ellipses in user text, and extracts them', async () => {
    const body = 'She said "2+2 is four" and We\'re told \'maybe\' -- twice --- or so... See `"raw" code`.\n';
    const result = await buildOneSection({ front: plainFront(), body });
    const text = (await readPdf(result.pdf)).pages.map((page) => page.text).join('\n');
    expect(text).toContain('She said “2+2 is four” and We’re told ‘maybe’ – twice — or so… See');
    // Code keeps what was typed.
    expect(text).toContain('"raw" code');
    expect(result.warnings.filter((warning) => /paragraph/.test(warning.message))).toEqual([]);
  });

  it('uses the quotation marks of the brief’s language', () => {
    const runs = (lang: string) => (parseMarkup('"Oui" et \'non\'', { file: 'test', lang }).blocks[0] as Extract<Block, { type: 'paragraph' }>).runs.map((run) => run.text).join('');
    expect(runs('en-US')).toBe('“Oui” et ‘non’');
    expect(runs('de')).toBe('„Oui“ et ‚non‘');
    expect(runs('fr')).toBe('«\u00a0Oui\u00a0» et ‹\u00a0non\u00a0›');
  });

  it('sets code in the embedded monospace face (pdffonts)', async () => {
    const result = await buildOneSection({ front: plainFront(), body: 'Run `brief-studio build` now.\n\n```\nconst x = 1;\n```\n' });
    const fonts = pdffonts(result.pdf);
    const mono = fonts.find((font) => font.name.replace(/^[A-Z]{6}\+/, '') === 'SourceCodePro-Regular');
    expect(mono).toMatchObject({ embedded: true, subset: true });
    const items = (await readPdf(result.pdf)).pages[0]?.items ?? [];
    expect(items.find((item) => item.str.includes('brief-studio'))?.font).toBe('SourceCodePro-Regular');
    expect(items.find((item) => item.str.includes('const'))?.font).toBe('SourceCodePro-Regular');
  });

  it('puts a block quotation’s dash line on its own line, right-aligned and not italic', async () => {
    const model = parseMarkup('> We will defend Japan.\n> — Joe Biden, President\n', { file: 'test' });
    expect(model.blocks).toEqual([
      { type: 'quote', blocks: [{ type: 'paragraph', runs: [{ text: 'We will defend Japan.' }] }], attribution: [{ text: 'Joe Biden, President' }] },
    ]);
    const result = await buildOneSection({ front: plainFront(), body: '> We will defend Japan and its islands in every circumstance.\n>\n> -- Joe Biden, President\n' });
    const pdf = await readPdf(result.pdf);
    const items = pdf.pages[0]?.items ?? [];
    const quote = items.find((item) => item.str.includes('We will defend'));
    const attribution = items.find((item) => item.str.includes('Joe Biden'));
    expect(quote && attribution).toBeTruthy();
    expect(attribution!.y).toBeGreaterThan(quote!.y + 5);
    expect(attribution!.font).not.toMatch(/Italic/);
    expect(quote!.font).toMatch(/Italic/);
    // Right-aligned: it ends where the quotation's full lines end, well right of where the quote starts.
    expect(attribution!.x).toBeGreaterThan(quote!.x + 100);
    expect(pdf.pages[0]?.text).toContain('— Joe Biden, President');
  });

  it('never leaves one item of a box alone on a page: it splits with its title repeated, or moves whole', async () => {
    const template = sampleTemplateDir();
    const facts = Array.from({ length: 6 }, (_, i) => para(`Fact ${i + 1}: the alliance expands.`));
    let split = 0;
    let whole = 0;
    for (let lead = 450; lead <= 640; lead += 5) {
      const blocks: Block[] = [para('Lead.'), { type: 'space', height: lead }, { type: 'callout', kind: 'note', title: 'Key facts', blocks: facts }];
      const result = await typeset({ model: { blocks }, info: SAMPLE_INFO, manifest: manifest(BARE), templateDir: template.dir, resolveAsset: template.resolveAsset });
      const pdf = await readPdf(result.pdf);
      const perPage = pdf.pages.map((page) => page.lines.filter((line) => line.startsWith('Fact ')).length);
      expect(perPage.reduce((a, b) => a + b, 0), `lead ${lead}`).toBe(6);
      for (const count of perPage) expect(count === 0 || count >= 2, `lead ${lead}: ${perPage.join(',')}`).toBe(true);
      const pages = perPage.filter((count) => count > 0).length;
      if (pages === 2) {
        split++;
        const second = pdf.pages.findIndex((page, index) => index > 0 && page.lines.some((line) => line.startsWith('Fact ')));
        expect(pdf.pages[second]?.lines[0]).toBe('KEY FACTS (CONTINUED)');
      } else if (perPage[0] === 0) whole++;
    }
    // Both outcomes happen over this range of positions.
    expect(split).toBeGreaterThan(0);
    expect(whole).toBeGreaterThan(0);
  });

  it('hyphenates by the language of the brief or of the section', async () => {
    const body = `${Array.from({ length: 12 }, () => 'Interoperability, reconnaissance and counterstrike capabilities were discussed extensively at the ministerial consultations.').join(' ')}\n`;
    const hyphenatedLines = async (front: Record<string, unknown>, spec: Record<string, unknown> = {}) => {
      // The memo wraps each section in `::: section ID`, where a section's own language takes over.
      // The lines as drawn: an added hyphen is a soft hyphen in the text (extraction drops it).
      const lines = await readGlyphLines((await buildOneSection({ front: { ...plainFront(), ...front }, body }, { template: 'memo', ...spec })).pdf);
      return lines.map((line) => line.glyphs.map((glyph) => glyph.char).join('').trimEnd()).filter((line) => /\p{Ll}[-\u00ad]$/u.test(line)).length;
    };
    expect(await hyphenatedLines({})).toBeGreaterThan(0);
    // Japanese has no hyphenation patterns: the same text is set without hyphens.
    expect(await hyphenatedLines({ lang: 'ja' })).toBe(0);
    expect(await hyphenatedLines({}, { lang: 'ja' })).toBe(0);
    expect(await hyphenatedLines({ lang: 'en-GB' }, { lang: 'ja' })).toBeGreaterThan(0);
  });
});
