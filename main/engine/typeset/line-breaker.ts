/**
 * Spans → words and spaces → lines. First-fit breaking at spaces, after
 * hyphens, dashes and slashes inside long compounds, and between CJK
 * characters (with the usual no-break-before/after punctuation). A word wider
 * than the line is cut between characters rather than overflowing.
 */
import { measureText } from './shaping-memo.js';
import type { Span, SpanStyle } from './text-runs.js';

/** A piece of text in one style, measured; `glue` pieces are single spaces. */
export interface Frag {
  readonly text: string;
  readonly style: SpanStyle;
  readonly width: number;
  readonly glue: boolean;
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
export type Token = BoxToken | GlueToken | NewlineToken;

const EPSILON = 0.01;

export function fragWidth(text: string, style: SpanStyle): number {
  const measure = measureText(style.face.embedded, text);
  return (measure.advance * style.size) / 1000 + measure.glyphs * style.letterSpacing;
}

function makeFrag(text: string, style: SpanStyle, glue = false): Frag {
  return { text, style, width: fragWidth(text, style), glue };
}

// Line breaking for Chinese and Japanese (simplified JIS X 4051 rules).
const NO_BREAK_BEFORE = new Set(
  Array.from('、。，．・：；？！ー）」』】〕〉》〙〗｝］ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々〻ゝゞヽヾ゛゜)]},.;:!?’”%', (c) => c.codePointAt(0) as number),
);
const NO_BREAK_AFTER = new Set(Array.from('（「『【〔〈《〘〖｛［([{“‘', (c) => c.codePointAt(0) as number));

function isCjk(cp: number): boolean {
  return (
    (cp >= 0x2e80 && cp <= 0x9fff) || (cp >= 0xac00 && cp <= 0xd7af) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xff00 && cp <= 0xffef) || (cp >= 0x20000 && cp <= 0x3ffff)
  );
}

function isWordCharacter(cp: number): boolean {
  return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || (cp >= 0xc0 && cp < 0x2000);
}

/** Whether a line may break between two characters of one word. */
function breakBetween(previous: number, current: number, charsBefore: number): boolean {
  if (isCjk(current) || isCjk(previous)) return !NO_BREAK_BEFORE.has(current) && !NO_BREAK_AFTER.has(previous);
  // After a hyphen, dash or slash inside a compound ("U.S.–Japan", "and/or"), not after a leading minus.
  if (previous === 0x2d || previous === 0x2013 || previous === 0x2014 || previous === 0x2f) return charsBefore >= 2 && isWordCharacter(current);
  return false;
}

/**
 * Spans → tokens. `preserveSpaces` keeps every space (code blocks); otherwise
 * runs of spaces collapse to one.
 */
