/**
 * Spans → words and spaces → lines. Breaks fall at spaces, after hyphens,
 * dashes and slashes inside long compounds, between CJK characters (with the
 * usual no-break-before/after punctuation) and, in paragraphs, at hyphenation
 * points. Paragraphs are broken all at once (Knuth–Plass: the breaks that
 * keep every line's spacing closest to normal); headings and short lines
 * first-fit. A word wider than the line is cut between characters rather
 * than overflowing.
 */
import type { Hyphenator } from './hyphenation.js';
import { CjkBreaks, isCjk } from './japanese-breaks.js';
import { measureText } from './shaping-memo.js';
import type { Span, SpanStyle } from './text-runs.js';

/** A piece of text in one style, measured; `glue` pieces are single spaces. */
export interface Frag {
  readonly text: string;
  readonly style: SpanStyle;
  readonly width: number;
  readonly glue: boolean;
  /** A hyphen the line breaker added at a hyphenation point (not in the source text). */
  readonly inserted?: boolean;
}

export interface Line {
  readonly frags: Frag[];
  /** Natural width: words and the spaces between them, no trailing space. */
  readonly width: number;
  /** Spaces inside the line (where justification adds room). */
  readonly glues: number;
  /** Last line of a paragraph or before a forced break: never justified. */
  readonly last: boolean;
}

interface BoxToken {
  readonly type: 'box';
  readonly frags: Frag[];
  readonly width: number;
}
interface GlueToken {
  readonly type: 'glue';
  readonly frag: Frag;
}
interface NewlineToken {
  readonly type: 'newline';
}
/** A hyphenation point inside a word: breaking here ends the line with `frag` (a hyphen). */
interface HyphenToken {
  readonly type: 'hyphen';
  readonly frag: Frag;
}
export type Token = BoxToken | GlueToken | NewlineToken | HyphenToken;

const EPSILON = 0.01;

export function fragWidth(text: string, style: SpanStyle): number {
  const measure = measureText(style.face.measurer, text);
  return (measure.advance * style.size) / 1000 + measure.glyphs * style.letterSpacing;
}

function makeFrag(text: string, style: SpanStyle, glue = false): Frag {
  return { text, style, width: fragWidth(text, style), glue };
}

function isWordCharacter(cp: number): boolean {
  return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || (cp >= 0xc0 && cp < 0x2000);
}

/** Whether a line may break between two characters of one word (Latin: Chinese and Japanese go by japanese-breaks.ts). */
function breakBetween(previous: number, current: number, charsBefore: number): boolean {
  // After a hyphen, dash or slash inside a compound ("U.S.–Japan", "and/or"), not after a leading minus.
  if (previous === 0x2d || previous === 0x2013 || previous === 0x2014 || previous === 0x2f) return charsBefore >= 2 && isWordCharacter(current);
  return false;
}

/**
 * Spans → tokens. `preserveSpaces` keeps every space (code blocks); otherwise
 * runs of spaces collapse to one. With a hyphenator, words get hyphen tokens
 * at their hyphenation points (only `breakParagraph` uses them), except the
 * last word of a paragraph (or of a line before a forced break), link text,
 * code, and anything that looks like an address (URL, e-mail, path).
 */
