/**
 * Stack flow items onto pages. An item that does not fit moves to the next
 * page together with the items before it that must stay with it (a heading
 * and the first lines after it, the first two lines of a paragraph, the last
 * two). Boxes split across pages close and reopen with their padding; a
 * table's header row is repeated at the top of each continuation.
 */
import { BriefError } from '../errors.js';
import type { Container, FlowItem } from './flow.js';

export interface PlacedItem {
  readonly item: FlowItem;
  readonly top: number;
  /** Index of the item in the flow (repeated headers carry the index of the item they precede). */
  readonly index: number;
}

export interface ContainerFragment {
  readonly container: Container;
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
}

export interface PageArea {
  top: number;
  bottom: number;
}

const EPSILON = 0.01;

export function paginate(items: readonly FlowItem[], area: PageArea, maxPages: number): PageLayout[] {
  const pages: { placed: PlacedItem[]; reopened: Map<Container, number> }[] = [];
  let placed: PlacedItem[] = [];
  let reopened = new Map<Container, number>();
  let y = area.top;
  let pageStart = 0;

  const newPage = (firstIndex: number) => {
    if (pages.length >= maxPages) {
      throw new BriefError('TEMPLATE_LIMIT', `The document would run past ${maxPages} pages, the most Brief Studio will typeset; shorten the content or check the template for a runaway loop.`);
    }
    placed = [];
    reopened = new Map();
    pages.push({ placed, reopened });
    y = area.top;
    pageStart = firstIndex;
  };

  newPage(0);
  let i = 0;
  while (i < items.length) {
    const item = items[i] as FlowItem;
    const atTop = placed.length === 0;
    if (item.pageBreak) {
      if (!atTop) newPage(i + 1);
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

    if (atTop || y + gap + item.height + closing <= area.bottom + EPSILON) {
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
      i = k;
    }
    newPage(i);
  }

  return pages.map((page) => ({
    placed: page.placed,
    fragments: containerFragments(page.placed, page.reopened),
    contentBottom: page.placed.reduce((bottom, p) => Math.max(bottom, p.top + p.item.height), area.top),
  }));
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
