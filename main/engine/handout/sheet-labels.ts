/**
 * The few words the handout stage prints itself — "Copy 3 of 12 · Name" and
 * the "NOTES" heading — set with the app's own fonts (Inter, Noto Sans JP for
 * names Inter cannot show) in a small PDF, one page per distinct label, which
 * the imposition embeds like any logical page. PDFKit writes it, so the text
 * stays real, extractable text and names in any script print.
 */
import PDFDocument from 'pdfkit';
import type { Font } from 'fontkit';
import { collectBytes, type DocumentInternals } from '../typeset/pdfkit-internals.js';
import { builtInFontPath, fontCovers, loadFontFile } from '../typeset/font-files.js';

export const LABEL_SIZE = 8;
export const LABEL_HEIGHT = 11;

/**
 * Bytes of a PDF whose page i is `labels[i]`, each page exactly as wide as its text.
 * `pdfA`: fonts carry the CIDSet PDF/A-1 asks for (the sheets embed these pages).
 */
export async function renderLabels(labels: string[], fontSize = LABEL_SIZE, pdfA = false): Promise<Uint8Array> {
  const latin = loadFontFile(builtInFontPath('Inter-Regular.ttf'));
  const doc = new PDFDocument({
    autoFirstPage: false,
    compress: true,
    pdfVersion: '1.7',
    // Fixed dates: the labels are embedded as page content, but keep the bytes reproducible anyway.
    info: { CreationDate: new Date(0), ModDate: new Date(0), Producer: 'Brief Studio', Creator: 'Brief Studio' },
    font: null,
    ...(pdfA ? { subset: 'PDF/A-1b', pdfVersion: '1.4' } : {}),
  } as unknown as PDFKit.PDFDocumentOptions);
  const done = collectBytes(doc as unknown as DocumentInternals);
  let jp: Font | undefined;
  for (const label of labels) {
    const needsJp = [...label].some((ch) => !fontCovers(latin, ch.codePointAt(0)!));
    const font = needsJp ? (jp ??= loadFontFile(builtInFontPath('NotoSansJP-Regular.ttf'))) : latin;
    const key = needsJp ? 'jp' : 'latin';
    doc.registerFont(key, font as unknown as PDFKit.Mixins.PDFFontSource);
    doc.font(key).fontSize(fontSize);
    const width = Math.max(1, Math.ceil(doc.widthOfString(label) + 1));
    doc.addPage({ size: [width, Math.ceil(fontSize * 1.4)], margin: 0 });
    doc.fillColor('#333333').text(label, 0, fontSize * 0.15, { lineBreak: false });
  }
  doc.end();
  return done;
}