export function tokenize(spans: readonly Span[], preserveSpaces = false, hyphenator?: Hyphenator): Token[] {
  const tokens: Token[] = [];
  let pieces: { text: string; style: SpanStyle }[] = [];
  let previous = 0;
  let charsInWord = 0;
  // The space-free run of text being read, and the one before it (hyphenated once another word follows it).
  let chunkStart = 0;
  // Link text or code in the chunk: it stays whole.
  let chunkBlocked = false;
  let pendingChunk: { start: number; end: number } | undefined;

  const hyphenatePending = () => {
    if (!pendingChunk || !hyphenator) return;
    const { start, end } = pendingChunk;
    pendingChunk = undefined;
    if (/[@:\\/]|www\.|\.\p{L}/u.test(chunkText(tokens, start, end))) return;
    if (end - start === 1) {
      // One word, the usual case: replaced only when it has hyphenation points.
      const syllables = hyphenateBox(tokens[start] as BoxToken, hyphenator);
      if (syllables.length > 1) tokens.splice(start, 1, ...syllables);
      return;
    }
    const expanded: Token[] = [];
    for (let k = start; k < end; k++) {
      const token = tokens[k] as Token;
      if (token.type === 'box') expanded.push(...hyphenateBox(token, hyphenator));
      else expanded.push(token);
    }
    tokens.splice(start, end - start, ...expanded);
  };
  const closeChunk = (lastInLine: boolean) => {
    if (tokens.length > chunkStart) {
      // Hyphenating the word before changes the token count: find this one from the end.
      const length = tokens.length - chunkStart;
      hyphenatePending();
      pendingChunk = lastInLine || chunkBlocked ? undefined : { start: tokens.length - length, end: tokens.length };
    } else if (lastInLine) pendingChunk = undefined;
    chunkBlocked = false;
  };

  const closeWord = () => {
    if (pieces.length === 0) return;
    // With a hyphenator a word is measured once it is known whether it is set whole or in syllables (see `measureWords`).
    const frags: Frag[] = [];
    let width = 0;
    for (const piece of pieces) {
      const frag = hyphenator ? unmeasuredFrag(piece.text, piece.style) : makeFrag(piece.text, piece.style);
      frags.push(frag);
      width += frag.width;
    }
    tokens.push({ type: 'box', frags, width });
    pieces = [];
    previous = 0;
    charsInWord = 0;
  };
  const addToWord = (text: string, style: SpanStyle) => {
    const last = pieces[pieces.length - 1];
    if (last && last.style === style) last.text += text;
    else pieces.push({ text, style });
  };

  // Chinese and Japanese break by UAX #14 with kinsoku, over the whole text (the rules look across style changes).
  const cjk = CjkBreaks.for(spans.map((span) => span.text).join(''));
  let spanStart = 0;
  for (const span of spans) {
    const text = span.text;
    const base = spanStart;
    spanStart += text.length;
    // Link text and code stay whole: a reader copies them from paper.
    const hyphenable = hyphenator !== undefined && span.style.link === undefined && !span.style.code;
    let start = 0;
    for (let i = 0; i < text.length; ) {
      const code = text.charCodeAt(i);
      if (code === 0x20 || code === 0x0a) {
        if (i > start) addToWord(text.slice(start, i), span.style);
        closeWord();
        if (hyphenator) closeChunk(code === 0x0a);
        if (code === 0x0a) tokens.push({ type: 'newline' });
        else if (preserveSpaces || tokens[tokens.length - 1]?.type !== 'glue') tokens.push({ type: 'glue', frag: makeFrag(' ', span.style, true) });
        chunkStart = tokens.length;
        start = ++i;
        continue;
      }
      if (!hyphenable) chunkBlocked = true;
      const cp = text.codePointAt(i) as number;
      // Only characters that can open a break opportunity need the full test.
      if (previous !== 0 && (cp >= 0x2e80 || previous >= 0x2e80 || previous === 0x2d || previous === 0x2f || previous === 0x2013 || previous === 0x2014)) {
        if (cjk && (isCjk(cp) || isCjk(previous)) ? cjk.allows(base + i) : breakBetween(previous, cp, charsInWord)) {
          if (i > start) addToWord(text.slice(start, i), span.style);
          closeWord();
          start = i;
        }
      }
      previous = cp;
      charsInWord++;
      i += cp > 0xffff ? 2 : 1;
    }
    if (text.length > start) addToWord(text.slice(start), span.style);
  }
  closeWord();
  // The paragraph's last word is never hyphenated; the one before it may be.
  if (hyphenator) {
    closeChunk(true);
    measureWords(tokens);
  }
  return tokens;
}

/**
 * A word not measured yet: a word that is hyphenated is set as its syllables,
 * each measured on its own, so shaping it whole would be work thrown away
 * (for text never seen before, a fifth of all shaping).
 */
function unmeasuredFrag(text: string, style: SpanStyle): Frag {
  return { text, style, width: Number.NaN, glue: false };
}

