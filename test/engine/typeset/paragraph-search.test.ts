/**
 * The paragraph breaker stops trying shorter lines once they cannot win
 * (line-breaker.ts, breakSegment). That must never change a choice: here the
 * same tokens go through a plain Knuth–Plass search that tries every line
 * that fits, written for clarity, and the lines must be the same, fragment
 * for fragment. Words, widths, hyphenation, forced breaks, dashes, Japanese,
 * letter spacing (also negative) and justified or ragged setting vary.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Inline } from '../../../main/engine/model.js';
import { resolveStyle } from '../../../main/engine/template-manifest.js';
import { FontBook } from '../../../main/engine/typeset/font-book.js';
import { Hyphenator } from '../../../main/engine/typeset/hyphenation.js';
import {
  breakParagraph,
  DOUBLE_HYPHEN_DEMERITS,
  FINAL_HYPHEN_DEMERITS,
  HYPHEN_PENALTY,
  IDEOGRAPHIC_STRETCH_EM,
  LINE_PENALTY,
  MAX_BADNESS,
  RAGGED_STRETCH_EM,
  SHRINK_SHARE,
  STRETCH_EM,
  tokenize,
  type Frag,
  type Line,
  type Token,
} from '../../../main/engine/typeset/line-breaker.js';
import { SpanBuilder } from '../../../main/engine/typeset/text-runs.js';
import { manifest } from './sample-model.js';

const template = manifest();
const book = new FontBook(template, (path) => path, []);
const spans = new SpanBuilder({ book, linkColor: '#0000ff', codeFamily: 'sans', onMissingGlyph: () => {}, resolveLink: () => undefined });
const body = resolveStyle(template, 'body');
const hyphenator = new Hyphenator('en-US');

/** Lines may run this far past the width (line-breaker.ts). */
const EPSILON = 0.01;

type Item = { kind: 'box'; frags: Frag[]; width: number } | { kind: 'glue'; frag: Frag } | { kind: 'break'; hyphen?: Frag; flagged: boolean };

/** Tokens → items as the typesetter builds them (words are never wider than the test's lines). */
function itemsOf(tokens: readonly Token[]): Item[][] {
  const segments: Item[][] = [[]];
  let glue: Frag | undefined;
  let hyphen: Frag | undefined;
  for (const token of tokens) {
    const items = segments[segments.length - 1] as Item[];
    if (token.type === 'newline') {
      segments.push([]);
      glue = hyphen = undefined;
    } else if (token.type === 'glue') {
      if (items.length > 0) glue = token.frag;
    } else if (token.type === 'hyphen') hyphen = token.frag;
    else {
      const last = items[items.length - 1];
      if (glue) items.push({ kind: 'glue', frag: glue });
      else if (last?.kind === 'box') items.push(hyphen ? { kind: 'break', hyphen, flagged: true } : { kind: 'break', flagged: /[-–—]$/.test(last.frags[last.frags.length - 1]?.text ?? '') });
      items.push({ kind: 'box', frags: token.frags, width: token.width });
      glue = hyphen = undefined;
    }
  }
  return segments;
}

/** Every line from every earlier break to every later one that fits (or is the one piece), cheapest total wins; ties to the shorter line (tried first). */
function plainSearch(items: readonly Item[], maxWidth: number, justify: boolean): string[] {
  const n = items.length;
  const widthOf = (item: Item) => (item.kind === 'box' ? item.width : item.kind === 'glue' ? item.frag.width : 0);
  const ends = [-1, ...items.flatMap((item, i) => (item.kind === 'box' ? [] : [i])), n];
  const size = (items.find((item) => item.kind === 'box') as { frags: Frag[] } | undefined)?.frags[0]?.style.size ?? 10;
  // Prefix sums, as the typesetter keeps them: the same numbers to the last bit, so near-equal totals compare the same way.
  const prefix = (f: (item: Item) => number) => items.reduce((sums, item, i) => (sums.push((sums[i] as number) + f(item)), sums), [0]);
  const widths = prefix(widthOf);
  const stretches = prefix((item) => (item.kind === 'glue' ? item.frag.style.size * STRETCH_EM : 0));
  const shrinks = prefix((item) => (item.kind === 'glue' ? item.frag.width * (1 - SHRINK_SHARE) : 0));
  const sum = (sums: number[], from: number, to: number) => (sums[to] as number) - (sums[from] as number);
  const best = ends.map(() => [Infinity, Infinity]);
  const back = ends.map(() => [-1, -1]);
  (best[0] as number[])[0] = 0;
  for (let b = 1; b < ends.length; b++) {
    const end = ends[b] as number;
    const last = end === n;
    const endItem = items[end];
    const hyphen = endItem?.kind === 'break' ? endItem.hyphen : undefined;
    const flagged = endItem?.kind === 'break' && endItem.flagged ? 1 : 0;
    const ideographic = endItem?.kind === 'break' && !endItem.hyphen && !endItem.flagged;
    for (let a = b - 1; a >= 0; a--) {
      const start = (ends[a] as number) + 1;
      const natural = sum(widths, start, end) + (hyphen?.width ?? 0);
      const stretch = sum(stretches, start, end);
      const shrink = justify && !last ? sum(shrinks, start, end) : 0;
      const tooLong = natural - shrink > maxWidth + EPSILON;
      if (tooLong && a < b - 1) break;
      let badness = 0;
      if (!last) {
        const slack = maxWidth - natural;
        const ratio = !justify ? slack / (size * RAGGED_STRETCH_EM) : slack >= 0 ? (stretch > 0 ? slack / stretch : ideographic ? slack / (size * IDEOGRAPHIC_STRETCH_EM) : slack > 0.5 ? 100 : 0) : shrink > 0 ? slack / shrink : -100;
        badness = Math.min(MAX_BADNESS, 100 * Math.abs(ratio) ** 3);
      }
      const demerits = (LINE_PENALTY + badness) ** 2 + (hyphen ? HYPHEN_PENALTY ** 2 : 0);
      for (let f = 0; f < 2; f++) {
        const before = (best[a] as number[])[f] as number;
        if (before === Infinity) continue;
        const total = before + demerits + (f === 1 && flagged ? DOUBLE_HYPHEN_DEMERITS : 0) + (f === 1 && last ? FINAL_HYPHEN_DEMERITS : 0);
        if (total < ((best[b] as number[])[flagged] as number)) {
          (best[b] as number[])[flagged] = total;
          (back[b] as number[])[flagged] = a * 2 + f;
        }
      }
      if (tooLong) break;
    }
  }
  const lines: string[] = [];
  const lastEnd = ends.length - 1;
  let state = ((best[lastEnd] as number[])[0] as number) <= ((best[lastEnd] as number[])[1] as number) ? lastEnd * 2 : lastEnd * 2 + 1;
  while (state >= 2) {
    const b = state >> 1;
    const previous = (back[b] as number[])[state & 1] as number;
    const start = (ends[previous >> 1] as number) + 1;
    const end = ends[b] as number;
    let text = '';
    for (let k = start; k < end; k++) {
      const item = items[k] as Item;
      if (item.kind === 'box') text += item.frags.map((frag) => frag.text).join('');
      else if (item.kind === 'glue') text += ' ';
    }
    const endItem = items[end];
    if (endItem?.kind === 'break' && endItem.hyphen) text += '-';
    lines.unshift(text);
    state = previous;
  }
  return lines;
}

