import { describe, expect, it } from 'vitest';
import { loadGlossary, withJapaneseForms } from '../../main/engine/glossary.js';
import { buildBrief } from '../../main/engine/render.js';
import { briefSpecSchema, defaultSpec } from '../../main/engine/spec-schema.js';
import { readPdf } from '../helpers/pdf-read.js';
import { readStructure, flatten } from '../helpers/pdf-struct.js';

describe('glossary: Japanese beside English', () => {
  const glossary = loadGlossary();

  it('gives the first mention its Japanese form, once, and leaves a text that has it alone', () => {
    expect(withJapaneseForms('Prime Minister Fumio Kishida met Joe Biden’s team; Fumio Kishida spoke.', glossary)).toBe(
      'Prime Minister Fumio Kishida (岸田文雄) met Joe Biden’s (ジョー・バイデン) team; Fumio Kishida spoke.',
    );
    expect(withJapaneseForms('The U.S.–Japan Security Treaty (日米安全保障条約) holds.', glossary)).toBe('The U.S.–Japan Security Treaty (日米安全保障条約) holds.');
    // Whole words only; the longer spelling wins.
    expect(withJapaneseForms('Okinawan food; new counterstrike capabilities.', glossary)).toBe('Okinawan food; new counterstrike capabilities (反撃能力).');
  });

  it('a bilingual brief shows the forms beside the English in the PDF, in its text and its structure tree; the default brief does not', async () => {
    const base = { ...defaultSpec(), date: '2024-04-10', sections: ['alliance-overview', 'space-agreement'] };
    const bilingual = await buildBrief(briefSpecSchema.parse({ ...base, options: { bilingual: true } }));
    const text = (await readPdf(bilingual.pdf)).pages.map((page) => page.text).join('\n');
    expect(text).toContain('Fumio Kishida (岸田文雄)');
    expect(text).toContain('Security Treaty (日米安全保障条約)');
    expect(bilingual.warnings.filter((warning) => warning.code === 'CONTENT_LEFT_OUT' || warning.code === 'MISSING_GLYPHS')).toEqual([]);
    const paragraphs = flatten((await readStructure(bilingual.pdf)).root).filter((node) => node.text.includes('岸田文雄'));
    expect(paragraphs.length).toBeGreaterThan(0);

    const plain = await buildBrief(briefSpecSchema.parse(base));
    const plainText = (await readPdf(plain.pdf)).pages.map((page) => page.text).join('\n');
    expect(plainText).toContain('Security Treaty');
    expect(plainText).not.toContain('日米安全保障条約');
    expect(plainText).not.toContain('Joe Biden (ジョー・バイデン)');
    // The one Japanese name the section writes itself is not doubled.
    expect(text).not.toContain('(岸田文雄) (岸田文雄)');
  });
});
