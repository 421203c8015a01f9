/**
 * Bulleted and numbered lists with hanging indents: the marker sits in a
 * column to the left, every line of the item starts at the same x. Nested
 * lists indent by their parent's hang and change bullet or number style.
 */
import type { ListBlock } from '../model.js';
import type { Canvas } from './canvas.js';
import type { BlockTag, FlowItem } from './flow.js';
import type { Line } from './line-breaker.js';
import type { FlowBuilder, FlowContext } from './flow-builder.js';
import { drawLine } from './line-drawer.js';
import { lineKey } from './line-memo.js';

const BULLETS = ['•', '–', '◦'];

function toAlpha(n: number): string {
  let out = '';
  for (let value = n; value > 0; value = Math.floor((value - 1) / 26)) out = String.fromCharCode(97 + ((value - 1) % 26)) + out;
  return out || String(n);
}

function toRoman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: [number, string][] = [
    [1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'],
    [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i'],
  ];
  let out = '';
  let rest = n;
  for (const [value, letters] of table) {
    while (rest >= value) {
      out += letters;
      rest -= value;
    }
  }
  return out;
}

/** 1. → a. → i. as numbered lists nest. */
export function listMarker(ordered: boolean, number: number, depth: number): string {
  if (!ordered) return BULLETS[depth % BULLETS.length] as string;
  switch (depth % 3) {
    case 1:
      return `${toAlpha(number)}.`;
    case 2:
      return `${toRoman(number)}.`;
    default:
      return `${number}.`;
  }
}

/**
 * An item's drawing with its marker before it. Made here, from the values it
 * draws, so it holds nothing else of the render that made it (block-memo.ts
 * keeps items for later renders).
 */
function markedDraw(
  carrier: FlowItem,
  drawContent: FlowItem['draw'],
  label: BlockTag,
  marker: Line,
  at: { x: number; height: number; baselineOffset: number; codeTint: string },
): FlowItem['draw'] {
  return (canvas: Canvas, top: number, artifact?: boolean) => {
    if (!artifact) canvas.mark(label);
    drawLine(canvas, marker, { x: at.x, width: marker.width, align: 'left', top, height: at.height, baseline: top + at.baselineOffset, codeTint: at.codeTint });
    if (!artifact) canvas.mark(carrier.block);
    drawContent(canvas, top, artifact);
  };
}

export function addList(builder: FlowBuilder, block: ListBlock, context: FlowContext): void {
  const env = builder.env;
  // Lists take the look of their surroundings inside boxes and quotations, the list style elsewhere.
  const styleName = context.textStyle === 'body' ? 'list' : context.textStyle;
  const style = env.sheet.style(styleName);
  const markerColor = block.ordered ? env.sheet.color(styleName) : env.manifest.colors.accent;
  const metrics = builder.metrics(style);
  const tag = builder.tag('L');
  const depth = context.listDepth;

  // A marker is set like the first line of its item: an item in a named style (a source in small print) gets a number to match.
  const markers = block.items.map((blocks, index) => {
    const text = listMarker(block.ordered, block.start + index, depth);
    const first = blocks[0];
    const ownStyle = first?.type === 'paragraph' && first.style ? first.style : undefined;
    const markerStyle = ownStyle ? env.sheet.style(ownStyle) : style;
    const color = ownStyle && block.ordered ? env.sheet.color(ownStyle) : markerColor;
    return builder.lines(env.spans.spans([{ text }], markerStyle, color), Number.POSITIVE_INFINITY)[0];
  });
  const widest = markers.reduce((max, line) => Math.max(max, line?.width ?? 0), 0);
  const gutter = style.size * 0.55;
  const hang = block.ordered ? Math.max(widest + gutter, style.size * 1.5) : style.size * 1.45;
  const column = builder.nestedColumn(context, hang);
  const itemContext: FlowContext = {
    x: column.x,
    width: column.width,
    chain: context.chain,
    textStyle: styleName,
    listDepth: depth + 1,
  };

  builder.spaceAtLeast(style.spaceBefore);
  block.items.forEach((blocks, index) => {
    const first = builder.items.length;
    builder.markUnit();
    // L > LI > (Lbl, LBody): the marker is the label, the item's blocks its body.
    const itemTag = builder.tag('LI', { parent: tag });
    const label = builder.tag('Lbl', { parent: itemTag });
    const body = builder.tag('LBody', { parent: itemTag });
    if (blocks.length === 0) {
      const lines = builder.lines([], itemContext.width);
      builder.textItems(lines, { x: itemContext.x, width: itemContext.width, align: 'left', metrics, block: body, chain: context.chain, gapBefore: builder.gap(0) });
    }
    builder.beginParent(body);
    for (const child of blocks) builder.add(child, itemContext);
    builder.endParent();
    if (index < block.items.length - 1) builder.spaceAfter(style.spaceAfter);

    const marker = markers[index];
    const carrier = builder.items[first];
    // A flattened list has no room beside its items for markers.
    if (!marker || !carrier || column.flattened) return;
    const baselineOffset = carrier.baselineOffset ?? metrics.baseline;
    const markerX = block.ordered ? context.x + hang - gutter - marker.width : context.x + (hang - marker.width) / 2 - style.size * 0.25;
    // Wrapped in place: the item may be referenced elsewhere (a table's repeated header row).
    const drawContent = carrier.draw;
    const contentKey = carrier.drawKey;
    const markerKey = lineKey(marker);
    carrier.drawKey = contentKey === undefined || markerKey === undefined ? undefined : `M${markerKey}|${markerX}|${metrics.height}|${baselineOffset}|${env.codeTint}>${contentKey}`;
    carrier.tags = [label, ...(carrier.tags ?? [])];
    carrier.draw = markedDraw(carrier, drawContent, label, marker, { x: markerX, height: metrics.height, baselineOffset, codeTint: env.codeTint });
  });
  builder.spaceAfter(depth === 0 ? Math.max(style.spaceAfter, env.sheet.style('body').spaceAfter) : style.spaceAfter);
}
