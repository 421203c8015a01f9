/**
 * Glyph codes that do not depend on the rest of the document.
 *
 * PDFKit numbers the glyphs of a font subset by first use, so one new glyph
 * early in a document renumbers the glyphs of every later page, and an
 * unchanged page gets new content-stream bytes. Here the code of a glyph is
 * its id in the font itself (CID = glyph id); a CIDToGIDMap stream maps codes
 * to the subset, whose glyphs are written in glyph-id order at the end. A
 * page's stream then depends on that page alone, and a word's operators on
 * that word alone (canvas.ts keeps them across renders).
 *
 * A hyphen added at a line break is drawn with a second code for the same
 * glyph (its text is a soft hyphen): glyph id + the font's glyph count.
 * Fonts where that would not fit in two bytes, and CFF fonts (whose codes
 * the font program itself maps), keep PDFKit's numbering.
 */
import type { Glyph } from 'fontkit';
import type { EmbeddedFont, ScaledPosition } from './pdfkit-internals.js';
import { isSingleRun } from './glyph-encode.js';

/** What a code stands for in a document's font (never changed once made: page-replay.ts keeps them). */
export interface CodeEntry {
  readonly gid: number;
  readonly width: number;
  readonly text: readonly number[];
}

/** The document's side of one font: the codes used so far, in glyph-id terms. */
interface StableState {
  readonly codes: Map<number, CodeEntry>;
  readonly copyBase: number;
}

const states = new WeakMap<EmbeddedFont, StableState>();

export const hex4 = (code: number): string => `0000${code.toString(16)}`.slice(-4);

/** Whether the font's codes are its glyph ids (set up by `useStableGlyphIds`). */
export function hasStableGlyphIds(font: EmbeddedFont): boolean {
  return states.has(font);
}

/** Told of every glyph a page draws while it is recorded for replay (page-replay.ts). */
export type CodeListener = (font: EmbeddedFont, code: number, entry: CodeEntry) => void;
let listener: CodeListener | undefined;

export function setCodeListener(next: CodeListener | undefined): void {
  listener = next;
}

/** The listener, if a page is being recorded (word-operators.ts tells it of words drawn before, whose codes are not used again). */
export function codeListener(): CodeListener | undefined {
  return listener;
}

/** Record a glyph drawn under `code` (the first text recorded for a code is its text, as in PDFKit). */
export function useCode(font: EmbeddedFont, code: number, glyph: Glyph, text: readonly number[]): void {
  const state = states.get(font) as StableState;
  const known = state.codes.has(code);
  if (known && !listener) return;
  const entry = { gid: glyph.id, width: advanceOf(font.font, glyph) * font.scale, text };
  listener?.(font, code, entry);
  if (!known) state.codes.set(code, entry);
}

interface MetricsInternals {
  readonly _variationProcessor?: unknown;
  readonly hmtx?: { readonly metrics: { readonly length: number; get(index: number): { advance: number } | undefined } };
}
/** Fonts whose advances are their hmtx entries as they stand (no variations to apply). */
const plainAdvances = new WeakMap<object, boolean>();

/**
 * A glyph's advance in font units, as fontkit's `glyph.advanceWidth` gives it.
 * fontkit works out a glyph's four metrics at once, the vertical ones from the
 * box of its outline, which it decodes for that; in a font without
 * variations the advance is the hmtx entry alone, read here (a fifth of the
 * time a first build spends drawing).
 */
export function advanceOf(font: object, glyph: Glyph): number {
  const internals = font as MetricsInternals;
  let plain = plainAdvances.get(font);
  if (plain === undefined) plainAdvances.set(font, (plain = internals.hmtx !== undefined && !internals._variationProcessor));
  if (!plain) return glyph.advanceWidth;
  const metrics = (internals.hmtx as NonNullable<MetricsInternals['hmtx']>).metrics;
  // Glyphs past the table's last full entry share its advance (as fontkit's _getTableMetrics).
  const entry = metrics.get(glyph.id < metrics.length ? glyph.id : metrics.length - 1);
  return entry ? entry.advance : 0;
}

/** Codes a replayed page uses, as its drawing recorded them (the first entry for a code stays, as in useCode). */
export function useCodes(font: EmbeddedFont, entries: ReadonlyMap<number, CodeEntry>): void {
  const codes = (states.get(font) as StableState).codes;
  for (const [code, entry] of entries) if (!codes.has(code)) codes.set(code, entry);
}

/** The code of a copy of `glyph` with its own text (a soft hyphen). */
export function copyCode(font: EmbeddedFont, glyph: Glyph): number {
  return (states.get(font) as StableState).copyBase + glyph.id;
}

