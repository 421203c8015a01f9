/**
 * The table of contents: one entry per outline heading down to the template's
 * depth, dot leaders, right-aligned page numbers, the whole entry a link to
 * the heading. The entries' geometry does not depend on the numbers (their
 * column has a fixed width), so the TOC is laid out once; the numbers are
 * read at drawing time, after pagination has placed every heading.
 */
import type { TocBlock } from '../model.js';
import type { Canvas } from './canvas.js';
import type { HeadingAnchor } from './flow.js';
import type { FlowBuilder, FlowContext } from './flow-builder.js';
import { breakLines, tokenize, type Line } from './line-breaker.js';
import { drawLine } from './line-drawer.js';

const LEADER_PITCH = 4;
const LEADER_RADIUS = 0.55;
/** Up to this many entries, the table of contents is never split across pages. */
const KEEP_WHOLE_ENTRIES = 20;

export function tocEntriesFor(headings: readonly HeadingAnchor[], depth: number): HeadingAnchor[] {
  return headings.filter((heading) => heading.outline && heading.title !== '' && heading.level <= depth);
}

export function addToc(builder: FlowBuilder, block: TocBlock, context: FlowContext): void {
  const env = builder.env;
  const entries = env.tocEntries;
  const tag = builder.tag('TOC');
  // The title sits before the list: a TOC holds only its entries (TOCI).
  const titleTag = builder.tag('P');

  const titleStyle = env.sheet.style('h2');
  const title = block.title ?? env.manifest.toc.title;
  if (title) {
    builder.textItems(builder.lines(builder.spansFor([{ text: title }], 'h2', titleStyle), context.width), {
      x: context.x,
      width: context.width,
      align: 'left',
      metrics: builder.metrics(titleStyle),
      block: titleTag,
      chain: context.chain,
      gapBefore: builder.gap(titleStyle.spaceBefore),
      keepAll: true,
    });
    builder.keepNext(1);
    builder.spaceAfter(titleStyle.spaceAfter + 2);
  }

  const style = env.sheet.style('toc');
  const color = env.sheet.color('toc');
  const leaderColor = env.manifest.colors.muted;
  const metrics = builder.metrics(style);
  const nested = entries.some((entry) => entry.level > 1);
  const numberSample = breakLines(tokenize(env.spans.spans([{ text: '888' }], style, color)), Number.POSITIVE_INFINITY)[0] as Line;
  const numberColumn = numberSample.width + style.size * 1.5;
  const right = context.x + context.width;

  // A short contents list reads best in one piece: it moves to the next page whole.
  const keepWhole = entries.length <= KEEP_WHOLE_ENTRIES;
  entries.forEach((entry, entryIndex) => {
    const lastEntry = entryIndex === entries.length - 1;
    const indent = (entry.level - 1) * style.size * 1.5;
    const entryStyle = nested && entry.level === 1 ? { ...style, bold: true } : style;
    const textWidth = Math.max(context.width - indent - numberColumn, 1);
    const lines = builder.lines(env.spans.spans([{ text: entry.title }], entryStyle, color), textWidth);
    const x = context.x + indent;
    const target = { kind: 'dest' as const, name: entry.id };
    const gapBefore = builder.gap(nested && entry.level === 1 ? style.spaceAfter + 4 : style.spaceAfter);
    const entryTag = builder.tag('TOCI', { parent: tag });
    lines.forEach((line, index) => {
      const isLast = index === lines.length - 1;
      builder.push({
        height: metrics.height,
        gapBefore: index === 0 ? gapBefore : 0,
        keepWithNext: !isLast || (keepWhole && !lastEntry),
        chain: context.chain,
        block: entryTag,
        textLines: 1,
        draw: (canvas: Canvas, top: number) => {
          const baseline = top + metrics.baseline;
          drawLine(canvas, line, { x, width: textWidth, align: 'left', top, height: metrics.height, baseline, codeTint: env.codeTint });
          if (isLast) drawNumberAndLeaders(canvas, entry.id, x + line.width, top, baseline);
          canvas.link(x, top, right - x, metrics.height, target);
        },
      });
    });
  });
  builder.spaceAfter(env.sheet.style('body').spaceAfter + 6);

  function drawNumberAndLeaders(canvas: Canvas, id: string, textEnd: number, top: number, baseline: number): void {
    const page = env.pageOf.get(id);
    if (page === undefined) return;
    const number = breakLines(tokenize(env.spans.spans([{ text: String(page) }], style, color)), Number.POSITIVE_INFINITY)[0] as Line;
    const numberX = right - number.width;
    drawLine(canvas, number, { x: numberX, width: number.width, align: 'left', top, height: metrics.height, baseline, codeTint: env.codeTint });
    // Dots on a fixed grid, so leaders line up from entry to entry.
    const first = Math.ceil((textEnd + LEADER_PITCH) / LEADER_PITCH) * LEADER_PITCH;
    const dotY = baseline - LEADER_RADIUS - 0.2;
    for (let dotX = first; dotX <= numberX - LEADER_PITCH; dotX += LEADER_PITCH) canvas.dot(dotX, dotY, LEADER_RADIUS, leaderColor);
  }
}
