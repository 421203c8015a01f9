/**
 * Quality does not drop for speed: over a sequence of random edits to a
 * brief's sections, the PDF is byte for byte the same whether it is rendered
 * with every cache and incremental reuse (markup and shaping memos, the kept
 * template-output model, whole-document reuse, lines of unchanged paragraphs,
 * words' text operators, replayed pages, compressed streams, font subsets,
 * HarfBuzz shaping) or with none of them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { diskFiles, overlayFiles, type OverlayEntry } from '../../../main/engine/file-provider.js';
import { builtInSectionsDir } from '../../../main/engine/paths.js';
import { buildBrief } from '../../../main/engine/render.js';
import { defaultSpec, type BriefSpec } from '../../../main/engine/spec-schema.js';
import { reusedBlocks } from '../../../main/engine/typeset/block-memo.js';
import { lineMemoHits } from '../../../main/engine/typeset/line-memo.js';
import { replayedPages } from '../../../main/engine/typeset/page-replay.js';
import { allCaches, same } from '../../helpers/all-caches.js';
import { sharedWordHits } from '../../../main/engine/typeset/word-operators.js';
import { qpdfCheck } from '../../helpers/pdf-read.js';



/** A deterministic pseudo-random sequence (the failing seed can be replayed). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** One random edit of a section body: replace, insert or delete a word, add a paragraph, or type a word never seen. */
function edit(body: string, next: () => number, step: number): string {
  const words = [...body.matchAll(/\b\p{L}{3,}\b/gu)];
  const pick = words[Math.floor(next() * words.length)]!;
  const at = pick.index;
  const other = words[Math.floor(next() * words.length)]![0];
  const novel = `${['zq', 'xv', 'kj', 'wq'][step % 4]}${Math.floor(next() * 1e6).toString(36)}`;
  switch (Math.floor(next() * 5)) {
    case 0:
      return body.slice(0, at) + other + body.slice(at + pick[0].length);
    case 1:
      return `${body.slice(0, at)}${other} ${body.slice(at)}`;
    case 2:
      return body.slice(0, at) + body.slice(at + pick[0].length + 1);
    case 3:
      return `${body.slice(0, at)}\n\nA new paragraph about ${other} and ${novel}.\n\n${body.slice(at)}`;
    default:
      return body.slice(0, at) + novel + body.slice(at + pick[0].length);
  }
}

/** As the app stamps its buffers: a new stamp for each new text (a word swapped for one of the same length still counts as a change). */
const stamps = new Map<string, number>();
function stampOf(content: string): number {
  if (!stamps.has(content)) stamps.set(content, stamps.size + 1);
  return stamps.get(content)!;
}

async function render(spec: BriefSpec, texts: Map<string, string>): Promise<Uint8Array> {
  const overlay = new Map<string, OverlayEntry>([...texts].map(([path, content]) => [path, { content, mtimeMs: stampOf(content) }]));
  return (await buildBrief(spec, { files: overlayFiles(diskFiles, overlay) })).pdf;
}

describe('render caches and incremental reuse', () => {
  afterEach(() => allCaches(true));

  it.each([
    { name: 'memo brief (tagged PDF/UA)', spec: defaultSpec(), seed: 7 },
    { name: 'PDF/A-2b brief in the handout template', spec: { ...defaultSpec(), template: 'handout', options: { ...defaultSpec().options, pdfStandard: 'PDF/A-2b' as const } }, seed: 11 },
  ])('give the same bytes as no caches at all over a sequence of random edits: $name', async ({ spec, seed }) => {
    const next = random(seed);
    const paths = spec.sections.map((id) => join(builtInSectionsDir(), `${id}.md`));
    const texts = new Map(paths.map((path) => [path, readFileSync(path, 'utf8')]));
    let previous: Uint8Array | undefined;
    for (let step = 0; step < 6; step++) {
      const path = paths[Math.floor(next() * paths.length)]!;
      const text = texts.get(path)!;
      const bodyStart = text.indexOf('\n---', 4) + 4;
      const before = new Map(texts);
      texts.set(path, text.slice(0, bodyStart) + edit(text.slice(bodyStart), next, step));

      allCaches(true);
      // The document before the edit, as a live preview had it: the edited one is built from its pieces.
      await render(spec, before);
      const [linesBefore, blocksBefore, wordsBefore, pagesBefore] = [lineMemoHits(), reusedBlocks(), sharedWordHits(), replayedPages()];
      const cached = await render(spec, texts);
      // Pages the edit left as they were are replayed, not drawn (page-replay.ts): a stale one would break the byte comparison below.
      expect(replayedPages() - pagesBefore, `step ${step}: unchanged pages replayed`).toBeGreaterThan(0);
      // Unchanged blocks are kept whole (block-memo.ts) where the tags before them are as many as before; elsewhere their lines are (line-memo.ts).
      expect(reusedBlocks() - blocksBefore + lineMemoHits() - linesBefore, `step ${step}: unchanged paragraphs reused`).toBeGreaterThan(0);
      expect(sharedWordHits(), `step ${step}: words drawn before reused`).toBeGreaterThan(wordsBefore);
      // Again: now the whole document and every page are reused.
      const reused = await render(spec, texts);
      allCaches(false);
      const uncached = await render(spec, texts);

      expect(same(cached, uncached), `step ${step}: cached vs uncached`).toBe(true);
      expect(same(reused, uncached), `step ${step}: reused vs uncached`).toBe(true);
      // Each edit really changed the document (the comparison is not of one unchanging file).
      if (previous) expect(same(previous, uncached), `step ${step}: the edit changed the PDF`).toBe(false);
      previous = uncached;
    }
    const check = qpdfCheck(previous!);
    expect(check.ok, check.output).toBe(true);
  }, 120_000);

  it('hands out a copy: changing a returned PDF does not change the next render', async () => {
    const spec = defaultSpec();
    const first = await buildBrief(spec);
    const expected = Buffer.from(first.pdf);
    first.pdf.fill(0);
    const second = await buildBrief(spec);
    expect(same(second.pdf, expected)).toBe(true);
  }, 60_000);
});
