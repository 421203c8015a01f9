/**
 * Text columns for part of a brief (`::: columns 2`, `::: section ID
 * columns=2`): the flow is cut into runs, each set in one column or in
 * several. A run starts below what the page already holds; its columns are
 * paginated like pages of their own (paginate.ts, one frame per column), and
 * the columns of its last page are balanced: the shortest height that still
 * takes the run's last items in that many columns, so they end level (within
 * a line). What follows the run goes on below the columns.
 *
 * Footnotes referenced in a run sit at the foot of their column (laid out at
 * the column's width), as with a template's `layout.columns`; the last page of
 * a run that has footnotes is not balanced (its notes keep the page foot).
 *
 * A run may also be a table too wide for the text (`tables.tooWide:
 * landscape`): it gets pages of its own with a landscape MediaBox, its text
 * area and furniture laid out for that page. A landscape MediaBox rather than
 * /Rotate on a portrait page: every viewer shows it upright without relying on
 * /Rotate, text extraction and the structure tree see text in its own
 * direction, the banners sit at the top and bottom of the page as it is read
 * (as marking rules want), and print drivers turn a landscape page onto
 * portrait paper themselves (CUPS and the usual "auto-rotate" setting).
 */
import type { FlowItem } from './flow.js';
import { paginate, type PageArea, type PageLayout, type PageNotes, type PlacedItem } from './paginate.js';

export interface ColumnRun {
  /** Items [start, end) of the flow. */
  readonly start: number;
  readonly end: number;
  readonly count: number;
  /** Width of one column and distance from one column's left edge to the next. */
  readonly width: number;
  readonly step: number;
  /** A table too wide for the text, on pages of its own turned to landscape. */
  readonly landscape?: boolean;
}

/** Less room than this at the foot of a page is not worth starting a run in. */
const MIN_ROOM = 24;
const EPSILON = 0.01;

interface Segment {
  readonly start: number;
  readonly end: number;
  readonly run?: ColumnRun;
}

/**
 * Paginate a flow with column runs. `runNotes` are the footnotes laid out at
 * a run's column width, by column count.
 */
export function paginateWithRuns(
  items: readonly FlowItem[],
  area: PageArea,
  maxPages: number,
  runs: readonly ColumnRun[],
  footnotes: PageNotes | undefined,
  runNotes: ReadonlyMap<number, PageNotes>,
  landscapeArea?: PageArea,
): PageLayout[] {
  const pages: PageLayout[] = [];
  for (const segment of segments(items.length, runs)) {
    if (segment.end <= segment.start) continue;
    const slice = items.slice(segment.start, segment.end);
    const last = pages[pages.length - 1];
    // Where the page in hand has room left: below its content, above its notes.
    let frame: PageArea | undefined;
    const turned = segment.run?.landscape === true && landscapeArea !== undefined;
    if (last && !turned && !last.landscape) {
      const top = last.contentBottom + (slice[0]?.gapBefore ?? 0);
      const bottom = notesTop(last, area.bottom);
      if (bottom - top >= Math.max(MIN_ROOM, leadHeight(slice)) && !slice[0]?.pageBreak) frame = { top, bottom };
    }
    // A run that starts a new page takes along the items before it that must stay with it (a heading), full width above it.
    let carried: PageLayout | undefined;
    if (last && !frame && !turned && !last.landscape && segment.run) {
      carried = carryOver(last, items, area);
      if (carried) {
        pages[pages.length - 1] = withoutCarried(last, carried, area);
        frame = { top: carried.contentBottom + (slice[0]?.gapBefore ?? 0), bottom: area.bottom };
      }
    }
    const count = segment.run?.count ?? 1;
    const notes = segment.run ? (runNotes.get(count) ?? footnotes) : footnotes;
    const frameOf = (column: number) => (frame && column < count ? frame : area);
    let laid = turned ? paginate(slice, landscapeArea, maxPages, notes).map((page) => ({ ...page, landscape: true })) : paginate(slice, area, maxPages, notes, count, frameOf);
    laid = laid.map((page) => offsetIndexes(page, segment.start));
    let grouped = segment.run && !turned ? gather(laid, segment.run) : laid;
    if (segment.run && !turned) grouped = balanceLast(grouped, slice, segment.start, segment.run, grouped.length === 1 && frame ? frame : area, notes);
    const [first, ...rest] = grouped;
    if (!first) continue;
    if (carried) pages.push(merge(carried, first));
    else if (last && frame) pages[pages.length - 1] = merge(last, first);
    else pages.push(first);
    pages.push(...rest);
    if (pages.length > maxPages) break;
  }
  return pages;
}

function segments(count: number, runs: readonly ColumnRun[]): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const run of [...runs].sort((a, b) => a.start - b.start)) {
    if (run.start > at) out.push({ start: at, end: run.start });
    out.push({ start: run.start, end: run.end, run });
    at = run.end;
  }
  if (at < count || out.length === 0) out.push({ start: at, end: count });
  return out;
}

