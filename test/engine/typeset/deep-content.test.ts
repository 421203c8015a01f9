/**
 * Content is never dropped or overprinted: deep nesting is flattened (with a
 * warning) or refused at its line, and a table too wide for the page is set
 * in parts. Every word is read back from the PDF with pdf.js.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli.js';
import { MAX_MARKUP_NESTING } from '../../../main/engine/markup.js';
import { readPdf, type PdfRead, type PdfTextItem } from '../../helpers/pdf-read.js';

process.env.BRIEF_STUDIO_CACHE_DIR = mkdtempSync(join(tmpdir(), 'brief-cache-'));

async function buildSection(body: string): Promise<{ code: number; err: string; pdf?: PdfRead; file: string }> {
  const cwd = mkdtempSync(join(tmpdir(), 'brief-deep-'));
  mkdirSync(join(cwd, 'sections'));
  const file = join(cwd, 'sections', 'deep.md');
  writeFileSync(file, `---\nid: deep\ntitle: Deep\nsummary: Deep content.\nsources:\n  - { id: s, title: T, publisher: P, date: "2023" }\n---\n${body}`);
  let err = '';
  const code = await runCli(['build', '--sections-dir', 'sections', '--sections', 'deep', '-q', '-o', 'out.pdf'], { out: () => undefined, err: (t) => (err += `${t}\n`), cwd });
  const pdf = code === 0 ? await readPdf(readFileSync(join(cwd, 'out.pdf'))) : undefined;
  return { code, err, pdf, file };
}

const wordsIn = (pdf: PdfRead, pattern: RegExp): Set<string> => new Set(pdf.pages.flatMap((page) => page.text.match(pattern) ?? []));

const nestedQuotes = (depth: number): string => Array.from({ length: depth }, (_, i) => `${'> '.repeat(i + 1)}quote${i + 1}word\n${'> '.repeat(i + 1)}\n`).join('');
const nestedList = (depth: number): string => Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- item${i + 1}word\n`).join('');

describe('deep nesting', { timeout: 60_000 }, () => {
  it('keeps every word of quotations nested 30 deep, flattened with a warning', async () => {
    const { code, err, pdf } = await buildSection(nestedQuotes(30));
    expect(code).toBe(0);
    expect(err).toContain('warning[CONTENT_FLATTENED]');
    const words = wordsIn(pdf!, /quote\d+word/g);
    expect([...Array(30).keys()].filter((i) => !words.has(`quote${i + 1}word`))).toEqual([]);
    // No text beyond the right margin of a Letter page.
    for (const item of pdf!.pages.flatMap((page) => page.items)) expect(item.x + item.width).toBeLessThanOrEqual(612 - 36);
  });

  it('keeps every word of lists nested 36 deep, flattened with a warning', async () => {
    const { code, err, pdf } = await buildSection(nestedList(36));
    expect(code).toBe(0);
    expect(err).toContain('warning[CONTENT_FLATTENED]');
    const words = wordsIn(pdf!, /item\d+word/g);
    expect([...Array(36).keys()].filter((i) => !words.has(`item${i + 1}word`))).toEqual([]);
  });

  it('sets shallow nesting as before: no warning', async () => {
    const { code, err } = await buildSection(nestedQuotes(3) + nestedList(4));
    expect(code).toBe(0);
    expect(err).not.toContain('CONTENT_FLATTENED');
  });

  it('refuses nesting the parser would cut off, at its line', async () => {
    const body = nestedQuotes(120);
    const { code, err, file } = await buildSection(body);
    expect(code).toBe(2);
    expect(err).toContain('error[MARKUP_INVALID]');
    expect(err).toContain(`nested more than ${MAX_MARKUP_NESTING} levels deep`);
    expect(err).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:1`));
  });
});

describe('a table too wide for the page', { timeout: 60_000 }, () => {
  it('is set in parts with a warning: every cell is there and no two cells overprint', async () => {
    const columns = 200;
    const row = (prefix: string) => `| ${Array.from({ length: columns }, (_, i) => `${prefix}${i}`).join(' | ')} |\n`;
    const body = `${row('h')}|${'---|'.repeat(columns)}\n${row('c')}${row('d')}`;
    const { code, err, pdf } = await buildSection(body);
    expect(code).toBe(0);
    // At the table's header row in the section file (its first line).
    expect(err).toMatch(/warning\[CONTENT_OVERFLOW\]: \S+\.md:\d+: A table with 200 columns \(its first cell: "h0"\) is too wide/);
    const cells = pdf!.pages.flatMap((page) => page.items.filter((item) => /^[hcd]\d+$/.test(item.str)).map((item) => ({ ...item, page: page.number })));
    for (const prefix of ['h', 'c', 'd']) {
      const seen = new Set(cells.filter((cell) => cell.str.startsWith(prefix)).map((cell) => cell.str));
      expect(seen.size).toBe(columns);
    }
    // Cells on one baseline of one page never overlap.
    const byLine = new Map<string, (PdfTextItem & { page: number })[]>();
    for (const cell of cells) {
      const key = `${cell.page}:${Math.round(cell.y)}`;
      byLine.set(key, [...(byLine.get(key) ?? []), cell]);
    }
    for (const line of byLine.values()) {
      const sorted = [...line].sort((a, b) => a.x - b.x);
      for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.x).toBeGreaterThanOrEqual(sorted[i - 1]!.x + sorted[i - 1]!.width);
    }
    // All within the page.
    for (const cell of cells) expect(cell.x + cell.width).toBeLessThanOrEqual(612);
  });
});

describe('a table with a long URL in a cell', () => {
  it('stays one table: the URL breaks at its slashes inside its cell', async () => {
    const url = `https://example.org/${['a', 'b', 'c', 'd', 'e'].map((c) => c.repeat(40)).join('/')}`;
    const { code, err, pdf } = await buildSection(`| Link | Note |\n|---|---|\n| ${url} | Short cell |\n`);
    expect(code).toBe(0);
    expect(err).not.toContain('CONTENT_OVERFLOW');
    const items = pdf!.pages.flatMap((page) => page.items);
    // The URL is all there, piece by piece, each piece ending at a slash of its own (no hyphen added).
    const pieces = items.filter((item) => /^(https:|[a-e]{40})/.test(item.str)).map((item) => item.str);
    expect(pieces.join('')).toBe(url);
    expect(pieces.length).toBeGreaterThan(1);
    // The second column sits beside the URL on the same line, not in a part below it.
    const note = items.find((item) => item.str === 'Short cell')!;
    const first = items.find((item) => item.str.startsWith('https:'))!;
    expect(Math.abs(note.y - first.y)).toBeLessThan(1);
    expect(note.x).toBeGreaterThan(first.x + first.width);
  });
});

