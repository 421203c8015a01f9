/**
 * Blocks drawn inside a box or beside a bar: callouts, quotations, code.
 * Each is a Container: its background, bar or border is drawn once per page
 * fragment, so a long callout splits across pages with a box on each.
 */
import type { CalloutBlock, CodeBlock, QuoteBlock } from '../model.js';
import type { Container, FlowItem } from './flow.js';
import type { FlowBuilder, FlowContext } from './flow-builder.js';
import type { Line } from './line-breaker.js';
import { drawLine, type Align } from './line-drawer.js';
import { deriveLineKey, lineKey } from './line-memo.js';

/** Space around boxes, in points: boxes need more air than paragraphs. */
const BOX_SPACE = 10;
const QUOTE_BAR_WIDTH = 2;
const CODE_PADDING_X = 8;
const CODE_PADDING_Y = 6;

/*
 * Drawings made from the values they draw alone, so an item or box kept for
 * later renders (block-memo.ts) holds nothing else of the render that made it.
 */

/** A callout's background with its accent bar, or its border. */
function calloutBox(x: number, width: number, bar: number, background: string, accent: string, border: string): NonNullable<Container['decorate']> {
  return (canvas, { top, bottom }) => {
    canvas.fillRect(x, top, width, bottom - top, background);
    if (bar > 0) canvas.fillRect(x, top, bar, bottom - top, accent);
    else canvas.strokeRect(x + 0.375, top + 0.375, width - 0.75, bottom - top - 0.75, 0.75, border);
  };
}

/** A filled band down the box (a quotation's bar, a code block's tint). */
function band(x: number, width: number, color: string): NonNullable<Container['decorate']> {
  return (canvas, { top, bottom }) => canvas.fillRect(x, top, width, bottom - top, color);
}

/** A callout's title again ("(continued)") at the top of a continuation page. */
function titleDraw(lines: readonly Line[], at: { x: number; width: number; align: Align; height: number; baseline: number; codeTint: string }): FlowItem['draw'] {
  return (canvas, top) =>
    lines.forEach((line, k) => drawLine(canvas, line, { x: at.x, width: at.width, align: at.align, top: top + k * at.height, height: at.height, baseline: top + k * at.height + at.baseline, codeTint: at.codeTint }));
}

export function addCallout(builder: FlowBuilder, block: CalloutBlock, context: FlowContext): void {
  const env = builder.env;
  const look = env.sheet.callout(block.kind);
  const column = builder.nestedColumn(context, look.accentBar + look.padding, look.padding);
  const bar = look.accentBar;
  const container: Container & { header?: FlowItem } = {
    padTop: column.flattened ? 0 : look.padding,
    padBottom: column.flattened ? 0 : look.padding,
    drawKey: `callout|${column.flattened}|${context.x}|${context.width}|${look.background}|${bar}|${look.accent}|${look.border}`,
    decorate: column.flattened ? () => {} : calloutBox(context.x, context.width, bar, look.background, look.accent, look.border),
  };
  const tag = builder.tag('Aside');
  const chain = [...context.chain, container];
  const inner: FlowContext = {
    x: column.x,
    width: column.width,
    chain,
    textStyle: 'callout',
    listDepth: 0,
  };

  const open = builder.items.length;
  builder.open(container, tag, context.chain, BOX_SPACE);
  builder.beginParent(tag);
  if (block.title) {
    const titleStyle = env.sheet.style('calloutTitle');
    const color = titleStyle.color ?? look.accent;
    const align = titleStyle.align === 'justify' ? 'left' : titleStyle.align;
    const lines = builder.lines(builder.spansFor([{ text: block.title }], 'calloutTitle', titleStyle, color), inner.width);
    // A box split across pages starts again with its title and "(continued)".
    const metrics = builder.metrics(titleStyle);
    const again = builder.lines(builder.spansFor([{ text: `${block.title} (continued)` }], 'calloutTitle', titleStyle, color), inner.width);
    const againKeys = again.map(lineKey);
    container.header = {
      drawKey: againKeys.includes(undefined) ? undefined : `CH${againKeys.join(',')}|${inner.x}|${inner.width}|${align}|${metrics.height}|${metrics.baseline}|${env.codeTint}`,
      height: again.length * metrics.height + titleStyle.spaceAfter,
      gapBefore: 0,
      keepWithNext: true,
      chain,
      block: tag,
      draw: titleDraw(again, { x: inner.x, width: inner.width, align, height: metrics.height, baseline: metrics.baseline, codeTint: env.codeTint }),
    };
    builder.textItems(lines, {
      x: inner.x,
      width: inner.width,
      align,
      metrics: builder.metrics(titleStyle),
      block: builder.tag('P'),
      chain,
      gapBefore: builder.gap(0),
      keepAll: true,
    });
    builder.keepNext(1);
    builder.spaceAfter(titleStyle.spaceAfter);
  }
  for (const child of block.blocks) {
    if (child.type !== 'list') builder.markUnit();
    builder.add(child, inner);
  }
  builder.endParent();
  builder.close(container, tag, context.chain, BOX_SPACE);
  // Never one item or a line or two alone on a page: split between items, or move the box whole.
  builder.keepBoxTogether(open, builder.items.length - 1);
}

