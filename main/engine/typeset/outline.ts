/**
 * PDF bookmarks from the headings, nested by level; each points at the top of
 * its heading (not just the page).
 */
import type { HeadingAnchor } from './flow.js';
import type { DocumentInternals, OutlineNode } from './pdfkit-internals.js';

export interface PlacedHeading {
  readonly anchor: HeadingAnchor;
  /** 0-based page index. */
  readonly pageIndex: number;
  readonly top: number;
}

export interface OutlineEntry {
  title: string;
  level: number;
  /** 1-based page number. */
  page: number;
}

export function buildOutline(doc: DocumentInternals, headings: readonly PlacedHeading[], pageHeight: number): OutlineEntry[] {
  const entries: OutlineEntry[] = [];
  const kids = (doc as unknown as { _root: { data: { Pages: { data: { Kids: unknown[] } } } } })._root.data.Pages.data.Kids;
  const stack: { level: number; node: OutlineNode }[] = [];
  for (const { anchor, pageIndex, top } of headings) {
    if (!anchor.outline || !anchor.title) continue;
    while (stack.length > 0 && (stack[stack.length - 1] as { level: number }).level >= anchor.level) stack.pop();
    const parent = stack.length > 0 ? (stack[stack.length - 1] as { node: OutlineNode }).node : doc.outline;
    const node = parent.addItem(anchor.title, { pageNumber: pageIndex, expanded: true });
    node.outlineData.Dest = [kids[pageIndex], 'XYZ', null, pageHeight - top, null];
    stack.push({ level: anchor.level, node });
    entries.push({ title: anchor.title, level: anchor.level, page: pageIndex + 1 });
  }
  // The outline root counts its open entries (all are open); PDF/A requires the entry.
  if (entries.length > 0) doc.outline.outlineData.Count = entries.length;
  return entries;
}
