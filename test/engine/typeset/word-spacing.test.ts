/**
 * Measured, not eyeballed: the word gaps of the full justified lines of the
 * summit example, read back glyph by glyph with pdf.js, and what hyphenation
 * does to extracted text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildBrief } from '../../../main/engine/index.js';
import { loadSpecFile } from '../../../main/engine/spec.js';
import { readGlyphLines, wordGapsEm, type GlyphLine } from '../../helpers/pdf-glyphs.js';

const root = join(import.meta.dirname, '..', '..', '..');
const memo = parse(readFileSync(join(root, 'templates', 'memo', 'template.yaml'), 'utf8')) as { page: { margins: { left: number; right: number } } };
const LETTER_WIDTH = 612;
const left = memo.page.margins.left;
const right = LETTER_WIDTH - memo.page.margins.right;

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] as number;
}

describe('word spacing and hyphenation (examples/summit.brief.yaml, memo)', () => {
  let lines: GlyphLine[];
  let sources: string;
  beforeAll(async () => {
    const spec = await loadSpecFile(join(root, 'examples', 'summit.brief.yaml'));
    const result = await buildBrief(spec);
    lines = await readGlyphLines(result.pdf);
    sources = spec.sections.map((id) => readFileSync(join(root, 'assets', 'sections', `${id}.md`), 'utf8')).join('\n');
  });

  /**
   * The lines as drawn, page by page: glyph text, with an added hyphen (a soft
   * hyphen in the text, which extraction drops) shown as the hyphen it looks like.
   */
  const drawnPages = () => {
    const pages = new Map<number, string[]>();
    for (const line of lines) {
      const list = pages.get(line.page) ?? [];
      list.push(line.glyphs.map((glyph) => (glyph.char === '\u00ad' ? '-' : glyph.char)).join('').trim());
      pages.set(line.page, list);
    }
    return [...pages.values()].map((drawn) => ({ lines: drawn }));
  };

  /** Lines that run from the left margin to the right one: the justified lines that were stretched or shrunk. */
  const fullLines = () => lines.filter((line) => line.glyphs.length > 20 && Math.abs((line.glyphs[0] as { x: number }).x - left) < 0.5 && Math.abs((line.glyphs.at(-1) as { end: number }).end - right) < 0.5);

  it('keeps word gaps of full lines at p95 ≤ 0.40 em and at most 0.65 em', () => {
    const full = fullLines();
    expect(full.length).toBeGreaterThan(60);
    const gaps = full.flatMap(wordGapsEm).sort((a, b) => a - b);
    expect(gaps.length).toBeGreaterThan(600);
    // A space is 0.237 em in Source Serif 4: no gap may be closed up either.
    expect(gaps[0]).toBeGreaterThan(0.18);
    expect(percentile(gaps, 0.95)).toBeLessThanOrEqual(0.4);
    expect(gaps.at(-1)).toBeLessThanOrEqual(0.65);
  });

  it('hyphenates, and extracted text gives whole words again when a line-end hyphen is joined', () => {
    let hyphenated = 0;
    for (const page of drawnPages()) {
      page.lines.forEach((line, index) => {
        const next = page.lines[index + 1];
        const split = /(\p{L}+)-$/u.exec(line);
        if (!split || !next) return;
        const rest = /^(\p{Ll}+)/u.exec(next);
        if (!rest) return;
        const joined = `${split[1]}${rest[1]}`;
        const hard = `${split[1]}-${rest[1]}`;
        // Either a word split at a hyphenation point or a compound that had its own hyphen.
        if (!sources.includes(hard)) {
          hyphenated++;
          expect(sources, `"${line}" / "${next}"`).toMatch(new RegExp(`(?<!\\p{L})${joined}`, 'u'));
        }
      });
    }
    expect(hyphenated).toBeGreaterThan(3);
  });

  it('never hyphenates a number, and never ends two lines in a row with a hyphen in a paragraph', () => {
    for (const page of drawnPages()) {
      page.lines.forEach((line, index) => {
        expect(line).not.toMatch(/\d-$/);
        const next = page.lines[index + 1] ?? '';
        if (/\p{L}-$/u.test(line) && /\p{L}-$/u.test(next)) {
          const after = page.lines[index + 2] ?? '';
          // Two line-end hyphens in a row only where one of them is a compound's own hyphen.
          const own = (a: string, b: string) => sources.includes(`${/(\p{L}+)-$/u.exec(a)?.[1]}-${/^(\p{L}+)/u.exec(b)?.[1]}`);
          expect(own(line, next) || own(next, after), `${line} / ${next}`).toBe(true);
        }
      });
    }
  });
});
