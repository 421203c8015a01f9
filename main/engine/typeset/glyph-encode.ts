/**
 * PDFKit's `EmbeddedFont.encode` for the words the canvas draws, without its
 * detour: `encode` lays the text out through `layout`, which splits it at
 * spaces and copies every glyph and position list into new arrays, then
 * writes each glyph id as hex with string padding. A word (or a single space)
 * is one run of PDFKit's layout cache, so here that run is read directly and
 * the same subset glyph ids, widths and ToUnicode entries are recorded, in the
 * same order. The positions handed back are the cached run's own (PDFKit's
 * text code and the canvas only read them). Anything else goes to PDFKit.
 */
import type { EmbeddedFont, ScaledPosition } from './pdfkit-internals.js';

/** The parts of PDFKit's EmbeddedFont `encode` writes to. */
interface EncodeTables {
  subset: { includeGlyph(id: number): number };
  widths: (number | undefined)[];
  unicode: (number[] | undefined)[];
}

/** Four hex digits per subset glyph id, as PDFKit writes them, made once per id. */
const HEX: string[] = [];

/** A text PDFKit's `layout` takes as one cached run: a single space, or text with no space or tab. */
export function isSingleRun(text: string): boolean {
  return text === ' ' || (text.length > 0 && text.indexOf(' ') < 0 && text.indexOf('\t') < 0);
}

export function useDirectEncode(embedded: EmbeddedFont): void {
  // PDFKit's own text code passes font features as a second argument.
  const withFeatures = embedded as unknown as { encode(text: string, features?: unknown): [string[], ScaledPosition[]] };
  const viaLayout = withFeatures.encode.bind(withFeatures);
  const tables = embedded as unknown as EncodeTables;
  embedded.encode = (text: string, features?: unknown): [string[], ScaledPosition[]] => {
    if (features !== undefined || !isSingleRun(text)) return viaLayout(text, features);
    const run = embedded.layoutCached(text);
    const glyphs = run.glyphs;
    const hex = new Array<string>(glyphs.length);
    for (let i = 0; i < glyphs.length; i++) {
      const glyph = glyphs[i]!;
      const gid = tables.subset.includeGlyph(glyph.id);
      hex[i] = HEX[gid] ??= `0000${gid.toString(16)}`.slice(-4);
      if (tables.widths[gid] == null) tables.widths[gid] = glyph.advanceWidth * embedded.scale;
      if (tables.unicode[gid] == null) tables.unicode[gid] = glyph.codePoints;
    }
    return [hex, run.positions];
  };
}
