/**
 * fontkit reads a font's tables lazily, so a truncated or damaged file parses
 * fine and only fails deep inside layout or PDF output with a raw TypeError.
 * A template's font is proved once when it is first loaded: every table lies
 * inside the file, the glyph offsets lie inside the glyph table, and a sample
 * text shapes, measures and subsets.
 */
import type { Font } from 'fontkit';

interface TableRecord {
  tag: string;
  offset: number;
  length: number;
  /** WOFF: the table's compressed length in the file (`length` is its length once inflated). */
  compLength?: number;
}

/** The parts of fontkit's font object the proof reads (not in fontkit.d.ts). */
interface FontInternals {
  directory?: { tables?: Record<string, TableRecord> };
  loca?: { offsets?: ArrayLike<number> };
  numGlyphs: number;
  bbox: unknown;
  italicAngle: number;
  createSubset(): { includeGlyph(glyph: unknown): number; encode(): Uint8Array };
  /** The table's data: the file itself at the table's offset, or (WOFF) the inflated table. */
  _getTableStream(tag: string): { buffer: Uint8Array; pos: number } | null;
}

/** A font that parses but cannot be typeset with; the message says which part is damaged. */
export class DamagedFontError extends Error {}

const SAMPLE = 'The quick brown fox jumps over the lazy dog 0123456789 .,;:!?()[]"\'-–—…';

/** Throws when the font cannot be used: a DamagedFontError, or whatever fontkit throws on the sample. */
export function proveFont(font: Font, bytes: Uint8Array): void {
  const internals = font as unknown as FontInternals;
  const tables = internals.directory?.tables ?? {};
  for (const table of Object.values(tables)) {
    if (table.offset + (table.compLength ?? table.length) > bytes.length) throw new DamagedFontError(`the ${table.tag} table runs past the end of the file (truncated?)`);
  }
  // fontkit trusts these offsets; a damaged one sends it reading counts from
  // random bytes and allocating until the process runs out of memory.
  for (const tag of ['GSUB', 'GPOS']) checkLayoutHeader(tables[tag], internals);
  checkGlyphOffsets(internals);
  // The font-wide metrics PDFKit reads when it embeds the font.
  void [font.unitsPerEm, font.ascent, font.descent, font.lineGap, font.capHeight, font.xHeight, font.postscriptName, internals.bbox, internals.italicAngle];
  const run = font.layout(SAMPLE);
  const subset = internals.createSubset();
  for (const glyph of run.glyphs) {
    if (!Number.isFinite(glyph.advanceWidth)) throw new DamagedFontError(`glyph ${glyph.id} has no usable width`);
    subset.includeGlyph(glyph);
  }
  subset.encode();
}

/** GSUB/GPOS start with a version and three 16-bit offsets (script, feature and lookup lists) that must point inside the table. */
function checkLayoutHeader(table: TableRecord | undefined, font: FontInternals): void {
  if (!table) return;
  if (table.length < 10) throw new DamagedFontError(`the ${table.tag} table is too short`);
  const stream = font._getTableStream(table.tag);
  if (!stream || stream.pos + table.length > stream.buffer.length) throw new DamagedFontError(`the ${table.tag} table runs past the end of the file (truncated?)`);
  const view = new DataView(stream.buffer.buffer, stream.buffer.byteOffset + stream.pos, table.length);
  for (const at of [4, 6, 8]) {
    if (view.getUint16(at) >= table.length) throw new DamagedFontError(`the ${table.tag} table points outside itself`);
  }
}

function checkGlyphOffsets(font: FontInternals): void {
  const glyf = font.directory?.tables?.glyf;
  const offsets = font.loca?.offsets;
  if (!glyf || !offsets) return;
  if (offsets.length < font.numGlyphs + 1) throw new DamagedFontError('the loca table lists fewer glyphs than the font has');
  let previous = 0;
  for (let i = 0; i < offsets.length; i++) {
    const offset = offsets[i]!;
    if (offset < previous || offset > glyf.length) throw new DamagedFontError(`glyph ${i} lies outside the glyf table`);
    previous = offset;
  }
}
