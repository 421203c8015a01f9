/**
 * PDF standards the typesetter writes. Every brief is tagged and identified
 * as PDF/UA; on request it is PDF/A instead (PDFKit's PDF/A mode: sRGB output
 * intent, PDF/A identification in XMP, CIDSet for PDF/A-1), still tagged.
 */
export const PDF_STANDARDS = ['none', 'PDF/UA', 'PDF/A-1b', 'PDF/A-2b', 'PDF/A-2u', 'PDF/A-2a'] as const;
export type PdfStandard = (typeof PDF_STANDARDS)[number];

export interface StandardSetup {
  /** PDFKit's `subset` option. */
  subset: string;
  pdfVersion: string;
  /** Conformance level PDFKit does not know by name (2u), set after it starts. */
  conformance?: string;
}

export function isPdfA(standard: PdfStandard | undefined): boolean {
  return standard !== undefined && standard.startsWith('PDF/A');
}

export function standardSetup(standard: PdfStandard | undefined): StandardSetup {
  switch (standard) {
    case 'PDF/A-1b':
      // PDF/A-1 is based on PDF 1.4 (no object streams, no transparency).
      return { subset: 'PDF/A-1b', pdfVersion: '1.4' };
    case 'PDF/A-2b':
      return { subset: 'PDF/A-2b', pdfVersion: '1.7' };
    case 'PDF/A-2u':
      return { subset: 'PDF/A-2b', pdfVersion: '1.7', conformance: 'U' };
    case 'PDF/A-2a':
      return { subset: 'PDF/A-2a', pdfVersion: '1.7' };
    default:
      return { subset: 'PDF/UA', pdfVersion: '1.7' };
  }
}

/** XML text: PDFKit writes Info values into the XMP packet as they are. */
export function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The XMP entries PDF/A wants to match the Info dictionary and PDFKit leaves out (ModDate). */
export function extraXmp(info: Record<string, string | Date>): string {
  const modified = info.ModDate instanceof Date ? info.ModDate : undefined;
  if (!modified) return '';
  return `
        <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
            <xmp:ModifyDate>${modified.toISOString().split('.')[0]}Z</xmp:ModifyDate>
        </rdf:Description>
        `;
}
