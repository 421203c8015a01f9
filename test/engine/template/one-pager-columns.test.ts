/**
 * The one-pager is set in two columns (layout.columns in its template.yaml):
 * read back with pdf.js, every line of the body sits inside one of the two
 * columns, the text reads left column then right, no section summary word
 * is lost, and the page number is in the footer.
 */
import { describe, expect, it } from 'vitest';
import { buildBrief } from '../../../main/engine/render.js';
import { loadSectionLibrary, pickSections } from '../../../main/engine/sections.js';
import { builtInSectionsDir } from '../../../main/engine/paths.js';
import { defaultSpec } from '../../../main/engine/spec-schema.js';
import { loadTemplate } from '../../../main/engine/template/index.js';
import { readPdf, type PdfTextItem } from '../../helpers/pdf-read.js';
import { BUILT_IN_DIR } from './support.js';

const normalize = (text: string): string[] =>
  text
    .replace(/[‘’]/g, "'")
    .replace(/-\s+/g, '') // a word hyphenated at the end of a line joins up again
    .replace(/[-\u00ad]/g, '')
    .split(/\s+/)
    .map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').toLowerCase())
    .filter(Boolean);

/** Items of one column as lines, top to bottom, joined in reading order. */
function columnText(items: PdfTextItem[]): string {
  const lines = new Map<number, PdfTextItem[]>();
  for (const item of items) {
    const key = Math.round(item.y * 2) / 2;
    lines.set(key, [...(lines.get(key) ?? []), item]);
  }
  return [...lines.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([, line]) => line.sort((a, b) => a.x - b.x).map((item) => item.str).join(''))
    .join('\n');
}

describe('one-pager in two columns', () => {
  it('sets its text in two columns, in reading order, with every summary word and a page number', async () => {
    const loaded = await loadTemplate('one-pager', { builtInDir: BUILT_IN_DIR });
    const { columns, columnGap } = loaded.manifest.layout;
    expect(columns).toBe(2);
    const { margins, size } = loaded.manifest.page;
    expect(size).toBe('Letter');
    const pageWidth = 612;
    const columnWidth = (pageWidth - margins.left - margins.right - columnGap) / 2;
    const left = { from: margins.left, to: margins.left + columnWidth };
    const right = { from: left.to + columnGap, to: pageWidth - margins.right };

    const spec = { ...defaultSpec(), template: 'one-pager' };
    const result = await buildBrief(spec);
    const pdf = await readPdf(result.pdf);
    expect(pdf.pageCount).toBe(1);
    const page = pdf.pages[0]!;
    const body = page.items.filter((item) => item.str.trim() !== '' && item.y > margins.top && item.y < page.height - margins.bottom);

    // Every piece of text lies wholly inside one column; none crosses the gap.
    const inside = (item: PdfTextItem, column: { from: number; to: number }) => item.x >= column.from - 0.5 && item.x + item.width <= column.to + 0.5;
    const strays = body.filter((item) => !inside(item, left) && !inside(item, right));
    expect(strays.map((item) => `${item.str}@${item.x.toFixed(1)}`)).toEqual([]);
    const leftItems = body.filter((item) => inside(item, left));
    const rightItems = body.filter((item) => !inside(item, left));

    // Line starts cluster in two groups: near each column's left edge (list items indent a little).
    const starts = (items: PdfTextItem[]) => {
      const byLine = new Map<number, number>();
      for (const item of items) byLine.set(Math.round(item.y), Math.min(byLine.get(Math.round(item.y)) ?? Infinity, item.x));
      return [...byLine.values()];
    };
    const leftStarts = starts(leftItems);
    const rightStarts = starts(rightItems);
    expect(leftStarts.length).toBeGreaterThan(10);
    expect(rightStarts.length).toBeGreaterThan(10);
    for (const x of leftStarts) expect(x - left.from).toBeLessThan(24);
    for (const x of rightStarts) expect(x - right.from).toBeLessThan(24);

    // Reading order: the left column, then the right; section titles in the spec's order.
    const text = `${columnText(leftItems)}\n${columnText(rightItems)}`;
    const library = await loadSectionLibrary({ builtInDir: builtInSectionsDir() });
    const sections = pickSections(library, spec.sections);
    const flat = text.replace(/\s+/g, ' ');
    // Each title is found after the one before (the document title may repeat words of one).
    let from = 0;
    for (const section of sections) {
      const at = flat.indexOf(section.title, from);
      expect(at, section.title).toBeGreaterThanOrEqual(0);
      from = at + section.title.length;
    }
    // The last section starts in the right column: the text really runs on into it.
    expect(columnText(rightItems).replace(/\s+/g, ' ')).toContain(sections.at(-1)!.title);

    // Nothing lost: every word of every summary is on the page.
    const words = new Set(normalize(text));
    for (const section of sections) {
      const missing = normalize(section.summary).filter((word) => !words.has(word));
      expect(missing, section.id).toEqual([]);
    }

    // The page number sits in the footer, centred.
    const footer = page.items.filter((item) => item.y > page.height - margins.bottom);
    const number = footer.find((item) => item.str.trim() === '1');
    expect(number).toBeDefined();
    expect(Math.abs(number!.x + number!.width / 2 - pageWidth / 2)).toBeLessThan(6);
  });
});
