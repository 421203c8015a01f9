/**
 * The text operators of a word, kept across renders. With glyph codes equal
 * to glyph ids (stable-glyph-ids.ts) a word's TJ array depends on its font and
 * text alone, so it is built once per process, not once per time it is drawn:
 * a re-render draws the unchanged words of an edited document from here. Each
 * document still records the glyphs it uses (its font subset and widths), the
 * first time it draws the word, in drawing order as `encode` would.
 *
 * Only words set without mark offsets are kept (the rest are drawn glyph by
 * glyph). In memory only, bounded, emptied with the other render caches and
 * off when they are off.
 */
import type { Font, Glyph } from 'fontkit';
import { num } from './pdf-format.js';
import type { EmbeddedFont } from './pdfkit-internals.js';
import { onRenderCachesReset, renderCachesEnabled } from './render-caches.js';
import { codeListener, copyCode, hasStableGlyphIds, hex4, useCode } from './stable-glyph-ids.js';

export interface WordOperators {
  readonly glyphs: readonly Glyph[];
  readonly codes: readonly number[];
  /** TJ items before the last glyph's (joined by spaces), and codes not yet closed into an item. */
  readonly head: string;
  readonly pending: string;
  readonly lastHex: string;
  /** Kerning after the last glyph, in 1000 units per em (room a justified space gets is added to it). */
  readonly lastAdjust: number;
  /** The text of an added hyphen (a soft hyphen), else undefined: the glyphs' own. */
  readonly textOf?: number;
  /** The operator last made for the word, and the room it was made with. */
  lastExtra: number;
  lastTJ: string;
}

/** Distinct words per font kept (a long book has tens of thousands). */
const MAX_WORDS_PER_FONT = 100_000;
let shared = 0;

/** Words a document took from the process-wide table rather than building (tests check that reuse really happens). */
export function sharedWordHits(): number {
  return shared;
}
let byFont = new WeakMap<Font, Map<string, WordOperators | null>>();
onRenderCachesReset(() => {
  byFont = new WeakMap();
});

function build(font: EmbeddedFont, text: string, textOf: number | undefined): WordOperators | null {
  const run = textOf === undefined ? font.layout(text) : font.layoutCached(text);
  const glyphs = run.glyphs ?? [];
  const positions = run.positions ?? [];
  if (positions.length === 0 || positions.length !== glyphs.length) return null;
  const codes = glyphs.map((glyph) => (textOf === undefined ? glyph.id : copyCode(font, glyph)));
  const items: string[] = [];
  let pending = '';
  for (let i = 0; i < positions.length; i++) {
    const position = positions[i]!;
    if (position.xOffset || position.yOffset) return null;
    if (i === positions.length - 1) break;
    pending += hex4(codes[i]!);
    const adjust = position.xAdvance - position.advanceWidth;
    if (Math.abs(adjust) > 1e-6) {
      items.push(`<${pending}> ${num(-adjust)}`);
      pending = '';
    }
  }
  const last = positions[positions.length - 1]!;
  return { glyphs, codes, head: items.join(' '), pending, lastHex: hex4(codes[codes.length - 1]!), lastAdjust: last.xAdvance - last.advanceWidth, textOf, lastExtra: Number.NaN, lastTJ: '' };
}

/** One document's words in one font: those drawn so far (their glyphs recorded), over the process-wide table. */
export class DocumentWords {
  private readonly drawn = new Map<string, WordOperators | null>();

  constructor(
    private readonly font: EmbeddedFont,
    private readonly shared: Map<string, WordOperators | null>,
  ) {}

  /**
   * The word's operators, with its glyphs recorded in this document's font;
   * undefined where the word must be drawn glyph by glyph (marks placed by offsets).
   */
  get(text: string, textOf?: number): WordOperators | undefined {
    const key = textOf === undefined ? text : `${text}\u0000${textOf}`;
    let word = this.drawn.get(key);
    if (word === undefined) {
      word = this.shared.get(key);
      if (word) shared++;
      if (word === undefined) {
        if (this.shared.size >= MAX_WORDS_PER_FONT) this.shared.clear();
        this.shared.set(key, (word = build(this.font, text, textOf)));
      }
      this.drawn.set(key, word);
      if (word) {
        const font = this.font;
        const codes = word.codes;
        word.glyphs.forEach((glyph, i) => useCode(font, codes[i]!, glyph, textOf === undefined ? glyph.codePoints : [textOf]));
      }
    } else if (word) {
      // Drawn before in this document: a page being recorded still needs its glyphs (it may be replayed where the earlier page is not).
      const listener = codeListener();
      if (listener) {
        const font = this.font;
        const codes = word.codes;
        word.glyphs.forEach((glyph, i) => listener(font, codes[i]!, { gid: glyph.id, width: glyph.advanceWidth * font.scale, text: textOf === undefined ? glyph.codePoints : [textOf] }));
      }
    }
    return word ?? undefined;
  }
}

const documentWords = new WeakMap<EmbeddedFont, DocumentWords>();

/** The word table of a document's font; undefined when caches are off or the font keeps PDFKit's numbering. */
export function wordsOf(font: EmbeddedFont): DocumentWords | undefined {
  if (!renderCachesEnabled() || !hasStableGlyphIds(font)) return undefined;
  let words = documentWords.get(font);
  if (!words) {
    let shared = byFont.get(font.font);
    if (!shared) byFont.set(font.font, (shared = new Map<string, WordOperators | null>()));
    documentWords.set(font, (words = new DocumentWords(font, shared)));
  }
  return words;
}

/** The items of the word's TJ array (no brackets: words in a row share one array), `extraUnits` (1000 per em) added after its last glyph. */
export function wordTJ(word: WordOperators, extraUnits: number): string {
  // The spaces of a justified line all get the same room: the last operator made is often the one wanted.
  if (word.lastExtra === extraUnits) return word.lastTJ;
  const adjust = word.lastAdjust + extraUnits;
  const run = word.pending + word.lastHex;
  const tail = Math.abs(adjust) > 1e-6 ? `<${run}> ${num(-adjust)}` : `<${run}>`;
  const tj = word.head ? `${word.head} ${tail}` : tail;
  word.lastExtra = extraUnits;
  word.lastTJ = tj;
  return tj;
}
