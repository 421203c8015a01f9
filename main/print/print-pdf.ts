/** A built brief or handout to the printer: paper and sides read from the PDF itself. */
import { PDFDocument } from 'pdf-lib';
import { PAPER_SIZES, type HandoutLayout } from '../engine/index.js';
import { submitPrintJob, type SubmittedJob } from './submit-job.js';

export async function printPdf(pdf: Uint8Array, options: { printer?: string; layout?: HandoutLayout; signal?: AbortSignal }): Promise<SubmittedJob & { sheets: number }> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const { width, height } = doc.getPage(0).getSize();
  const [short, long] = [Math.min(width, height), Math.max(width, height)];
  const isA4 = Math.abs(short - PAPER_SIZES.a4.width) < 2 && Math.abs(long - PAPER_SIZES.a4.height) < 2;
  const job = await submitPrintJob({
    pdf,
    printer: options.printer,
    media: isA4 ? 'A4' : 'Letter',
    duplex: options.layout === 'booklet' ? 'short-edge' : undefined,
    signal: options.signal,
  });
  return { ...job, sheets: doc.getPageCount() };
}
