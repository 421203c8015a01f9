/**
 * Glyph positions read back with pdf.js: every glyph a page shows, with its
 * left edge and the end of its advance, grouped into lines by baseline. Reads
 * the operator list the way pdf.js's own canvas renderer places glyphs (text
 * matrix, font size, character spacing, TJ adjustments). Enough for the
 * typesetter's text, which sets each line with `Tm` and `TJ` and no rotation.
 */
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PlacedGlyph {
  char: string;
  /** Left edge and end of the advance, in points from the left of the page. */
  x: number;
  end: number;
  size: number;
}

export interface GlyphLine {
  page: number;
  /** Baseline in points from the top of the page. */
  y: number;
  glyphs: PlacedGlyph[];
}

interface PdfJsGlyph {
  unicode: string;
  width: number;
  isSpace?: boolean;
}

export async function readGlyphLines(bytes: Uint8Array): Promise<GlyphLine[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true, isEvalSupported: false, verbosity: 0 }).promise;
  const out: GlyphLine[] = [];
  try {
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const height = (page.view)[3] as number;
      const list = await page.getOperatorList();
      const lines = new Map<number, PlacedGlyph[]>();
      let size = 0;
      let charSpacing = 0;
      let x = 0;
      let y = 0;
      let scaleY = 1;
      let offsetY = 0;
      for (let i = 0; i < list.fnArray.length; i++) {
        const fn = list.fnArray[i];
        const args = list.argsArray[i] as unknown[];
        if (fn === OPS.transform) {
          // The page's own flip (PDFKit: 1 0 0 -1 0 H cm) comes first; text is placed under it.
          const [a, , , d, , f] = args as number[];
          if (a === 1 && d === -1) {
            scaleY = d;
            offsetY = f as number;
          }
        } else if (fn === OPS.setFont) size = args[1] as number;
        else if (fn === OPS.setCharSpacing) charSpacing = args[0] as number;
        else if (fn === OPS.setTextMatrix) {
          // pdf.js hands the matrix as one array argument (older builds: six numbers).
          const matrix = (Array.isArray(args) && args.length === 6 ? args : args[0]) as ArrayLike<number>;
          x = matrix[4] as number;
          y = (matrix[5] as number) * scaleY + offsetY;
        } else if (fn === OPS.showText) {
          const baseline = Math.round((height - y) * 100) / 100;
          let glyphs = lines.get(baseline);
          if (!glyphs) lines.set(baseline, (glyphs = []));
          for (const glyph of args[0] as (PdfJsGlyph | number | null)[]) {
            if (typeof glyph === 'number') x -= (glyph * size) / 1000;
            else if (glyph) {
              const advance = (glyph.width * size) / 1000;
              glyphs.push({ char: glyph.unicode, x, end: x + advance, size });
              x += advance + charSpacing;
            }
          }
        }
      }
      for (const [y, glyphs] of [...lines].sort((a, b) => a[0] - b[0])) out.push({ page: number, y, glyphs: glyphs.sort((a, b) => a.x - b.x) });
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  return out;
}

/** Word gaps of a line in em: from a word's last glyph end to the next word's first glyph (the space included). */
export function wordGapsEm(line: GlyphLine): number[] {
  const gaps: number[] = [];
  let lastEnd = Number.NaN;
  let sawSpace = false;
  for (const glyph of line.glyphs) {
    if (glyph.char === ' ' || glyph.char === '\u00a0') {
      sawSpace = true;
      continue;
    }
    if (sawSpace && !Number.isNaN(lastEnd)) gaps.push((glyph.x - lastEnd) / glyph.size);
    sawSpace = false;
    lastEnd = glyph.end;
  }
  return gaps;
}
