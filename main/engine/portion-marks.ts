/**
 * Portion marks: a short prefix such as "(U) " before each paragraph and
 * list item, as some offices require. Applied to the document model, so
 * section bodies written in plain Markdown are marked too. Idempotent: text
 * a template already marked (with `{{portion}}`) is left as it is.
 */
import type { Block, Inline } from './model.js';

/**
 * Title-block styles (and the labels above them) carry the overall marking in
 * the banner instead; a source note belongs to the portion it annotates.
 */
const UNMARKED_STYLES = new Set(['title', 'subtitle', 'meta', 'kicker', 'note']);

export function applyPortionMarks(blocks: Block[], mark: string): Block[] {
  const prefix = `${mark.trim()} `;
  return blocks.map((block) => markBlock(block, prefix));
}

function markBlock(block: Block, prefix: string): Block {
  switch (block.type) {
    case 'paragraph':
      return UNMARKED_STYLES.has(block.style ?? 'body') ? block : { ...block, runs: prefixRuns(block.runs, prefix) };
    case 'list':
      return { ...block, items: block.items.map((item) => item.map((b) => markBlock(b, prefix))) };
    case 'quote':
    case 'callout':
    case 'section':
      return { ...block, blocks: block.blocks.map((b) => markBlock(b, prefix)) };
    default:
      return block;
  }
}

function prefixRuns(runs: Inline[], prefix: string): Inline[] {
  const text = runs.map((r) => r.text).join('');
  if (text.startsWith(prefix) || text.startsWith(prefix.trim())) return runs;
  return [{ text: prefix }, ...runs];
}
