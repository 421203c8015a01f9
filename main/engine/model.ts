/**
 * The document model: what the brief markup parses into and what the
 * typesetter draws. Plain data only (it crosses threads and is memoised).
 */
import type { SourceLocation } from './errors.js';

/** A run of text with one set of inline styles. */
export interface TextRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
  /** External URL (http, https, mailto) or internal target `#anchor`. */
  href?: string;
}

export type Inline = TextRun;

export interface HeadingBlock {
  type: 'heading';
  level: 1 | 2 | 3;
  runs: Inline[];
  /** Anchor for internal links, outline and TOC; unique within the document. */
  id: string;
  /** false keeps the heading out of the outline and the TOC (e.g. the document title). */
  outline?: boolean;
}

export interface ParagraphBlock {
  type: 'paragraph';
  runs: Inline[];
  /** Named paragraph style from template.yaml (`styles`); default `body`. */
  style?: string;
}

export interface ListBlock {
  type: 'list';
  ordered: boolean;
  /** First number of an ordered list. */
  start: number;
  items: Block[][];
}

export interface QuoteBlock {
  type: 'quote';
  blocks: Block[];
  /** "Speaker, role, date" line drawn under the quotation. */
  attribution?: Inline[];
}

export interface CalloutBlock {
  type: 'callout';
  /** Style name from template.yaml (`callouts`): e.g. `key-facts`, `note`, `bluf`. */
  kind: string;
  title?: string;
  blocks: Block[];
}

export type CellAlign = 'left' | 'center' | 'right';

export interface TableBlock {
  type: 'table';
  align: CellAlign[];
  header: Inline[][];
  rows: Inline[][][];
  /** From a `Table: …` paragraph right before (or after) the table; numbered when typeset. */
  caption?: Inline[];
}

export interface RuleBlock {
  type: 'rule';
}

export interface PageBreakBlock {
  type: 'page-break';
}

export interface ImageBlock {
  type: 'image';
  /** Path relative to the template folder (or, in a section body, to the section's folder); resolved and confined by the engine. */
  src: string;
  /** The file a section's own image resolved to (section-images.ts); absent for the template's images. */
  file?: string;
  /** Where a section's own image is written (its line in the section file): its warnings point there. */
  at?: SourceLocation;
  alt: string;
  /** Width in points; default: natural size (or as `height` asks), capped at the text width. */
  width?: number;
  /** Height in points; with `width` as well, the image fits inside both. */
  height?: number;
  /** Where the image sits across the column; default center. */
  align?: 'left' | 'center' | 'right';
  /** From the image's title, or a `Figure: …` paragraph right after it; numbered when typeset. */
  caption?: Inline[];
}

/** Placeholder where the typesetter puts the table of contents. */
export interface TocBlock {
  type: 'toc';
  title?: string;
}

/** Vertical space in points (from `::: space N`). */
export interface SpaceBlock {
  type: 'space';
  height: number;
}

/**
 * One brief section (from `::: section ID`): groups its blocks so the
 * typesetter can tag it (Sect), name it in warnings and start it on a new page.
 */
export interface SectionBlock {
  type: 'section';
  id: string;
  blocks: Block[];
}

/**
 * Blocks set in text columns (`::: columns 2`, or `::: section ID columns=2`):
 * the flow runs down one column, then the next; at the end of the run the
 * columns of its last page are balanced, and what follows goes below them.
 */
export interface ColumnsBlock {
  type: 'columns';
  /** 2 or 3. */
  count: number;
  blocks: Block[];
}

/** Preformatted text (fenced code). */
export interface CodeBlock {
  type: 'code';
  text: string;
}

export type Block =
  | HeadingBlock
  | ParagraphBlock
  | ListBlock
  | QuoteBlock
  | CalloutBlock
  | TableBlock
  | RuleBlock
  | PageBreakBlock
  | ImageBlock
  | TocBlock
  | SpaceBlock
  | SectionBlock
  | ColumnsBlock
  | CodeBlock;

/** A Markdown footnote (`[^id]` … `[^id]: text`), numbered in order of first reference. */
export interface Footnote {
  number: number;
  blocks: Block[];
}

export interface DocumentModel {
  blocks: Block[];
  /** Footnotes referenced in the text; a reference is a run linking to `#fn-N`. */
  footnotes?: Footnote[];
}

/** Document-level facts the typesetter needs besides the blocks. */
export interface DocumentInfo {
  title: string;
  subtitle?: string;
  author?: string;
  subject?: string;
  keywords?: string[];
  /** ISO date (YYYY-MM-DD) from the spec; becomes CreationDate, so output is reproducible. */
  date: string;
  classification?: string;
  /** BCP 47 language of the document, default `en-US`. */
  lang?: string;
  /** Classification authority / CUI designation indicator lines, set at the foot of the first page. */
  authorityBlock?: string[];
}
