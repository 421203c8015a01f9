/**
 * Which pages of the preview list the user can see, worked out from the
 * pages' heights alone (a new document's pages are sized before they are
 * laid out): the page showing the most of itself comes first, as the page
 * to draw before an update is swapped in; the others are drawn right after.
 */
export interface ListGeometry {
  scrollTop: number;
  viewHeight: number;
  /** Space above the first page. */
  padding: number;
  /** Space between pages. */
  gap: number;
}

/** Indices of the pages that intersect the view, most visible first (the first page when none does). */
export function pagesInView(heights: number[], list: ListGeometry): number[] {
  const top = list.scrollTop;
  const bottom = top + Math.max(list.viewHeight, 1);
  const seen: { index: number; visible: number }[] = [];
  let y = list.padding;
  heights.forEach((height, index) => {
    const visible = Math.min(y + height, bottom) - Math.max(y, top);
    if (visible > 0) seen.push({ index, visible });
    y += height + list.gap;
  });
  if (!seen.length) return heights.length ? [0] : [];
  // Stable: of two pages equally visible, the upper one first.
  return seen.sort((a, b) => b.visible - a.visible || a.index - b.index).map((page) => page.index);
}
