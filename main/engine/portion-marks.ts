/**
 * Portion marks: a short prefix such as "(U) " before each portion (title,
 * headings, paragraphs, list items, table captions and cells, as the template
 * configures), as classified and CUI documents require. Applied to the
 * document model, so section bodies written in plain Markdown are marked too.
 *
 * The writer's own mark wins: a portion whose text already starts with a
 * mark — "(U) …", "(CUI) …", "(S//NF) …" — keeps it (that is the per-portion
 * override), and a section may set its own default (`portionMark:` in its
 * front matter). Idempotent: text a template already marked is left alone.
 */
import type { BriefWarning, SourceLocation } from './errors.js';
import type { Block, Inline } from './model.js';

export type PortionPart = 'title' | 'headings' | 'paragraphs' | 'listItems' | 'tableCaptions' | 'tableCells';
export const PORTION_PARTS: readonly PortionPart[] = ['title', 'headings', 'paragraphs', 'listItems', 'tableCaptions', 'tableCells'];
export const DEFAULT_PORTION_PARTS: readonly PortionPart[] = ['paragraphs', 'listItems'];

/** Labels above the title and source notes carry no mark of their own. */
const UNMARKED_STYLES = new Set(['subtitle', 'meta', 'kicker', 'note']);

/** A portion mark written by hand at the start of a portion: "(U)", "(CUI)", "(S//REL TO USA, JPN)". */
const WRITTEN_MARK = /^\((?:U|C|S|TS|CUI|FOUO|R)(?:\/\/[A-Z0-9 ,/-]+)?\)(?=\s)/;

export interface PortionMarkOptions {
  /** Which portions get the default mark (default: paragraphs and list items). */
  parts?: readonly PortionPart[];
  /** Default mark per section id (a section's front matter `portionMark`). */
  sectionMarks?: ReadonlyMap<string, string>;
}

export function applyPortionMarks(blocks: Block[], mark: string, options: PortionMarkOptions = {}): Block[] {
  const parts = new Set(options.parts ?? DEFAULT_PORTION_PARTS);
  const walk = (list: readonly Block[], prefix: string, inList: boolean): Block[] => list.map((block) => markBlock(block, prefix, inList));
  const markBlock = (block: Block, prefix: string, inList: boolean): Block => {
    switch (block.type) {
      case 'paragraph': {
        const style = block.style ?? 'body';
        const part: PortionPart = style === 'title' ? 'title' : inList ? 'listItems' : 'paragraphs';
        if (UNMARKED_STYLES.has(style) || !parts.has(part)) return block;
        return { ...block, runs: prefixRuns(block.runs, prefix) };
      }
      case 'heading':
        return parts.has('headings') && block.outline !== false ? { ...block, runs: prefixRuns(block.runs, prefix) } : parts.has('title') && block.outline === false ? { ...block, runs: prefixRuns(block.runs, prefix) } : block;
      case 'list':
        return { ...block, items: block.items.map((item) => walk(item, prefix, true)) };
      case 'quote':
      case 'callout':
      case 'columns':
        return { ...block, blocks: walk(block.blocks, prefix, inList) };
      case 'section': {
        const own = options.sectionMarks?.get(block.id);
        if (!own) return { ...block, blocks: walk(block.blocks, prefix, inList) };
        // A template's {{portion}} prints the brief's default: inside a section with its own, that one applies
        // (over-marking a portion the writer marked at the brief's level is the safe side).
        return { ...block, blocks: walk(replaceMark(block.blocks, prefix, `${own.trim()} `), `${own.trim()} `, inList) };
      }
      case 'table': {
        const cells = parts.has('tableCells');
        const table = cells ? { ...block, header: block.header.map((cell) => prefixRuns(cell, prefix)), rows: block.rows.map((row) => row.map((cell) => prefixRuns(cell, prefix))) } : block;
        return block.caption && parts.has('tableCaptions') ? { ...table, caption: prefixRuns(block.caption, prefix) } : table;
      }
      default:
        return block;
    }
  };
  return walk(blocks, `${mark.trim()} `, false);
}