function measuredFrag(frag: Frag): Frag {
  return Number.isNaN(frag.width) ? makeFrag(frag.text, frag.style) : frag;
}

/** Words left whole (not hyphenated, or the last of a paragraph) are measured now. */
function measureWords(tokens: Token[]): void {
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k] as Token;
    if (token.type !== 'box' || !Number.isNaN(token.width)) continue;
    const frags = token.frags.map(measuredFrag);
    let width = 0;
    for (const frag of frags) width += frag.width;
    tokens[k] = { type: 'box', frags, width };
  }
}

/** The hyphen added at a hyphenation point, one per style (frags are never changed once made). */
const hyphens = new WeakMap<SpanStyle, Frag>();

function insertedHyphen(style: SpanStyle): Frag {
  let hyphen = hyphens.get(style);
  if (!hyphen) {
    hyphen = { ...makeFrag('-', style), inserted: true };
    hyphens.set(style, hyphen);
  }
  return hyphen;
}

/** The text of the boxes tokens[start, end) (a space-free run: boxes only). */
function chunkText(tokens: readonly Token[], start: number, end: number): string {
  const only = tokens[start] as BoxToken;
  if (end - start === 1 && only.frags.length === 1) return (only.frags[0] as Frag).text;
  let text = '';
  for (let k = start; k < end; k++) {
    const token = tokens[k] as Token;
    if (token.type === 'box') for (const frag of token.frags) text += frag.text;
  }
  return text;
}

/** One word → its syllables with hyphen tokens between them (one box when it has no hyphenation point). */
function hyphenateBox(box: BoxToken, hyphenator: Hyphenator): Token[] {
  const word = box.frags.length === 1 ? (box.frags[0] as Frag).text : box.frags.map((frag) => frag.text).join('');
  const points = hyphenator.points(word);
  if (points.length === 0) return [box];
  const out: Token[] = [];
  let frags: Frag[] = [];
  let offset = 0;
  let next = 0;
  for (const frag of box.frags) {
    let from = 0;
    while (next < points.length && (points[next] as number) < offset + frag.text.length) {
      const cut = (points[next] as number) - offset;
      if (cut > from) frags.push(makeFrag(frag.text.slice(from, cut), frag.style));
      // The syllable so far, then its hyphen (inline rather than a closure: this runs for every word of a paragraph).
      let width = 0;
      for (const piece of frags) width += piece.width;
      out.push({ type: 'box', frags, width });
      out.push({ type: 'hyphen', frag: insertedHyphen(frag.style) });
      frags = [];
      from = cut;
      next++;
    }
    frags.push(from === 0 ? measuredFrag(frag) : makeFrag(frag.text.slice(from), frag.style));
    offset += frag.text.length;
  }
  let width = 0;
  for (const frag of frags) width += frag.width;
  out.push({ type: 'box', frags, width });
  return out;
}

/** Narrowest and widest widths the text can take (for table column widths). */
export function naturalWidths(tokens: readonly Token[], longestWord = Infinity): { min: number; max: number } {
  let min = 0;
  let max = 0;
  let line = 0;
  let pending = 0;
  for (const token of tokens) {
    if (token.type === 'box') {
      min = Math.max(min, Math.min(token.width, longestWord));
      line += pending + token.width;
      pending = 0;
    } else if (token.type === 'glue') {
      if (line > 0) pending += token.frag.width;
    } else if (token.type === 'newline') {
      max = Math.max(max, line);
      line = 0;
      pending = 0;
    }
  }
  return { min, max: Math.max(max, line) };
}

