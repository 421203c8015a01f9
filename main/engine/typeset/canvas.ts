/**
 * Drawing on the current PDF page. Operators are collected as strings and
 * handed to PDFKit once per block (PDFKit encodes every `addContent` call
 * separately). Text is written with our own TJ arrays: each space stays a
 * glyph in the stream, so justified text still extracts with its spaces.
 * Words drawn one after another share an array; a word's items come from
 * word-operators.ts (built once per process) where its font allows.
 *
 * Coordinates are PDFKit's: origin top-left, y down, points.
 */
import type { Frag } from './line-breaker.js';
import { num, rgbOperands } from './pdf-format.js';
import type { Font } from 'fontkit';
import { documentFont } from './document-fonts.js';
import type { Face } from './font-book.js';
import { encodeWithText, pdfString, type DocumentInternals, type EmbeddedFont, type ImageInternals } from './pdfkit-internals.js';

/** A soft hyphen: the text of a hyphen added at a line break (extraction drops it). */
const SOFT_HYPHEN = 0xad;
import { isJapanese, sameTarget, type Marking, type StructureTagger } from './tagging.js';
import { wordsOf, wordTJ, type DocumentWords } from './word-operators.js';
import type { LinkTarget } from './text-runs.js';

const KAPPA = 0.5522847498;

/**
 * What a canvas hands on beyond itself, told to a recorder as it happens
 * (page-replay.ts keeps a page's drawing this way to replay it later).
 */
export interface CanvasRecorder {
  content(bytes: Uint8Array, fonts: ReadonlySet<EmbeddedFont>): void;
  /** The text asks for the document's font for this file (the first ask embeds it: document-fonts.ts). */
  fontAsked(font: Font): void;
  switchTo(marking: Marking | null, link: LinkTarget | undefined): void;
  close(): void;
  link(x: number, y: number, width: number, height: number, target: LinkTarget): void;
  /** Something drawn that cannot be replayed (an image). */
  unreplayable(): void;
}

/**
 * Operators onto the current page, and the fonts they use into its resources.
 * As bytes: PDFKit turns a string into bytes one character at a time, and
 * a replayed page writes the same bytes again (each chunk ends with a
 * newline, as PDFKit's own `addContent` ends a string).
 */
export function writeContent(doc: DocumentInternals, bytes: Uint8Array, fonts: Iterable<EmbeddedFont>): void {
  doc.addContent(bytes);
  const pageFonts = doc.page.fonts;
  for (const font of fonts) if (pageFonts[font.id] == null) pageFonts[font.id] = font.ref();
}

/** A link annotation; tagged, it joins the Link element of its text. */
export function writeLink(doc: DocumentInternals, tagger: StructureTagger | undefined, x: number, y: number, width: number, height: number, target: LinkTarget): void {
  const structParent = tagger?.linkElement(target);
  // A tagged link annotation carries a description (PDF/UA).
  const options = structParent ? { structParent, Contents: pdfString(target.kind === 'uri' ? target.uri : `Go to ${target.name}`) } : undefined;
  if (target.kind === 'uri') doc.link(x, y, width, height, target.uri, options);
  else doc.goTo(x, y, width, height, target.name, options);
}

export class Canvas {
  private parts: string[] = [];
  /** Items of the TJ array being written (words drawn one after another), not yet in `parts`. */
  private openTJ = '';
  private readonly pageFonts = new Set<EmbeddedFont>();
  private inText = false;
  private inJapanese = false;
  private font: EmbeddedFont | null = null;
  /** The face drawn with last, and the document's font for it. */
  private face: Face | undefined;
  private faceFont: EmbeddedFont | undefined;
  private fontSize = 0;
  private charSpacing = 0;
  private fill: string | null = null;
  private stroke: string | null = null;
  private lineWidth: number | null = null;
  private penX = Number.NaN;
  private penY = Number.NaN;
  /** The word table of the font last drawn with. */
  private wordsFont: EmbeddedFont | null = null;
  private words: DocumentWords | undefined;
  /** Horizontal shift for everything drawn (the column an item landed in). */
  offsetX = 0;

  /** What the next drawing belongs to, and what the open marked-content sequence belongs to. */
  private wanted: Marking | null = null;
  private wantedLink: LinkTarget | undefined;
  private marked: Marking | null = null;
  private markedLink: LinkTarget | undefined;

  constructor(
    private readonly doc: DocumentInternals,
    private readonly tagger?: StructureTagger,
    private readonly recorder?: CanvasRecorder,
  ) {}

  /**
   * What follows belongs to this block (or is an Artifact). The marked-content
   * sequence opens with the first thing drawn, so blocks that draw nothing leave no trace.
   */
  mark(marking: Marking): void {
    this.wanted = marking !== 'Artifact' && marking.role === 'Artifact' ? 'Artifact' : marking;
    this.wantedLink = undefined;
  }

  /** Close the open marked-content sequence (before the page's closing Q). */
  unmark(): void {
    this.wanted = null;
    this.wantedLink = undefined;
    this.flush();
    this.tagger?.close();
    this.recorder?.close();
    this.marked = null;
    this.markedLink = undefined;
  }

