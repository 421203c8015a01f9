/**
 * Blocks kept from an earlier render are the blocks a fresh layout makes:
 * after an edit, the unchanged blocks come from the memo and the bytes and
 * warnings are those of a render with every cache off — also where what a
 * kept block did depends on its neighbours (a link to a heading that is
 * gone, a note kept with the paragraph before it) or told the document
 * something (missing glyphs, an unknown font family, nesting too deep).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setMarkupMemoEnabled, parseMarkup } from '../../../main/engine/markup.js';
import type { BriefWarning } from '../../../main/engine/errors.js';
import type { TemplateManifest } from '../../../main/engine/template-manifest.js';
import { reusedBlocks } from '../../../main/engine/typeset/block-memo.js';
import { setRenderCachesEnabled, typeset } from '../../../main/engine/typeset/index.js';
import { readPdf } from '../../helpers/pdf-read.js';
import { manifest, prose, SAMPLE_INFO, sampleTemplateDir } from './sample-model.js';

const template = sampleTemplateDir();
const plain = manifest({ banner: { enabled: false }, footer: { right: 'Page {page} of {pages}' } });
const same = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

async function render(markup: string, look: TemplateManifest = plain): Promise<{ pdf: Uint8Array; warnings: BriefWarning[] }> {
  const result = await typeset({ model: parseMarkup(markup, { file: 'kept.md' }), info: SAMPLE_INFO, manifest: look, templateDir: template.dir, resolveAsset: template.resolveAsset });
  return { pdf: result.pdf, warnings: result.warnings };
}

function caches(on: boolean): void {
  setRenderCachesEnabled(on);
  setMarkupMemoEnabled(on);
}

/** `after` rendered once `before` was (blocks kept), and again with every cache off; the blocks reused. */
async function edited(before: string, after: string, look?: TemplateManifest) {
  caches(true);
  await render(before, look);
  const reusedBefore = reusedBlocks();
  const cached = await render(after, look);
  const reused = reusedBlocks() - reusedBefore;
  caches(false);
  const uncached = await render(after, look);
  caches(true);
  return { cached, uncached, reused };
}

describe('kept blocks', () => {
  afterEach(() => caches(true));

  it('a word: every other block is kept, and the bytes are a fresh layout’s', async () => {
    const blocks = (word: string) => [
      '# Opening',
      ...Array.from({ length: 12 }, (_, i) => prose(70, i + 1)),
      `- ${prose(12, 40)}\n- ${prose(14, 41)}\n  - ${prose(9, 42)}`,
      `::: callout key-facts Key facts\n${prose(30, 43)}\n\n${prose(25, 44)}\n:::`,
      `> ${prose(40, 45)}`,
      '```\nconst kept = true;\n```',
      `${prose(30, 46)} ${word} ${prose(30, 47)}`,
      prose(60, 48),
    ];
    const before = blocks('Kestrel');
    const { cached, uncached, reused } = await edited(before.join('\n\n'), blocks('Peregrine').join('\n\n'));
    // All but the edited paragraph.
    expect(reused).toBe(before.length - 1);
    expect(same(cached.pdf, uncached.pdf)).toBe(true);
    const pdf = await readPdf(cached.pdf);
    expect(pdf.pages.some((page) => page.text.includes('Peregrine'))).toBe(true);
  }, 60_000);

  it('a link to a heading that is gone: the paragraph is laid out again, as plain text with a warning', async () => {
    const linking = `${prose(20, 1)} See [the target](#target) for more.`;
    const before = ['# Opening', linking, '## Target', prose(40, 2)].join('\n\n');
    const after = ['# Opening', linking, '## Elsewhere', prose(40, 2)].join('\n\n');
    const { cached, uncached } = await edited(before, after);
    expect(same(cached.pdf, uncached.pdf)).toBe(true);
    expect(cached.warnings).toEqual(uncached.warnings);
    expect(cached.warnings.some((warning) => warning.message.includes('#target'))).toBe(true);
    const links = (await readPdf(cached.pdf)).pages.flatMap((page) => page.links);
    expect(links.filter((link) => link.dest === 'target')).toHaveLength(0);
  }, 60_000);

  it('what unchanged blocks told the document is told again: missing glyphs, an unknown font family, nesting too deep', async () => {
    const look = manifest({ banner: { enabled: false }, styles: { quote: { font: 'no-such-family' } } });
    const deep = Array.from({ length: 24 }, (_, depth) => `${'  '.repeat(depth)}- level ${depth + 1}`).join('\n');
    const blocks = (word: string) => ['# Opening', `A symbol no font has: \u{1D11E} in a paragraph.`, `> ${prose(20, 3)}`, deep, `${prose(20, 4)} ${word}`].join('\n\n');
    const { cached, uncached } = await edited(blocks('Kestrel'), blocks('Peregrine'), look);
    expect(same(cached.pdf, uncached.pdf)).toBe(true);
    expect(cached.warnings).toEqual(uncached.warnings);
    const codes = cached.warnings.map((warning) => warning.code);
    expect(codes).toEqual(expect.arrayContaining(['MISSING_GLYPHS', 'TEMPLATE', 'CONTENT_FLATTENED']));
  }, 60_000);

  it('a note kept with the paragraph before it stays with it when that paragraph changes', async () => {
    // A two-line paragraph stays whole; somewhere in this range it still fits at the foot of page 1 but the note after it does not, so both go to page 2.
    let together = 0;
    for (let filler = 372; filler <= 392; filler += 2) {
      const blocks = (word: string) => [prose(filler, 5), `${prose(8, 6)} ${word} ${prose(8, 7)}`, '::: style note\nSource: a note kept with the paragraph above.\n:::', prose(80, 8)].join('\n\n');
      const { cached, uncached, reused } = await edited(blocks('Kestrel'), blocks('Peregrine'));
      expect(reused, `filler ${filler}`).toBe(3);
      expect(same(cached.pdf, uncached.pdf), `filler ${filler}`).toBe(true);
      const pages = (await readPdf(cached.pdf)).pages;
      const second = pages[1]?.text ?? '';
      // Page 2 opens with the paragraph (its first words, then the edited one), the note after it.
      if (second.startsWith(prose(8, 6).slice(0, 20)) && second.includes('Source: a note')) together++;
    }
    expect(together, 'cases where the paragraph went to the next page with its note').toBeGreaterThan(0);
  }, 120_000);

  it('two renders at once: one keeps blocks, the other lays out afresh, both give a fresh layout’s bytes', async () => {
    const one = ['# One', ...Array.from({ length: 8 }, (_, i) => prose(60, i + 10))].join('\n\n');
    const two = ['# Two', ...Array.from({ length: 8 }, (_, i) => prose(60, i + 30))].join('\n\n');
    caches(true);
    await Promise.all([render(one), render(two)]);
    const [a, b] = await Promise.all([render(`${one}\n\nA last word.`), render(`${two}\n\nAnother last word.`)]);
    caches(false);
    const [freshA, freshB] = [await render(`${one}\n\nA last word.`), await render(`${two}\n\nAnother last word.`)];
    caches(true);
    expect(same(a.pdf, freshA.pdf)).toBe(true);
    expect(same(b.pdf, freshB.pdf)).toBe(true);
  }, 60_000);
});
