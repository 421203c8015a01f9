/**
 * Process-wide shaping memo. Shaping (fontkit `layout`) is most of the cost of
 * a render, and PDFKit keeps its layout cache per document. The runs PDFKit's
 * `layoutCached` produces are never mutated afterwards (its text code copies
 * positions before adjusting them), so one cache per parsed Font object can be
 * shared by every document: we hand the shared record to each new
 * EmbeddedFont as its `layoutCache`. Widths of words are memoised next to it.
 * Output is byte-identical with or without the memo (see the tests).
 */
import type { Font } from 'fontkit';
import type { EmbeddedFont, ScaledRun } from './pdfkit-internals.js';
import { isSingleRun } from './glyph-encode.js';
import { preloadRuns } from './shaping-disk-cache.js';

export interface Measure {
  /** Advance of the text in 1000 units per em. */
  advance: number;
  /** Glyphs after shaping (letter spacing is added once per glyph). */
  glyphs: number;
}

interface FontMemo {
  runs: Record<string, ScaledRun>;
  widths: Map<string, Measure>;
}

/** Past this many distinct texts per font the memo starts afresh (bounded memory in a long-lived app). */
const MAX_ENTRIES_PER_FONT = 250_000;

let memos = new WeakMap<Font, FontMemo>();
let enabled = true;

/** Tests and benchmarks switch the memo off to compare output and timing. */
export function setShapingMemoEnabled(on: boolean): void {
  enabled = on;
}

export function isShapingMemoEnabled(): boolean {
  return enabled;
}

/** Forget everything shaped so far (a cold start without restarting the process). */
export function resetShapingMemo(): void {
  memos = new WeakMap();
}

function memoFor(font: Font): FontMemo {
  let memo = memos.get(font);
  if (!memo || memo.widths.size > MAX_ENTRIES_PER_FONT) {
    memo = { runs: preloadRuns(font, Object.create(null) as Record<string, ScaledRun>), widths: new Map() };
    memos.set(font, memo);
  }
  return memo;
}

/** Make a document's embedded font use the shared layout cache. */
export function attachShapingMemo(embedded: EmbeddedFont): void {
  if (!enabled) return;
  embedded.layoutCache = memoFor(embedded.font).runs;
}

/** Width and glyph count of a text with no spaces inside (a word, or a single space). */
export function measureText(embedded: EmbeddedFont, text: string): Measure {
  if (!enabled) return measureUncached(embedded, text);
  const widths = memoFor(embedded.font).widths;
  let measure = widths.get(text);
  if (!measure) {
    measure = measureUncached(embedded, text);
    widths.set(text, measure);
  }
  return measure;
}

function measureUncached(embedded: EmbeddedFont, text: string): Measure {
  // The measuring font outlives renders: it shapes into the shared memo while the memo is on, and keeps nothing while it is off.
  embedded.layoutCache = enabled ? memoFor(embedded.font).runs : undefined;
  // A word or a space is one run of PDFKit's layout cache (`layout` would split it at spaces and copy its glyph lists).
  const run = isSingleRun(text) ? embedded.layoutCached(text) : embedded.layout(text);
  return { advance: run.advanceWidth, glyphs: run.glyphs ? run.glyphs.length : 0 };
}
