/**
 * Inline runs → spans of one face each. Each character goes to the first
 * family of the fallback chain whose font has a glyph for it, so
 * "Fumio Kishida (岸田文雄)" sets the Latin in the text face and the kanji in
 * Noto Sans JP. Characters no font has are reported, never dropped silently.
 */
import type { Inline } from '../model.js';
import type { TextStyle } from '../template-manifest.js';
import type { Face, FontBook } from './font-book.js';
import { fontCovers, knownCoverage } from './font-files.js';

export type LinkTarget = { kind: 'uri'; uri: string } | { kind: 'dest'; name: string };

/** Everything that draws a span; interned, so equal styles are the same object. */
export interface SpanStyle {
  readonly face: Face;
  readonly size: number;
  readonly color: string;
  readonly letterSpacing: number;
  readonly link?: LinkTarget;
  /** Inline code: drawn on a tinted background. */
  readonly code: boolean;
}

export interface Span {
  text: string;
  style: SpanStyle;
}

export interface InlineEnv {
  book: FontBook;
  linkColor: string;
  /** Family for inline and block code: a template's `mono` family, else sans. */
  codeFamily: string;
  /** Called for each character no font in the chain can show. */
  onMissingGlyph(codePoint: number): void;
  /** A link target for an href, or undefined when it may not become a link. */
  resolveLink(href: string): LinkTarget | undefined;
}

/** Inline code is set a little smaller: sans and mono faces look large next to a serif. */
const CODE_SIZE_RATIO = 0.9;

/** Control characters, soft hyphen, zero-width space, line/paragraph separators, word joiner, BOM. */
function isOdd(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0xad || code === 0x200b || code === 0x2028 || code === 0x2029 || code === 0x2060 || code === 0xfeff;
}

/** Tabs become spaces, line separators newlines; other controls and invisible format characters go. */
export function cleanText(text: string): string {
  let clean = true;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isOdd(code) && code !== 0x0a) {
      clean = false;
      break;
    }
  }
  if (clean) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isOdd(code)) out += text[i];
    else if (code === 0x09) out += ' ';
    else if (code === 0x0a || code === 0x2028 || code === 0x2029) out += '\n';
  }
  return out;
}

/** Characters that belong to the face of the character before them. */
function attachesToPrevious(cp: number): boolean {
  return (
    cp === 0x20 ||
    cp === 0x0a ||
    cp === 0xa0 ||
    (cp >= 0x0300 && cp <= 0x036f) ||
    (cp >= 0x1ab0 && cp <= 0x1aff) ||
    (cp >= 0x1dc0 && cp <= 0x1dff) ||
    cp === 0x200c ||
    cp === 0x200d ||
    (cp >= 0x20d0 && cp <= 0x20ff) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0xfe20 && cp <= 0xfe2f) ||
    cp === 0x3099 ||
    cp === 0x309a ||
    (cp >= 0xe0100 && cp <= 0xe01ef)
  );
}

export class SpanBuilder {
  private readonly interned = new Map<Face, Map<string, SpanStyle>>();

  constructor(private readonly env: InlineEnv) {}

  /** Spans for runs set in `style` (colour given separately: it depends on the role). */
  spans(runs: readonly Inline[], style: TextStyle, color: string): Span[] {
    const out: Span[] = [];
    for (const run of runs) {
      let text = cleanText(run.text);
      if (!text) continue;
      if (style.uppercase) text = text.toUpperCase();
      const family = run.code ? this.env.codeFamily : style.font;
      const bold = style.bold || run.bold === true;
      const italic = style.italic !== (run.italic === true);
      const size = run.code ? style.size * CODE_SIZE_RATIO : style.size;
      const link = run.href ? this.env.resolveLink(run.href) : undefined;
      const runColor = link ? this.env.linkColor : color;
      this.splitByFont(text, family, bold, italic, (piece, face) => {
        out.push({ text: piece, style: this.intern(face, size, runColor, style.letterSpacing, link, run.code === true) });
      });
    }
    return out;
  }

  /** Whether an internal link (`#id`) resolves to a target in this document. */
  resolvesInternally(href: string): boolean {
    return this.env.resolveLink(href) !== undefined;
  }

  private splitByFont(text: string, family: string, bold: boolean, italic: boolean, emit: (piece: string, face: Face) => void): void {
    const book = this.env.book;
    const chain = book.fallbackChain(family);
    const primary = book.face(chain[0] as string, bold, italic);
    const primaryKnown = knownCoverage(primary.font);
    let current: Face | undefined;
    let start = 0;
    for (let i = 0; i < text.length; ) {
      const cp = text.codePointAt(i) as number;
      const width = cp > 0xffff ? 2 : 1;
      let face: Face;
      // Most characters: printable ASCII (none attaches to the one before) the primary font is known to have.
      if (cp > 0x20 && cp < 0x7f && primaryKnown[cp] === 1) face = primary;
      else if (attachesToPrevious(cp)) face = current ?? primary;
      else if (fontCovers(primary.font, cp)) face = primary;
      else face = this.fallbackFace(chain, bold, italic, cp) ?? primary;
      if (face !== current) {
        if (current && i > start) emit(text.slice(start, i), current);
        current = face;
        start = i;
      }
      i += width;
    }
    if (current && text.length > start) emit(text.slice(start), current);
  }

  private fallbackFace(chain: readonly string[], bold: boolean, italic: boolean, cp: number): Face | undefined {
    for (let k = 1; k < chain.length; k++) {
      const face = this.env.book.face(chain[k] as string, bold, italic);
      if (fontCovers(face.font, cp)) return face;
    }
    this.env.onMissingGlyph(cp);
    return undefined;
  }

  private intern(face: Face, size: number, color: string, letterSpacing: number, link: LinkTarget | undefined, code: boolean): SpanStyle {
    let byFace = this.interned.get(face);
    if (!byFace) {
      byFace = new Map();
      this.interned.set(face, byFace);
    }
    const linkKey = link ? (link.kind === 'uri' ? `u:${link.uri}` : `d:${link.name}`) : '';
    const key = `${size}|${color}|${letterSpacing}|${code ? 1 : 0}|${linkKey}`;
    let style = byFace.get(key);
    if (!style) {
      style = { face, size, color, letterSpacing, link, code };
      byFace.set(key, style);
    }
    return style;
  }
}
