/**
 * Tables: column widths from the content (each column between its longest
 * word and its unwrapped text), wrapped cells, per-column alignment, a header
 * row repeated at the top of every page the table continues on.
 */
import type { CellAlign, Inline, TableBlock } from '../model.js';
import type { TextStyle } from '../template-manifest.js';
import type { Canvas } from './canvas.js';
import type { BlockTag, Container, FlowItem } from './flow.js';
import { footnoteRefs, type FlowBuilder, type FlowContext, type LineMetrics } from './flow-builder.js';
import { breakLines, naturalWidths, tokenize, type Line, type Token } from './line-breaker.js';
import { drawLine } from './line-drawer.js';
import { tint } from './pdf-format.js';
import { addCaption, captionRuns, nextNumber } from './captions.js';
import { fitWordsToWidth } from './table-words.js';
import { plainText } from './block-text.js';

const PAD_X = 5;
const PAD_Y = 3.5;
const TABLE_SPACE_BEFORE = 8;
const TABLE_SPACE_AFTER = 10;

/** Columns this narrow (share of the table) are never wrapped when the others can give way. */
const NARROW_COLUMN_SHARE = 0.2;

/**
 * Share the width between columns: as wide as their text if it all fits.
 * Otherwise narrow columns (labels, numbers, years) keep their text on one
 * line and the wide ones wrap, in proportion to what wrapping saves them.
 */
