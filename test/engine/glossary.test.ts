import { describe, expect, it } from 'vitest';
import { loadGlossary, withJapaneseForms } from '../../main/engine/glossary.js';
import { buildBrief } from '../../main/engine/render.js';
import { briefSpecSchema, defaultSpec } from '../../main/engine/spec-schema.js';
import { typeset } from '../../main/engine/typeset/index.js';
import { readPdf } from '../helpers/pdf-read.js';
import { flatten, readStructure } from '../helpers/pdf-struct.js';
import { sampleInput } from './typeset/sample-model.js';

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

describe('Japanese text in a brief', () => {
  const japanese =
    '日米両政府は、宇宙協力に関する枠組み協定に署名した。この協定は、月その他の天体を含む宇宙空間の平和的な探査と利用における両国の共通の利益を確認するものである。「宇宙空間への、宇宙空間からの、又は宇宙空間における攻撃」は、日米安全保障条約第五条の発動につながり得る。';

  it('a Japanese paragraph extracts exactly and keeps kinsoku: no line starts with closing punctuation or ends with an opening bracket', async () => {
    const result = await typeset(sampleInput({ model: { blocks: [{ type: 'paragraph', runs: [{ text: japanese }] }] } }));
    const pdf = await readPdf(result.pdf);
    const lines = (pdf.pages[0]?.items ?? []).filter((item) => /[\u3000-\u9fff]/u.test(item.str));
    const byBaseline = new Map<number, string>();
    for (const item of lines) byBaseline.set(Math.round(item.y), (byBaseline.get(Math.round(item.y)) ?? '') + item.str);
    const texts = [...byBaseline.entries()].sort((a, b) => a[0] - b[0]).map(([, text]) => text);
    expect(texts.length).toBeGreaterThan(2);
    expect(texts.join('')).toBe(japanese);
    for (const text of texts) {
      expect(text).not.toMatch(/^[、。」』）]/u);
      expect(text).not.toMatch(/[「『（]$/u);
    }
    const tree = flatten((await readStructure(result.pdf)).root).find((node) => node.role === 'P');
    expect(tree?.text.replace(/ /g, '')).toBe(japanese);
  });

  it('Japanese and Latin on one line share one baseline', async () => {
    const result = await typeset(sampleInput({ model: { blocks: [{ type: 'paragraph', runs: [{ text: 'Prime Minister Fumio Kishida (岸田文雄) and the Security Treaty (日米安全保障条約).' }] }] } }));
    const items = (await readPdf(result.pdf)).pages[0]?.items ?? [];
    const latin = items.find((item) => item.str.startsWith('Prime Minister'));
    const kanji = items.filter((item) => /[\u4e00-\u9fff]/u.test(item.str));
    expect(kanji.length).toBeGreaterThan(0);
    for (const item of kanji) expect(item.y).toBeCloseTo(latin?.y ?? Number.NaN, 2);
  });
});
