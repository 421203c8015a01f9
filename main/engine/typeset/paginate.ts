/**
 * Stack flow items onto pages. An item that does not fit moves to the next
 * page together with the items before it that must stay with it (a heading
 * and the first lines after it, the first two lines of a paragraph, the last
 * two). Boxes split across pages close and reopen with their padding; a
 * table's header row is repeated at the top of each continuation.
 */
import { BriefError } from '../errors.js';
import type { Container, FlowItem } from './flow.js';

/** Pages a build may run to unless told otherwise (the command line's --max-pages sets another limit). */
export const DEFAULT_MAX_PAGES = 500;

/** The error for a document that would pass its page limit (a runaway template loop, or simply a long text). */
export function pageLimitError(maxPages: number): BriefError {
  if (maxPages !== DEFAULT_MAX_PAGES) {
    return new BriefError('TEMPLATE_LIMIT', `The document needs more than ${maxPages} page${maxPages === 1 ? '' : 's'}, the limit set for this build; raise the limit or shorten the content.`);
  }
  return new BriefError('TEMPLATE_LIMIT', `The document would run past ${maxPages} pages, the most a build typesets; shorten the content or check the template for a runaway loop.`);
}

export interface PlacedItem {
  readonly item: FlowItem;
  readonly top: number;
  /** Index of the item in the flow (repeated headers carry the index of the item they precede). */
  readonly index: number;
  /** Horizontal shift of the column it landed in (0: the first column). */
  readonly dx?: number;
}

export interface ContainerFragment {
  readonly container: Container;
  dx?: number;
  top: number;
  bottom: number;
  first: boolean;
  last: boolean;
}

export interface PageLayout {
  readonly placed: PlacedItem[];
  /** Per container seen on the page, in order of first appearance (outer before inner). */
  readonly fragments: ContainerFragment[];
  /** Lowest point used by content. */
  readonly contentBottom: number;
  /** Footnote lines at the foot of the page (the separator first), index = the item that referenced them. */
  readonly notes: PlacedItem[];
  /** A page turned to landscape (a wide table): its own size and furniture. */
  readonly landscape?: boolean;
}

/** Footnotes to place at the foot of the page of their first reference. */
export interface PageNotes {
  /** Lines of each note, by number. */
  readonly byNumber: ReadonlyMap<number, readonly FlowItem[]>;
  /** The short rule above the notes of a page. */
  readonly separator: FlowItem;
}

interface NoteLine {
  readonly item: FlowItem;
  /** The flow item that brought the note onto the page (or carried it over). */
  readonly index: number;
  readonly number: number;
}

export interface PageArea {
  top: number;
  bottom: number;
}

const EPSILON = 0.01;

/**
 * `columnsPerPage` > 1: each returned layout is one column, and the limit
 * counts pages of that many columns (see columns.ts).
 */
