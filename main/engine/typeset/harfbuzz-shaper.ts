/**
 * Shaping with HarfBuzz (compiled to WebAssembly) in place of fontkit's
 * `layout`, which redoes script selection and feature lookup on every call
 * and is most of the cost of text never seen before. PDFKit still embeds and
 * subsets the fonts; only the step "text → glyphs and positions" moves.
 *
 * The result is rebuilt into exactly what PDFKit's `layoutRun` gives with
 * fontkit: glyphs from the same fontkit Font (so ids, widths and code points
 * feed PDFKit's subset and ToUnicode map alike), positions scaled the same way.
 * fontkit keeps the texts where the two could differ: font features asked
 * for, scripts other than Latin/Greek/Cyrillic and Japanese, runs of more
 * than one character without a letter (fontkit kerns those twice in some
 * fonts, and output stays as it was), and clusters HarfBuzz shapes to
 * more than one glyph.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Font } from 'fontkit';
import { startHarfBuzz, type HarfBuzzWasm } from './harfbuzz-wasm.js';
import type { EmbeddedFont, ScaledPosition, ScaledRun } from './pdfkit-internals.js';

/** HB_MEMORY_MODE_READONLY: HarfBuzz reads the font where we put it. */
const READONLY = 1;

/** Started on the first word it shapes (harfbuzz-wasm.ts); null where it cannot start, and fontkit shapes everything, as before. */
let harfBuzz: HarfBuzzWasm | null | undefined;
let enabled = true;
let buffer = 0;
/** Scratch space for the UTF-16 text of a run, grown as needed. */
let textPtr = 0;
let textCapacity = 0;

/** The bytes of each parsed font, for HarfBuzz to open (font-files.ts registers them). */
const fontBytes = new WeakMap<Font, Uint8Array>();
/** One HarfBuzz font per fontkit Font, for the life of the process (opening one costs milliseconds); 0: fontkit shapes it. */
const hbFonts = new WeakMap<Font, number>();

export function registerFontBytes(font: Font, bytes: Uint8Array): void {
  // HarfBuzz reads plain sfnt data only; a WOFF font (compressed tables) stays with fontkit, which unpacks it.
  if (isSfnt(bytes)) fontBytes.set(font, bytes);
}

/** TrueType (0x00010000 or 'true') or OpenType ('OTTO') tables, not a WOFF wrapper. */
function isSfnt(bytes: Uint8Array): boolean {
  const tag = String.fromCharCode(...bytes.subarray(0, 4));
  return tag === '\u0000\u0001\u0000\u0000' || tag === 'OTTO' || tag === 'true';
}

/** Tests and benchmarks switch HarfBuzz off to compare with fontkit. */
export function setHarfBuzzShapingEnabled(on: boolean): void {
  enabled = on;
}

/** HarfBuzz, started once per process on first need. */
function started(): HarfBuzzWasm | null {
  if (harfBuzz === undefined) {
    try {
      // harfbuzz.wasm sits beside the package's entry.
      const wasm = startHarfBuzz(join(dirname(createRequire(import.meta.url).resolve('harfbuzzjs')), 'harfbuzz.wasm'));
      buffer = wasm.api.hb_buffer_create();
      harfBuzz = wasm;
    } catch {
      harfBuzz = null;
    }
  }
  return harfBuzz;
}

/** Whether this process has started HarfBuzz (tests: a build that shapes nothing never does). */
export function harfBuzzStarted(): boolean {
  return !!harfBuzz;
}

/** Make a document's embedded font shape with HarfBuzz where it gives fontkit's result. */
export function useHarfBuzz(embedded: EmbeddedFont): void {
  const withFontkit = embedded.layoutRun.bind(embedded);
  embedded.layoutRun = (text, features) => {
    if (!enabled || features) return withFontkit(text, features);
    return shapeRun(embedded, text) ?? withFontkit(text, features);
  };
}

/** Only scripts whose shaping the two agree on; everything else goes to fontkit. */
// eslint-disable-next-line no-control-regex -- control characters are plain text here (tabs, for one)
const PLAIN_SCRIPTS = /^[\u0000-\u02FF\u0370-\u03FF\u0400-\u04FF\u1E00-\u1FFF\u2000-\u206F\u20A0-\u20CF\u2100-\u214F\u2190-\u21FF\u2200-\u22FF\u3000-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]*$/;
const HAS_LETTER = /\p{L}/u;
/** Combining marks: fontkit and HarfBuzz place and compose them differently. */
const HAS_MARK = /\p{M}/u;

