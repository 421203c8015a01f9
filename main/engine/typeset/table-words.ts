/**
 * Words in table cells. A cell never cuts a word silently between two
 * letters ("Servic|e"): a word too wide for its column breaks after a hyphen,
 * dash or slash already in it when it can, and otherwise, as a last resort,
 * with a visible hyphen at the end of each piece but the last.
 */
import { fragWidth, type Frag, type Token } from './line-breaker.js';

type Box = Extract<Token, { type: 'box' }>;

/** Characters after which a break needs no added hyphen. */
const BREAKS_AFTER = new Set(['-', '‐', '–', '—', '/']);

/** Pieces shorter than this on either side of an added hyphen read badly. */
const MIN_PIECE = 2;

/** Tokens with every box wider than `maxWidth` cut into pieces that fit. */
export function fitWordsToWidth(tokens: readonly Token[], maxWidth: number): Token[] {
  const out: Token[] = [];
  for (const token of tokens) {
    if (token.type === 'box' && token.width > maxWidth + 0.01) out.push(...cutWithHyphens(token, maxWidth));
    else out.push(token);
  }
  return out;
}

interface Char {
  readonly char: string;
  readonly frag: Frag;
}

function chars(box: Box): Char[] {
  const out: Char[] = [];
  for (const frag of box.frags) for (const char of frag.text) out.push({ char, frag });
  return out;
}

/** Frags for characters [from, to), one per style, plus a hyphen in the style of the last one. */
function piece(list: readonly Char[], from: number, to: number, hyphen: boolean): Box {
  const frags: Frag[] = [];
  let text = '';
  let style = list[from]!.frag.style;
  const close = () => {
    if (text) frags.push({ text, style, width: fragWidth(text, style), glue: false });
    text = '';
  };
  for (let i = from; i < to; i++) {
    const entry = list[i]!;
    if (entry.frag.style !== style) {
      close();
      style = entry.frag.style;
    }
    text += entry.char;
  }
  if (hyphen) text += '-';
  close();
  let width = 0;
  for (const frag of frags) width += frag.width;
  return { type: 'box', frags, width };
}

function cutWithHyphens(box: Box, maxWidth: number): Box[] {
  const list = chars(box);
  const pieces: Box[] = [];
  let start = 0;
  while (start < list.length) {
    const rest = piece(list, start, list.length, false);
    if (rest.width <= maxWidth + 0.01) {
      pieces.push(rest);
      break;
    }
    // The longest prefix that fits: prefer one ending at a hyphen, dash or slash of the word itself.
    let natural = -1;
    let forced = -1;
    for (let end = start + 1; end < list.length; end++) {
      const ownBreak = BREAKS_AFTER.has(list[end - 1]!.char);
      const candidate = piece(list, start, end, !ownBreak);
      if (candidate.width > maxWidth + 0.01) break;
      if (ownBreak) natural = end;
      else if (end - start >= MIN_PIECE && list.length - end >= MIN_PIECE) forced = end;
    }
    let end = natural > start ? natural : forced;
    if (end <= start) end = start + 1; // not even two letters fit: one per line, still marked
    const ownBreak = BREAKS_AFTER.has(list[end - 1]!.char);
    pieces.push(piece(list, start, end, !ownBreak && end < list.length));
    start = end;
  }
  return pieces;
}
