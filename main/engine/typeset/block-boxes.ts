/**
 * Blocks drawn inside a box or beside a bar: callouts, quotations, code.
 * Each is a Container: its background, bar or border is drawn once per page
 * fragment, so a long callout splits across pages with a box on each.
 */
import type { CalloutBlock, CodeBlock, QuoteBlock } from '../model.js';
import type { Canvas } from './canvas.js';
import type { Container, FlowItem } from './flow.js';
import type { FlowBuilder, FlowContext } from './flow-builder.js';
import { drawLine } from './line-drawer.js';
import { deriveLineKey, lineKey } from './line-memo.js';

/** Space around boxes, in points: boxes need more air than paragraphs. */
const BOX_SPACE = 10;
const QUOTE_BAR_WIDTH = 2;
const CODE_PADDING_X = 8;
const CODE_PADDING_Y = 6;

export function addCallout(builder: FlowBuilder, block: CalloutBlock, context: FlowContext): void {
  const env = builder.env;
  const look = env.sheet.callout(block.kind);
  const column = builder.nestedColumn(context, look.accentBar + look.padding, look.padding);
  const bar = look.accentBar;
  const container: Container & { header?: FlowItem } = {
    padTop: column.flattened ? 0 : look.padding,
    padBottom: column.flattened ? 0 : look.padding,
    drawKey: `callout|${column.flattened}|${context.x}|${context.width}|${look.background}|${bar}|${look.accent}|${look.border}`,
    decorate(canvas: Canvas, { top, bottom }) {
      if (column.flattened) return;
      canvas.fillRect(context.x, top, context.width, bottom - top, look.background);
      if (bar > 0) canvas.fillRect(context.x, top, bar, bottom - top, look.accent);
      else canvas.strokeRect(context.x + 0.375, top + 0.375, context.width - 0.75, bottom - top - 0.75, 0.75, look.border);
    },
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
      draw: (canvas, top) =>
        again.forEach((line, k) =>
          drawLine(canvas, line, { x: inner.x, width: inner.width, align, top: top + k * metrics.height, height: metrics.height, baseline: top + k * metrics.height + metrics.baseline, codeTint: env.codeTint }),
        ),
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
    decorate(canvas: Canvas, { top, bottom }) {
      if (!column.flattened) canvas.fillRect(context.x + 1, top, QUOTE_BAR_WIDTH, bottom - top, barColor);
    },
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
    decorate(canvas: Canvas, { top, bottom }) {
      canvas.fillRect(context.x, top, context.width, bottom - top, tint);
    },
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