/** Height of the first item and the items it must stay with (a heading and its first lines). */
function leadHeight(slice: readonly FlowItem[]): number {
  let height = 0;
  for (const item of slice) {
    height += item.height;
    if (!item.keepWithNext || height > 200) break;
  }
  return height;
}

function notesTop(page: PageLayout, bottom: number): number {
  return page.notes.reduce((top, placed) => Math.min(top, placed.top), bottom);
}

function offsetIndexes(page: PageLayout, offset: number): PageLayout {
  const shift = (placed: PlacedItem): PlacedItem => ({ ...placed, index: placed.index + offset });
  return { ...page, placed: page.placed.map(shift), notes: page.notes.map(shift) };
}

/** Every `count` column layouts onto one page, each shifted right by its column's offset. */
function gather(columns: readonly PageLayout[], run: ColumnRun): PageLayout[] {
  const pages: PageLayout[] = [];
  for (let start = 0; start < columns.length; start += run.count) {
    const group = columns.slice(start, start + run.count);
    pages.push({
      placed: group.flatMap((column, c) => column.placed.map((p) => ({ ...p, dx: (p.dx ?? 0) + c * run.step }))),
      fragments: group.flatMap((column, c) => column.fragments.map((f) => ({ ...f, dx: (f.dx ?? 0) + c * run.step }))),
      contentBottom: Math.max(...group.map((column) => column.contentBottom)),
      notes: group.flatMap((column, c) => column.notes.map((p) => ({ ...p, dx: (p.dx ?? 0) + c * run.step }))),
    });
  }
  return pages;
}

/**
 * The run's last page again, in columns of the least height that still takes
 * its items in `count` columns (keep rules and all), found by bisection.
 */
function balanceLast(pages: PageLayout[], slice: readonly FlowItem[], offset: number, run: ColumnRun, frame: PageArea, notes: PageNotes | undefined): PageLayout[] {
  const last = pages[pages.length - 1];
  if (!last || last.notes.length > 0 || last.placed.length === 0) return pages;
  const from = Math.min(...last.placed.map((placed) => placed.index)) - offset;
  const rest = slice.slice(from);
  if (rest.some((item) => item.pageBreak || (item.noteRefs?.length ?? 0) > 0)) return pages;
  const tallest = Math.max(...rest.map((item) => item.height));
  const layoutAt = (height: number): PageLayout[] | undefined => {
    try {
      const columns = paginate(rest, { top: frame.top, bottom: frame.top + height }, 1, notes, run.count);
      return columns.length <= run.count ? columns : undefined;
    } catch {
      // More columns than one page holds: too short.
      return undefined;
    }
  };
  let low = tallest;
  let high = frame.bottom - frame.top;
  let best = layoutAt(high);
  if (!best) return pages;
  while (high - low > 0.5) {
    const mid = (low + high) / 2;
    const columns = layoutAt(mid);
    if (columns) {
      best = columns;
      high = mid;
    } else low = mid;
  }
  const balanced = gather(best.map((page) => offsetIndexes(page, offset + from)), run)[0];
  if (!balanced || balanced.contentBottom > last.contentBottom + EPSILON) return pages;
  return [...pages.slice(0, -1), balanced];
}

/** The last items of a page that must stay with what follows (plain items, no notes), placed again at the top of a new page. */
function carryOver(page: PageLayout, items: readonly FlowItem[], area: PageArea): PageLayout | undefined {
  let from = page.placed.length;
  while (from > 1) {
    const placed = page.placed[from - 1] as PlacedItem;
    const item = placed.item;
    if (!item.keepWithNext || item.chain.length > 0 || item.edge || item.pageBreak || (item.noteRefs?.length ?? 0) > 0 || placed.dx) break;
    from--;
  }
  // Nothing to carry, or the whole page (it would only move the problem).
  if (from === page.placed.length || from <= 1 || items.length === 0) return undefined;
  const placed: PlacedItem[] = [];
  let y = area.top;
  page.placed.slice(from).forEach((moved, k) => {
    if (k > 0) y += moved.item.gapBefore;
    placed.push({ ...moved, top: y });
    y += moved.item.height;
  });
  return { placed, fragments: [], contentBottom: y, notes: [] };
}

function withoutCarried(page: PageLayout, carried: PageLayout, area: PageArea): PageLayout {
  const kept = page.placed.slice(0, page.placed.length - carried.placed.length);
  return { ...page, placed: kept, contentBottom: kept.reduce((bottom, p) => Math.max(bottom, p.top + p.item.height), area.top) };
}

/** A run (or the text after one) that starts on a page already holding content. */
function merge(page: PageLayout, next: PageLayout): PageLayout {
  return {
    placed: [...page.placed, ...next.placed],
    fragments: [...page.fragments, ...next.fragments],
    contentBottom: Math.max(page.contentBottom, next.contentBottom),
    notes: [...page.notes, ...next.notes],
  };
}
