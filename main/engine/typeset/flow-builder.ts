/**
 * Blocks → flow items. The builder owns what every block needs: vertical
 * spacing between blocks (the larger of the space after one block and the
 * space before the next, nothing at the top of a box), keep-with-next after
 * headings, widow and orphan control, and opening/closing boxes. Block kinds
 * live in their own modules (block-*.ts) and call back into the builder.
 */
import type { BriefWarning, SourceLocation } from '../errors.js';
import type { FileProvider } from '../file-provider.js';
import type { Block, Inline } from '../model.js';
import type { TemplateManifest, TextStyle } from '../template-manifest.js';
import type { Canvas } from './canvas.js';
import type { BlockTag, Container, FlowItem, HeadingAnchor } from './flow.js';
import type { FontBook } from './font-book.js';
import type { Hyphenator } from './hyphenation.js';
import { breakLines, breakLinesEven, breakParagraph, tokenize, type Line } from './line-breaker.js';
import { drawLine, type Align } from './line-drawer.js';
import { lineKey, rememberedLines } from './line-memo.js';
import type { DocumentInternals } from './pdfkit-internals.js';
import { keepable, objectId, type ItemFields, type KeptBlock, type KeptBlocks } from './block-memo.js';
import type { StyleSheet } from './styles.js';
import type { Span, SpanBuilder } from './text-runs.js';

/** Where blocks go: a column at x of some width, inside some boxes. */
export interface FlowContext {
  readonly x: number;
  readonly width: number;
  readonly chain: readonly Container[];
  /** Style of paragraphs that name none: body, list, quote or callout. */
  readonly textStyle: string;
  /** Nesting depth of lists (bullet shapes and number formats change with it). */
  readonly listDepth: number;
}

export interface LayoutEnv {
  readonly manifest: TemplateManifest;
  readonly sheet: StyleSheet;
  readonly book: FontBook;
  readonly spans: SpanBuilder;
  readonly doc: DocumentInternals;
  readonly resolveAsset: (relativePath: string) => string;
  /** Where images are read from (the template's files, unsaved buffers included). */
  readonly files: FileProvider;
  readonly warnings: BriefWarning[];
  /** Height of the text area: nothing may be taller. */
  readonly contentHeight: number;
  readonly codeFamily: string;
  readonly codeTint: string;
  /** Headings the table of contents lists, in document order. */
  readonly tocEntries: readonly HeadingAnchor[];
  /** Page number (1-based) per heading id, filled in after pagination, read when drawing. */
  readonly pageOf: Map<string, number>;
  /** Hyphenation for the document's language; undefined when the template turns it off. */
  readonly hyphenator?: Hyphenator;
  /** Hyphenation for a section written in another language (front matter `lang`), if any. */
  readonly sectionHyphenator?: (sectionId: string) => Hyphenator | undefined;
  /** Justified styles set ragged-right instead (template `typography.justify: false`). */
  readonly ragged: boolean;
  /** Most room a justified line adds to one space, in em (template `typography.maxSpaceStretch`). */
  readonly maxExtraEm: number;
  /** Where the section being laid out writes the table row holding this text, for a table's warnings. */
  readonly locateTableRow?: (cellText: string) => SourceLocation | undefined;
  /** What laying out text told the document besides its items (block-memo.ts keeps only blocks that told it nothing). */
  readonly events: LayoutEvents;
  /** The text area of a landscape page, for tables too wide for the text (`tables.tooWide: landscape`). */
  readonly landscape?: {
    readonly x: number;
    readonly width: number;
    readonly height: number;
    /** Items [start, end) of each table set on landscape pages. */
    readonly tables: { start: number; end: number }[];
    /** Inside a run of text columns no table turns (it is fitted to its column). */
    suspended?: boolean;
  };
}

export interface LayoutEvents {
  /** Warnings, missing glyphs, links that did not resolve, unknown font families so far. */
  notices: number;
  /** Internal links (`#id`) that resolved, in order. */
  readonly links: string[];
}

