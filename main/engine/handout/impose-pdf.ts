/**
 * The handout stage: finished PDF bytes in, printable sheets out. Each
 * logical page is embedded once as a Form XObject (pdf-lib embedded pages)
 * and drawn, scaled, on every sheet and copy that shows it, so the pages stay
 * vector and their text extractable. Same input, same bytes.
 */
import { PDFDocument, PDFName, PDFString, grayscale, type PDFEmbeddedPage, type PDFPage } from 'pdf-lib';
import { impose, type HandoutLayout } from './imposition.js';
import { LABEL_HEIGHT, renderLabels } from './sheet-labels.js';
import { PAPER_SIZES, sheetGeometry, type Paper, type Rect } from './sheet-geometry.js';
import { writeSheetOutline, type OutlineEntry } from './sheet-outline.js';
import { makeSheetsPdfA, sheetStandard, withHeaderFor, type SheetInfo } from './sheet-pdfa.js';
import type { PdfStandard } from '../typeset/pdfa.js';

export interface HandoutOptions {
  layout: HandoutLayout;
  notes: boolean;
  paper: Paper;
  /** Numbered copies: "Copy N of M" on every page of copy N (1: no label). */
  copies: number;
  /** One copy per name, labelled "Copy N of M · Name". */
  recipients?: string[];
  /** The brief's outline, carried over to the sheets (each entry opens its page's sheet in the first copy). */
  outline?: OutlineEntry[];
  /** The brief's PDF standard: PDF/A sheets stay PDF/A (PDF/A-2a as 2u: sheets are not tagged). */
  pdfStandard?: PdfStandard;
}

export interface HandoutResult {
  pdf: Uint8Array;
  /** Pages of the output PDF: sheet sides, all copies. */
  sheetCount: number;
  /** Sheet sides of one copy. */
  sidesPerCopy: number;
  copies: number;
}

const NOTES_LINE_SPACING = 18;
const NOTES_HEADING = 'NOTES';

export async function imposeHandout(source: Uint8Array, options: HandoutOptions): Promise<HandoutResult> {
  const src = await PDFDocument.load(source, { updateMetadata: false });
  const pageCount = src.getPageCount();
  const first = src.getPage(0).getSize();
  const copies = options.recipients?.length ?? options.copies;
  const labels = Array.from({ length: copies }, (_, i) => copyLabel(i + 1, copies, options.recipients?.[i]));
  const labelled = labels.some((l) => l !== undefined);
  const paperSize = PAPER_SIZES[options.paper];
  const samePaper = Math.abs(paperSize.width - first.width) < 1 && Math.abs(paperSize.height - first.height) < 1;

  // The brief as it is: nothing to impose, so links and the outline stay as typeset.
  if (options.layout === '1-up' && !options.notes && !labelled && samePaper) {
    return { pdf: source, sheetCount: pageCount, sidesPerCopy: pageCount, copies: 1 };
  }

  const out = await PDFDocument.create({ updateMetadata: false });
  const info = copyMetadata(src, out);
  const standard = sheetStandard(options.pdfStandard);
  const pages = await out.embedPdf(source, [...Array(pageCount).keys()]);
  const distinct = [...new Set(labels.filter((l): l is string => l !== undefined))];
  const labelTexts = [...distinct, ...(options.notes ? [NOTES_HEADING] : [])];
  const labelPages = labelTexts.length > 0 ? await out.embedPdf(await renderLabels(labelTexts, undefined, standard !== undefined), [...labelTexts.keys()]) : [];
  const labelPage = new Map(distinct.map((text, i) => [text, labelPages[i]!]));
  const notesHeading = options.notes ? labelPages[distinct.length] : undefined;

  const geometry = sheetGeometry({ layout: options.layout, paper: options.paper, pageWidth: first.width, pageHeight: first.height, notes: options.notes, labelled, labelHeight: LABEL_HEIGHT });
  const sides = impose(options.layout, pageCount);
  for (const label of labels) {
    for (const side of sides) {
      const sheet = out.addPage([geometry.width, geometry.height]);
      side.forEach((pageIndex, slotIndex) => {
        if (pageIndex === null) return; // a blank that pads a booklet
        const slot = geometry.slots[slotIndex]!;
        drawLogicalPage(sheet, pages[pageIndex]!, slot.page, options.layout !== '1-up' && options.layout !== 'booklet');
        if (slot.label && label) drawLabel(sheet, labelPage.get(label)!, slot.label);
        if (slot.notes) drawNotes(sheet, slot.notes, notesHeading);
      });
    }
  }
  const sheetOf = new Map<number, number>();
  sides.forEach((side, index) => side.forEach((page) => page !== null && !sheetOf.has(page) && sheetOf.set(page, index)));
  writeSheetOutline(out, options.outline ?? [], (page) => sheetOf.get(page - 1) ?? 0);
  if (standard) makeSheetsPdfA(src, out, standard, info, source);
  const saved = await out.save({ useObjectStreams: false });
  const pdf = standard ? withHeaderFor(standard, saved) : saved;
  return { pdf, sheetCount: out.getPageCount(), sidesPerCopy: sides.length, copies };
}