export function addQuote(builder: FlowBuilder, block: QuoteBlock, context: FlowContext): void {
  const env = builder.env;
  const style = env.sheet.style('quote');
  const barColor = env.manifest.colors.accent;
  const column = builder.nestedColumn(context, Math.max(style.indent, QUOTE_BAR_WIDTH + 8));
  const container: Container = {
    padTop: 2,
    padBottom: 2,
    drawKey: `quote|${column.flattened}|${context.x}|${barColor}`,
    decorate: column.flattened ? () => {} : band(context.x + 1, QUOTE_BAR_WIDTH, barColor),
  };
  const tag = builder.tag('BlockQuote');
  const chain = [...context.chain, container];
  const inner: FlowContext = { x: column.x, width: column.width, chain, textStyle: 'quote', listDepth: 0 };

  builder.open(container, tag, context.chain, Math.max(style.spaceBefore, BOX_SPACE - 2));
  builder.beginParent(tag);
  for (const child of block.blocks) builder.add(child, inner);
  if (block.attribution && block.attribution.length > 0) {
    const attribution = env.sheet.style('attribution');
    const lines = builder.lines(builder.spansFor([{ text: '— ' }, ...block.attribution], 'attribution', attribution), inner.width);
    builder.textItems(lines, {
      x: inner.x,
      width: inner.width,
      align: attribution.align === 'justify' ? 'left' : attribution.align,
      metrics: builder.metrics(attribution),
      block: builder.tag('P'),
      chain,
      gapBefore: builder.gap(attribution.spaceBefore + 1),
    });
  }
  builder.endParent();
  builder.close(container, tag, context.chain, Math.max(style.spaceAfter, BOX_SPACE - 2));
}

export function addCode(builder: FlowBuilder, block: CodeBlock, context: FlowContext): void {
  const env = builder.env;
  const base = env.sheet.style('code');
  const style = { ...base, font: env.codeFamily, align: 'left' as const, uppercase: false };
  const color = env.sheet.color('code');
  const tint = env.codeTint;
  const container: Container = {
    padTop: CODE_PADDING_Y,
    padBottom: CODE_PADDING_Y,
    drawKey: `code|${context.x}|${context.width}|${tint}`,
    decorate: band(context.x, context.width, tint),
  };
  const tag = builder.tag('Code');
  const chain = [...context.chain, container];
  const width = Math.max(context.width - 2 * CODE_PADDING_X, 1);
  const text = block.text.replace(/\t/g, '    ').replace(/\n+$/, '');
  const lines = builder.lines(builder.spansFor([{ text }], 'code', style, color), width, { preserveSpaces: true });

  builder.open(container, tag, context.chain, Math.max(base.spaceBefore, BOX_SPACE - 4));
  builder.textItems(
    lines.map((line) => deriveLineKey({ ...line, last: true }, line, '!last')),
    { x: context.x + CODE_PADDING_X, width, align: 'left', metrics: builder.metrics(style), block: tag, chain, gapBefore: builder.gap(0) },
  );
  builder.close(container, tag, context.chain, Math.max(base.spaceAfter, BOX_SPACE - 4));
}
