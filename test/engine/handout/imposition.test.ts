/** Imposition order: which logical page lands in which slot of which sheet side. */
import { describe, expect, it } from 'vitest';
import { bookletSides, impose } from '../../../main/engine/handout/imposition.js';

/**
 * Reads a printed booklet the way a person does: stack the sheets (front up,
 * sheet 1 on the outside), fold them, and turn the pages. Front and back of
 * sheet s are sides 2s and 2s+1; each side is [left, right].
 */
function readFoldedBooklet(sides: (number | null)[][]): (number | null)[] {
  const sheets = sides.length / 2;
  const firstHalf: (number | null)[] = [];
  const secondHalf: (number | null)[] = [];
  for (let s = 0; s < sheets; s++) {
    const [, frontRight] = sides[2 * s]!;
    const [backLeft] = sides[2 * s + 1]!;
    firstHalf.push(frontRight!, backLeft!);
  }
  for (let s = sheets - 1; s >= 0; s--) {
    const [, backRight] = sides[2 * s + 1]!;
    const [frontLeft] = sides[2 * s]!;
    secondHalf.push(backRight!, frontLeft!);
  }
  return [...firstHalf, ...secondHalf];
}

describe('booklet imposition', () => {
  it.each(Array.from({ length: 17 }, (_, i) => i + 1))('%i pages: padded to a multiple of 4, each page once, reads in order when folded', (pages) => {
    const sides = bookletSides(pages);
    const padded = Math.ceil(pages / 4) * 4;
    expect(sides).toHaveLength(padded / 2); // two sides per sheet, a quarter of the padded pages per sheet
    for (const side of sides) expect(side).toHaveLength(2);
    const slots = sides.flat();
    expect(slots.filter((s) => s === null)).toHaveLength(padded - pages);
    expect(slots.filter((s): s is number => s !== null).sort((a, b) => a - b)).toEqual([...Array(pages).keys()]);
    // The folded stack reads 0, 1, 2 … then the blanks, which fall at the back.
    expect(readFoldedBooklet(sides)).toEqual([...Array(padded).keys()].map((n) => (n < pages ? n : null)));
    expect(impose('booklet', pages)).toEqual(sides);
  });

  it('matches the printer’s tables for 1, 4, 8 and 10 pages (1-based, 0 = blank)', () => {
    const oneBased = (pages: number) => bookletSides(pages).map((side) => side.map((p) => (p === null ? 0 : p + 1)));
    expect(oneBased(1)).toEqual([[0, 1], [0, 0]]);
    expect(oneBased(4)).toEqual([[4, 1], [2, 3]]);
    expect(oneBased(8)).toEqual([[8, 1], [2, 7], [6, 3], [4, 5]]);
    expect(oneBased(10)).toEqual([[0, 1], [2, 0], [10, 3], [4, 9], [8, 5], [6, 7]]);
  });
});

describe('n-up imposition', () => {
  it('1-up puts one page per side', () => {
    expect(impose('1-up', 3)).toEqual([[0], [1], [2]]);
  });

  it('2-up pairs pages left to right, a blank after an odd last page', () => {
    expect(impose('2-up', 1)).toEqual([[0, null]]);
    expect(impose('2-up', 4)).toEqual([[0, 1], [2, 3]]);
    expect(impose('2-up', 5)).toEqual([[0, 1], [2, 3], [4, null]]);
  });

  it('4-up fills each side in reading order, left to right then top to bottom', () => {
    expect(impose('4-up', 4)).toEqual([[0, 1, 2, 3]]);
    expect(impose('4-up', 9)).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, null, null, null]]);
    for (let pages = 1; pages <= 17; pages++) {
      const sides = impose('4-up', pages);
      expect(sides).toHaveLength(Math.ceil(pages / 4));
      expect(sides.flat().filter((p) => p !== null)).toEqual([...Array(pages).keys()]);
    }
  });

  it('refuses an empty document', () => {
    expect(() => impose('2-up', 0)).toThrow(RangeError);
  });
});
