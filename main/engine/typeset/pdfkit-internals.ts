/**
 * A typed view of the parts of PDFKit 0.20.2 the typesetter drives directly.
 * We write text operators ourselves (one TJ per font run, spaces kept so text
 * extracts exactly) and only borrow PDFKit's font embedding, subsetting,
 * images, annotations, outline and file writing. Everything that reaches into
 * PDFKit's internals goes through this module, so an upgrade has one place to check.
 */
import PDFDocument from 'pdfkit';
import type { Font as FontkitFont, Glyph } from 'fontkit';
import { xmlEscape } from './pdfa.js';
import { copyCode, hasStableGlyphIds, hex4, useCode } from './stable-glyph-ids.js';

/** A glyph position as PDFKit keeps it: already scaled to 1000 units per em. */
export interface ScaledPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}

/** What `EmbeddedFont.layoutCached` returns and stores. */
export interface ScaledRun {
  glyphs: Glyph[];
  positions: ScaledPosition[];
  readonly advanceWidth: number;
}

/** PDFKit's EmbeddedFont (not exported by the package). */
export interface EmbeddedFont {
  /** Resource name on the page, e.g. "F3". */
  readonly id: string;
  readonly font: FontkitFont;
  /** 1000 / unitsPerEm. */
  readonly scale: number;
  readonly ascender: number;
  readonly descender: number;
  /** Per-document memo unless the caller replaces it (see shaping-memo.ts). */
  layoutCache?: Record<string, ScaledRun>;
  layout(text: string, features?: undefined, onlyWidth?: boolean): { glyphs: Glyph[] | null; positions: ScaledPosition[] | null; advanceWidth: number };
  layoutCached(text: string): ScaledRun;
  /** Shapes one run (no cache); harfbuzz-shaper.ts replaces it per font. */
  layoutRun(text: string, features?: unknown): ScaledRun;
  /** Adds the glyphs to this document's subset; returns hex glyph ids and positions. */
  encode(text: string): [string[], ScaledPosition[]];
  ref(): unknown;
}

export interface PageInternals {
  readonly width: number;
  readonly height: number;
  readonly dictionary: unknown;
  readonly fonts: Record<string, unknown>;
}

export interface OutlineNode {
  addItem(title: string, options?: { expanded?: boolean; pageNumber?: number }): OutlineNode;
  outlineData: Record<string, unknown>;
}

export interface ImageInternals {
  width: number;
  height: number;
}

/** PDFKit writes a String object as a PDF text string (a plain string becomes a name). */
export type PdfString = object;

export function pdfString(text: string): PdfString {
  return new String(text);
}

/** A structure element of the tagged PDF (PDFKit's PDFStructureElement). */
export interface StructElement {
  add(child: unknown): StructElement;
  end(): void;
}

/** The document: the PDFKit calls the typesetter makes, public and internal. */
export interface DocumentInternals {
  _font: EmbeddedFont;
  page: PageInternals;
  outline: OutlineNode;
  registerFont(name: string, src: PDFKit.Mixins.PDFFontSource): unknown;
  font(name: string): unknown;
  addPage(options?: { size: [number, number]; margin: number }): unknown;
  switchToPage(index: number): unknown;
  /** A string is written as its bytes and a newline; bytes as they are. */
  addContent(data: string | Uint8Array): unknown;
  addNamedDestination(name: string, ...args: unknown[]): void;
  openImage(src: string | Uint8Array): ImageInternals;
  image(src: ImageInternals, x: number, y: number, options: { width: number; height: number }): unknown;
  link(x: number, y: number, width: number, height: number, url: string, options?: { structParent?: StructElement; Contents?: PdfString }): unknown;
  goTo(x: number, y: number, width: number, height: number, name: string, options?: { structParent?: StructElement; Contents?: PdfString }): unknown;
  struct(type: string, options?: Record<string, string>): StructElement;
  addStructure(element: StructElement): unknown;
  markContent(tag: string, options?: Record<string, unknown>): unknown;
  markStructureContent(tag: string, options?: Record<string, unknown>): unknown;
  endMarkedContent(): unknown;
  appendXML(xml: string, newline?: boolean): void;
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  end(): void;
}

export interface DocumentSetup {
  size: 'Letter' | 'A4';
  lang: string;
  info: Record<string, string | Date>;
  /** PDFKit's conformance mode: 'PDF/UA' (the default: tagged, identified in XMP) or a PDF/A part. */
  subset?: string;
  /** '1.4' for PDF/A-1, '1.7' otherwise. */
  pdfVersion?: string;
  /** A PDF/A conformance level PDFKit does not take by name (U). */
  conformance?: string;
}

