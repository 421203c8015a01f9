/**
 * Several text columns per page: the flow is paginated column by column
 * (each column is a "page" of the column's width), then every `columns`
 * consecutive column layouts are gathered onto one page, each shifted right
 * by its column's offset. Reading order stays the flow's order: the first
 * column top to bottom, then the next.
 */
import type { PageLayout } from './paginate.js';

export interface ColumnSetup {
  readonly count: number;
  readonly width: number;
  /** Distance from one column's left edge to the next one's. */
  readonly step: number;
}

export function columnSetup(textWidth: number, count: number, gap: number): ColumnSetup {
  if (count <= 1) return { count: 1, width: textWidth, step: 0 };
  const width = (textWidth - gap * (count - 1)) / count;
  return { count, width, step: width + gap };
}

export function gatherColumns(columns: readonly PageLayout[], setup: ColumnSetup): PageLayout[] {
  if (setup.count <= 1) return [...columns];
  const pages: PageLayout[] = [];
  for (let start = 0; start < columns.length; start += setup.count) {
    const group = columns.slice(start, start + setup.count);
    pages.push({
      placed: group.flatMap((column, c) => column.placed.map((p) => ({ ...p, dx: c * setup.step }))),
      fragments: group.flatMap((column, c) => column.fragments.map((f) => ({ ...f, dx: c * setup.step }))),
      contentBottom: Math.max(...group.map((column) => column.contentBottom)),
      notes: group.flatMap((column, c) => column.notes.map((p) => ({ ...p, dx: c * setup.step }))),
    });
  }
  return pages;
}
