/**
 * Links on paper: a reader of the printed brief cannot click, so an external
 * link keeps its target visible, by template option: after the link text in
 * parentheses, as a footnote, or not at all. A link whose text is already its
 * address is left as it is.
 */
import { superscriptNumber } from '../markup.js';
import type { Block, DocumentModel, Footnote, Inline } from '../model.js';

export type LinkDisplay = 'after' | 'footnote' | 'hidden';

/** The address as a reader would type it: no mailto:, no trailing slash. */
function shown(href: string): string {
  return href.replace(/^mailto:/i, '').replace(/\/$/, '');
}

/** Whether a link's text already is its address (an autolink; markdown-it percent-encodes the href). */
function textIsAddress(text: string, href: string): boolean {
  let decoded = href;
  try {
    decoded = decodeURI(href);
  } catch {
    // Not valid percent-encoding: compare as written.
  }
  const plain = shown(text.trim());
  return plain === shown(href.trim()) || plain === shown(decoded.trim());
}

function isExternal(href: string | undefined): href is string {
  return href !== undefined && /^(https?:\/\/|mailto:)/i.test(href.trim());
}

/** Rewrites every run list of a block tree with `map`, in document order. */
function mapRuns(blocks: readonly Block[], map: (runs: Inline[]) => Inline[]): Block[] {
  return blocks.map((block): Block => {
    switch (block.type) {
      case 'paragraph':
      case 'heading':
        return { ...block, runs: map(block.runs) };
      case 'list':
        return { ...block, items: block.items.map((item) => mapRuns(item, map)) };
      case 'quote':
        return block.attribution ? { ...block, blocks: mapRuns(block.blocks, map), attribution: map(block.attribution) } : { ...block, blocks: mapRuns(block.blocks, map) };
      case 'callout':
      case 'section':
      case 'columns':
        return { ...block, blocks: mapRuns(block.blocks, map) };
      case 'table': {
        const table = { ...block, header: block.header.map(map), rows: block.rows.map((row) => row.map(map)) };
        return block.caption ? { ...table, caption: map(block.caption) } : table;
      }
      default:
        return block;
    }
  });
}

/** The address of the external link that ends at `runs[k]`, unless its text already is that address. */
function addressToShow(runs: Inline[], k: number): string | undefined {
  const href = runs[k]!.href;
  if (!isExternal(href) || runs[k + 1]?.href === href) return undefined;
  let text = '';
  for (let j = k; j >= 0 && runs[j]!.href === href; j--) text = runs[j]!.text + text;
  return textIsAddress(text, href) ? undefined : href;
}

/** `text (https://…)` after each external link whose text is not its address. */
function addressesAfter(runs: Inline[]): Inline[] {
  const out: Inline[] = [];
  runs.forEach((run, k) => {
    out.push(run);
    const href = addressToShow(runs, k);
    if (href) out.push({ text: ' (' }, { text: shown(href.trim()), href }, { text: ')' });
  });
  return out;
}

export function displayLinks(model: DocumentModel, mode: LinkDisplay): DocumentModel {
  if (mode === 'hidden') return model;
  if (mode === 'after') {
    return { ...model, blocks: mapRuns(model.blocks, addressesAfter), ...(model.footnotes ? { footnotes: model.footnotes.map((note) => ({ ...note, blocks: mapRuns(note.blocks, addressesAfter) })) } : {}) };
  }
  // Footnotes: number the author's notes and the link notes together, in reading order.
  const oldNotes = new Map((model.footnotes ?? []).map((note) => [note.number, note]));
  const renumbered = new Map<number, number>();
  const notes: Footnote[] = [];
  const toNotes = (runs: Inline[]): Inline[] => {
    const out: Inline[] = [];
    runs.forEach((run, k) => {
      const ref = run.href?.startsWith('#fn-') ? Number(run.href.slice(4)) : undefined;
      if (ref !== undefined && oldNotes.has(ref)) {
        let number = renumbered.get(ref);
        if (number === undefined) {
          number = notes.length + 1;
          renumbered.set(ref, number);
          notes.push({ number, blocks: mapRuns(oldNotes.get(ref)!.blocks, addressesAfter) });
        }
        out.push({ ...run, text: superscriptNumber(number), href: `#fn-${number}` });
        return;
      }
      out.push(run);
      const href = addressToShow(runs, k);
      if (!href) return;
      const number = notes.length + 1;
      notes.push({ number, blocks: [{ type: 'paragraph', runs: [{ text: shown(href.trim()), href }] }] });
      out.push({ text: superscriptNumber(number), href: `#fn-${number}` });
    });
    return out;
  };
  const blocks = mapRuns(model.blocks, toNotes);
  return notes.length > 0 ? { blocks, footnotes: notes } : { blocks };
}
