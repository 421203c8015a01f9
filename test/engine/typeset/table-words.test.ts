import { describe, expect, it } from 'vitest';
import { parseMarkup } from '../../../main/engine/markup.js';
import type { TableBlock } from '../../../main/engine/model.js';
import { typeset } from '../../../main/engine/typeset/index.js';
import { readPdf, type PdfPage } from '../../helpers/pdf-read.js';
import { manifest, SAMPLE_INFO, sampleTemplateDir } from './sample-model.js';

const template = sampleTemplateDir();

/** Eight columns of long words and numbers: too wide for a Letter column at 9 pt. */
const WIDE_TABLE = `Table: Programme costs by service and year

| Service | Department | Programme | FY2022 | FY2023 | Change | Responsibility | Interoperability |
|---|---|---|---|---|---|---|---|
| Servicemembers | Administration | Counterintelligence | 1,234.5 | 2,345.6 | +1,550% | Telecommunications | Internationalization |
| Infrastructure | Establishment | Characterization | 98.1 | 7.0 | -12% | Responsibilities | Interchangeability |
`;

async function renderTable(markup: string, manifestInput = {}): Promise<PdfPage[]> {
  const model = parseMarkup(markup, { file: 'table.md' });
  const result = await typeset({
    model,
    info: SAMPLE_INFO,
    manifest: manifest({ banner: { enabled: false }, footer: {}, ...manifestInput }),
    templateDir: template.dir,
    resolveAsset: template.resolveAsset,
  });
  return (await readPdf(result.pdf)).pages;
}

const WORDS = ['Service', 'Servicemembers', 'Administration', 'Counterintelligence', 'Telecommunications', 'Internationalization', 'Infrastructure', 'Establishment', 'Characterization', 'Responsibilities', 'Interchangeability', 'Responsibility', 'Interoperability', 'Department', 'Programme', 'FY2022', 'FY2023', '+1,550%', '1,234.5', '2,345.6', '98.1', '7.0', '-12%', 'Change'];
const CAPTION_WORDS = ['Table', '1.', 'Programme', 'costs', 'by', 'service', 'and', 'year'];

/** Words as a reader sees them: the page's lines split at spaces. */
function wordsOn(page: PdfPage): string[] {
  return page.lines.flatMap((line) => line.split(/\s+/)).filter((word) => word.length > 0);
}

/** A whole word, the head of a word broken with a visible hyphen, or the rest of a word so broken. */
function classify(word: string): 'whole' | 'head' | 'tail' | 'bad' {
  if (WORDS.includes(word) || CAPTION_WORDS.includes(word)) return 'whole';
  const stem = word.replace(/-$/, '');
  if (word.endsWith('-') && stem.length >= 1 && WORDS.some((whole) => whole.startsWith(stem) && whole !== stem)) return 'head';
  if (WORDS.some((whole) => whole.endsWith(word) && whole !== word)) return 'tail';
  return 'bad';
}

describe('tables: words', () => {
  it('never cuts a word between letters without a hyphen (default: the table is set smaller)', async () => {
    const pages = await renderTable(WIDE_TABLE);
    const words = wordsOn(pages[0]!);
    for (const word of words) expect(classify(word), `word "${word}"`).toBe('whole');
  });

  it('breaks a word that cannot fit with a visible hyphen when the template keeps the size', async () => {
    const pages = await renderTable(WIDE_TABLE, { tables: { tooWide: 'wrap' } });
    const words = wordsOn(pages[0]!);
    const kinds = words.map(classify);
    expect(words.filter((_, k) => kinds[k] === 'bad')).toEqual([]);
    expect(kinds.filter((kind) => kind === 'head').length).toBeGreaterThan(0);
    expect(kinds.filter((kind) => kind === 'head').length).toBe(kinds.filter((kind) => kind === 'tail').length);
  });

  it('numbers the caption and sets it above the table', async () => {
    const pages = await renderTable(`Table: First\n\n| A | B |\n|---|---|\n| x | 1 |\n\n| C | D |\n|---|---|\n| y | 2 |\n\nTable: Second, after its table\n`);
    const lines = pages[0]!.lines;
    const first = lines.findIndex((line) => line.startsWith('Table 1. First'));
    const second = lines.findIndex((line) => line.startsWith('Table 2. Second, after its table'));
    expect(first).toBeGreaterThanOrEqual(0);
    expect(second).toBeGreaterThan(first);
    expect(lines.findIndex((line) => line.startsWith('A'))).toBeGreaterThan(first);
  });

  it('sets a column of numbers flush right unless the column says otherwise', () => {
    const model = parseMarkup('| Item | Cost | Note |\n|---|---|:-:|\n| a | 1,234.5 | 3 |\n| b | 7.25 | 4 |\n| c | — | 5 |\n', { file: 't.md' });
    const table = model.blocks[0] as TableBlock;
    expect(table.align).toEqual(['left', 'right', 'center']);
  });

  it('lines up the right edges of a numeric column', async () => {
    const pages = await renderTable('| Item | Cost |\n|---|---|\n| alpha | 1,234.5 |\n| b | 7.2 |\n');
    const items = pages[0]!.items.filter((item) => item.str.trim());
    const rightEdge = (label: string) => {
      const y = items.find((item) => item.str.trim() === label)!.y;
      return Math.max(...items.filter((item) => Math.abs(item.y - y) < 0.5).map((item) => item.x + item.width));
    };
    expect(Math.abs(rightEdge('alpha') - rightEdge('b'))).toBeLessThan(0.5);
  });
});
