import { describe, expect, it } from 'vitest';
import { parseMarkup, superscriptNumber } from '../../../main/engine/markup.js';
import { typeset } from '../../../main/engine/typeset/index.js';
import { readPdf, type PdfRead } from '../../helpers/pdf-read.js';
import { manifest, prose, SAMPLE_INFO, sampleTemplateDir } from './sample-model.js';

const template = sampleTemplateDir();

async function render(markup: string, manifestInput = {}): Promise<PdfRead> {
  const result = await typeset({
    model: parseMarkup(markup, { file: 'notes.md' }),
    info: SAMPLE_INFO,
    manifest: manifest({ banner: { enabled: false }, footer: {}, ...manifestInput }),
    templateDir: template.dir,
    resolveAsset: template.resolveAsset,
  });
  return readPdf(result.pdf);
}

/** Paragraphs of prose, each citing its own note; some notes run to several lines. */
function notedMarkup(count: number): string {
  const paragraphs: string[] = [];
  const notes: string[] = [];
  for (let n = 1; n <= count; n++) {
    paragraphs.push(`${prose(60 + (n % 4) * 25, n)}[^n${n}] ${prose(20, n + 100)}`);
    notes.push(`[^n${n}]: Note ${n} begins here. ${prose(n % 3 === 0 ? 90 : 12, n + 200)}`);
  }
  return `${paragraphs.join('\n\n')}\n\n${notes.join('\n')}\n`;
}

describe('footnotes', () => {
  it('sets each note at the foot of the page of its reference, or continues it on the next page', async () => {
    const count = 24;
    const pdf = await render(notedMarkup(count));
    expect(pdf.pageCount).toBeGreaterThan(2);
    for (let n = 1; n <= count; n++) {
      const refPage = pdf.pages.find((page) => page.items.some((item) => item.str.includes(superscriptNumber(n)) && !item.str.startsWith(`${n}.`)));
      const notePage = pdf.pages.find((page) => page.lines.some((line) => line.startsWith(`${n}. Note ${n} begins here.`)));
      expect(refPage, `reference ${n}`).toBeDefined();
      expect(notePage, `note ${n}`).toBeDefined();
      // The note starts on the page of its reference (its rest may run onto the next page).
      expect(notePage!.number, `note ${n}`).toBe(refPage!.number);
      // Below every line of text on that page.
      const noteTop = notePage!.items.find((item) => item.str.startsWith(`${n}.`))!.y;
      const refY = refPage!.items.find((item) => item.str.includes(superscriptNumber(n)))!.y;
      expect(noteTop).toBeGreaterThan(refY);
    }
    // Every note's text is printed once: no line lost, none doubled.
    const all = pdf.pages.flatMap((page) => page.lines).join(' ');
    for (let n = 1; n <= count; n++) expect(all.split(`Note ${n} begins here.`).length - 1).toBe(1);
  });

  it('links the reference to the note and the note back to the reference', async () => {
    const pdf = await render('Text with a note.[^a]\n\n[^a]: The note.\n');
    const links = pdf.pages[0]!.links;
    expect(links.some((link) => link.dest === 'fn-1' && link.destPage === 1)).toBe(true);
    expect(links.some((link) => link.dest === 'fnref-1' && link.destPage === 1)).toBe(true);
  });

  it('puts the notes after the text as endnotes when the template says so', async () => {
    const pdf = await render('First.[^a] Second.[^b]\n\n[^a]: Note A.\n[^b]: Note B.\n', { footnotes: { placement: 'end', title: 'Endnotes' } });
    const lines = pdf.pages.flatMap((page) => page.lines);
    const heading = lines.indexOf('Endnotes');
    expect(heading).toBeGreaterThan(0);
    expect(lines.slice(heading + 1, heading + 3)).toEqual(['1. Note A.', '2. Note B.']);
  });
});