const lineText = (line: Line) => line.frags.map((frag) => frag.text).join('');

function compare(runs: Inline[], width: number, justify: boolean, letterSpacing = 0): void {
  const style = { ...body, letterSpacing };
  const tokens = tokenize(spans.spans(runs, style, '#000000'), false, hyphenator);
  const expected = itemsOf(tokens).flatMap((items) => (items.length === 0 ? [''] : plainSearch(items, width, justify)));
  expect(breakParagraph(tokens, width, { justify }).map(lineText)).toEqual(expected);
}

describe('paragraph breaking: stopping early never changes a choice', () => {
  const word = fc.oneof(
    { weight: 8, arbitrary: fc.stringMatching(/^[a-z]{1,14}$/) },
    { weight: 1, arbitrary: fc.constantFrom('U.S.–Japan', 'Indo-Pacific', 'reconnaissance', 'interoperability', 'counterstrike', 'and/or', '2023', '日米同盟の強化', 'x') },
  );
  const paragraph = fc.array(fc.tuple(word, fc.constantFrom(' ', ' ', ' ', ' ', ' ', '\n')), { minLength: 1, maxLength: 120 }).map((pairs) => pairs.map(([w, gap], i) => (i === pairs.length - 1 ? w : w + gap)).join(''));

  it('justified and ragged, with hyphenation, at widths from 12 to 40 em (property)', () => {
    fc.assert(
      fc.property(paragraph, fc.integer({ min: 130, max: 440 }), fc.boolean(), (text, width, justify) => compare([{ text }], width, justify)),
      { numRuns: 400, seed: 20261202 },
    );
  });

  it('with bold and italic runs, and letter spacing, also negative (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(paragraph, fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 150, max: 440 }),
        fc.boolean(),
        fc.constantFrom(0, 0.4, -0.3, -2.5),
        (parts, width, justify, spacing) => compare(parts.map(([text, bold, italic]) => ({ text: `${text} `, bold, italic })), width, justify, spacing),
      ),
      { numRuns: 200, seed: 20261203 },
    );
  });

  it('one word repeated, where many choices cost nearly the same (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{1,9}$/), fc.integer({ min: 8, max: 80 }), fc.integer({ min: 130, max: 440 }), fc.boolean(), (word, count, width, justify) =>
        compare([{ text: Array.from({ length: count }, () => word).join(' ') }], width, justify),
      ),
      { numRuns: 300, seed: 20261204 },
    );
  });

  it('the built-in sections’ paragraphs at the templates’ widths', () => {
    const dir = join(import.meta.dirname, '../../../assets/sections');
    const paragraphs = readdirSync(dir)
      .filter((name) => name.endsWith('.md'))
      .flatMap((name) => readFileSync(join(dir, name), 'utf8').split(/\n\s*\n/))
      .map((block) => block.replace(/[*_`#>]/g, '').replace(/\s+/g, ' ').trim())
      .filter((block) => block.length > 80 && !block.startsWith('---'));
    expect(paragraphs.length).toBeGreaterThan(25);
    for (const text of paragraphs) for (const width of [252, 336, 468]) for (const justify of [true, false]) compare([{ text }], width, justify);
  });
});
