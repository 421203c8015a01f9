/**
 * Which logical page goes where: the order of pages on the sides of the
 * printed sheets for each handout layout. Pure arithmetic, no PDF.
 * Page numbers are 0-based; `null` is a blank slot.
 */
export type HandoutLayout = '1-up' | '2-up' | '4-up' | 'booklet';

export const HANDOUT_LAYOUTS: readonly HandoutLayout[] = ['1-up', '2-up', '4-up', 'booklet'];

/** One printed side of a sheet: its slots in reading order (left to right, top to bottom). */
export type SheetSide = (number | null)[];

export function slotsPerSide(layout: HandoutLayout): number {
  return layout === '1-up' ? 1 : layout === '4-up' ? 4 : 2;
}

export function impose(layout: HandoutLayout, pageCount: number): SheetSide[] {
  if (!Number.isInteger(pageCount) || pageCount < 1) throw new RangeError(`a handout needs at least one page, got ${pageCount}`);
  if (layout === 'booklet') return bookletSides(pageCount);
  const per = slotsPerSide(layout);
  const sides: SheetSide[] = [];
  for (let first = 0; first < pageCount; first += per) {
    sides.push(Array.from({ length: per }, (_, i) => (first + i < pageCount ? first + i : null)));
  }
  return sides;
}

/**
 * Saddle-stitch order: the pages are padded with blanks to a multiple of 4;
 * each sheet carries four pages, two per side, so that the stack of sheets,
 * printed on both sides (flipped on the short edge), folded in the middle
 * and stapled, reads 1, 2, 3… Sides come in print order: front of sheet 1,
 * back of sheet 1, front of sheet 2…
 */
export function bookletSides(pageCount: number): SheetSide[] {
  const padded = Math.ceil(pageCount / 4) * 4;
  const page = (n: number): number | null => (n < pageCount ? n : null);
  const sides: SheetSide[] = [];
  for (let sheet = 0; sheet < padded / 4; sheet++) {
    const outer = 2 * sheet;
    sides.push([page(padded - 1 - outer), page(outer)]); // front: last-but-k on the left, k on the right
    sides.push([page(outer + 1), page(padded - 2 - outer)]); // back
  }
  return sides;
}
