/**
 * Web fonts. fontkit reads WOFF, and PDFKit subsets it like any TrueType
 * font; fontkit also reads WOFF2, but cannot subset it (a WOFF2 font's glyph
 * table is stored transformed, and fontkit's subsetter copies glyph bytes as
 * stored). A WOFF2 file is therefore unwrapped to the TrueType or OpenType
 * font it carries with Google's own decoder (wawoff2, compiled to
 * WebAssembly) before fontkit sees it. The decoder starts asynchronously
 * once per process (`prepareWebFonts`); decoding itself is synchronous.
 */
import { DamagedFontError } from './font-proof.js';

interface DecoderModule {
  onRuntimeInitialized?: () => void;
  calledRun?: boolean;
  decompress(bytes: Uint8Array): Uint8Array | false;
}

let decoder: DecoderModule | undefined;
let starting: Promise<void> | undefined;

const WOFF2_SIGNATURE = 'wOF2';

export function isWoff2(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!) === WOFF2_SIGNATURE;
}

/** Start the WOFF2 decoder (once per process); resolves when it can decode. */
export function prepareWebFonts(): Promise<void> {
  starting ??= (async () => {
    const imported = (await import('wawoff2/build/decompress_binding.js')) as { default?: DecoderModule } & DecoderModule;
    const module = imported.default ?? imported;
    if (!module.calledRun) {
      await new Promise<void>((resolve) => {
        module.onRuntimeInitialized = resolve;
      });
    }
    decoder = module;
  })();
  return starting;
}

/** The TrueType/OpenType font inside a WOFF2 file; a DamagedFontError when the file is damaged or cut short. */
export function unwrapWoff2(bytes: Uint8Array): Buffer {
  if (!decoder) throw new Error('the WOFF2 decoder was not started (prepareWebFonts)');
  const result = decoder.decompress(bytes);
  if (result === false || result.length === 0) throw new DamagedFontError('its WOFF2 data is damaged or cut short');
  return Buffer.from(result);
}