export function paginate(items: readonly FlowItem[], pageArea: PageArea, maxPages: number, footnotes?: PageNotes, columnsPerPage = 1, frameOf?: (page: number) => PageArea): PageLayout[] {
  const pages: { placed: PlacedItem[]; reopened: Map<Container, number>; notes: NoteLine[]; area: PageArea }[] = [];
  // `frameOf` gives a page (column) a frame of its own: the room left below other content (column-runs.ts).
  let area = frameOf?.(0) ?? pageArea;
  let placed: PlacedItem[] = [];
  let reopened = new Map<Container, number>();
  let y = area.top;
  let pageStart = 0;
  // Footnote lines on this page, lines carried to the next, notes already placed.
  let notes: NoteLine[] = [];
  let carried: NoteLine[] = [];
  const notesDone = new Set<number>();
  const separatorHeight = footnotes?.separator.height ?? 0;
  const notesHeight = (lines: readonly NoteLine[]) => (lines.length === 0 ? 0 : lines.reduce((sum, line) => sum + line.item.height, separatorHeight));

  const newPage = (firstIndex: number) => {
    if (pages.length >= maxPages * columnsPerPage) {
      throw pageLimitError(maxPages);
    }
    placed = [];
    reopened = new Map();
    // Lines of a note that did not fit under its reference open the next page's notes.
    const fromBefore = carried;
    carried = [];
    notes = [];
    area = frameOf?.(pages.length) ?? pageArea;
    pages.push({ placed, reopened, notes, area });
    y = area.top;
    pageStart = firstIndex;
    const room = (area.bottom - area.top) / 2;
    for (const line of fromBefore) {
      if (notes.length > 0 && notesHeight([...notes, line]) > room) carried.push(line);
      else notes.push(line);
    }
  };
  /** The lines of the notes item i references that are not on a page yet. */
  const newNoteLines = (item: FlowItem, index: number): NoteLine[] => {
    const lines: NoteLine[] = [];
    for (const number of item.noteRefs ?? []) {
      if (notesDone.has(number)) continue;
      for (const line of footnotes?.byNumber.get(number) ?? []) lines.push({ item: line, index, number });
    }
    return lines;
  };

  newPage(0);
  let i = 0;
  while (i < items.length) {
    const item = items[i] as FlowItem;
    const atTop = placed.length === 0;
    if (item.pageBreak) {
      if (!atTop) newPage(i + 1);
      // In columns a page break skips the columns left on the page.
      while ((pages.length - 1) % columnsPerPage !== 0) newPage(i + 1);
      i++;
      continue;
    }
    if (atTop && item.discardAtTop) {
      i++;
      continue;
    }

    let reopen = 0;
    if (atTop) for (const container of item.chain) reopen += container.padTop + repeatedHeaderHeight(container, item);
    const gap = atTop ? 0 : item.gapBefore;
    let closing = 0;
    for (const container of item.chain) closing += container.padBottom;

    const incoming = newNoteLines(item, i);
    const bottomWith = (lines: readonly NoteLine[]) => area.bottom - notesHeight([...notes, ...lines]);
    // Ideally the whole note fits under its reference; at least its first line must.
    const fitsWhole = y + gap + item.height + closing <= bottomWith(incoming) + EPSILON;
    const fitsStart = incoming.length > 0 && !fitsWhole && y + gap + item.height + closing <= bottomWith(incoming.slice(0, 1)) + EPSILON;
    if (atTop || fitsWhole || fitsStart) {
      const below = y + gap + item.height + closing;
      for (const line of incoming) {
        notesDone.add(line.number);
        if (carried.length === 0 && (fitsWhole || below <= bottomWith([line]) + EPSILON || notes.length === 0)) notes.push(line);
        else carried.push(line);
      }
      if (atTop && reopen > 0) {
        for (const container of item.chain) {
          reopened.set(container, y);
          y += container.padTop;
          const header = container.header;
          if (header && header !== item) {
            placed.push({ item: header, top: y, index: i });
            y += header.height;
          }
        }
      }
      placed.push({ item, top: y + gap, index: i });
      y += gap + item.height;
      i++;
      continue;
    }

    // Break before item i, or earlier if the items before it must stay with it.
    let k = i;
    while (k > pageStart && (items[k - 1] as FlowItem).keepWithNext) k--;
    if (k > pageStart) {
      while (placed.length > 0 && (placed[placed.length - 1] as PlacedItem).index >= k) placed.pop();
      // Notes brought by the items moved on go with them.
      for (const line of [...notes, ...carried]) if (line.index >= k) notesDone.delete(line.number);
      notes.splice(0, notes.length, ...notes.filter((line) => line.index < k));
      carried = carried.filter((line) => line.index < k);
      i = k;
    }
    newPage(i);
  }

  while (carried.length > 0) newPage(items.length);

  return pages.map((page) => ({
    placed: page.placed,
    fragments: containerFragments(page.placed, page.reopened),
    contentBottom: page.placed.reduce((bottom, p) => Math.max(bottom, p.top + p.item.height), page.area.top),
    notes: placeNotes(page.notes, page.area.bottom, footnotes?.separator),
  }));
}

/** Stack a page's note lines up from the bottom of the text area, the separator on top. */
function placeNotes(lines: readonly NoteLine[], bottom: number, separator: FlowItem | undefined): PlacedItem[] {
  if (lines.length === 0 || !separator) return [];
  let y = bottom - lines.reduce((sum, line) => sum + line.item.height, separator.height);
  const out: PlacedItem[] = [{ item: separator, top: y, index: lines[0]!.index }];
  y += separator.height;
  for (const line of lines) {
    out.push({ item: line.item, top: y, index: line.index });
    y += line.item.height;
  }
  return out;
}

function repeatedHeaderHeight(container: Container, item: FlowItem): number {
  return container.header && container.header !== item ? container.header.height : 0;
}

function containerFragments(placed: readonly PlacedItem[], reopened: ReadonlyMap<Container, number>): ContainerFragment[] {
  const fragments = new Map<Container, ContainerFragment>();
  for (const { item, top } of placed) {
    const scopes = item.owner ? [...item.chain, item.owner] : item.chain;
    // Bottom edge per scope: the item, plus the closing padding of every box between it and that scope.
    const edges: number[] = new Array<number>(scopes.length);
    let edge = top + item.height;
    for (let s = scopes.length - 1; s >= 0; s--) {
      const container = scopes[s] as Container;
      if (!(item.owner === container && item.edge === 'close')) edge += container.padBottom;
      edges[s] = edge;
    }
    // Outermost first, so a box is listed (and drawn) before the boxes inside it.
    for (let s = 0; s < scopes.length; s++) {
      const container = scopes[s] as Container;
      const ownEdge = item.owner === container;
      let fragment = fragments.get(container);
      if (!fragment) {
        const opensHere = ownEdge && item.edge === 'open';
        fragment = { container, top: opensHere ? top : (reopened.get(container) ?? top), bottom: edges[s] as number, first: opensHere, last: false };
        fragments.set(container, fragment);
      }
      fragment.bottom = Math.max(fragment.bottom, edges[s] as number);
      if (ownEdge && item.edge === 'close') fragment.last = true;
    }
  }
  return [...fragments.values()];
}
