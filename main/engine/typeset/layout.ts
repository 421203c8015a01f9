/**
 * The document model → the flow, block by block. Between blocks the work
 * yields to the event loop now and then, so an abort signal (a newer preview)
 * is seen, and stops early once the content cannot fit the page limit.
 */
import { pageLimitError } from './paginate.js';
import type { Block, ColumnsBlock, DocumentModel, SectionBlock } from '../model.js';
import type { KeptBlocks } from './block-memo.js';
import type { ColumnRun } from './column-runs.js';
import { addCallout, addCode, addQuote } from './block-boxes.js';
import { addList } from './block-list.js';
import { addImage, addPageBreak, addRule, addSpace } from './block-media.js';
import { addTable } from './block-table.js';
import { addHeading, addParagraph, plainText } from './block-text.js';
import { addToc } from './block-toc.js';
import type { FlowItem, HeadingAnchor } from './flow.js';
import { FlowBuilder, type BlockHandlers, type FlowContext, type LayoutEnv, type TextFlowItem } from './flow-builder.js';
import { addAuthorityBlock, addEndnotes, layoutFootnotes } from './footnotes.js';
import type { MissingGlyphs } from './missing-glyphs.js';
import type { Pacer } from './pacer.js';

export interface LayoutOptions {
  readonly area: { x: number; width: number };
  readonly maxPages: number;
  /** Text columns per page (the area is one column). */
  readonly columns?: number;
  readonly missing: MissingGlyphs;
  readonly pacer: Pacer;
  /** Classification authority / CUI designation lines for the foot of page 1. */
  readonly authorityBlock?: readonly string[];
  /** Blocks laid out in earlier renders, for this one (block-memo.ts). */
  readonly keptBlocks?: KeptBlocks;
}

export interface LaidOutDocument {
  readonly items: TextFlowItem[];
  /** Footnotes for the foot of the page, by number (empty when they are endnotes). */
  readonly notes: Map<number, FlowItem[]>;
  /** Parts of the flow set in text columns (`::: columns`), in order. */
  readonly runs: ColumnRun[];
  /** The footnotes again at the width of a run's columns, by column count. */
  readonly runNotes: Map<number, Map<number, FlowItem[]>>;
}

export async function layoutDocument(model: DocumentModel, env: LayoutEnv, options: LayoutOptions): Promise<LaidOutDocument> {
  const missing = options.missing;
  const handlers: BlockHandlers = {
    heading: addHeading,
    paragraph: addParagraph,
    list: addList,
    quote: addQuote,
    callout: addCallout,
    table: addTable,
    rule: addRule,
    'page-break': addPageBreak,
    image: addImage,
    toc: addToc,
    space: addSpace,
    code: addCode,
    section: (b, block, context) => addSection(b, block, context, missing),
    columns: (b, block, context) => addColumns(b, block, context, runs, options.columns ?? 1),
  };
  const runs: ColumnRun[] = [];
  const builder = new FlowBuilder(env, handlers);
  builder.keptBlocks = options.keptBlocks;
  const root: FlowContext = { x: options.area.x, width: options.area.width, chain: [], textStyle: 'body', listDepth: 0 };
  const capacity = options.maxPages * (options.columns ?? 1) * env.contentHeight;

  // Top-level sections are opened here rather than recursed into, so the pauses fall between their blocks too.
  for (const block of model.blocks) {
    if (block.type === 'section') {
      const outer = missing.current;
      const outerHyphenator = builder.hyphenator;
      missing.current = block.id;
      builder.hyphenator = env.sectionHyphenator?.(block.id) ?? outerHyphenator;
      builder.beginParent(builder.sectionTag());
      for (const child of block.blocks) {
        builder.addKept(child, root);
        await step();
      }
      builder.endParent();
      missing.current = outer;
      builder.hyphenator = outerHyphenator;
    } else {
      builder.addKept(block, root);
      await step();
    }
  }
  const footnotes = model.footnotes ?? [];
  let notes = new Map<number, FlowItem[]>();
  if (footnotes.length > 0) {
    if (env.manifest.footnotes.placement === 'end') addEndnotes(footnotes, builder, root, env.manifest.footnotes.title);
    else notes = layoutFootnotes(footnotes, builder, root);
  }
  const runNotes = new Map<number, Map<number, FlowItem[]>>();
  if (footnotes.length > 0 && env.manifest.footnotes.placement !== 'end') {
    for (const run of runs) if (!runNotes.has(run.count)) runNotes.set(run.count, layoutFootnotes(footnotes, builder, { ...root, width: run.width }));
  }
  if (options.authorityBlock) addAuthorityBlock(options.authorityBlock, builder, root, notes);
  return { items: builder.items, notes, runs, runNotes };

  async function step(): Promise<void> {
    await options.pacer.pause();
    if (builder.totalHeight > capacity) {
      throw pageLimitError(options.maxPages);
    }
  }
}

function addSection(builder: FlowBuilder, block: SectionBlock, context: FlowContext, missing: MissingGlyphs): void {
  const outer = missing.current;
  const outerHyphenator = builder.hyphenator;
  missing.current = block.id;
  builder.hyphenator = builder.env.sectionHyphenator?.(block.id) ?? outerHyphenator;
  builder.beginParent(builder.tag('Sect'));
  for (const child of block.blocks) builder.add(child, context);
  builder.endParent();
  missing.current = outer;
  builder.hyphenator = outerHyphenator;
}

/**
 * Blocks in text columns: laid out at the width of one column; pagination
 * sets the run in columns (column-runs.ts). Inside a box, inside another run
 * or in a template already set in columns, the blocks are set as they are.
 */
function addColumns(builder: FlowBuilder, block: ColumnsBlock, context: FlowContext, runs: ColumnRun[], templateColumns: number): void {
  const inRun = runs.some((run) => run.end < 0);
  if (block.count <= 1 || templateColumns > 1 || inRun || context.chain.length > 0) {
    if (block.count > 1 && !inRun && templateColumns <= 1) {
      builder.env.warnings.push({ code: 'CONTENT_FLATTENED', message: `Text columns (\`::: columns ${block.count}\`) inside a box are set in the box's one column.` });
    }
    for (const child of block.blocks) builder.add(child, context);
    return;
  }
  const gap = builder.env.manifest.layout.columnGap;
  const width = (context.width - gap * (block.count - 1)) / block.count;
  const run = { start: builder.items.length, end: -1, count: block.count, width, step: width + gap };
  runs.push(run);
  const landscape = builder.env.landscape;
  if (landscape) landscape.suspended = true;
  for (const child of block.blocks) builder.add(child, { ...context, width });
  if (landscape) landscape.suspended = false;
  runs[runs.length - 1] = { ...run, end: builder.items.length };
}

/** Every heading in document order (the outline, the TOC and internal links need them before layout). */
export function collectHeadings(blocks: readonly Block[], out: HeadingAnchor[] = []): HeadingAnchor[] {
  for (const block of blocks) {
    switch (block.type) {
      case 'heading':
        out.push({ id: block.id, title: plainText(block.runs), level: block.level, outline: block.outline !== false });
        break;
      case 'section':
      case 'columns':
      case 'callout':
      case 'quote':
        collectHeadings(block.blocks, out);
        break;
      case 'list':
        for (const item of block.items) collectHeadings(item, out);
        break;
      default:
        break;
    }
  }
  return out;
}
