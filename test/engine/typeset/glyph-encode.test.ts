/**
 * The canvas's encode (glyph-encode.ts) records what PDFKit's own `encode`
 * records: the same hex glyph ids, the same subset order, widths and
 * ToUnicode entries, and the same positions, for words, spaces and texts it
 * hands back to PDFKit (with spaces inside).
 */
import { describe, expect, it } from 'vitest';
import { builtInFontPath, loadFontFile } from '../../../main/engine/typeset/font-files.js';
import { useDirectEncode } from '../../../main/engine/typeset/glyph-encode.js';
import { createDocument, embeddedFontFor, subsetOf, type EmbeddedFont } from '../../../main/engine/typeset/pdfkit-internals.js';

interface Tables {
  widths: (number | undefined)[];
  unicode: (number[] | undefined)[];
}

function embedded(file: string, direct: boolean): EmbeddedFont {
  const doc = createDocument({ size: 'Letter', lang: 'en-US', info: {} });
  const font = embeddedFontFor(doc, file, loadFontFile(builtInFontPath(file)));
  if (direct) useDirectEncode(font);
  return font;
}

const TEXTS = ['Alliance', ' ', 'office', 'ﬁnal', 'AVATAR', '“quoted”', 'U.S.–Japan', 'two words', 'tab\there', '岸田文雄', 'Alliance', 'x', 'Wave,', ' ', 'fjord'];

describe('direct glyph encoding', () => {
  it.each(['SourceSerif4-Regular.ttf', 'Inter-Regular.ttf', 'NotoSansJP-Regular.ttf'])('%s: the same hex ids, subset, widths, text and positions as PDFKit', (file) => {
    const stock = embedded(file, false);
    const direct = embedded(file, true);
    for (const text of TEXTS) {
      const [hexStock, positionsStock] = stock.encode(text);
      const [hexDirect, positionsDirect] = direct.encode(text);
      expect(hexDirect, text).toEqual(hexStock);
      expect(positionsDirect, text).toEqual(positionsStock);
    }
    expect(subsetOf(direct).glyphs).toEqual(subsetOf(stock).glyphs);
    expect(subsetOf(direct).glyphs.length).toBeGreaterThan(10);
    expect((direct as unknown as Tables).widths).toEqual((stock as unknown as Tables).widths);
    expect((direct as unknown as Tables).unicode).toEqual((stock as unknown as Tables).unicode);
  });
});
