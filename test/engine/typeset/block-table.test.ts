import { describe, expect, it } from 'vitest';
import { columnGroups, columnWidths } from '../../../main/engine/typeset/block-table.js';
import { listMarker } from '../../../main/engine/typeset/block-list.js';

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('table column widths', () => {
  it('gives every column its text width plus a share of the slack when all fits', () => {
    const widths = columnWidths([20, 30], [100, 200], 600);
    expect(sum(widths)).toBeCloseTo(600, 6);
    expect(widths[1]! / widths[0]!).toBeCloseTo(2, 6);
  });

  it('keeps narrow columns on one line and wraps the wide one', () => {
    // Item, Description, Cost, Year: only the description is long.
    const min = [35, 90, 40, 30];
    const max = [45, 900, 42, 32];
    const widths = columnWidths(min, max, 468);
    expect(sum(widths)).toBeCloseTo(468, 6);
    expect(widths[0]).toBe(45);
    expect(widths[2]).toBe(42);
    expect(widths[3]).toBe(32);
    expect(widths[1]).toBeCloseTo(468 - 45 - 42 - 32, 6);
  });

  it('shares what wrapping saves between wide columns', () => {
    const widths = columnWidths([50, 50], [450, 250], 400);
    expect(sum(widths)).toBeCloseTo(400, 6);
    // Extra 300 shared 400:200.
    expect(widths[0]).toBeCloseTo(250, 6);
    expect(widths[1]).toBeCloseTo(150, 6);
  });

  it('scales the minimum widths down when even they do not fit', () => {
    const widths = columnWidths([300, 300], [400, 400], 300);
    expect(widths).toEqual([150, 150]);
  });
});

describe('a table set in parts', () => {
  it('repeats a narrow first column (the row labels) at the head of every part', () => {
    // Service, then twelve years, then notes: at most 400 wide.
    const min: number[] = [60, ...new Array<number>(12).fill(40), 90];
    const groups = columnGroups(min, 400);
    expect(groups.length).toBeGreaterThan(1);
    for (const group of groups) {
      expect(group[0]).toBe(0);
      expect(sum(group.map((c) => min[c]!))).toBeLessThanOrEqual(400);
    }
    // Every other column in exactly one part, in order.
    expect(groups.flatMap((group) => group.slice(1))).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
  });

  it('does not repeat a first column too wide to share, nor split two columns into more than two', () => {
    expect(columnGroups([200, 150, 150], 400)).toEqual([[0, 1], [2]]);
    expect(columnGroups([300, 300], 400)).toEqual([[0], [1]]);
    // A column that only fits the width alone: the first column is not repeated, and every part fits.
    expect(columnGroups([100, 250, 250, 250], 300)).toEqual([[0], [1], [2], [3]]);
  });
});

describe('list markers', () => {
  it('numbers 1., a., i. as lists nest and changes bullets', () => {
    expect([1, 2, 10].map((n) => listMarker(true, n, 0))).toEqual(['1.', '2.', '10.']);
    expect([1, 26, 27, 28].map((n) => listMarker(true, n, 1))).toEqual(['a.', 'z.', 'aa.', 'ab.']);
    expect([1, 4, 9, 14, 1999].map((n) => listMarker(true, n, 2))).toEqual(['i.', 'iv.', 'ix.', 'xiv.', 'mcmxcix.']);
    expect([0, 1, 2, 3].map((depth) => listMarker(false, 1, depth))).toEqual(['•', '–', '◦', '•']);
  });
});