function hbFontFor(font: Font, hb: HarfBuzzWasm): number {
  let hbFont = hbFonts.get(font);
  if (hbFont === undefined) {
    hbFont = 0;
    const bytes = fontBytes.get(font);
    if (bytes) {
      const data = hb.api.malloc(bytes.length);
      if (data) {
        hb.heap().u8.set(bytes, data);
        const api = hb.api;
        hbFont = api.hb_font_create(api.hb_face_create(api.hb_blob_create(data, bytes.length, READONLY, 0, 0), 0));
      }
    }
    hbFonts.set(font, hbFont);
  }
  return hbFont;
}

/** Shapes `text` into HarfBuzz's buffer: the glyph count and where its glyph infos and positions are (in 32-bit units); undefined where it cannot. */
function shapeInHarfBuzz(hb: HarfBuzzWasm, font: Font, text: string): { count: number; infos: number; places: number } | undefined {
  const hbFont = hbFontFor(font, hb);
  if (!hbFont) return undefined;
  const api = hb.api;
  if (text.length > textCapacity) {
    const capacity = Math.max(256, text.length * 2);
    const pointer = api.malloc(capacity * 2);
    if (!pointer) return undefined;
    textPtr = pointer;
    textCapacity = capacity;
  }
  const units = hb.heap().u16;
  for (let i = 0; i < text.length; i++) units[textPtr / 2 + i] = text.charCodeAt(i);
  api.hb_buffer_clear_contents(buffer);
  api.hb_buffer_add_utf16(buffer, textPtr, text.length, 0, text.length);
  api.hb_buffer_guess_segment_properties(buffer);
  api.hb_shape(hbFont, buffer, 0, 0);
  // Views are read after the calls (by the caller too): wasm memory may have grown.
  return { count: api.hb_buffer_get_length(buffer), infos: api.hb_buffer_get_glyph_infos(buffer, 0) / 4, places: api.hb_buffer_get_glyph_positions(buffer, 0) / 4 };
}

/** HarfBuzz's run as PDFKit's `layoutRun` would give it, or undefined where fontkit must shape. */
export function shapeRun(embedded: EmbeddedFont, text: string): ScaledRun | undefined {
  if (text.length === 0) return undefined;
  // A lone character cannot kern with anything; longer runs without a letter stay fontkit's.
  const single = text.length === 1 || (text.length === 2 && text.codePointAt(0)! > 0xffff);
  // Most words are ASCII: plain script, no marks, and a letter is A–Z or a–z (no regular expressions needed).
  let ascii = true;
  let letter = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) {
      ascii = false;
      break;
    }
    const lower = code | 0x20;
    if (lower >= 0x61 && lower <= 0x7a) letter = true;
  }
  if (ascii ? !single && !letter : !PLAIN_SCRIPTS.test(text) || HAS_MARK.test(text) || (!single && !HAS_LETTER.test(text))) return undefined;
  const font = embedded.font;
  if (!fontBytes.has(font)) return undefined;
  const hb = started();
  if (!hb) return undefined;
  let shaped: { count: number; infos: number; places: number } | undefined;
  try {
    shaped = shapeInHarfBuzz(hb, font, text);
  } catch {
    // HarfBuzz stopped (out of memory, say): its state is unknown, so fontkit shapes from here on.
    harfBuzz = null;
    return undefined;
  }
  if (!shaped) return undefined;
  const { count, infos, places } = shaped;
  const { u32, i32 } = hb.heap();
  const scale = embedded.scale;
  const glyphs = [];
  const positions: ScaledPosition[] = [];
  for (let i = 0; i < count; i++) {
    const start = u32[infos + i * 5 + 2]!;
    const end = i + 1 < count ? u32[infos + (i + 1) * 5 + 2]! : text.length;
    // One glyph per cluster, clusters in text order: otherwise leave it to fontkit.
    if (end <= start) return undefined;
    const codePoints: number[] = [];
    for (let k = start; k < end; ) {
      const point = text.codePointAt(k)!;
      codePoints.push(point);
      k += point > 0xffff ? 2 : 1;
    }
    const glyph = font.getGlyph(u32[infos + i * 5]!, codePoints);
    if (!glyph) return undefined;
    glyphs.push(glyph);
    const p = places + i * 5;
    positions.push({ xAdvance: i32[p]! * scale, yAdvance: i32[p + 1]! * scale, xOffset: i32[p + 2]! * scale, yOffset: i32[p + 3]! * scale, advanceWidth: glyph.advanceWidth * scale });
  }
  // fontkit's GlyphRun sums xAdvance in glyph order; so do we.
  let advanceWidth = 0;
  for (const p of positions) advanceWidth += p.xAdvance;
  return { glyphs, positions, advanceWidth };
}