interface FontInternals {
  readonly document: DocumentRefs;
  readonly font: EmbeddedFont['font'] & { numGlyphs: number; postscriptName: string; 'OS/2'?: { sFamilyClass?: number }; post: { isFixedPitch: number }; head: { macStyle: { italic: boolean } }; italicAngle: number; capHeight: number; xHeight: number; ascent: number; bbox: { minX: number; minY: number; maxX: number; maxY: number } };
  readonly subset: { cff?: unknown; includeGlyph(gid: number): number; encode(): Uint8Array };
  readonly id: string;
  readonly scale: number;
  readonly ascender: number;
  readonly descender: number;
  readonly dictionary: RefInternals;
  embed(): void;
  encode(text: string): [string[], ScaledPosition[]];
  layout(text: string): { glyphs: Glyph[] | null; positions: ScaledPosition[] | null };
}

interface RefInternals {
  data: Record<string, unknown>;
  write(chunk: Uint8Array | string): void;
  end(chunk?: Uint8Array | string): void;
}

interface DocumentRefs {
  ref(data?: Record<string, unknown>): RefInternals;
  subset?: number | string;
}

/** Give an embedded TrueType font codes equal to its glyph ids; false where PDFKit's numbering stays. */
export function useStableGlyphIds(embedded: EmbeddedFont): boolean {
  const font = embedded as unknown as FontInternals;
  const glyphCount = font.font.numGlyphs;
  if (font.subset.cff != null || !(glyphCount > 0) || glyphCount * 2 > 0x10000) return false;
  const state: StableState = { codes: new Map(), copyBase: glyphCount };
  states.set(embedded, state);
  font.encode = (text) => {
    // A word or a space is one run of PDFKit's layout cache: read it as it is (glyph-encode.ts).
    const { glyphs, positions } = isSingleRun(text) ? embedded.layoutCached(text) : font.layout(text);
    const codes: string[] = [];
    for (const glyph of glyphs ?? []) {
      useCode(embedded, glyph.id, glyph, glyph.codePoints);
      codes.push(hex4(glyph.id));
    }
    return [codes, positions ?? []];
  };
  font.embed = () => embedStable(font, state);
  return true;
}

type PostFont = FontInternals['font'] & { type?: string; _getTableStream?(tag: string): { buffer: Uint8Array; pos: number } | null };

/**
 * The two values the font descriptor needs from the post table, read from its
 * 16-byte header as fontkit would decode them (Fixed 16.16 at 4, uint32 at 12).
 * fontkit decodes the whole table to give them, every glyph name included:
 * about 10 ms per font in a fresh process, for two numbers. Plain TrueType
 * and OpenType files only (the built-in fonts): the tables of a WOFF or WOFF2
 * file are compressed, so fontkit decodes those.
 */
export function postHeader(font: PostFont): { italicAngle: number; isFixedPitch: number } {
  const stream = font.type === 'TTF' ? font._getTableStream?.('post') : undefined;
  if (!stream || stream.pos + 16 > stream.buffer.length) return { italicAngle: font.italicAngle, isFixedPitch: font.post.isFixedPitch };
  const view = new DataView(stream.buffer.buffer, stream.buffer.byteOffset + stream.pos, 16);
  return { italicAngle: view.getInt32(4) / 65536, isFixedPitch: view.getUint32(12) };
}