export function tokenize(spans: readonly Span[], preserveSpaces = false): Token[] {
  const tokens: Token[] = [];
  let pieces: { text: string; style: SpanStyle }[] = [];
  let previous = 0;
  let charsInWord = 0;

  const closeWord = () => {
    if (pieces.length === 0) return;
    const frags = pieces.map((piece) => makeFrag(piece.text, piece.style));
    let width = 0;
    for (const frag of frags) width += frag.width;
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

  for (const span of spans) {
    const text = span.text;
    let start = 0;
    for (let i = 0; i < text.length; ) {
      const code = text.charCodeAt(i);
      if (code === 0x20 || code === 0x0a) {
        if (i > start) addToWord(text.slice(start, i), span.style);
        closeWord();
        if (code === 0x0a) tokens.push({ type: 'newline' });
        else if (preserveSpaces || tokens[tokens.length - 1]?.type !== 'glue') tokens.push({ type: 'glue', frag: makeFrag(' ', span.style, true) });
        start = ++i;
        continue;
      }
      const cp = text.codePointAt(i) as number;
      // Only characters that can open a break opportunity need the full test.
      if (previous !== 0 && (cp >= 0x2e80 || previous >= 0x2e80 || previous === 0x2d || previous === 0x2f || previous === 0x2013 || previous === 0x2014)) {
        if (breakBetween(previous, cp, charsInWord)) {
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
  return tokens;
}

/** Narrowest and widest widths the text can take (for table column widths). */
export function naturalWidths(tokens: readonly Token[]): { min: number; max: number } {
  let min = 0;
  let max = 0;
  let line = 0;
  let pending = 0;
  for (const token of tokens) {
    if (token.type === 'box') {
      min = Math.max(min, token.width);
      line += pending + token.width;
      pending = 0;
    } else if (token.type === 'glue') {
      if (line > 0) pending += token.frag.width;
    } else {
      max = Math.max(max, line);
      line = 0;
      pending = 0;
    }
  }
  return { min, max: Math.max(max, line) };
}

/** First-fit line breaking into lines at most `maxWidth` wide. */
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

/**
 * Line breaking for justified text: chooses all the breaks of a paragraph at
 * once so that the spaces stretch about evenly from line to line (the first-fit
 * rule leaves an occasional very loose line). Same words, same order, same
 * width limit as `breakLines`; only the break points differ.
 */
export function breakLinesBalanced(tokens: readonly Token[], maxWidth: number): Line[] {
  const lines: Line[] = [];
  let boxes: BoxToken[] = [];
  let gaps: (Frag | undefined)[] = [];
  let pendingGlue: Frag | undefined;
  const flushSegment = () => {
    if (boxes.length === 0) lines.push({ frags: [], width: 0, glues: 0, last: true });
    else lines.push(...balanceSegment(boxes, gaps, maxWidth));
    boxes = [];
    gaps = [];
    pendingGlue = undefined;
  };
  for (const token of tokens) {
    if (token.type === 'newline') flushSegment();
    else if (token.type === 'glue') {
      if (boxes.length > 0) pendingGlue = token.frag;
    } else {
      const pieces = token.width > maxWidth + EPSILON ? splitWord(token, maxWidth) : [token];
      pieces.forEach((piece, k) => {
        gaps.push(k === 0 ? pendingGlue : undefined);
        boxes.push(piece);
      });
      pendingGlue = undefined;
    }
  }
  if (boxes.length > 0 || lines.length === 0) flushSegment();
  return lines;
}

/** Demerits of a line: grows quickly as its spaces stretch beyond a third of an em. */
function lineDemerits(slack: number, glues: number, size: number, maxWidth: number): number {
  let badness: number;
  if (glues === 0) badness = slack > 0.5 ? Math.min(10_000, (100 * slack) / Math.max(maxWidth * 0.05, 1)) : 0;
  else {
    const ratio = slack / (glues * size * 0.33);
    badness = Math.min(10_000, 100 * ratio * ratio * ratio);
  }
  return (10 + badness) * (10 + badness);
}

function balanceSegment(boxes: readonly BoxToken[], gaps: readonly (Frag | undefined)[], maxWidth: number): Line[] {
  const count = boxes.length;
  const cost = new Array<number>(count + 1).fill(Number.POSITIVE_INFINITY);
  const from = new Array<number>(count + 1).fill(-1);
  cost[0] = 0;
  for (let end = 1; end <= count; end++) {
    let width = 0;
    let glues = 0;
    const size = (boxes[end - 1] as BoxToken).frags[0]?.style.size ?? 10;
    for (let start = end - 1; start >= 0; start--) {
      width += (boxes[start] as BoxToken).width;
      if (start < end - 1) {
        const gap = gaps[start + 1];
        if (gap) {
          width += gap.width;
          glues++;
        }
      }
      if (width > maxWidth + EPSILON && start < end - 1) break;
      const before = cost[start] as number;
      if (before === Number.POSITIVE_INFINITY) continue;
      const total = before + (end === count ? 0 : lineDemerits(maxWidth - width, glues, size, maxWidth));
      if (total < (cost[end] as number)) {
        cost[end] = total;
        from[end] = start;
      }
    }
  }
  const ranges: [number, number][] = [];
  for (let end = count; end > 0; end = from[end] as number) ranges.push([from[end] as number, end]);
  ranges.reverse();
  return ranges.map(([start, end]) => {
    const frags: Frag[] = [];
    let width = 0;
    let glues = 0;
    for (let k = start; k < end; k++) {
      const gap = gaps[k];
      if (k > start && gap) {
        frags.push(gap);
        width += gap.width;
        glues++;
      }
      const box = boxes[k] as BoxToken;
      for (const frag of box.frags) frags.push(frag);
      width += box.width;
    }
    return { frags, width, glues, last: end === count };
  });
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
