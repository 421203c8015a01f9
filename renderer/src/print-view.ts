/**
 * Printing: the system print dialog prints the page, so the page lays out a
 * print-only view with one image per PDF page (drawn by pdf.js at 200 dpi),
 * and main asks for paper of the brief's own size with no margins. Screen
 * styles hide the view; print styles show only it.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { BriefStudioApi, PrintResponse } from '../../main/shared/ipc-contract.js';
import { byId, el } from './dom.js';
import { renderToCanvas } from './pdf-preview.js';

const PRINT_DPI = 200;

export async function printDocument(doc: PDFDocumentProxy, api: BriefStudioApi): Promise<PrintResponse> {
  const view = byId('print-view');
  const urls: string[] = [];
  try {
    let pageWidth = 612;
    let pageHeight = 792;
    const images: HTMLImageElement[] = [];
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      if (number === 1) [pageWidth, pageHeight] = [x1 - x0, y1 - y0];
      const canvas = await renderToCanvas(page, PRINT_DPI / 72, 1);
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
      if (!blob) throw new Error(`page ${number} could not be prepared for printing`);
      const url = URL.createObjectURL(blob);
      urls.push(url);
      const image = el('img', { src: url, alt: `Page ${number}`, class: 'print-page' });
      images.push(image);
    }
    view.replaceChildren(...images);
    await Promise.all(images.map((image) => image.decode()));
    return await api.printPages({ pageWidth, pageHeight });
  } catch (error) {
    // A page that could not be drawn or decoded is a failed print the user is told of, not a dialog left waiting.
    return { status: 'error', error: { code: 'IO', message: `Printing failed: ${error instanceof Error ? error.message : String(error)}` } };
  } finally {
    view.replaceChildren();
    for (const url of urls) URL.revokeObjectURL(url);
  }
}