export function createDocument(setup: DocumentSetup): DocumentInternals {
  const doc = newDocument(setup);
  collectWrites(doc);
  escapeXmpInfo(doc);
  if (setup.conformance) (doc as unknown as { subset_conformance: string }).subset_conformance = setup.conformance;
  return doc;
}

/** PDFKit copies Info values into the XMP packet unescaped: a title with "&" would break it. */
function escapeXmpInfo(doc: DocumentInternals): void {
  const target = doc as unknown as { info: Record<string, unknown>; _addInfo: () => void };
  const addInfo = target._addInfo;
  target._addInfo = function (this: typeof target) {
    const info = this.info;
    const escaped: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(info)) escaped[name] = typeof value === 'string' ? xmlEscape(value) : value;
    this.info = escaped;
    try {
      addInfo.call(this);
    } finally {
      this.info = info;
    }
  };
}

function newDocument(setup: DocumentSetup): DocumentInternals {
  const options = {
    size: setup.size === 'A4' ? 'A4' : 'LETTER',
    margins: { top: 0, left: 0, right: 0, bottom: 0 },
    autoFirstPage: false,
    bufferPages: true,
    compress: true,
    pdfVersion: setup.pdfVersion ?? '1.7',
    tagged: true,
    subset: setup.subset ?? 'PDF/UA',
    lang: setup.lang,
    displayTitle: true,
    info: setup.info,
    // No default Helvetica: every font we draw with is embedded.
    font: null,
  };
  const doc = new PDFDocument(options as unknown as PDFKit.PDFDocumentOptions) as unknown as DocumentInternals;
  sortNameTreesByCodeUnits(doc);
  return doc;
}

interface NameTreePrototype {
  _compareKeys(a: string, b: string): number;
}
let nameTreesSorted = false;

/**
 * PDFKit sorts name-tree keys (named destinations) with `localeCompare`, and
 * the first call starts ICU's collator: ~25 ms of every cold start. A PDF
 * name tree is ordered by the keys' bytes anyway; plain string comparison
 * gives that order for our keys (anchors and footnote ids).
 */
function sortNameTreesByCodeUnits(doc: DocumentInternals): void {
  if (nameTreesSorted) return;
  const dests = (doc as unknown as { _root?: { data?: { Names?: { data?: { Dests?: object } } } } })._root?.data?.Names?.data?.Dests;
  const proto = dests ? (Object.getPrototypeOf(dests) as Partial<NameTreePrototype>) : undefined;
  if (!proto || typeof proto._compareKeys !== 'function') return;
  proto._compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  nameTreesSorted = true;
}

type EmbeddedFontClass = new (document: { options: Record<string, unknown> }, font: FontkitFont, id: string) => EmbeddedFont;
let embeddedFontClass: EmbeddedFontClass | undefined;

/**
 * An embedded font of no document, for measuring: PDFKit's own class (its
 * shaping and scaling are what drawing uses), made outside any document so
 * nothing of it reaches a file. The class is not exported; a throwaway
 * document hands it over once per process.
 */
export function detachedEmbeddedFont(font: FontkitFont): EmbeddedFont {
  if (!embeddedFontClass) {
    const scratch = new PDFDocument({ autoFirstPage: false, font: null } as unknown as PDFKit.PDFDocumentOptions) as unknown as DocumentInternals;
    embeddedFontClass = embeddedFontFor(scratch, 'measure', font).constructor as EmbeddedFontClass;
  }
  return new embeddedFontClass({ options: {} }, font, 'measure');
}

/** The embedded font PDFKit creates for a registered face in this document. */
export function embeddedFontFor(doc: DocumentInternals, key: string, font: FontkitFont): EmbeddedFont {
  // PDFKit 0.20 takes a parsed fontkit Font where it expects a source (it checks for `layout`).
  doc.registerFont(key, font as unknown as PDFKit.Mixins.PDFFontSource);
  doc.font(key);
  return doc._font;
}

/** What a document made by createDocument wrote after its constructor (collectWrites). */
const written = new WeakMap<DocumentInternals, Uint8Array[]>();

/**
 * PDFKit writes the file piece by piece (a few per object, thousands per
 * brief): each string turned into bytes one character at a time, each piece
 * pushed through its Readable stream. Here a string becomes bytes natively
 * (Latin-1 keeps each character's low byte, as PDFKit's loop does) and the
 * pieces go to a list that collectBytes joins after what the constructor
 * wrote (the header, through the stream). The offsets PDFKit keeps for the
 * cross-reference table count the same bytes.
 */