/** Blocks with a leading `from` mark replaced by `to`. */
function replaceMark(blocks: readonly Block[], from: string, to: string): Block[] {
  const swap = (runs: Inline[]): Inline[] => {
    const first = runs[0];
    if (!first || !first.text.startsWith(from)) return runs;
    return [{ ...first, text: to + first.text.slice(from.length) }, ...runs.slice(1)];
  };
  return blocks.map((block): Block => {
    switch (block.type) {
      case 'paragraph':
      case 'heading':
        return { ...block, runs: swap(block.runs) };
      case 'list':
        return { ...block, items: block.items.map((item) => replaceMark(item, from, to)) };
      case 'quote':
      case 'callout':
        return { ...block, blocks: replaceMark(block.blocks, from, to) };
      default:
        return block;
    }
  });
}

function prefixRuns(runs: Inline[], prefix: string): Inline[] {
  const text = runs.map((r) => r.text).join('');
  if (!text.trim()) return runs;
  if (text.startsWith(prefix) || text.startsWith(prefix.trim()) || WRITTEN_MARK.test(text)) return runs;
  return [{ text: prefix }, ...runs];
}

/** Classification levels, lowest first; CUI sits between unclassified and confidential. */
const LEVELS: readonly [RegExp, number][] = [
  [/^TOP SECRET|^TS\b/, 4],
  [/^SECRET|^S\b/, 3],
  [/^CONFIDENTIAL|^C\b/, 2],
  [/^CUI|^CONTROLLED|^FOUO/, 1],
  [/^UNCLASSIFIED|^U\b/, 0],
];

/** Level of a banner ("SECRET//NOFORN") or a portion mark ("(S//NF)"); undefined when not recognised. */
export function markingLevel(marking: string): number | undefined {
  const text = marking.trim().toUpperCase().replace(/^\(/, '').replace(/\)$/, '');
  for (const [pattern, level] of LEVELS) if (pattern.test(text)) return level;
  return undefined;
}

/** A portion mark found in the model, with the section it is in (none for the template's own text). */
export interface FoundMark {
  mark: string;
  sectionId?: string;
}

/** Every portion mark written at the start of a portion in the model, in order. */
export function portionMarksIn(blocks: readonly Block[], sectionId?: string, out: FoundMark[] = []): FoundMark[] {
  const check = (runs: readonly Inline[]) => {
    const match = WRITTEN_MARK.exec(runs.map((r) => r.text).join(''));
    if (match) out.push(sectionId === undefined ? { mark: match[0] } : { mark: match[0], sectionId });
  };
  for (const block of blocks) {
    switch (block.type) {
      case 'paragraph':
      case 'heading':
        check(block.runs);
        break;
      case 'list':
        for (const item of block.items) portionMarksIn(item, sectionId, out);
        break;
      case 'section':
        portionMarksIn(block.blocks, block.id, out);
        break;
      case 'quote':
      case 'callout':
      case 'columns':
        portionMarksIn(block.blocks, sectionId, out);
        break;
      case 'table':
        for (const cell of [...block.header, ...block.rows.flat()]) check(cell);
        if (block.caption) check(block.caption);
        break;
      default:
        break;
    }
  }
  return out;
}

/**
 * Brief Studio typesets the marks the writer chose; it checks only that no
 * portion is marked higher than the banner. Each such mark is named once per
 * section it is in, so the writer can find every one.
 */
export function marksAboveBanner(blocks: readonly Block[], banner: string): FoundMark[] {
  const bannerLevel = markingLevel(banner);
  if (bannerLevel === undefined) return [];
  const seen = new Set<string>();
  return portionMarksIn(blocks).filter(({ mark, sectionId }) => {
    const level = markingLevel(mark);
    const key = `${mark}\u0000${sectionId ?? ''}`;
    if (level === undefined || level <= bannerLevel || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The MARKING warning for a mark above the banner, at the line that writes it when that is known. */
export function markingWarning(found: FoundMark, banner: string, location?: SourceLocation): BriefWarning {
  const where = found.sectionId === undefined ? '' : ` in section \`${found.sectionId}\``;
  return {
    code: 'MARKING',
    message: `The portion mark ${found.mark}${where} is higher than the banner "${banner.trim().toUpperCase()}"; check the classification of the brief.`,
    ...(location ? { location } : {}),
  };
}

/** Warnings for the marks above the banner; `locate` finds where a section writes a mark. */
export function markingWarnings(blocks: readonly Block[], banner: string, locate?: (sectionId: string, mark: string) => SourceLocation | undefined): BriefWarning[] {
  return marksAboveBanner(blocks, banner).map((found) => markingWarning(found, banner, found.sectionId === undefined ? undefined : locate?.(found.sectionId, found.mark)));
}