/**
 * Narrowest column a nested quotation, list or callout may leave for its text
 * (2 inches). Deeper nesting is set without further indentation — flattened,
 * with a warning — so no text is squeezed to nothing or pushed off the page.
 */
export const MIN_NESTED_WIDTH = 144;

/** A nested block's column, and whether it had to be flattened. */
export interface NestedColumn {
  readonly x: number;
  readonly width: number;
  readonly flattened: boolean;
}

export interface LineMetrics {
  readonly height: number;
  /** From the top of the line box to the baseline. */
  readonly baseline: number;
}

export interface TextItemsOptions {
  readonly x: number;
  readonly width: number;
  readonly align: Align;
  readonly metrics: LineMetrics;
  readonly block: BlockTag;
  readonly chain: readonly Container[];
  readonly gapBefore: number;
  /** Headings: every line stays with what follows. */
  readonly keepAll?: boolean;
  readonly anchor?: HeadingAnchor;
}

/** Footnote numbers referenced in lines (links to `#fn-N`) and the back-link targets for them. */
export function footnoteRefs(lines: readonly Line[]): { noteRefs?: number[]; marks?: string[] } {
  let numbers: number[] | undefined;
  for (const line of lines) {
    for (const frag of line.frags) {
      const link = frag.style.link;
      if (link?.kind !== 'dest' || !link.name.startsWith('fn-')) continue;
      const number = Number(link.name.slice(3));
      numbers ??= [];
      if (!numbers.includes(number)) numbers.push(number);
    }
  }
  return numbers ? { noteRefs: numbers, marks: numbers.map((number) => `fnref-${number}`) } : {};
}

/** A flow item that also knows where its first baseline is (list markers sit on it). */
export interface TextFlowItem extends FlowItem {
  readonly baselineOffset?: number;
}

/** One function per block type (block-*.ts), so the builder itself knows no block kinds. */
export type BlockHandlers = { readonly [K in Block['type']]: (builder: FlowBuilder, block: Extract<Block, { type: K }>, context: FlowContext) => void };
type AnyBlockHandler = (builder: FlowBuilder, block: Block, context: FlowContext) => void;

export class FlowBuilder {
  readonly items: TextFlowItem[] = [];
  /** Sum of item heights so far: a lower bound of the pages needed. */
  totalHeight = 0;
  private pendingSpace = 0;
  private atBoxTop = false;
  private keepFollowing = 0;
  private blockCount = 0;
  /** Hyphenation for the text being laid out (a section may have its own language). */
  hyphenator: Hyphenator | undefined;
  /** Indexes of items that begin a list item or a box's paragraph (what a box counts as its items). */
  private readonly unitStarts: number[] = [];
  private readonly metricsCache = new Map<TextStyle, LineMetrics>();
  private flattenedCount = 0;
  /** Blocks kept from earlier renders (block-memo.ts); unset when render caches are off. */
  keptBlocks: KeptBlocks | undefined;
  /** While a block is recorded for the memo: its first item, the units it began, whether it reached before its first item. */
  private recordingFrom = -1;
  private recordedUnits: number[] = [];
  private reachedBefore = false;

  constructor(
    readonly env: LayoutEnv,
    private readonly handlers: BlockHandlers,
  ) {
    this.hyphenator = env.hyphenator;
  }

  add(block: Block, context: FlowContext): void {
    (this.handlers[block.type] as AnyBlockHandler)(this, block, context);
  }

  /** A block of the document's top level or of a section: from the memo when it was laid out before in the same state. */
  addKept(block: Block, context: FlowContext): void {
    const kept = this.keptBlocks;
    if (!kept || context.chain.length > 0 || !keepable(block)) return this.add(block, context);
    const parent = this.parents[this.parents.length - 1];
    const state = `${context.x}|${context.width}|${context.textStyle}|${context.listDepth}|${this.pendingSpace}|${this.atBoxTop}|${this.keepFollowing}|${this.blockCount}|${objectId(parent)}|${objectId(this.hyphenator)}`;
    const key = kept.key(block, state);
    const entry = kept.recall(key);
    if (entry && entry.links.every((href) => this.env.spans.resolvesInternally(href))) {
      this.reuse(entry);
      kept.reused();
    } else this.record(block, context, key, kept);
  }

