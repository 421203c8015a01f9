import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtInSectionsDir } from '../../../main/engine/paths.js';
import { BUILT_IN_FAMILIES, builtInFontPath, loadFontFile } from '../../../main/engine/typeset/font-files.js';
import { harfBuzzStarted, shapeRun } from '../../../main/engine/typeset/harfbuzz-shaper.js';
import { createDocument, embeddedFontFor, type EmbeddedFont, type ScaledRun } from '../../../main/engine/typeset/pdfkit-internals.js';

/** Texts as PDFKit's layout splits them: each word with the space that follows it, and without. */
function builtInTexts(): string[] {
  const texts = new Set<string>();
  const add = (text: string) => {
    for (const word of text.split(/\s+/)) {
      if (!word) continue;
      texts.add(word);
      texts.add(`${word} `);
      for (const char of word) texts.add(char);
    }
    texts.add(' ');
  };
  for (const name of readdirSync(builtInSectionsDir())) add(readFileSync(join(builtInSectionsDir(), name), 'utf8'));
  // Ligatures, kerning pairs and Japanese (the glossary's forms and a sentence).
  add('office official affirm fjord ﬁnal Wave AVATAR To. Ty, “quoted” — 岸田文雄 日米安全保障条約 ジョー・バイデン 反撃能力を保有する。');
  return [...texts];
}

function fontkitRun(embedded: EmbeddedFont, text: string): ScaledRun {
  return embedded.layoutRun(text);
}

const plain = (run: ScaledRun) => ({
  ids: run.glyphs.map((g) => g.id),
  codePoints: run.glyphs.map((g) => [...g.codePoints]),
  advances: run.glyphs.map((g) => g.advanceWidth),
  positions: run.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset, p.advanceWidth]),
  advanceWidth: run.advanceWidth,
});

describe('HarfBuzz shaping gives what fontkit gives', () => {
  beforeAll(() => {
    // The pinned build starts on the first word it shapes: a plain word is HarfBuzz's.
    const doc = createDocument({ size: 'Letter', lang: 'en-US', info: {} });
    expect(shapeRun(embeddedFontFor(doc, 'probe', loadFontFile(builtInFontPath('SourceSerif4-Regular.ttf'))), 'probe')).toBeDefined();
    expect(harfBuzzStarted()).toBe(true);
  });

  const faces: { family: string; file: string }[] = Object.entries(BUILT_IN_FAMILIES).flatMap(([family, files]) => [...new Set<string>(Object.values(files) as string[])].map((file) => ({ family, file })));

  it.each(faces)('$file: glyph ids, code points, advances and positions of the built-in words', ({ family, file }) => {
    const doc = createDocument({ size: 'Letter', lang: 'en-US', info: {} });
    const embedded = embeddedFontFor(doc, `${family}/${file}`, loadFontFile(builtInFontPath(file)));
    const texts = builtInTexts().filter((text) => [...text].every((c) => embedded.font.hasGlyphForCodePoint(c.codePointAt(0)!)));
    let shapedByHarfBuzz = 0;
    for (const text of texts) {
      const ours = shapeRun(embedded, text);
      if (!ours) continue;
      shapedByHarfBuzz++;
      expect(plain(ours), `${file}: "${text}"`).toEqual(plain(fontkitRun(embedded, text)));
    }
    // Nearly every text is HarfBuzz's (the rest: numbers and punctuation alone, which fontkit keeps).
    expect(shapedByHarfBuzz).toBeGreaterThan(texts.length * 0.85);
  });

  it('shapes ligatures and kerning the way fontkit does', () => {
    const doc = createDocument({ size: 'Letter', lang: 'en-US', info: {} });
    const embedded = embeddedFontFor(doc, 'serif', loadFontFile(builtInFontPath('SourceSerif4-Regular.ttf')));
    const office = shapeRun(embedded, 'office')!;
    // "ffi" is one glyph that stands for three characters.
    expect(office.glyphs.length).toBeLessThan(6);
    expect(office.glyphs.flatMap((g) => g.codePoints)).toEqual([...'office'].map((c) => c.codePointAt(0)));
    const wave = shapeRun(embedded, 'Wave')!;
    const unkerned = wave.glyphs.reduce((sum, g) => sum + g.advanceWidth * embedded.scale, 0);
    expect(wave.advanceWidth).toBeLessThan(unkerned);
    expect(plain(office)).toEqual(plain(fontkitRun(embedded, 'office')));
    expect(plain(wave)).toEqual(plain(fontkitRun(embedded, 'Wave')));
  });

  it('grows its heap for a long run and reads the grown heap', () => {
    const doc = createDocument({ size: 'Letter', lang: 'en-US', info: {} });
    const embedded = embeddedFontFor(doc, 'serif', loadFontFile(builtInFontPath('SourceSerif4-Regular.ttf')));
    // About 2 MB of glyph records: many times the heap HarfBuzz starts with.
    const long = 'Wavefjord'.repeat(6000);
    const ours = shapeRun(embedded, long)!;
    expect(ours.glyphs.length).toBeGreaterThan(40000);
    expect(plain(ours)).toEqual(plain(fontkitRun(embedded, long)));
    // And a short word after it is read from the grown heap as well.
    expect(plain(shapeRun(embedded, 'Wave')!)).toEqual(plain(fontkitRun(embedded, 'Wave')));
  });

  it('leaves to fontkit what it does not shape the same way: features, marks, other scripts, letterless runs', () => {
    const doc = createDocument({ size: 'Letter', lang: 'en-US', info: {} });
    const embedded = embeddedFontFor(doc, 'sans', loadFontFile(builtInFontPath('Inter-Regular.ttf')));
    expect(shapeRun(embedded, '2023,')).toBeUndefined();
    expect(shapeRun(embedded, '7')).toBeDefined();
    expect(shapeRun(embedded, 'cafe\u0301')).toBeUndefined();
    expect(shapeRun(embedded, 'שלום')).toBeUndefined();
    expect(shapeRun(embedded, 'word')).toBeDefined();
  });
});