/** PDFKit's EmbeddedFont.embed (0.20.2), with codes mapped to the subset through a CIDToGIDMap. */
function embedStable(font: FontInternals, state: StableState): void {
  const doc = font.document;
  // As PDFKit: the width of glyph 0 in font units.
  const notdefWidth = font.font.getGlyph(0)?.advanceWidth ?? 0;
  const codes = [...state.codes.keys()].sort((a, b) => a - b);
  // The subset holds glyphs in glyph-id order: its bytes depend on the set of glyphs alone.
  for (const gid of [...new Set(codes.map((code) => (state.codes.get(code) as CodeEntry).gid))].sort((a, b) => a - b)) font.subset.includeGlyph(gid);
  const fontFile = doc.ref();
  fontFile.end(font.subset.encode());

  const familyClass = (font.font['OS/2']?.sFamilyClass ?? 0) >> 8;
  const post = postHeader(font.font);
  let flags = 0;
  if (post.isFixedPitch) flags |= 1 << 0;
  if (1 <= familyClass && familyClass <= 7) flags |= 1 << 1;
  flags |= 1 << 2;
  if (familyClass === 10) flags |= 1 << 3;
  if (font.font.head.macStyle.italic) flags |= 1 << 6;
  const tag = [1, 2, 3, 4, 5, 6].map((i) => String.fromCharCode((font.id.charCodeAt(i) || 73) + 17)).join('');
  const name = `${tag}+${font.font.postscriptName?.replaceAll(' ', '_')}`;
  const { bbox } = font.font;
  const descriptor = doc.ref({
    Type: 'FontDescriptor',
    FontName: name,
    Flags: flags,
    FontBBox: [bbox.minX * font.scale, bbox.minY * font.scale, bbox.maxX * font.scale, bbox.maxY * font.scale],
    ItalicAngle: post.italicAngle,
    Ascent: font.ascender,
    Descent: font.descender,
    CapHeight: (font.font.capHeight || font.font.ascent) * font.scale,
    XHeight: (font.font.xHeight || 0) * font.scale,
    StemV: 0,
  });
  descriptor.data.FontFile2 = fontFile;
  const maxCode = codes.length > 0 ? (codes[codes.length - 1] as number) : 0;
  if (doc.subset === 1) {
    // PDF/A-1: every code the font program has a glyph for.
    const bits = new Uint8Array(Math.ceil((maxCode + 1) / 8));
    bits[0] = (bits[0] as number) | 0x80;
    for (const code of codes) bits[code >> 3] = (bits[code >> 3] as number) | (0x80 >> (code & 7));
    const cidSet = doc.ref();
    cidSet.write(bits);
    cidSet.end();
    descriptor.data.CIDSet = cidSet;
  }
  descriptor.end();

  const map = new Uint8Array(2 * (maxCode + 1));
  for (const code of codes) {
    const gid = font.subset.includeGlyph((state.codes.get(code) as CodeEntry).gid);
    map[2 * code] = gid >> 8;
    map[2 * code + 1] = gid & 0xff;
  }
  const cidToGid = doc.ref();
  cidToGid.end(map);

  const descendant = doc.ref({
    Type: 'Font',
    Subtype: 'CIDFontType2',
    BaseFont: name,
    CIDSystemInfo: { Registry: new String('Adobe'), Ordering: new String('Identity'), Supplement: 0 },
    FontDescriptor: descriptor,
    W: widthArray(codes, state, notdefWidth),
    CIDToGIDMap: cidToGid,
  });
  descendant.end();
  font.dictionary.data = {
    Type: 'Font',
    Subtype: 'Type0',
    BaseFont: name,
    Encoding: 'Identity-H',
    DescendantFonts: [descendant],
    ToUnicode: toUnicode(doc, codes, state),
  };
  font.dictionary.end();
}

/** `[first [w w …] first [w …] …]`: one run per stretch of consecutive codes. */
function widthArray(codes: readonly number[], state: StableState, notdefWidth: number): unknown[] {
  const out: unknown[] = [0, [notdefWidth]];
  let run: number[] | undefined;
  let next = -1;
  for (const code of codes) {
    if (code === 0) continue;
    const width = (state.codes.get(code) as CodeEntry).width;
    if (run && code === next) run.push(width);
    else out.push(code, (run = [width]));
    next = code + 1;
  }
  return out;
}

function utf16(points: readonly number[]): string {
  const units: string[] = [];
  for (let value of points) {
    if (value > 0xffff) {
      value -= 0x10000;
      units.push(hex4(((value >>> 10) & 0x3ff) | 0xd800));
      value = 0xdc00 | (value & 0x3ff);
    }
    units.push(hex4(value));
  }
  return units.join('');
}

function toUnicode(doc: DocumentRefs, codes: readonly number[], state: StableState): RefInternals {
  // A glyph with no text of its own (none recorded) gets no entry rather than an empty one.
  const entries = codes.filter((code) => code !== 0 && (state.codes.get(code) as CodeEntry).text.length > 0).map((code) => `<${hex4(code)}> <${utf16((state.codes.get(code) as CodeEntry).text)}>`);
  const blocks: string[] = [];
  // At most 100 entries per block (the CMap format's limit).
  for (let i = 0; i < entries.length; i += 100) {
    const block = entries.slice(i, i + 100);
    blocks.push(`${block.length} beginbfchar\n${block.join('\n')}\nendbfchar`);
  }
  const cmap = doc.ref();
  cmap.end(`/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo <<
  /Registry (Adobe)
  /Ordering (UCS)
  /Supplement 0
>> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000><ffff>
endcodespacerange
${blocks.join('\n')}
endcmap
CMapName currentdict /CMap defineresource pop
end
end`);
  return cmap;
}