  private reuse(entry: KeptBlock): void {
    if (entry.keepsPrevious) this.keepWithPrevious();
    const base = this.items.length;
    const { items, fields } = entry;
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as TextFlowItem;
      const field = fields[i] as ItemFields;
      item.keepWithNext = field.keepWithNext;
      item.gapBefore = field.gapBefore;
      item.noteRefs = field.noteRefs;
      item.marks = field.marks;
      this.items.push(item);
    }
    for (const offset of entry.units) if (this.unitStarts[this.unitStarts.length - 1] !== base + offset) this.unitStarts.push(base + offset);
    this.totalHeight += entry.height;
    this.blockCount += entry.tags;
    this.pendingSpace = entry.pendingSpace;
    this.atBoxTop = entry.atBoxTop;
    this.keepFollowing = entry.keepFollowing;
  }

  private record(block: Block, context: FlowContext, key: string, kept: KeptBlocks): void {
    const start = this.items.length;
    const before = { height: this.totalHeight, tags: this.blockCount, notices: this.env.events.notices, links: this.env.events.links.length, warnings: this.env.warnings.length, flattened: this.flattenedCount };
    this.recordingFrom = start;
    this.recordedUnits = [];
    this.reachedBefore = false;
    try {
      this.add(block, context);
    } finally {
      this.recordingFrom = -1;
    }
    const events = this.env.events;
    if (events.notices !== before.notices || this.env.warnings.length !== before.warnings || this.flattenedCount !== before.flattened) return;
    const items = this.items.slice(start);
    kept.keep(key, {
      items,
      fields: items.map((item) => ({ keepWithNext: item.keepWithNext, gapBefore: item.gapBefore, noteRefs: item.noteRefs, marks: item.marks })),
      units: this.recordedUnits,
      height: this.totalHeight - before.height,
      tags: this.blockCount - before.tags,
      keepsPrevious: this.reachedBefore,
      links: events.links.slice(before.links),
      pendingSpace: this.pendingSpace,
      atBoxTop: this.atBoxTop,
      keepFollowing: this.keepFollowing,
    });
  }

  /** The tag of a section of the document: the same object in each render while the blocks before it make as many tags (kept blocks sit inside it). */
  sectionTag(): BlockTag {
    const index = this.blockCount++;
    const parent = this.parents[this.parents.length - 1];
    return internedTag('Sect', index, parent);
  }

  /** The column inside a nested block indented by `left` and `right`, or the same column (flattened) when too little would be left. */
  nestedColumn(context: FlowContext, left: number, right = 0): NestedColumn {
    const width = context.width - left - right;
    if (width >= MIN_NESTED_WIDTH) return { x: context.x + left, width, flattened: false };
    if (this.flattenedCount++ === 0) {
      this.env.warnings.push({
        code: 'CONTENT_FLATTENED',
        message: 'Quotations, lists or callouts are nested deeper than the page width allows; the deepest levels are set without further indentation (and without their bars and markers).',
      });
    }
    return { x: context.x, width: context.width, flattened: true };
  }

  private readonly parents: BlockTag[] = [];

  /** A new block tag, inside the innermost open parent unless `extra.parent` says otherwise. */
  tag(role: string, extra: Omit<BlockTag, 'role' | 'index'> = {}): BlockTag {
    return { role, index: this.blockCount++, parent: this.parents[this.parents.length - 1], ...extra };
  }

  /** Blocks tagged until `endParent` sit inside `tag` in the structure tree (sections, quotations, list items). */
  beginParent(tag: BlockTag): void {
    this.parents.push(tag);
  }

  endParent(): void {
    this.parents.pop();
  }

  /** Space above a block: collapses with the space after the previous one; none at the top of a box. */
  gap(spaceBefore: number): number {
    if (this.atBoxTop) {
      this.atBoxTop = false;
      this.pendingSpace = 0;
      return 0;
    }
    const gap = Math.max(this.pendingSpace, spaceBefore);
    this.pendingSpace = 0;
    return gap;
  }

  spaceAfter(space: number): void {
    this.pendingSpace = space;
  }

  /** Make the space before the next block at least this much (a list's own space before). */
  spaceAtLeast(space: number): void {
    if (!this.atBoxTop) this.pendingSpace = Math.max(this.pendingSpace, space);
  }

  /** The next `count` items stay with the item after them (after a heading: its first two lines). */
  keepNext(count: number): void {
    this.keepFollowing = count;
  }

  /** The next item pushed begins a unit: a list item, or a paragraph of a box. */
  markUnit(): void {
    if (this.recordingFrom >= 0) this.recordedUnits.push(this.items.length - this.recordingFrom);
    if (this.unitStarts[this.unitStarts.length - 1] !== this.items.length) this.unitStarts.push(this.items.length);
  }

  /**
   * A box (items open..close) may break across pages only where each side
   * keeps at least `minUnits` of its items and `minLines` lines; elsewhere its
   * items stay together, so a box that cannot split that way moves whole.
   */
  keepBoxTogether(open: number, close: number, minUnits = 2, minLines = 3): void {
    const starts = this.unitStarts.filter((start) => start > open && start < close);
    const linesUpTo = new Array<number>(close - open + 1).fill(0);
    for (let j = open + 1; j <= close; j++) {
      const item = this.items[j - 1] as TextFlowItem;
      linesUpTo[j - open] = (linesUpTo[j - 1 - open] as number) + (j - 1 > open && !item.edge ? (item.textLines ?? 1) : 0);
    }
    const allLines = linesUpTo[close - open] as number;
    const allowed = new Set<number>();
    starts.forEach((start, unit) => {
      const before = linesUpTo[start - open] as number;
      if (unit >= minUnits && starts.length - unit >= minUnits && before >= minLines && allLines - before >= minLines) allowed.add(start);
    });
    for (let j = open; j < close; j++) if (!allowed.has(j + 1)) (this.items[j] as TextFlowItem).keepWithNext = true;
  }

  /** Tie the next item to the last content item pushed (no page break between them). */
  keepWithPrevious(): void {
    for (let i = this.items.length - 1; i >= 0; i--) {
      // A block being recorded that looks before its own items: its reuse looks again (block-memo.ts).
      if (i < this.recordingFrom) this.reachedBefore = true;
      const item = this.items[i] as TextFlowItem;
      if (item.pageBreak) return;
      if (item.edge) continue;
      item.keepWithNext = true;
      return;
    }
  }

  push(item: TextFlowItem): void {
    if (this.keepFollowing > 0 && !item.edge && !item.pageBreak) {
      item.keepWithNext = true;
      this.keepFollowing--;
    }
    this.items.push(item);
    this.totalHeight += Math.min(item.height, this.env.contentHeight);
  }

  /** Opening padding of a box; what follows starts at the top of the box. */
  open(container: Container, block: BlockTag, chain: readonly Container[], spaceBefore: number): void {
    const gapBefore = this.gap(spaceBefore);
    this.push({ height: container.padTop, gapBefore, keepWithNext: true, chain, block, owner: container, edge: 'open', drawKey: '', draw: () => {} });
    this.atBoxTop = true;
  }

  close(container: Container, block: BlockTag, chain: readonly Container[], spaceAfter: number): void {
    this.atBoxTop = false;
    this.push({ height: container.padBottom, gapBefore: 0, keepWithNext: false, chain, block, owner: container, edge: 'close', drawKey: '', draw: () => {} });
    this.pendingSpace = spaceAfter;
  }

  pageBreak(block: BlockTag, chain: readonly Container[]): void {
    this.pendingSpace = 0;
    this.push({ height: 0, gapBefore: 0, keepWithNext: false, chain, block, pageBreak: true, drawKey: '', draw: () => {} });
  }

  metrics(style: TextStyle): LineMetrics {
    let metrics = this.metricsCache.get(style);
    if (!metrics) {
      const face = this.env.book.face(style.font, style.bold, style.italic);
      const height = style.size * style.leading;
      // Centre the font's ascender-to-descender box, scaled to the em, in the line.
      const ascentShare = face.ascender / (face.ascender - face.descender);
      metrics = { height, baseline: (height - style.size) / 2 + style.size * ascentShare };
      this.metricsCache.set(style, metrics);
    }
    return metrics;
  }

  spansFor(runs: readonly Inline[], styleName: string, style = this.env.sheet.style(styleName), color = this.env.sheet.color(styleName)): Span[] {
    return this.env.spans.spans(runs, style, color);
  }

  /**
   * Paragraphs (`paragraph`) are hyphenated and broken all at once, justified
   * or ragged-right; headings and titles (`even`) get lines of even length;
   * everything else first-fit.
   */
  lines(spans: readonly Span[], width: number, options: { preserveSpaces?: boolean; paragraph?: boolean; justify?: boolean; even?: boolean } = {}): Line[] {
    if (options.paragraph) {
      const justify = options.justify === true && !this.env.ragged;
      // Unchanged paragraphs of an edited document are not broken again (line-memo.ts).
      return rememberedLines(spans, width, justify ? 'pj' : 'p', this.hyphenator, () => breakParagraph(tokenize(spans, false, this.hyphenator), width, { justify }));
    }
    const preserve = options.preserveSpaces === true;
    return rememberedLines(spans, width, options.even ? 'e' : preserve ? 's' : 'f', undefined, () => {
      const tokens = tokenize(spans, preserve);
      return options.even ? breakLinesEven(tokens, width) : breakLines(tokens, width, preserve);
    });
  }

  /**
   * Push one item per line. Paragraphs of four lines or more may split leaving
   * at least two lines on each side; shorter ones stay whole.
   */
  textItems(lines: readonly Line[], options: TextItemsOptions): void {
    const count = lines.length;
    const { x, width, align, metrics, block, chain } = options;
    const codeTint = this.env.codeTint;
    const maxExtraEm = this.env.maxExtraEm;
    const alignAs = align === 'justify' && this.env.ragged ? 'left' : align;
    const placement = `|${x}|${width}|${alignAs}|${metrics.height}|${metrics.baseline}|${codeTint}|${maxExtraEm}`;
    for (let index = 0; index < count; index++) {
      const line = lines[index] as Line;
      const key = lineKey(line);
      const keep = options.keepAll === true || (count <= 3 ? index < count - 1 : index === 0 || index === count - 2);
      const anchor = index === 0 ? options.anchor : undefined;
      const refs = footnoteRefs([line]);
      this.push({
        ...refs,
        height: metrics.height,
        gapBefore: index === 0 ? options.gapBefore : 0,
        keepWithNext: keep,
        chain,
        block,
        anchor,
        textLines: 1,
        baselineOffset: metrics.baseline,
        drawKey: key === undefined ? undefined : `T${key}${placement}`,
        draw: (canvas: Canvas, top: number) =>
          drawLine(canvas, line, { x, width, align: alignAs, top, height: metrics.height, baseline: top + metrics.baseline, codeTint, maxExtraEm }),
      });
    }
  }
}

/** Section tags by role, index and parent, so a kept block's items find the same parent in the next render. */
const interned = new Map<string, BlockTag>();
const MAX_INTERNED = 100_000;

function internedTag(role: string, index: number, parent: BlockTag | undefined): BlockTag {
  const key = `${role}|${index}|${objectId(parent)}`;
  let tag = interned.get(key);
  if (!tag) {
    if (interned.size >= MAX_INTERNED) interned.clear();
    tag = { role, index, parent };
    interned.set(key, tag);
  }
  return tag;
}
