/**
 * PDF/A for imposed handout sheets. The sheets are a new file (pdf-lib) made
 * of the brief's pages as Form XObjects, so they keep the brief's embedded
 * fonts (with their CIDSets) and colours; what the new file needs besides is
 * the brief's sRGB output intent, XMP metadata that identifies the part and
 * matches the Info dictionary, a file identifier, and for PDF/A-1 a PDF 1.4
 * header. Sheets are not tagged (a sheet shows several pages, out of reading
 * order in a booklet), so PDF/A-2a sheets are written as PDF/A-2u: the text
 * still maps to Unicode; the caller warns.
 */
import { createHash } from 'node:crypto';
import { PDFArray, PDFHexString, PDFName, PDFObjectCopier, type PDFDocument } from 'pdf-lib';
import { xmlEscape, type PdfStandard } from '../typeset/pdfa.js';

export interface SheetStandard {
  readonly part: 1 | 2;
  readonly conformance: 'B' | 'U';
}

/** What the sheets of a brief in `standard` are written as (undefined: not PDF/A). */
export function sheetStandard(standard: PdfStandard | undefined): SheetStandard | undefined {
  switch (standard) {
    case 'PDF/A-1b':
      return { part: 1, conformance: 'B' };
    case 'PDF/A-2b':
      return { part: 2, conformance: 'B' };
    case 'PDF/A-2u':
    case 'PDF/A-2a':
      return { part: 2, conformance: 'U' };
    default:
      return undefined;
  }
}

/** Metadata the sheets carry, as copied into their Info dictionary. */
export interface SheetInfo {
  title?: string;
  author?: string;
  subject?: string;
  keywords?: string;
  creator: string;
  producer: string;
  created: Date;
  modified: Date;
}

/**
 * Make `out` (the sheets) PDF/A: the output intent copied from the brief,
 * XMP from `info`, an /ID from `seed` (the same input gives the same bytes).
 */
export function makeSheetsPdfA(src: PDFDocument, out: PDFDocument, standard: SheetStandard, info: SheetInfo, seed: Uint8Array): void {
  const intents = src.catalog.lookupMaybe(PDFName.of('OutputIntents'), PDFArray);
  if (!intents) throw new Error('The brief has no output intent to carry over to its handout sheets.');
  const copied = PDFObjectCopier.for(src.context, out.context).copy(intents);
  out.catalog.set(PDFName.of('OutputIntents'), copied);

  const xml = sheetXmp(standard, info);
  // PDF/A-1: the metadata stream is left unfiltered, readable by any XMP reader.
  const bytes = new TextEncoder().encode(xml);
  const metadata = out.context.stream(bytes, { Type: 'Metadata', Subtype: 'XML', Length: bytes.length });
  out.catalog.set(PDFName.of('Metadata'), out.context.register(metadata));

  const id = PDFHexString.of(createHash('sha256').update(seed).update(xml).digest('hex').slice(0, 32));
  out.context.trailerInfo.ID = out.context.obj([id, id]);
  // The sheets have no structure tree: say so rather than inherit a claim.
  out.catalog.delete(PDFName.of('MarkInfo'));
}

function xmpDate(date: Date): string {
  return `${date.toISOString().split('.')[0]}Z`;
}

/** The XMP packet: PDF/A identification and the Info dictionary's values. */
export function sheetXmp(standard: SheetStandard, info: SheetInfo): string {
  const optional = (value: string | undefined, xml: (text: string) => string) => (value ? xml(xmlEscape(value)) : '');
  return `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
  <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
    <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
      <pdfaid:part>${standard.part}</pdfaid:part>
      <pdfaid:conformance>${standard.conformance}</pdfaid:conformance>
    </rdf:Description>
    <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <dc:format>application/pdf</dc:format>${optional(info.title, (t) => `
      <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${t}</rdf:li></rdf:Alt></dc:title>`)}${optional(info.author, (t) => `
      <dc:creator><rdf:Seq><rdf:li>${t}</rdf:li></rdf:Seq></dc:creator>`)}${optional(info.subject, (t) => `
      <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${t}</rdf:li></rdf:Alt></dc:description>`)}
    </rdf:Description>
    <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
      <pdf:Producer>${xmlEscape(info.producer)}</pdf:Producer>${optional(info.keywords, (t) => `
      <pdf:Keywords>${t}</pdf:Keywords>`)}
    </rdf:Description>
    <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
      <xmp:CreatorTool>${xmlEscape(info.creator)}</xmp:CreatorTool>
      <xmp:CreateDate>${xmpDate(info.created)}</xmp:CreateDate>
      <xmp:ModifyDate>${xmpDate(info.modified)}</xmp:ModifyDate>
    </rdf:Description>
  </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

/**
 * The saved sheets with the header PDF/A-1 (based on PDF 1.4) expects: pdf-lib
 * always writes "%PDF-1.7", and the sheets use nothing newer than 1.4 (no object
 * streams, no transparency). Same length, so every offset stays right.
 */
export function withHeaderFor(standard: SheetStandard, pdf: Uint8Array): Uint8Array {
  if (standard.part !== 1) return pdf;
  const header = new TextEncoder().encode('%PDF-1.4');
  if (new TextDecoder().decode(pdf.subarray(0, 5)) !== '%PDF-') throw new Error('The handout sheets do not start with a PDF header.');
  pdf.set(header, 0);
  return pdf;
}
