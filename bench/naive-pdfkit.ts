/**
 * The baseline a developer would write first: stock PDFKit, fonts given as
 * file paths (parsed again for every document), text set paragraph by
 * paragraph. Used only to put our timings in proportion.
 */
import PDFDocument from 'pdfkit';
import { join } from 'node:path';
import { fontsDir } from '../main/engine/paths.js';

export function naivePdfkit(markup: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'LETTER', margin: 72, info: { CreationDate: new Date(0) } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    doc.registerFont('serif', join(fontsDir(), 'SourceSerif4-Regular.ttf'));
    doc.registerFont('sans-bold', join(fontsDir(), 'Inter-SemiBold.ttf'));
    for (const block of markup.split(/\n{2,}/)) {
      const text = block.replace(/^[#:>*-]+\s*/gm, '').trim();
      if (!text) continue;
      const heading = block.startsWith('#');
      doc.font(heading ? 'sans-bold' : 'serif').fontSize(heading ? 13 : 10.5);
      doc.text(text, { align: heading ? 'left' : 'justify', paragraphGap: 6 });
    }
    doc.end();
  });
}