export function columnWidths(min: readonly number[], max: readonly number[], available: number): number[] {
  const sumMin = min.reduce((a, b) => a + b, 0);
  const sumMax = max.reduce((a, b) => a + b, 0);
  if (sumMax <= available) {
    if (sumMax === 0) return max.map(() => available / max.length);
    return max.map((value) => value + ((available - sumMax) * value) / sumMax);
  }
  if (sumMin > available) return min.map((value) => (value * available) / sumMin);

  const widths = [...min];
  const fixed = new Array<boolean>(min.length).fill(false);
  let room = available - sumMin;
  const byWidth = max.map((value, i) => [value, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (const [value, i] of byWidth) {
    const grow = value - (min[i] as number);
    if (value > available * NARROW_COLUMN_SHARE || grow > room) break;
    widths[i] = value;
    fixed[i] = true;
    room -= grow;
  }
  let stretch = 0;
  max.forEach((value, i) => {
    if (!fixed[i]) stretch += value - (min[i] as number);
  });
  return widths.map((width, i) => (fixed[i] || stretch === 0 ? width : width + (room * ((max[i] as number) - (min[i] as number))) / stretch));
}

/**
 * Columns, in order, grouped so that each group's narrowest widths fit
 * `available` (a column too wide on its own gets a group of its own). The
 * first column (what each row is about: a service, a year) is repeated at
 * the head of every group when it is narrow enough to share the width.
 */
export function columnGroups(min: readonly number[], available: number): number[][] {
  const first = min[0] ?? 0;
  // Repeated only where it fits beside every other column: each part must fit the width.
  const repeatFirst = min.length > 2 && first <= available * ROW_LABEL_SHARE && min.every((width, c) => c === 0 || first + width <= available);
  const groups: number[][] = [];
  let current: number[] = repeatFirst ? [0] : [];
  let used = repeatFirst ? first : 0;
  // A group holds a column of its own, not only the repeated first one.
  const hasOwnColumn = (): boolean => current.length > (repeatFirst ? 1 : 0);
  min.forEach((width, c) => {
    if (repeatFirst && c === 0) return;
    if (hasOwnColumn() && used + width > available) {
      groups.push(current);
      current = repeatFirst ? [0] : [];
      used = repeatFirst ? first : 0;
    }
    current.push(c);
    used += width;
  });
  if (hasOwnColumn()) groups.push(current);
  return groups;
}

/** A first column at most this share of the width is repeated in each part of a table set in parts. */
const ROW_LABEL_SHARE = 1 / 3;

/** A word wider than this share of the column never pushes a table apart: it is cut (at its own slashes and hyphens first; see table-words.ts). */
const LONG_WORD_SHARE = 1 / 3;

/**
 * A table whose columns cannot fit side by side even with every cell
 * wrapped is set as several tables, each with a share of the columns (and
 * the header cells of those columns), one after the other: nothing is
 * squeezed on top of its neighbour. A warning says so.
 */
function addTableInParts(builder: FlowBuilder, block: TableBlock, context: FlowContext, groups: number[][], columns: number): void {
  const firstCell = [...block.header, ...(block.rows[0] ?? [])].map((cell) => plainText(cell)).find((text) => text !== '');
  const location = firstCell === undefined ? undefined : builder.env.locateTableRow?.(firstCell);
  builder.env.warnings.push({
    code: 'CONTENT_OVERFLOW',
    message: `A table with ${columns} columns${firstCell === undefined ? '' : ` (its first cell: "${firstCell}")`} is too wide for the page; it is set in ${groups.length} parts of up to ${plural(Math.max(...groups.map((g) => g.length)), 'column')} each, one below the other${groups.length > 1 && groups.every((g) => g[0] === 0) ? ', each beginning with the first column' : ''}.`,
    ...(location ? { location } : {}),
  });
  groups.forEach((group, part) => {
    addTable(
      builder,
      {
        ...block,
        // One caption (and one number) for the whole table, above its first part.
        caption: part === 0 ? block.caption : undefined,
        header: block.header.length > 0 ? group.map((c) => block.header[c] ?? []) : [],
        rows: block.rows.map((row) => group.map((c) => row[c] ?? [])),
        align: group.map((c) => block.align[c] ?? 'left'),
      },
      context,
    );
  });
}

interface RowLayout {
  cells: Line[][];
  lineCount: number;
}

interface SizedCells {
  headTokens?: Token[][];
  bodyTokens: Token[][][];
  min: number[];
  max: number[];
  headStyle: TextStyle;
  bodyStyle: TextStyle;
}

/** Steps a too-wide table's size goes down by (share of the table style's size). */
const SHRINK_STEP = 0.05;

/**
 * `fit`: how a table too wide for the column is set (default: the template's `tables.tooWide`);
 * `pageHeight`: height of the text on the pages it goes on (default: the template's).
 */
export function addTable(builder: FlowBuilder, block: TableBlock, context: FlowContext, fit?: 'shrink' | 'wrap' | 'landscape', pageHeight?: number): void {
  const env = builder.env;
  const columns = Math.max(block.header.length, ...block.rows.map((row) => row.length), 0);
  if (columns === 0) return;
  const tooWide = fit ?? env.manifest.tables.tooWide;

  const measure = (scale: number): SizedCells => {
    const baseBody = env.sheet.style('table');
    const baseHead = env.sheet.style('tableHeader');
    const bodyStyle = scale === 1 ? baseBody : { ...baseBody, size: baseBody.size * scale };
    const headStyle = scale === 1 ? baseHead : { ...baseHead, size: baseHead.size * scale };
    const tokensFor = (cells: readonly Inline[][], styleName: string, style: TextStyle): Token[][] =>
      Array.from({ length: columns }, (_, c) => tokenize(builder.spansFor(cells[c] ?? [], styleName, style, env.sheet.color(styleName))));
    const headTokens = block.header.length > 0 ? tokensFor(block.header, 'tableHeader', headStyle) : undefined;
    const bodyTokens = block.rows.map((row) => tokensFor(row, 'table', bodyStyle));
    const min = new Array<number>(columns).fill(0);
    const max = new Array<number>(columns).fill(0);
    for (const row of headTokens ? [headTokens, ...bodyTokens] : bodyTokens) {
      row.forEach((tokens, c) => {
        const natural = naturalWidths(tokens, context.width * LONG_WORD_SHARE);
        min[c] = Math.max(min[c] as number, natural.min + 2 * PAD_X);
        max[c] = Math.max(max[c] as number, natural.max + 2 * PAD_X);
      });
    }
    return { headTokens, bodyTokens, min, max, headStyle, bodyStyle };
  };

  // Like a browser's automatic table layout, no column is narrower than its longest word;
  // when those do not fit side by side, a template may set the table smaller first.
  let sized = measure(1);
  const sumMin = (cells: SizedCells) => cells.min.reduce((a, b) => a + b, 0);
  // Turned to landscape: on a page of its own, at the width of that page's text (and shrunk there if need be).
  const landscape = env.landscape;
  if (tooWide === 'landscape' && landscape && !landscape.suspended && context.chain.length === 0 && sumMin(sized) > context.width) {
    const start = builder.items.length;
    builder.gap(0);
    addTable(builder, block, { ...context, x: landscape.x, width: landscape.width }, 'shrink', landscape.height);
    landscape.tables.push({ start, end: builder.items.length });
    const first = builder.items[start];
    if (first) first.gapBefore = 0;
    return;
  }
  if ((tooWide === 'shrink' || tooWide === 'landscape') && sumMin(sized) > context.width) {
    const floor = env.manifest.tables.minScale;
    for (let scale = 1 - SHRINK_STEP; scale >= floor - 1e-9 && sumMin(sized) > context.width; scale -= SHRINK_STEP) {
      sized = measure(Math.max(scale, floor));
    }
  }
  const { min, max, headStyle, bodyStyle } = sized;
  const headTokens = sized.headTokens;
  const bodyTokens = sized.bodyTokens;
  // Still too wide at the smallest size: set the columns in parts, one below the other
  // (a template that keeps the size breaks its words with a visible hyphen instead).
  if (tooWide !== 'wrap' && columns > 1 && sumMin(sized) > context.width) {
    addTableInParts(builder, block, context, columnGroups(min, context.width), columns);
    return;
  }

  // The Table element holds its caption (first) and its rows.
  const tag = builder.tag('Table');
  if (block.caption) {
    const label = env.manifest.tables.label;
    addCaption(builder, captionRuns(label, nextNumber(builder, label), block.caption), context, tag, true);
  }

  const widths = columnWidths(min, max, context.width);
  const lefts: number[] = [];
  widths.reduce((x, width, c) => ((lefts[c] = x), x + width), context.x);
  const layoutRow = (row: Token[][]): RowLayout => {
    const cells = row.map((tokens, c) => {
      const inner = Math.max((widths[c] as number) - 2 * PAD_X, 1);
      return breakLines(fitWordsToWidth(tokens, inner), inner);
    });
    return { cells, lineCount: Math.max(1, ...cells.map((lines) => lines.length)) };
  };

  const headMetrics = builder.metrics(headStyle);
  const bodyMetrics = builder.metrics(bodyStyle);
  const headFill = tint(env.manifest.colors.accent, 0.9);
  const accent = env.manifest.colors.accent;
  const ruleColor = env.manifest.colors.rule;
  const align = (c: number): CellAlign => block.align[c] ?? 'left';

  // Table > THead/TBody > TR > TH/TD; fills and rules are Artifacts.
  const cellTags = (group: BlockTag, role: 'TH' | 'TD'): BlockTag[] => {
    const rowTag = builder.tag('TR', { parent: group });
    return Array.from({ length: columns }, () => builder.tag(role, role === 'TH' ? { parent: rowTag, scope: 'Column' } : { parent: rowTag }));
  };
  const drawCells = (canvas: Canvas, top: number, row: RowLayout, metrics: LineMetrics, from: number, to: number, cells: readonly BlockTag[], artifact?: boolean) => {
    row.cells.forEach((lines, c) => {
      if (!artifact) canvas.mark(cells[c] as BlockTag);
      for (let l = from; l < Math.min(to, lines.length); l++) {
        const lineTop = top + PAD_Y + (l - from) * metrics.height;
        drawLine(canvas, lines[l] as Line, {
          x: (lefts[c] as number) + PAD_X,
          width: Math.max((widths[c] as number) - 2 * PAD_X, 1),
          align: align(c),
          top: lineTop,
          height: metrics.height,
          baseline: lineTop + metrics.baseline,
          codeTint: env.codeTint,
        });
      }
    });
    if (!artifact) canvas.mark('Artifact');
  };

  // The container is needed by the header row's chain, the header by the container: fill it in after.
  const container: { padTop: number; padBottom: number; header?: FlowItem } = { padTop: 0, padBottom: 0 };
  const chain: readonly Container[] = [...context.chain, container];
  const gapBefore = builder.gap(block.caption ? 0 : TABLE_SPACE_BEFORE);

  let header: FlowItem | undefined;
  if (headTokens) {
    const row = layoutRow(headTokens);
    const cells = cellTags(builder.tag('THead', { parent: tag }), 'TH');
    const height = row.lineCount * headMetrics.height + 2 * PAD_Y;
    header = {
      ...footnoteRefs(row.cells.flat()),
      height,
      gapBefore,
      keepWithNext: true,
      chain,
      block: tag,
      textLines: row.lineCount,
      draw: (canvas, top, artifact) => {
        if (!artifact) canvas.mark('Artifact');
        canvas.fillRect(context.x, top, context.width, height, headFill);
        drawCells(canvas, top, row, headMetrics, 0, row.lineCount, cells, artifact);
        canvas.line(context.x, top + height, context.x + context.width, top + height, 0.75, accent);
      },
    };
    container.header = header;
    builder.push(header);
  }

  // Rows taller than a page are cut between lines.
  const maxLines = Math.max(1, Math.floor(((pageHeight ?? env.contentHeight) - (header?.height ?? 0) - 2 * PAD_Y) / bodyMetrics.height) - 1);
  const bodyTag = builder.tag('TBody', { parent: tag });
  bodyTokens.forEach((tokens, r) => {
    const row = layoutRow(tokens);
    const cells = cellTags(bodyTag, 'TD');
    for (let from = 0; from < row.lineCount; from += maxLines) {
      const to = Math.min(row.lineCount, from + maxLines);
      const height = (to - from) * bodyMetrics.height + 2 * PAD_Y;
      const isLast = r === bodyTokens.length - 1 && to === row.lineCount;
      builder.push({
        ...footnoteRefs(row.cells.flatMap((lines) => lines.slice(from, to))),
        height,
        gapBefore: !header && r === 0 && from === 0 ? gapBefore : 0,
        keepWithNext: false,
        chain,
        block: tag,
        textLines: to - from,
        draw: (canvas, top, artifact) => {
          drawCells(canvas, top, row, bodyMetrics, from, to, cells, artifact);
          canvas.line(context.x, top + height, context.x + context.width, top + height, isLast ? 0.75 : 0.5, isLast ? accent : ruleColor);
        },
      });
    }
  });
  builder.spaceAfter(TABLE_SPACE_AFTER);
}

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;