  private ensureMarked(): void {
    if (!this.tagger) return;
    if (this.wanted === this.marked && sameTarget(this.wantedLink, this.markedLink)) return;
    this.flush();
    this.tagger.switchTo(this.wanted, this.wantedLink);
    this.recorder?.switchTo(this.wanted, this.wantedLink);
    this.marked = this.wanted;
    this.markedLink = this.wantedLink;
  }

  /** Open a graphics-state group (page content, furniture); state is tracked afresh inside. */
  begin(): void {
    // A marking asked for before the group opens wraps the whole group (furniture).
    if (this.wanted !== null) this.ensureMarked();
    this.endText();
    this.op('q');
    this.forgetState();
  }

  end(): void {
    this.endText();
    this.op('Q');
    this.forgetState();
  }

  fillRect(x: number, y: number, width: number, height: number, color: string): void {
    if (width <= 0 || height <= 0) return;
    x += this.offsetX;
    this.ensureMarked();
    this.endText();
    this.setFill(color);
    this.op(`${num(x)} ${num(y)} ${num(width)} ${num(height)} re f`);
  }

  strokeRect(x: number, y: number, width: number, height: number, lineWidth: number, color: string): void {
    x += this.offsetX;
    this.ensureMarked();
    this.endText();
    this.setStroke(color, lineWidth);
    this.op(`${num(x)} ${num(y)} ${num(width)} ${num(height)} re S`);
  }

  line(x1: number, y1: number, x2: number, y2: number, lineWidth: number, color: string): void {
    x1 += this.offsetX;
    x2 += this.offsetX;
    this.ensureMarked();
    this.endText();
    this.setStroke(color, lineWidth);
    this.op(`${num(x1)} ${num(y1)} m ${num(x2)} ${num(y2)} l S`);
  }

  /** A filled circle (leader dots, bullets drawn as shapes). */
  dot(cx: number, cy: number, radius: number, color: string): void {
    cx += this.offsetX;
    this.ensureMarked();
    this.endText();
    this.setFill(color);
    const k = radius * KAPPA;
    this.op(
      `${num(cx + radius)} ${num(cy)} m ` +
        `${num(cx + radius)} ${num(cy + k)} ${num(cx + k)} ${num(cy + radius)} ${num(cx)} ${num(cy + radius)} c ` +
        `${num(cx - k)} ${num(cy + radius)} ${num(cx - radius)} ${num(cy + k)} ${num(cx - radius)} ${num(cy)} c ` +
        `${num(cx - radius)} ${num(cy - k)} ${num(cx - k)} ${num(cy - radius)} ${num(cx)} ${num(cy - radius)} c ` +
        `${num(cx + k)} ${num(cy - radius)} ${num(cx + radius)} ${num(cy - k)} ${num(cx + radius)} ${num(cy)} c f`,
    );
  }

  /**
   * Draw one measured piece of text with its left edge at x on the baseline.
   * `extra` points are added after it (room a justified line gives a space).
   */
  text(frag: Frag, x: number, baseline: number, extra = 0): void {
    x += this.offsetX;
    const style = frag.style;
    if (style.face !== this.face) {
      this.face = style.face;
      this.faceFont = documentFont(this.doc, style.face.font);
      this.recorder?.fontAsked(style.face.font);
    }
    const font = this.faceFont as EmbeddedFont;
    const size = style.size;
    if (this.tagger) {
      // Linked words get their own Link element; spaces inside a link stay with it.
      if (!frag.glue || !frag.style.link) this.wantedLink = this.wanted === 'Artifact' ? undefined : frag.style.link;
      this.ensureMarked();
    }
    if (!this.inText) {
      this.op('BT');
      this.inText = true;
      this.penX = Number.NaN;
    }
    if (this.font !== font || this.fontSize !== size) {
      this.op(`/${font.id} ${num(size)} Tf`);
      this.font = font;
      this.fontSize = size;
      this.pageFonts.add(font);
    }
    if (this.charSpacing !== style.letterSpacing) {
      this.op(`${num(style.letterSpacing)} Tc`);
      this.charSpacing = style.letterSpacing;
    }
    this.setFill(style.color);
    if (!(Math.abs(this.penX - x) < 0.005) || this.penY !== baseline) this.moveTo(x, baseline);

    // Japanese runs (one fragment per character) share one Span with /Lang (ja).
    const japanese = this.tagger !== undefined && isJapanese(frag.text);
    if (japanese !== this.inJapanese) {
      this.op(japanese ? '/Span <</Lang (ja)>> BDC' : 'EMC');
      this.inJapanese = japanese;
    }
    // A hyphen added at a line break is a soft hyphen in the text (pdf.js drops it) inside an empty
    // /ActualText (poppler and structure readers read nothing), so the word extracts whole.
    const softHyphen = this.tagger !== undefined && frag.inserted === true;
    if (softHyphen) this.op('/Span <</ActualText ()>> BDC');
    const extraUnits = (extra * 1000) / size;
    // Most words: operators kept from an earlier drawing of the same word (word-operators.ts).
    if (this.wordsFont !== font) {
      this.wordsFont = font;
      this.words = wordsOf(font);
    }
    const word = this.words?.get(frag.text, frag.inserted === true ? SOFT_HYPHEN : undefined);
    if (word) {
      this.appendTJ(wordTJ(word, extraUnits));
      if (softHyphen) this.op('EMC');
      this.penX = x + frag.width + extra;
      this.penY = baseline;
      return;
    }
    const [hex, positions] = frag.inserted === true ? encodeWithText(font, frag.text, SOFT_HYPHEN) : font.encode(frag.text);
    const toPoints = size / 1000;
    let run = '';
    const items: string[] = [];
    let glyphX = x;
    for (let i = 0; i < positions.length; i++) {
      const position = positions[i]!;
      const isLast = i === positions.length - 1;
      let adjust = position.xAdvance - position.advanceWidth;
      if (isLast) adjust += extraUnits;
      if (position.xOffset || position.yOffset) {
        // Marks and other positioned glyphs: place this glyph on its own, then come back.
        run = this.showGlyphs(run, items);
        this.moveTo(glyphX + position.xOffset * toPoints, baseline - position.yOffset * toPoints);
        this.appendTJ(`<${hex[i]}>`);
        glyphX += position.xAdvance * toPoints + style.letterSpacing + (isLast ? extra : 0);
        this.moveTo(glyphX, baseline);
        continue;
      }
      run += hex[i];
      if (Math.abs(adjust) > 1e-6) {
        items.push(`<${run}> ${num(-adjust)}`);
        run = '';
      }
      glyphX += position.xAdvance * toPoints + style.letterSpacing + (isLast ? extra : 0);
    }
    this.showGlyphs(run, items);
    if (softHyphen) this.op('EMC');
    this.penX = x + frag.width + extra;
    this.penY = baseline;
  }