/** First-fit line breaking into lines at most `maxWidth` wide (tokens without hyphenation points). */
export function breakLines(tokens: readonly Token[], maxWidth: number, preserveSpaces = false): Line[] {
  const lines: Line[] = [];
  let frags: Frag[] = [];
  let width = 0;
  let glues = 0;
  let pending: Frag[] = [];

  const finish = (last: boolean) => {
    lines.push({ frags, width, glues, last });
    frags = [];
    width = 0;
    glues = 0;
    pending = [];
  };
  const append = (box: BoxToken) => {
    for (const glue of pending) {
      frags.push(glue);
      width += glue.width;
      glues++;
    }
    pending = [];
    for (const frag of box.frags) frags.push(frag);
    width += box.width;
  };
  const pendingWidth = () => {
    let sum = 0;
    for (const glue of pending) sum += glue.width;
    return sum;
  };

  for (const token of tokens) {
    if (token.type === 'hyphen') continue;
    if (token.type === 'glue') {
      if (frags.length > 0 || preserveSpaces) pending.push(token.frag);
      continue;
    }
    if (token.type === 'newline') {
      finish(true);
      continue;
    }
    if (width + pendingWidth() + token.width <= maxWidth + EPSILON) {
      append(token);
      continue;
    }
    if (frags.length > 0) {
      finish(false);
      if (token.width <= maxWidth + EPSILON) {
        append(token);
        continue;
      }
    }
    // A word wider than the whole line: cut it.
    const pieces = splitWord(token, Math.max(maxWidth - pendingWidth(), 1));
    for (let k = 0; k < pieces.length; k++) {
      append(pieces[k] as BoxToken);
      if (k < pieces.length - 1) finish(false);
    }
  }
  if (frags.length > 0 || lines.length === 0) finish(true);
  else lines[lines.length - 1] = { ...(lines[lines.length - 1] as Line), last: true };
  return lines;
}

/**
 * Line breaking for headings and titles: as few lines as first-fit needs, but
 * of even length, so a title does not end on one stranded word. Finds the
 * narrowest width (never narrower than the widest word) that still gives that
 * many lines, and breaks there.
 */
export function breakLinesEven(tokens: readonly Token[], maxWidth: number): Line[] {
  const natural = breakLines(tokens, maxWidth);
  if (natural.length < 2) return natural;
  let widestWord = 0;
  for (const token of tokens) if (token.type === 'box') widestWord = Math.max(widestWord, token.width);
  if (widestWord > maxWidth) return natural;
  let best = natural;
  let low = widestWord;
  let high = maxWidth;
  while (high - low > 0.5) {
    const mid = (low + high) / 2;
    const lines = breakLines(tokens, mid);
    if (lines.length <= natural.length) {
      best = lines;
      high = mid;
    } else low = mid;
  }
  return best;
}

/** How justified and ragged paragraphs may stretch their spaces, and what hyphens cost. */
export interface ParagraphOptions {
  /** Justified (spaces stretch and shrink to fill the line) or ragged-right. */
  readonly justify: boolean;
}

/* The costs of Knuth–Plass paragraph breaking (exported for the test that checks the search against a plain one). */
/** Stretch of a space at which a justified line's badness is 100 (TeX's "loose"), in em. */
export const STRETCH_EM = 0.16;
/** A space may shrink to this share of its width. */
export const SHRINK_SHARE = 0.8;
/** Room at the end of a ragged line at which its badness is 100, in em. */
export const RAGGED_STRETCH_EM = 3;
/** Most room justification adds to one space, in em (a template may change it): beyond it a line stops short of the margin. */
export const DEFAULT_MAX_EXTRA_EM = 0.36;
/** Room at the end of a Japanese line (no spaces to stretch) at which its badness is 100, in em: solid lines are the norm. */
export const IDEOGRAPHIC_STRETCH_EM = 1;
export const LINE_PENALTY = 10;
export const HYPHEN_PENALTY = 50;
/** Two hyphenated lines in a row: avoided unless every other choice is looser than justification may stretch (badness ~1,150). */
export const DOUBLE_HYPHEN_DEMERITS = 3_000_000;
/** The last full line hyphenated (TeX's finalhyphendemerits). */
export const FINAL_HYPHEN_DEMERITS = 5_000;
/** Badness is not capped at TeX's 10,000: among impossible lines the less loose still wins. */
export const MAX_BADNESS = 1e12;

/** A paragraph as TeX sees it: boxes, spaces and places where a line may end. */
type Item =
  | { kind: 'box'; box: BoxToken }
  | { kind: 'glue'; frag: Frag }
  /** Between two boxes: a hyphenation point (with its hyphen), or a break after a dash or between CJK characters. */
  | { kind: 'break'; hyphen?: Frag; flagged: boolean };

