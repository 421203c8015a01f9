/**
 * Japanese line breaking: UAX #14 break opportunities narrowed by JIS X 4051
 * kinsoku, read back from the PDF (pdf.js text positions), on a real
 * Japanese paragraph with the glossary's names and terms and Latin words
 * mixed in, set at many measures so that many lines end next to a character
 * kinsoku holds back.
 */
import LineBreaker from 'linebreak';
import { describe, expect, it } from 'vitest';
import { CjkBreaks, kinsokuForbids } from '../../../main/engine/typeset/japanese-breaks.js';
import { typeset } from '../../../main/engine/typeset/index.js';
import { readPdf, type PdfPage } from '../../helpers/pdf-read.js';
import { manifest, para, sampleInput } from './sample-model.js';

const PARAGRAPH =
  '2023年1月13日、岸田文雄首相とジョー・バイデン大統領はワシントンで会談し、日米安全保障条約の下で同盟の抑止力・対処力を一層強化することで一致した。' +
  '前日には林芳正外務大臣とアントニー・ブリンケン国務長官が「日米宇宙協力枠組み協定」（Space Cooperation Framework Agreement）に署名し、' +
  'ロケット打ち上げやシャトル計画、ちょっとした実験の調整までが一つの枠組みに収まった。日本は「反撃能力」（counterstrike capability）の保有を決め、' +
  '浜田靖一防衛大臣とロイド・オースティン国防長官は、沖縄を含む南西地域での自衛隊と米軍の態勢（ローテーション配備など）を見直すことで合意した。';