function collectWrites(doc: DocumentInternals): void {
  const chunks: Uint8Array[] = [];
  written.set(doc, chunks);
  const target = doc as unknown as { _write(data: string | Uint8Array): void; _offset: number };
  target._write = (data: string | Uint8Array) => {
    const bytes = data instanceof Uint8Array ? data : Buffer.from(`${data}\n`, 'latin1');
    chunks.push(bytes);
    target._offset += bytes.length;
  };
}

/** Collects the document's bytes; resolves once PDFKit has written the trailer. */
export function collectBytes(doc: DocumentInternals): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    doc.on('error', reject);
    doc.on('end', () => {
      for (const chunk of written.get(doc) ?? []) chunks.push(chunk);
      let length = 0;
      for (const chunk of chunks) length += chunk.length;
      const out = new Uint8Array(length);
      let offset = 0;
      for (const chunk of chunks) {
        out.set(chunk, offset);
        offset += chunk.length;
      }
      resolve(out);
    });
  });
}

/** PDFKit's indirect object (PDFReference): the part the stream cache drives. */
export interface ReferenceInternals {
  compress: boolean;
  buffer: Uint8Array[] | Uint8Array;
  finalize: (this: ReferenceInternals) => void;
}

let referenceProto: ReferenceInternals | undefined;

/**
 * The prototype of PDFKit's indirect objects (the class is not exported):
 * taken from an object of a throwaway document, so no real document gains one.
 */
export function referencePrototype(): ReferenceInternals {
  if (!referenceProto) {
    const scratch = new PDFDocument({ autoFirstPage: false, font: null } as unknown as PDFKit.PDFDocumentOptions) as unknown as { ref(): object };
    referenceProto = Object.getPrototypeOf(scratch.ref()) as ReferenceInternals;
  }
  return referenceProto;
}

/** fontkit's subset of one embedded font: the glyph ids it holds, in the order the PDF numbers them. */
export interface SubsetInternals {
  readonly glyphs: readonly number[];
  encode(): Uint8Array;
}

export function subsetOf(embedded: EmbeddedFont): SubsetInternals {
  return (embedded as unknown as { subset: SubsetInternals }).subset;
}

/** The parts of PDFKit's EmbeddedFont that map subset glyphs to widths and text. */
interface EmbeddedFontTables {
  subset: { glyphs: number[] };
  widths: (number | undefined)[];
  unicode: (number[] | undefined)[];
}

const textCopies = new WeakMap<EmbeddedFont, Map<string, string>>();

/**
 * Encode `text` with copies of its glyphs whose text (ToUnicode) is
 * `codePoint`: the same shapes under new glyph ids, so the originals keep
 * their own text. A hyphen added at a line break is drawn this way as U+00AD
 * (a soft hyphen), which text extraction drops.
 */
export function encodeWithText(font: EmbeddedFont, text: string, codePoint: number): [string[], ScaledPosition[]] {
  const run = font.layoutCached(text);
  if (hasStableGlyphIds(font)) {
    const codes = run.glyphs.map((glyph) => {
      const code = copyCode(font, glyph);
      useCode(font, code, glyph, [codePoint]);
      return hex4(code);
    });
    return [codes, run.positions];
  }
  const tables = font as unknown as EmbeddedFontTables;
  let copies = textCopies.get(font);
  if (!copies) textCopies.set(font, (copies = new Map<string, string>()));
  const hex = run.glyphs.map((glyph) => {
    const key = `${glyph.id}:${codePoint}`;
    let code = copies.get(key);
    if (code === undefined) {
      // The subset writes every listed glyph id in turn: a second listing is a second glyph.
      tables.subset.glyphs.push(glyph.id);
      const gid = tables.subset.glyphs.length - 1;
      tables.widths[gid] = glyph.advanceWidth * font.scale;
      tables.unicode[gid] = [codePoint];
      code = `0000${gid.toString(16)}`.slice(-4);
      copies.set(key, code);
    }
    return code;
  });
  return [hex, run.positions];
}

/** The content streams of the pages not yet written (all of them: the document buffers its pages). */
export function bufferedPageContents(doc: DocumentInternals): ReferenceInternals[] {
  const pages = (doc as unknown as { _pageBuffer?: { content?: ReferenceInternals }[] })._pageBuffer ?? [];
  return pages.flatMap((page) => (page.content ? [page.content] : []));
}