/**
 * Knuth–Plass line breaking for a paragraph: all its breaks are chosen at
 * once to minimise the sum of each line's demerits (how far its spaces are
 * from normal, plus hyphen costs). Hyphenated lines in a row cost a great deal;
 * a justified line's spaces may shrink a little; lines never exceed `maxWidth`
 * (after shrinking). Forced breaks (newlines) split it into segments.
 */
export function breakParagraph(tokens: readonly Token[], maxWidth: number, options: ParagraphOptions): Line[] {
  const lines: Line[] = [];
  let items: Item[] = [];
  let pendingGlue: Frag | undefined;
  let pendingHyphen: Frag | undefined;
  const flushSegment = () => {
    if (items.length === 0) lines.push({ frags: [], width: 0, glues: 0, last: true });
    else lines.push(...breakSegment(items, maxWidth, options));
    items = [];
    pendingGlue = pendingHyphen = undefined;
  };
  // What comes between the previous box and this one: a space, a hyphenation point, a break after a dash, or (inside a cut word) a plain break.
  const addBox = (box: BoxToken, first: boolean) => {
    const last = items[items.length - 1];
    if (first && pendingGlue) items.push({ kind: 'glue', frag: pendingGlue });
    else if (last?.kind === 'box') items.push(first && pendingHyphen ? { kind: 'break', hyphen: pendingHyphen, flagged: true } : { kind: 'break', flagged: endsWithDash(last.box) });
    items.push({ kind: 'box', box });
  };
  for (const token of tokens) {
    if (token.type === 'newline') flushSegment();
    else if (token.type === 'glue') {
      if (items.length > 0) pendingGlue = token.frag;
    } else if (token.type === 'hyphen') pendingHyphen = token.frag;
    else if (token.width > maxWidth + EPSILON) {
      const pieces = splitWord(token, maxWidth);
      for (let k = 0; k < pieces.length; k++) addBox(pieces[k] as BoxToken, k === 0);
      pendingGlue = pendingHyphen = undefined;
    } else {
      addBox(token, true);
      pendingGlue = pendingHyphen = undefined;
    }
  }
  if (items.length > 0 || lines.length === 0) flushSegment();
  return lines;
}

/** Whether a word ends in a hyphen or dash (a line may end after it, flagged like a hyphenated one). */
function endsWithDash(box: BoxToken): boolean {
  const text = box.frags[box.frags.length - 1]?.text ?? '';
  const last = text.charCodeAt(text.length - 1);
  return last === 0x2d || last === 0x2013 || last === 0x2014;
}

/** @deprecated name kept for callers: justified paragraph breaking. */
export function breakLinesBalanced(tokens: readonly Token[], maxWidth: number): Line[] {
  return breakParagraph(tokens, maxWidth, { justify: true });
}

/**
 * The dynamic programme over one segment. For each place a line may end (b),
 * the lines ending there are tried from the longest that fits to shorter
 * ones, and the search stops once even a line with no demerits before it
 * would cost more than the best found: shorter lines only get looser, so
 * none of them can win. The choice is exactly the one trying every line gives
 * (ties still go to the shorter line, then to the unhyphenated history).
 */