const NO_START = /^[）」』】〕〉》〙〗｝］’”)\]}。、，．,.・：；？！:;?!々〻ゝゞヽヾーぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ]/u;
const NO_END = /[（「『【〔〈《〘〖｛［‘“([{]$/u;

/** UAX #14 opportunities as the linebreak package alone gives them. */
function uax14(text: string): Set<number> {
  const out = new Set<number>();
  const breaker = new LineBreaker(text);
  for (let found = breaker.nextBreak(); found; found = breaker.nextBreak()) out.add(found.position);
  return out;
}

/** The paragraph's lines on the page, as pdf.js gives them (furniture left out). */
function paragraphLines(page: PdfPage): string[] {
  const start = page.lines.findIndex((line) => line.startsWith('2023年'));
  expect(start).toBeGreaterThanOrEqual(0);
  const lines: string[] = [];
  let length = 0;
  const target = PARAGRAPH.replace(/\s/g, '').length;
  for (let i = start; i < page.lines.length && length < target; i++) {
    const line = page.lines[i] as string;
    lines.push(line);
    length += line.replace(/\s/g, '').length;
  }
  return lines;
}

/** Offset in PARAGRAPH where each line after the first starts. */
function lineStarts(lines: readonly string[]): number[] {
  const starts: number[] = [];
  let offset = 0;
  lines.forEach((line, index) => {
    while (/\s/.test(PARAGRAPH[offset] ?? '')) offset++;
    if (index > 0) starts.push(offset);
    for (const char of line) {
      if (/\s/.test(char)) continue;
      while (/\s/.test(PARAGRAPH[offset] ?? '')) offset++;
      expect(PARAGRAPH.slice(offset, offset + char.length)).toBe(char);
      offset += char.length;
    }
  });
  return starts;
}

describe('Japanese line breaking (UAX #14 with JIS X 4051 kinsoku)', () => {
  it('the break opportunities: between ideographs and kana, never before small kana, ー, closing brackets or 。、, never after an opening bracket', () => {
    const breaks = (text: string) => {
      const cjk = CjkBreaks.for(text) as CjkBreaks;
      return [...text].map((_, i) => i).filter((i) => cjk.allows(i));
    };
    expect(breaks('日米同盟')).toEqual([1, 2, 3]);
    expect(breaks('ちょっと')).toEqual([3]);
    expect(breaks('ローテーション')).toEqual([2, 4, 6]);
    expect(breaks('「協定」に署名。')).toEqual([2, 4, 5, 6]);
    expect(breaks('協定（案）です')).toEqual([1, 2, 5, 6]);
    // Latin next to Japanese breaks as UAX #14 says; inside the Latin word it does not.
    expect(breaks('Kishida首相')).toEqual([7, 8]);
    expect(CjkBreaks.for('Plain English text')).toBeUndefined();
    expect(kinsokuForbids(0x65e5, 0x30fc)).toBe(true);
    expect(kinsokuForbids(0x300c, 0x65e5)).toBe(true);
    expect(kinsokuForbids(0x65e5, 0x672c)).toBe(false);
  });

  it('a real paragraph at twelve measures: every line break is a UAX #14 opportunity kinsoku allows, and the text extracts exactly', async () => {
    const opportunities = uax14(PARAGRAPH);
    let boundaries = 0;
    let heldBack = 0;
    for (let step = 0; step < 12; step++) {
      const side = 72 + step * 9.5;
      const result = await typeset(
        sampleInput({ model: { blocks: [para(PARAGRAPH)] }, manifest: manifest({ page: { margins: { top: 72, bottom: 72, left: side, right: side } } }) }),
      );
      const read = await readPdf(result.pdf);
      const page = read.pages[0] as PdfPage;
      const lines = paragraphLines(page);
      expect(lines.length).toBeGreaterThan(4);
      expect(lines.join('').replace(/\s/g, '')).toBe(PARAGRAPH.replace(/\s/g, ''));
      for (let i = 0; i + 1 < lines.length; i++) {
        const end = (lines[i] as string).trimEnd();
        const next = (lines[i + 1] as string).trimStart();
        expect(next, `line ${i + 2} at margin ${side}`).not.toMatch(NO_START);
        expect(end, `line ${i + 1} at margin ${side}`).not.toMatch(NO_END);
      }
      for (const start of lineStarts(lines)) {
        boundaries++;
        // English words inside the paragraph may also break at their hyphenation points (the added hyphen extracts as nothing).
        const insideLatinWord = /\p{Script=Latin}{2}$/u.test(PARAGRAPH.slice(0, start)) && /^\p{Script=Latin}{2}/u.test(PARAGRAPH.slice(start));
        expect(opportunities.has(start) || insideLatinWord || /\s/.test(PARAGRAPH[start - 1] ?? ''), `break at ${start}: …${PARAGRAPH.slice(start - 3, start)}|${PARAGRAPH.slice(start, start + 3)}…`).toBe(true);
        // A break one character later would have put a held-back character at the line start.
        if (NO_START.test(PARAGRAPH.slice(start + 1)) || NO_END.test(PARAGRAPH.slice(0, start + 1))) heldBack++;
      }
      // The lines fill the measure.
      const rows = new Map<number, { japanese: boolean; left: number; right: number }>();
      for (const item of page.items) {
        if (!item.str.trim()) continue;
        const key = Math.round(item.y);
        const row = rows.get(key) ?? { japanese: false, left: Number.POSITIVE_INFINITY, right: 0 };
        row.japanese ||= /[\u3040-\u9fff]/u.test(item.str);
        row.left = Math.min(row.left, item.x);
        row.right = Math.max(row.right, item.x + item.width);
        rows.set(key, row);
      }
      const widths = [...rows.entries()].sort((a, b) => a[0] - b[0]).filter(([, row]) => row.japanese).map(([, row]) => row.right - row.left);
      expect(widths.length).toBe(lines.length);
      const measure = page.width - 2 * side;
      const ideograph = /[\u3040-\u9fff（「]/u;
      widths.slice(0, -1).forEach((width, i) => {
        // Where a Japanese character follows, the line stops short only by what kinsoku held back, or a little more where
        // the paragraph breaker evens out the next line (less than four ideographs).
        if (!ideograph.test((lines[i + 1] as string).trimStart()[0] ?? '')) return;
        expect(width, `line ${i + 1} at margin ${side}: ${lines[i]}`).toBeGreaterThan(measure - 4 * 10.5);
      });
    }
    expect(boundaries).toBeGreaterThan(60);
    // The measures were chosen so that kinsoku had work to do.
    expect(heldBack).toBeGreaterThan(5);
  });

  it('Japanese and Latin on one line share one baseline', async () => {
    const result = await typeset(sampleInput({ model: { blocks: [para(PARAGRAPH)] } }));
    const page = (await readPdf(result.pdf)).pages[0] as PdfPage;
    const latin = page.items.filter((item) => /Space|Cooperation|Framework|counterstrike|capability/.test(item.str));
    expect(latin.length).toBeGreaterThan(0);
    for (const item of latin) {
      const japanese = page.items.filter((other) => /[\u3040-\u9fff]/u.test(other.str) && Math.abs(other.y - item.y) < item.fontSize);
      expect(japanese.length).toBeGreaterThan(0);
      for (const other of japanese) expect(Math.abs(other.y - item.y)).toBeLessThan(0.01);
    }
  });
});