export function copyLabel(copy: number, copies: number, recipient: string | undefined): string | undefined {
  if (recipient !== undefined) return `Copy ${copy} of ${copies} · ${recipient}`;
  return copies > 1 ? `Copy ${copy} of ${copies}` : undefined;
}

function drawLogicalPage(sheet: PDFPage, page: PDFEmbeddedPage, at: Rect, frame: boolean): void {
  sheet.drawPage(page, { x: at.x, y: at.y, width: at.width, height: at.height });
  if (frame) sheet.drawRectangle({ x: at.x, y: at.y, width: at.width, height: at.height, borderColor: grayscale(0.7), borderWidth: 0.5 });
}

/** Centred under the page, in the strip kept for it. */
function drawLabel(sheet: PDFPage, label: PDFEmbeddedPage, at: Rect): void {
  const scale = Math.min(1, at.width / label.width);
  const width = label.width * scale;
  sheet.drawPage(label, { x: at.x + (at.width - width) / 2, y: at.y + (at.height - label.height * scale) / 2, width, height: label.height * scale });
}

function drawNotes(sheet: PDFPage, at: Rect, heading: PDFEmbeddedPage | undefined): void {
  const inset = 6;
  const rightInset = 14; // clear of the unprintable edge when the notes run to the sheet side (1-up)
  const top = at.y + at.height;
  const headingHeight = heading?.height ?? 0;
  if (heading) sheet.drawPage(heading, { x: at.x + inset, y: top - headingHeight });
  for (let y = top - headingHeight - NOTES_LINE_SPACING; y > at.y + 4; y -= NOTES_LINE_SPACING) {
    sheet.drawLine({ start: { x: at.x + inset, y }, end: { x: at.x + at.width - rightInset, y }, thickness: 0.5, color: grayscale(0.72) });
  }
}

/** The handout keeps the brief's title, author, dates and language (fixed dates keep it reproducible). */
function copyMetadata(src: PDFDocument, out: PDFDocument): SheetInfo {
  const title = src.getTitle();
  if (title) out.setTitle(title, { showInWindowTitleBar: true });
  const author = src.getAuthor();
  if (author) out.setAuthor(author);
  const subject = src.getSubject();
  if (subject) out.setSubject(subject);
  const keywords = src.getKeywords();
  if (keywords) out.setKeywords([keywords]);
  const creator = src.getCreator() ?? 'Brief Studio';
  out.setCreator(creator);
  const producer = src.getProducer() ?? 'Brief Studio';
  out.setProducer(producer);
  const created = src.getCreationDate() ?? new Date(0);
  out.setCreationDate(created);
  const modified = src.getModificationDate() ?? created;
  out.setModificationDate(modified);
  const lang = src.catalog.lookup(PDFName.of('Lang'));
  if (lang instanceof PDFString) out.catalog.set(PDFName.of('Lang'), lang);
  return { title, author, subject, keywords, creator, producer, created, modified };
}