function breakSegment(items: readonly Item[], maxWidth: number, options: ParagraphOptions): Line[] {
  const count = items.length;
  // Prefix sums: natural width, stretch and shrink of items [0, i).
  const width = new Float64Array(count + 1);
  const stretch = new Float64Array(count + 1);
  const shrink = new Float64Array(count + 1);
  // With no negative widths, lines grow monotonically: the longest line that fits moves forward with b, and shorter lines are looser.
  let monotone = true;
  for (let i = 0; i < count; i++) {
    const item = items[i] as Item;
    let w = 0;
    let y = 0;
    let z = 0;
    if (item.kind === 'box') w = item.box.width;
    else if (item.kind === 'glue') {
      w = item.frag.width;
      y = item.frag.style.size * STRETCH_EM;
      z = item.frag.width * (1 - SHRINK_SHARE);
    }
    if (!(w >= 0 && y >= 0)) monotone = false;
    width[i + 1] = (width[i] as number) + w;
    stretch[i + 1] = (stretch[i] as number) + y;
    shrink[i + 1] = (shrink[i] as number) + z;
  }
  // Break candidates: the item a line ends at (a glue or break item), and the end.
  const candidates: number[] = [-1];
  for (let i = 0; i < count; i++) if ((items[i] as Item).kind !== 'box') candidates.push(i);
  candidates.push(count);
  const size = firstSize(items);
  const justify = options.justify;
  const limit = maxWidth + EPSILON;

  // Per candidate and "this line ended with a hyphen" (index 2c + f): best total demerits and where it came from (2a + f).
  const total = new Float64Array(candidates.length * 2).fill(Number.POSITIVE_INFINITY);
  const from = new Int32Array(candidates.length * 2).fill(-1);
  total[0] = 0;
  let first = 0;
  for (let b = 1; b < candidates.length; b++) {
    const end = candidates[b] as number;
    const isLast = end === count;
    const endItem = isLast ? undefined : (items[end] as Item);
    const hyphen = endItem?.kind === 'break' ? endItem.hyphen : undefined;
    const hyphenWidth = hyphen?.width ?? 0;
    const flagged = endItem?.kind === 'break' && endItem.flagged ? 1 : 0;
    // A break inside a word that is neither a hyphenation point nor after a dash: between Chinese or Japanese characters (or after a slash).
    const ideographicEnd = endItem?.kind === 'break' && !endItem.hyphen && !endItem.flagged;
    const useShrink = justify && !isLast;
    const penalty = hyphen !== undefined ? HYPHEN_PENALTY * HYPHEN_PENALTY : 0;
    // The longest line ending here that fits (an overfull line only when it is the one piece from b - 1).
    // Too long from candidate a: (width[end] - width[start] + hyphenWidth) - shrinkable > limit, where start = candidates[a] + 1.
    const widthEnd = width[end] as number;
    const shrinkEnd = useShrink ? (shrink[end] as number) : 0;
    if (!monotone || first > b - 1) first = b - 1;
    while (first > 0) {
      const start = (candidates[first - 1] as number) + 1;
      if (widthEnd - (width[start] as number) + hyphenWidth - (useShrink ? shrinkEnd - (shrink[start] as number) : 0) > limit) break;
      first--;
    }
    while (monotone && first < b - 1) {
      const start = (candidates[first] as number) + 1;
      if (!(widthEnd - (width[start] as number) + hyphenWidth - (useShrink ? shrinkEnd - (shrink[start] as number) : 0) > limit)) break;
      first++;
    }
    const slot = b * 2 + flagged;
    const stretchEnd = stretch[end] as number;
    for (let a = first; a < b; a++) {
      const start = (candidates[a] as number) + 1;
      const natural = widthEnd - (width[start] as number) + hyphenWidth;
      const lineStretch = stretchEnd - (stretch[start] as number);
      let badness = 0;
      let slack = 0;
      let ratio = 0;
      if (!isLast) {
        slack = maxWidth - natural;
        if (!justify) ratio = slack / (size * RAGGED_STRETCH_EM);
        // A line without spaces that ends between two ideographs cannot stretch: measure its room in em, so Japanese lines still fill the measure.
        else if (slack >= 0) ratio = lineStretch > 0 ? slack / lineStretch : ideographicEnd ? slack / (size * IDEOGRAPHIC_STRETCH_EM) : slack > 0.5 ? 100 : 0;
        else {
          const lineShrink = useShrink ? (shrink[end] as number) - (shrink[start] as number) : 0;
          ratio = lineShrink > 0 ? slack / lineShrink : -100;
        }
        badness = Math.min(MAX_BADNESS, 100 * Math.abs(ratio) ** 3);
      }
      const demerits = (LINE_PENALTY + badness) ** 2 + penalty;
      const plain = total[a * 2] as number;
      const hyphenated = total[a * 2 + 1] as number;
      if (plain !== Number.POSITIVE_INFINITY || hyphenated !== Number.POSITIVE_INFINITY) {
        // The unhyphenated history first; the hyphenated one only when strictly better.
        let sum = plain + demerits;
        let state = a * 2;
        let other = hyphenated + demerits;
        if (flagged) other += DOUBLE_HYPHEN_DEMERITS;
        if (isLast) other += FINAL_HYPHEN_DEMERITS;
        if (other < sum) {
          sum = other;
          state = a * 2 + 1;
        }
        // Equal totals: the later (shorter) line wins, as it did when lines were tried shortest first.
        if (sum <= (total[slot] as number) && sum !== Number.POSITIVE_INFINITY) {
          total[slot] = sum;
          from[slot] = state;
        }
      }
      // Every shorter line is at least as loose as `looseness` (no looser than this one): once that alone costs more than the best, stop.
      if (monotone && !isLast && slack >= 0 && demerits > (total[slot] as number)) {
        if (!justify || lineStretch <= 0) break;
        const looseness = Math.min(ratio, ideographicEnd ? slack / (size * IDEOGRAPHIC_STRETCH_EM) : slack > 0.5 ? 100 : 0);
        if (looseness === ratio) break;
        if ((LINE_PENALTY + Math.min(MAX_BADNESS, 100 * looseness ** 3)) ** 2 + penalty > (total[slot] as number)) break;
      }
    }
  }

  const ranges: [number, number][] = [];
  const last = candidates.length - 1;
  let state = (total[last * 2] as number) <= (total[last * 2 + 1] as number) ? last * 2 : last * 2 + 1;
  while (state >= 2) {
    const b = state >> 1;
    const previous = from[state] as number;
    ranges.push([(candidates[previous >> 1] as number) + 1, candidates[b] as number]);
    state = previous;
  }
  ranges.reverse();
  return ranges.map(([start, end]) => lineOf(items, start, end, end === count));
}

