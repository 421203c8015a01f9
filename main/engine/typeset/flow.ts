/**
 * The flow: the document as a column of items (a line of text, a table row,
 * an image, the padding that opens a box…) with the rules for breaking pages
 * between them. Blocks become items once (layout); pagination only stacks
 * heights, so it is cheap to run again.
 */
import type { Canvas } from './canvas.js';

/** The block an item belongs to: drawing goes block by block, so each can be tagged later. */
export interface BlockTag {
  /** Structure role: P, H1–H3, L, LI, Lbl, LBody, BlockQuote, Table, TR, TH, TD, Figure, Caption, Note, TOC, TOCI, Code, Aside, Sect, Artifact. */
  readonly role: string;
  /** Position of the block in document order (unique per block). */
  readonly index: number;
  /** The enclosing element in the structure tree (a section, list item, table row…); none: the document. */
  readonly parent?: BlockTag;
  /** Alternative text (figures). */
  readonly alt?: string;
  /** Header cells: which cells they head. */
  readonly scope?: 'Column' | 'Row';
  /** Language when it differs from the document's. */
  readonly lang?: string;
}

/** A box or band around items (callout, code, quote bar, table) drawn once per page fragment. */
export interface Container {
  readonly padTop: number;
  readonly padBottom: number;
  /** Repeated at the top of every continuation page (a table's header row). */
  readonly header?: FlowItem;
  /** Background, bars, borders for the fragment between top and bottom on one page. */
  readonly decorate?: (canvas: Canvas, fragment: { top: number; bottom: number; first: boolean; last: boolean }) => void;
  /** Everything `decorate` draws from, as a string (page-replay.ts); a page with a decorated container without one is always drawn afresh. */
  readonly drawKey?: string;
}

export interface HeadingAnchor {
  readonly id: string;
  readonly title: string;
  readonly level: 1 | 2 | 3;
  readonly outline: boolean;
}

export interface FlowItem {
  readonly height: number;
  /** Space above the item; dropped at the top of a page. */
  gapBefore: number;
  /** No page break between this item and the next (headings, orphan/widow control). */
  keepWithNext: boolean;
  /** Enclosing containers, outermost first. */
  readonly chain: readonly Container[];
  readonly block: BlockTag;
  /**
   * Draw with the item's top at `top` (a list wraps it to add its marker).
   * `artifact`: a repeat (a table's header row on a continuation page), drawn outside the structure tree.
   */
  draw: (canvas: Canvas, top: number, artifact?: boolean) => void;
  /**
   * Everything `draw` reads besides its arguments, as a string: two items
   * with the same key draw the same operators (page-replay.ts replays a page
   * whose items all have keys). None: the item's page is always drawn afresh.
   */
  drawKey?: string;
  /** Block tags `draw` marks besides `block` (a list item's label). */
  tags?: readonly BlockTag[];
  /** Opening/closing padding of `owner` (their height is the padding). */
  readonly edge?: 'open' | 'close';
  readonly owner?: Container;
  /** A forced page break: the next item starts a new page. */
  readonly pageBreak?: boolean;
  /** Vertical space the author asked for: dropped at the top of a page. */
  readonly discardAtTop?: boolean;
  /** Set on the first line of a heading. */
  readonly anchor?: HeadingAnchor;
  /** Lines of text in the item (for reporting overflow in lines). */
  readonly textLines?: number;
  /** Footnotes referenced in the item: they go at the foot of the page it lands on. */
  noteRefs?: readonly number[];
  /** Named destinations at the item's top (a footnote reference, a footnote). */
  marks?: readonly string[];
}
