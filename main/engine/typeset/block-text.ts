/** Paragraphs and headings. */
import type { HeadingBlock, Inline, ParagraphBlock } from '../model.js';
import type { FlowBuilder, FlowContext } from './flow-builder.js';

/** Structure role per paragraph style (titles are headings of the document, not paragraphs). */
const ROLE_BY_STYLE: Record<string, string> = { title: 'Title', subtitle: 'P', meta: 'P' };

export function plainText(runs: readonly Inline[]): string {
  return runs
    .map((run) => run.text)
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

export function addParagraph(builder: FlowBuilder, block: ParagraphBlock, context: FlowContext): void {
  const styleName = block.style ?? context.textStyle;
  const style = builder.env.sheet.style(styleName);
  // A named style brings its own indent; contextual styles (list, quote, callout) are placed by their box.
  const indent = block.style ? style.indent : 0;
  const width = Math.max(context.width - indent, 1);
  // A document title is set like a heading: even lines, never a stranded last word.
  const even = styleName === 'title';
  const lines = builder.lines(builder.spansFor(block.runs, styleName, style), width, { paragraph: !even, justify: style.align === 'justify', even });
  if (style.keepWithPrevious) builder.keepWithPrevious();
  builder.textItems(lines, {
    x: context.x + indent,
    width,
    align: style.align,
    metrics: builder.metrics(style),
    block: builder.tag(ROLE_BY_STYLE[styleName] ?? 'P'),
    chain: context.chain,
    gapBefore: builder.gap(style.spaceBefore),
  });
  builder.spaceAfter(style.spaceAfter);
}

export function addHeading(builder: FlowBuilder, block: HeadingBlock, context: FlowContext): void {
  const styleName = `h${block.level}`;
  const style = builder.env.sheet.style(styleName);
  const width = Math.max(context.width - style.indent, 1);
  const lines = builder.lines(builder.spansFor(block.runs, styleName, style), width, { even: true });
  builder.textItems(lines, {
    x: context.x + style.indent,
    width,
    align: style.align === 'justify' ? 'left' : style.align,
    metrics: builder.metrics(style),
    block: builder.tag(`H${block.level}`),
    chain: context.chain,
    gapBefore: builder.gap(style.spaceBefore),
    keepAll: true,
    anchor: { id: block.id, title: plainText(block.runs), level: block.level, outline: block.outline !== false },
  });
  // A heading never ends a page: it keeps at least two lines of what follows.
  builder.keepNext(1);
  builder.spaceAfter(style.spaceAfter);
}
