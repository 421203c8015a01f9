/**
 * Numbered captions ("Table 2. …", "Figure 1. …"): numbers count per label
 * through the document, in the order the blocks are laid out.
 */
import type { Inline } from '../model.js';
import type { BlockTag } from './flow.js';
import type { FlowBuilder, FlowContext } from './flow-builder.js';

const counters = new WeakMap<FlowBuilder, Map<string, number>>();

export function nextNumber(builder: FlowBuilder, label: string): number {
  let byLabel = counters.get(builder);
  if (!byLabel) {
    byLabel = new Map();
    counters.set(builder, byLabel);
  }
  const number = (byLabel.get(label) ?? 0) + 1;
  byLabel.set(label, number);
  return number;
}

/** The caption's runs with "Label N. " in bold before them. */
export function captionRuns(label: string, number: number, runs: readonly Inline[]): Inline[] {
  return [{ text: `${label} ${number}. `, bold: true }, ...runs];
}

/**
 * Push a caption as lines of the `caption` style, tagged `Caption` inside
 * `owner` (its Table or Figure). `above` ties it to what follows (a caption
 * above its table); otherwise it stays with what is before.
 */
export function addCaption(builder: FlowBuilder, runs: readonly Inline[], context: FlowContext, owner: BlockTag, above: boolean): void {
  const style = builder.env.sheet.style('caption');
  const lines = builder.lines(builder.spansFor(runs, 'caption', style), context.width);
  if (!above) builder.keepWithPrevious();
  builder.textItems(lines, {
    x: context.x,
    width: context.width,
    align: style.align === 'justify' ? 'left' : style.align,
    metrics: builder.metrics(style),
    block: builder.tag('Caption', { parent: owner }),
    chain: context.chain,
    gapBefore: builder.gap(style.spaceBefore),
    keepAll: above,
  });
  if (above) builder.keepNext(1);
  builder.spaceAfter(above ? 2 : style.spaceAfter);
}
