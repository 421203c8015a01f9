/**
 * Font files, parsed once per process. PDFKit re-parses a font handed over as
 * bytes for every document; handing it the parsed fontkit Font instead keeps
 * the parse (and fontkit's own glyph caches) for the life of the process.
 */
import { join } from 'node:path';
import { create, type Font } from 'fontkit';
import { BriefError } from '../errors.js';
import { diskFiles, type FileProvider } from '../file-provider.js';
import { fontsDir } from '../paths.js';
import { DamagedFontError, proveFont } from './font-proof.js';
import { isWoff2, unwrapWoff2 } from './web-fonts.js';
import { registerFontBytes } from './harfbuzz-shaper.js';
import { presetPostscriptName } from './postscript-name.js';

export type FaceVariant = 'regular' | 'bold' | 'italic' | 'boldItalic';

export interface FamilyFiles {
  regular: string;
  bold?: string;
  italic?: string;
  boldItalic?: string;
}

/** Built-in families; bold is the SemiBold cut where there is one. */
export const BUILT_IN_FAMILIES: Readonly<Record<string, FamilyFiles>> = {
  serif: {
    regular: 'SourceSerif4-Regular.ttf',
    bold: 'SourceSerif4-SemiBold.ttf',
    italic: 'SourceSerif4-Italic.ttf',
    boldItalic: 'SourceSerif4-SemiBoldItalic.ttf',
  },
  // Inter has no bold italic here: bold wins, as emphasis inside bold text is rare.
  sans: { regular: 'Inter-Regular.ttf', bold: 'Inter-SemiBold.ttf', italic: 'Inter-Italic.ttf', boldItalic: 'Inter-SemiBold.ttf' },
  // Japanese has no italic; the upright cuts stand in.
  jp: { regular: 'NotoSansJP-Regular.ttf', bold: 'NotoSansJP-Bold.ttf' },
  // Code: Source Code Pro (upright cuts only; italic code stays upright).
  mono: { regular: 'SourceCodePro-Regular.ttf', bold: 'SourceCodePro-Semibold.ttf' },
};

export function builtInFontPath(file: string): string {
  return join(fontsDir(), file);
}

/** The file for a variant, falling back the way type designers expect. */
export function fileForVariant(files: FamilyFiles, variant: FaceVariant): string {
  switch (variant) {
    case 'regular':
      return files.regular;
    case 'bold':
      return files.bold ?? files.regular;
    case 'italic':
      return files.italic ?? files.regular;
    case 'boldItalic':
      return files.boldItalic ?? files.bold ?? files.italic ?? files.regular;
  }
}

interface ParsedFont {
  font: Font;
  /** Size and mtime: a template font edited while the app runs is read again. */
  stamp: string;
}

const parsedFonts = new Map<string, ParsedFont>();
/** Far more than any real font (CJK fonts run to ~20 MB); the cap keeps a stray huge file from being read whole. */
const MAX_FONT_BYTES = 64 * 1024 * 1024;

/**
 * fontkit keeps one Glyph object per glyph id, and the object remembers the
 * code points of whichever text created it first. PDFKit builds the PDF's
 * ToUnicode map from those code points, so with a font shared across
 * documents, a no-break space or a "ﬁ" seen earlier in the process would
 * change how later documents extract ("fi" read back as "ﬁ") and so their
 * bytes. Where a use's code points differ from the cached ones, hand out a
 * view of the glyph carrying this use's code points instead.
 */
function keepCodePointsPerUse(font: Font): void {
  const cached = font.getGlyph.bind(font);
  font.getGlyph = (glyphId: number, codePoints: number[] = []) => {
    const glyph = cached(glyphId, codePoints);
    if (!glyph || codePoints.length === 0 || sameCodePoints(glyph.codePoints, codePoints)) return glyph;
    return Object.create(glyph, { codePoints: { value: codePoints, enumerable: true } }) as typeof glyph;
  };
}

function sameCodePoints(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The parsed font at `path`. `prove` checks the file can really be typeset
 * with (template fonts); the built-in fonts ship with the app and skip it.
 */
export function loadFontFile(path: string, options: { prove?: boolean; files?: FileProvider } = {}): Font {
  const files = options.files ?? diskFiles;
  let stamp: string;
  try {
    const stat = files.statSync(path);
    if (!stat) throw Object.assign(new Error(`ENOENT: no such file, stat '${path}'`), { code: 'ENOENT' });
    stamp = `${stat.size}:${stat.mtimeMs}`;
  } catch (cause) {
    throw new BriefError('TEMPLATE_INVALID', `The font file ${path} could not be read.`, { location: { file: path }, cause });
  }
  const cached = parsedFonts.get(path);
  if (cached && cached.stamp === stamp) return cached.font;

  let font: Font;
  try {
    const file = files.readFileSync(path, { what: 'font file', maxBytes: MAX_FONT_BYTES });
    // WOFF2 is unwrapped to the font it carries (web-fonts.ts); TTF, OTF and WOFF go to fontkit as they are.
    const bytes = isWoff2(file) ? unwrapWoff2(file) : file;
    const parsed = create(bytes);
    font = 'fonts' in parsed ? (parsed.fonts[0] as Font) : parsed;
    if (!font || typeof font.layout !== 'function') throw new Error('no font in the file');
    if (options.prove) proveFont(font, bytes);
    keepCodePointsPerUse(font);
    // A font of a collection reads its tables at offsets into the whole file: fontkit names those.
    if (!('fonts' in parsed)) presetPostscriptName(font);
    registerFontBytes(font, bytes);
  } catch (cause) {
    if (cause instanceof BriefError) throw cause;
    const reason = cause instanceof DamagedFontError ? `: ${cause.message}` : '';
    throw new BriefError('TEMPLATE_INVALID', `The font file ${path} is not a font Brief Studio can use (TrueType, OpenType, WOFF or WOFF2)${reason}.`, {
      location: { file: path },
      cause,
    });
  }
  parsedFonts.set(path, { font, stamp });
  return font;
}

/** Whether a font has a glyph for a code point, memoised per font (cmap lookups add up on long texts). */
const coverage = new WeakMap<Font, { bmp: Uint8Array; astral: Map<number, boolean> }>();

function coverageOf(font: Font): { bmp: Uint8Array; astral: Map<number, boolean> } {
  let memo = coverage.get(font);
  if (!memo) {
    memo = { bmp: new Uint8Array(0x10000), astral: new Map() };
    coverage.set(font, memo);
  }
  return memo;
}

/**
 * The font's answers so far for the Basic Multilingual Plane, by code point:
 * 1 covered, 2 not, 0 not asked yet (ask `fontCovers`). A loop over a long
 * text reads it directly instead of looking the font's memo up per character.
 */
export function knownCoverage(font: Font): Uint8Array {
  return coverageOf(font).bmp;
}

export function fontCovers(font: Font, codePoint: number): boolean {
  const memo = coverageOf(font);
  if (codePoint < 0x10000) {
    const known = memo.bmp[codePoint];
    if (known) return known === 1;
    const has = font.hasGlyphForCodePoint(codePoint);
    memo.bmp[codePoint] = has ? 1 : 2;
    return has;
  }
  let has = memo.astral.get(codePoint);
  if (has === undefined) {
    has = font.hasGlyphForCodePoint(codePoint);
    memo.astral.set(codePoint, has);
  }
  return has;
}
