/**
 * A justified paragraph with hyphens added at line breaks extracts as its
 * source words in pdf.js (the preview, and most web viewers) and in poppler
 * (pdftotext): the added hyphen is a soft hyphen in the text, inside an empty
 * /ActualText, so neither reader shows it; the hyphen an author wrote stays.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typeset } from '../../../main/engine/typeset/index.js';
import { readPdf } from '../../helpers/pdf-read.js';
import { para, sampleInput } from './sample-model.js';

const SENTENCE =
  'International cooperation on extraterrestrial infrastructure demonstrates unprecedented responsibility among participating governments regarding interoperability considerations, and the well-known U.S.-Japan dialogue continues.';
const SOURCE = [SENTENCE, SENTENCE, SENTENCE].join(' ');
const WORDS = new Set(SOURCE.split(' '));

/** The paragraph's lines as a reader gives them, from its first word to its last. */
function paragraphLines(text: string): string[][] {
  const from = text.indexOf('International');
  const to = text.lastIndexOf('continues.') + 'continues.'.length;
  return text
    .slice(from, to)
    .split('\n')
    .map((line) => line.trim().split(/\s+/).filter(Boolean))
    .filter((line) => line.length > 0);
}

/** Joins a line's last piece with the next line's first where the piece is not a word; returns how many joins. */
function expectWholeWords(lines: string[][]): number {
  let joined = 0;
  for (let i = 0; i + 1 < lines.length; i++) {
    const end = lines[i]?.at(-1) as string;
    if (WORDS.has(end)) continue;
    expect(WORDS, `"${end}" + "${lines[i + 1]?.[0]}"`).toContain(end + lines[i + 1]?.[0]);
    joined++;
  }
  return joined;
}

let dir: string;
let file: string;
let pdf: Uint8Array;
let addedHyphens: number;

beforeAll(async () => {
  const result = await typeset(sampleInput({ model: { blocks: [para(SOURCE)] } }));
  pdf = result.pdf;
  dir = mkdtempSync(join(tmpdir(), 'hyphen-extraction-'));
  file = join(dir, 'brief.pdf');
  writeFileSync(file, pdf);
  const content = execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, '-']).toString('latin1');
  addedHyphens = (content.match(/\/Span <<\/ActualText \(\)>> BDC\n\[<[0-9a-f]+>\] TJ\nEMC/g) ?? []).length;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('extracting a hyphenated justified paragraph', () => {
  it('the paragraph was hyphenated, and the added hyphens are drawn (rendered text shows them)', () => {
    expect(addedHyphens).toBeGreaterThan(1);
    // mutool reads the glyphs' own text without /ActualText: a soft hyphen at the end of a line.
    const drawn = execFileSync('mutool', ['draw', '-q', '-F', 'txt', '-o', '-', file], { encoding: 'utf8' });
    expect(drawn.match(/\p{Ll}\u00ad\n/gu)?.length).toBe(addedHyphens);
  });

  it('pdf.js getTextContent gives the source words: no added hyphen, each split word completed on the next line', async () => {
    const read = await readPdf(pdf);
    const text = read.pages.map((page) => page.text).join('\n');
    const lines = paragraphLines(text);
    const flat = lines.flat().join(' ');
    expect(flat).not.toMatch(/[\u00ad]/u);
    // The only hyphens left are the author's (well-known, U.S.-Japan).
    expect(flat.match(/-/g)?.length ?? 0).toBe((SOURCE.match(/-/g) ?? []).length);
    expect(flat.replace(/\s+/g, '')).toBe(SOURCE.replace(/\s+/g, ''));
    expect(expectWholeWords(lines)).toBe(addedHyphens);
  });

  it('poppler (pdftotext) gives the same words', () => {
    const lines = paragraphLines(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }));
    const flat = lines.flat().join(' ');
    expect(flat.replace(/\s+/g, '')).toBe(SOURCE.replace(/\s+/g, ''));
    expect(expectWholeWords(lines)).toBe(addedHyphens);
  });
});
