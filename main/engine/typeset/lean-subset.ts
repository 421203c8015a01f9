/**
 * fontkit's TrueType subsetter copies each glyph's bytes as they stand, but
 * to get there it decodes the glyph's whole outline (only to learn whether
 * it is composite) and works out all four of its metrics, the vertical ones
 * from the outline's box (only to write the advance and left side bearing
 * from hmtx). About two thirds of a fresh process's subsetting went there.
 *
 * Here a simple or empty glyph is copied with its contour count read from the
 * first two bytes of its header, and its hmtx entry read as fontkit reads it
 * (`_getTableMetrics`). Composite glyphs, whose component ids are renumbered,
 * still go through fontkit, as do fonts with variations (whose outlines
 * fontkit re-encodes). The subset's bytes are the same (tested).
 */
import type { EmbeddedFont } from './pdfkit-internals.js';

interface HmtxEntry {
  readonly advance: number;
  readonly bearing: number;
}

interface HmtxTable {
  readonly metrics: { readonly length: number; get(index: number): HmtxEntry | undefined };
  readonly bearings: { get(index: number): number | undefined };
}

interface SubsetFont {
  readonly type?: string;
  readonly loca?: { readonly offsets: readonly number[] };
  readonly hmtx?: HmtxTable;
  readonly _variationProcessor?: unknown;
  _getTableStream?(tag: string): { pos: number; readBuffer(length: number): Uint8Array } | null;
}

/** The parts of fontkit's TTFSubset that `_addGlyph` fills. */
interface TrueTypeSubset {
  readonly font: SubsetFont;
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: HmtxEntry[] };
  offset: number;
  glyphEncoder?: unknown;
  _addGlyph(gid: number): number;
}

/** The advance and left side bearing of a glyph, as fontkit's `_getTableMetrics` gives them. */
function hmtxEntry(table: HmtxTable, gid: number): HmtxEntry {
  if (gid < table.metrics.length) return table.metrics.get(gid) as HmtxEntry;
  const last = table.metrics.get(table.metrics.length - 1);
  return { advance: last ? last.advance : 0, bearing: table.bearings.get(gid - table.metrics.length) || 0 };
}

/** Whether `subset` is fontkit's TrueType subsetter over a font without variations. */
function isPlainTrueTypeSubset(subset: unknown): subset is TrueTypeSubset {
  const candidate = subset as Partial<TrueTypeSubset> | undefined;
  if (!candidate || typeof candidate._addGlyph !== 'function' || !('glyphEncoder' in candidate)) return false;
  const font = candidate.font;
  // Plain TrueType only: a WOFF font inflates its glyf table on every read of it.
  return !!font && font.type === 'TTF' && typeof font._getTableStream === 'function' && !font._variationProcessor;
}

export function useLeanSubset(embedded: EmbeddedFont): void {
  const subset = (embedded as unknown as { subset?: unknown }).subset;
  if (!isPlainTrueTypeSubset(subset)) return;
  const addWithFontkit = subset._addGlyph.bind(subset);
  subset._addGlyph = (gid: number): number => {
    const font = subset.font;
    const offsets = font.loca?.offsets;
    const hmtx = font.hmtx;
    if (!offsets || !hmtx || !font._getTableStream?.('glyf')) return addWithFontkit(gid);
    const start = offsets[gid] as number;
    const end = offsets[gid + 1] as number;
    // The font's one stream, placed at the glyph (fontkit's _getTableStream puts it at the table's start).
    const glyphData = () => {
      const stream = font._getTableStream!('glyf')!;
      stream.pos += start;
      return stream;
    };
    // A negative contour count (the header's first int16) marks a composite glyph: fontkit renumbers its components.
    if (end - start >= 2 && (glyphData().readBuffer(1)[0] as number) & 0x80) return addWithFontkit(gid);
    const bytes = glyphData().readBuffer(end - start);
    subset.glyf.push(bytes);
    subset.loca.offsets.push(subset.offset);
    const { advance, bearing } = hmtxEntry(hmtx, gid);
    subset.hmtx.metrics.push({ advance, bearing });
    subset.offset += bytes.length;
    return subset.glyf.length - 1;
  };
}