function firstSize(items: readonly Item[]): number {
  for (const item of items) if (item.kind === 'box') return item.box.frags[0]?.style.size ?? 10;
  return 10;
}

/** Items [start, end) as a line; a line that ends at a hyphenation point gets its hyphen. */
function lineOf(items: readonly Item[], start: number, end: number, last: boolean): Line {
  const frags: Frag[] = [];
  let width = 0;
  let glues = 0;
  for (let k = start; k < end; k++) {
    const item = items[k] as Item;
    if (item.kind === 'box') {
      for (const frag of item.box.frags) frags.push(frag);
      width += item.box.width;
    } else if (item.kind === 'glue') {
      frags.push(item.frag);
      width += item.frag.width;
      glues++;
    }
  }
  const endItem = items[end];
  if (endItem?.kind === 'break' && endItem.hyphen) {
    frags.push(endItem.hyphen);
    width += endItem.hyphen.width;
  }
  return { frags, width, glues, last };
}

/** Cut a word into pieces that each fit `maxWidth` (at least one character per piece). */
function splitWord(box: BoxToken, maxWidth: number): BoxToken[] {
  const out: BoxToken[] = [];
  let done: Frag[] = [];
  let doneWidth = 0;
  let current: { text: string; style: SpanStyle } | undefined;

  const closePiece = () => {
    if (current && current.text) done.push(makeFrag(current.text, current.style));
    let width = 0;
    for (const frag of done) width += frag.width;
    if (done.length) out.push({ type: 'box', frags: done, width });
    done = [];
    doneWidth = 0;
    current = undefined;
  };

  for (const frag of box.frags) {
    for (const char of frag.text) {
      if (current && current.style !== frag.style) {
        const closed = makeFrag(current.text, current.style);
        done.push(closed);
        doneWidth += closed.width;
        current = undefined;
      }
      const candidate = (current?.text ?? '') + char;
      const candidateWidth = fragWidth(candidate, frag.style);
      const pieceHasText = doneWidth > 0 || (current?.text.length ?? 0) > 0;
      if (pieceHasText && doneWidth + candidateWidth > maxWidth + EPSILON) {
        closePiece();
        current = { text: char, style: frag.style };
      } else {
        current = { text: candidate, style: frag.style };
      }
    }
  }
  closePiece();
  return out;
}
