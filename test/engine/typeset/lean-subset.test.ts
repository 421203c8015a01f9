/**
 * The lean subsetter copies simple glyphs without decoding their outlines;
 * the font files it writes must be fontkit's, byte for byte: every built-in
 * font, simple, composite and empty glyphs, in the order a document uses them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { create, type Font } from 'fontkit';
import { describe, expect, it } from 'vitest';
import { fontsDir } from '../../../main/engine/paths.js';
import type { EmbeddedFont } from '../../../main/engine/typeset/pdfkit-internals.js';
import { useLeanSubset } from '../../../main/engine/typeset/lean-subset.js';

interface Subset {
  includeGlyph(gid: number): number;
  encode(): Uint8Array;
  _addGlyph(gid: number): number;
}

function openFont(file: string): Font {
  const parsed = create(readFileSync(join(fontsDir(), file)));
  return ('fonts' in parsed ? parsed.fonts[0] : parsed) as Font;
}

/** Glyph ids as a document meets them: some of every kind, not in id order, one repeated. */
function glyphsToUse(font: Font): number[] {
  const count = (font as unknown as { numGlyphs: number }).numGlyphs;
  const kinds = { simple: [] as number[], composite: [] as number[], empty: [] as number[] };
  const loca = (font as unknown as { loca: { offsets: number[] } }).loca.offsets;
  const stream = (font as unknown as { _getTableStream(tag: string): { pos: number; readBuffer(n: number): Uint8Array } })._getTableStream.bind(font);
  const step = Math.max(1, Math.floor(count / 400));
  for (let gid = 1; gid < count; gid += step) {
    if (loca[gid] === loca[gid + 1]) kinds.empty.push(gid);
    else {
      const glyf = stream('glyf');
      glyf.pos += loca[gid]!;
      (glyf.readBuffer(1)[0]! & 0x80 ? kinds.composite : kinds.simple).push(gid);
    }
  }
  const ids = [...kinds.simple.slice(0, 120), ...kinds.composite.slice(0, 120), ...kinds.empty.slice(0, 5)];
  return [...ids.reverse(), ids[3]!];
}

function subsetBytes(file: string, glyphs: number[], lean: boolean): { bytes: Buffer; fontkitCalls: number } {
  const font = openFont(file);
  const subset = (font as unknown as { createSubset(): Subset }).createSubset();
  let fontkitCalls = 0;
  const original = subset._addGlyph.bind(subset);
  subset._addGlyph = (gid) => {
    fontkitCalls++;
    return original(gid);
  };
  if (lean) useLeanSubset({ subset } as unknown as EmbeddedFont);
  for (const gid of glyphs) subset.includeGlyph(gid);
  return { bytes: Buffer.from(subset.encode()), fontkitCalls };
}

const fontFiles = readdirSync(fontsDir()).filter((name) => name.endsWith('.ttf'));

describe('lean TrueType subsets', () => {
  it.each(fontFiles)('%s: the same bytes as fontkit, with fontkit left only the composite glyphs', (file) => {
    const glyphs = glyphsToUse(openFont(file));
    const fontkit = subsetBytes(file, glyphs, false);
    const lean = subsetBytes(file, glyphs, true);
    expect(lean.bytes.length).toBeGreaterThan(1000);
    expect(lean.bytes.equals(fontkit.bytes)).toBe(true);
    // Every glyph the fontkit subset added went through fontkit; the lean one hands it composites alone.
    expect(lean.fontkitCalls).toBeLessThan(fontkit.fontkitCalls);
  });

  it('leaves a font with variations to fontkit', () => {
    const subset = { _addGlyph: () => 0, glyphEncoder: {}, font: { type: 'TTF', _getTableStream: () => null, _variationProcessor: {} } };
    const before = subset._addGlyph;
    useLeanSubset({ subset } as unknown as EmbeddedFont);
    expect(subset._addGlyph).toBe(before);
  });
});
