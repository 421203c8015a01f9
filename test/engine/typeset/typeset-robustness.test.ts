import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Block, Inline } from '../../../main/engine/model.js';
import { typeset } from '../../../main/engine/typeset/index.js';
import { qpdfCheck, readPdf } from '../../helpers/pdf-read.js';
import { manifest, SAMPLE_INFO, sampleTemplateDir } from './sample-model.js';

const template = sampleTemplateDir();

const textArb = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('', ' ', '\n', '  \n  ', 'word', 'Kishida (岸田文雄)', 'https://example.gov/a/very/long/unbroken/path/that/must/be/cut', '𐌀', '\t tab', 'soft\u00adhyphen', 'a\u200bb', '日本語の文章です。'),
  fc.lorem({ maxCount: 30 }),
);
const inlineArb: fc.Arbitrary<Inline> = fc.record(
  { text: textArb, bold: fc.boolean(), italic: fc.boolean(), code: fc.boolean(), href: fc.constantFrom('https://example.gov/', '#h-1', '#missing', 'ftp://x') },
  { requiredKeys: ['text'] },
);
const runsArb = fc.array(inlineArb, { maxLength: 6 });

const { block: blockArb } = fc.letrec<{ block: Block; blocks: Block[] }>((tie) => ({
  block: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ type: fc.constant('paragraph' as const), runs: runsArb, style: fc.constantFrom(undefined, 'title', 'meta', 'note', 'unknown-style') }, { requiredKeys: ['type', 'runs'] }),
    fc.record({ type: fc.constant('heading' as const), level: fc.constantFrom(1 as const, 2 as const, 3 as const), runs: runsArb, id: fc.constantFrom('h-1', 'h-2', 'h-3'), outline: fc.boolean() }),
    fc.record({ type: fc.constant('list' as const), ordered: fc.boolean(), start: fc.integer({ min: 0, max: 3000 }), items: fc.array(tie('blocks'), { maxLength: 4 }) }),
    fc.record({ type: fc.constant('quote' as const), blocks: tie('blocks'), attribution: fc.option(runsArb, { nil: undefined }) }, { requiredKeys: ['type', 'blocks'] }),
    fc.record({ type: fc.constant('callout' as const), kind: fc.constantFrom('bluf', 'note', 'key-facts'), title: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }), blocks: tie('blocks') }, { requiredKeys: ['type', 'kind', 'blocks'] }),
    fc.record({
      type: fc.constant('table' as const),
      align: fc.array(fc.constantFrom('left' as const, 'center' as const, 'right' as const), { maxLength: 4 }),
      header: fc.array(runsArb, { maxLength: 4 }),
      rows: fc.array(fc.array(runsArb, { maxLength: 5 }), { maxLength: 8 }),
    }),
    fc.constant({ type: 'rule' as const }),
    fc.constant({ type: 'page-break' as const }),
    fc.constant({ type: 'toc' as const }),
    fc.record({ type: fc.constant('space' as const), height: fc.double({ min: -50, max: 2000, noNaN: true }) }),
    fc.record({ type: fc.constant('code' as const), text: textArb }),
    fc.record({ type: fc.constant('image' as const), src: fc.constantFrom('images/chart.png', 'images/missing.png'), alt: fc.string(), width: fc.option(fc.double({ min: 1, max: 5000, noNaN: true }), { nil: undefined }) }, { requiredKeys: ['type', 'src', 'alt'] }),
    fc.record({ type: fc.constant('section' as const), id: fc.constantFrom('s-1', 's-2'), blocks: tie('blocks') }),
  ),
  blocks: fc.array(tie('block'), { maxLength: 5 }),
}));

describe('typeset: robustness', () => {
  it('typesets any model into a valid PDF with at least one page', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(blockArb, { maxLength: 8 }), async (blocks) => {
        const result = await typeset({
          model: { blocks },
          info: SAMPLE_INFO,
          manifest: manifest({ toc: { enabled: true } }),
          templateDir: template.dir,
          resolveAsset: template.resolveAsset,
          maxPages: 60,
        });
        expect(result.pageCount).toBeGreaterThanOrEqual(1);
        const pdf = await readPdf(result.pdf);
        expect(pdf.pageCount).toBe(result.pageCount);
        expect(qpdfCheck(result.pdf).ok).toBe(true);
        for (const warning of result.warnings) expect(warning.message).toMatch(/^[A-Z]/);
      }),
      { numRuns: 40 },
    );
  }, 300_000);

  it('typesets an empty model as one blank page with furniture', async () => {
    const result = await typeset({ model: { blocks: [] }, info: SAMPLE_INFO, manifest: manifest(), templateDir: template.dir, resolveAsset: template.resolveAsset });
    const pdf = await readPdf(result.pdf);
    expect(pdf.pageCount).toBe(1);
    expect(pdf.pages[0]?.lines).toEqual(['UNCLASSIFIED', 'Page 1 of 1', 'UNCLASSIFIED']);
  });
});
