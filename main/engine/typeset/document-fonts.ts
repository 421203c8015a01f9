/**
 * Fonts in two roles. Measuring (layout) uses one embedded font per parsed
 * font for the whole process, in no document. Drawing uses the document's
 * own, embedded when the document first draws with that font: resource names
 * (F1, F2…) follow the order of drawing, which is the same whether layout
 * and pages were reused or made afresh.
 */
import type { Font } from 'fontkit';
import { useDirectEncode } from './glyph-encode.js';
import { useHarfBuzz } from './harfbuzz-shaper.js';
import { useLeanSubset } from './lean-subset.js';
import { detachedEmbeddedFont, embeddedFontFor, type DocumentInternals, type EmbeddedFont } from './pdfkit-internals.js';
import { cacheSubset } from './render-caches.js';
import { attachShapingMemo } from './shaping-memo.js';
import { useStableGlyphIds } from './stable-glyph-ids.js';

const measuring = new WeakMap<Font, EmbeddedFont>();

/** The font layout measures `font` with (shaping-memo.ts points its layout cache at the shared memo). */
export function measuringFont(font: Font): EmbeddedFont {
  let embedded = measuring.get(font);
  if (!embedded) {
    embedded = detachedEmbeddedFont(font);
    useHarfBuzz(embedded);
    measuring.set(font, embedded);
  }
  return embedded;
}

const byDocument = new WeakMap<DocumentInternals, Map<Font, EmbeddedFont>>();

/** The document's embedded font for `font`, embedded now if the document has not drawn with it yet. */
export function documentFont(doc: DocumentInternals, font: Font): EmbeddedFont {
  let fonts = byDocument.get(doc);
  if (!fonts) byDocument.set(doc, (fonts = new Map<Font, EmbeddedFont>()));
  let embedded = fonts.get(font);
  if (!embedded) {
    embedded = embeddedFontFor(doc, `face${fonts.size + 1}`, font);
    // PDFKit hands back a font it already embedded for another file of the same font (same name and tables): one set of codes.
    if ([...fonts.values()].includes(embedded)) {
      fonts.set(font, embedded);
      return embedded;
    }
    attachShapingMemo(embedded);
    useHarfBuzz(embedded);
    useDirectEncode(embedded);
    cacheSubset(embedded);
    useLeanSubset(embedded);
    useStableGlyphIds(embedded);
    fonts.set(font, embedded);
  }
  return embedded;
}