  /** One TJ of the glyphs gathered so far (`run`: hex not yet closed); `items` is emptied. A method, not a closure: `text` runs once per word. */
  private showGlyphs(run: string, items: string[]): string {
    if (run) items.push(`<${run}>`);
    if (items.length) this.appendTJ(items.join(' '));
    items.length = 0;
    return '';
  }

  image(image: ImageInternals, x: number, y: number, width: number, height: number): void {
    x += this.offsetX;
    this.ensureMarked();
    this.flush();
    this.recorder?.unreplayable();
    this.doc.image(image, x, y, { width, height });
  }

  link(x: number, y: number, width: number, height: number, target: LinkTarget): void {
    x += this.offsetX;
    writeLink(this.doc, this.tagger, x, y, width, height, target);
    this.recorder?.link(x, y, width, height, target);
  }

  /** A named destination at the top of a heading (internal links and the TOC jump here). */
  destination(name: string, y: number): void {
    this.doc.addNamedDestination(name, 'XYZ', null, y, null);
  }

  /** Hand the collected operators to the page (at the end of every block). */
  flush(): void {
    this.endText();
    if (this.parts.length === 0) return;
    // Latin-1 keeps the low byte of each character, as PDFKit's own conversion does.
    const bytes = Buffer.from(`${this.parts.join('\n')}\n`, 'latin1');
    this.parts = [];
    writeContent(this.doc, bytes, this.pageFonts);
    this.recorder?.content(bytes, this.pageFonts);
    this.pageFonts.clear();
  }

  /** Items of a TJ array: words drawn one after another, nothing between them, share one array. */
  private appendTJ(items: string): void {
    this.openTJ = this.openTJ ? `${this.openTJ} ${items}` : items;
  }

  /** One operator; a TJ array still open is closed first. */
  private op(operator: string): void {
    if (this.openTJ) {
      this.parts.push(`[${this.openTJ}] TJ`);
      this.openTJ = '';
    }
    this.parts.push(operator);
  }

  private moveTo(x: number, y: number): void {
    this.op(`1 0 0 -1 ${num(x)} ${num(y)} Tm`);
    this.penX = x;
    this.penY = y;
  }

  private endText(): void {
    if (!this.inText) return;
    if (this.inJapanese) this.op('EMC');
    this.inJapanese = false;
    this.op('ET');
    this.inText = false;
  }

  private setFill(color: string): void {
    if (this.fill === color) return;
    this.op(`${rgbOperands(color)} rg`);
    this.fill = color;
  }

  private setStroke(color: string, lineWidth: number): void {
    if (this.stroke !== color) {
      this.op(`${rgbOperands(color)} RG`);
      this.stroke = color;
    }
    if (this.lineWidth !== lineWidth) {
      this.op(`${num(lineWidth)} w`);
      this.lineWidth = lineWidth;
    }
  }

  private forgetState(): void {
    this.font = null;
    this.fontSize = 0;
    this.charSpacing = 0;
    this.fill = null;
    this.stroke = null;
    this.lineWidth = null;
    this.penX = Number.NaN;
    this.penY = Number.NaN;
  }
}
