/**
 * Footnotes: each note laid out once, as lines of the `footnote` style that
 * pagination puts at the foot of the page of its first reference (or, by
 * template option, as endnotes after the text). The note's number links back
 * to its reference; the reference links to the note.
 */
import type { Block, Footnote, Inline } from '../model.js';
import type { FlowItem } from './flow.js';
import type { FlowBuilder, FlowContext } from './flow-builder.js';

/** The note's blocks with "N. " (linked back to the reference) before its first line. */
function numberedBlocks(note: Footnote): Block[] {
  const label: Inline = { text: `${note.number}.`, href: `#fnref-${note.number}` };
  const [first, ...rest] = note.blocks;
  if (first?.type === 'paragraph') return [{ ...first, runs: [label, { text: ' ' }, ...first.runs] }, ...rest];
  return [{ type: 'paragraph', runs: [label] }, ...note.blocks];
}

/**
 * Add one note's blocks to the builder, inside a `Note` structure element;
 * its first item carries the note's destination (the reference is a Link to it).
 */
export function addNote(builder: FlowBuilder, note: Footnote, context: FlowContext): FlowItem[] {
  const start = builder.items.length;
  builder.beginParent(builder.tag('Note'));
  for (const block of numberedBlocks(note)) builder.add(block, { ...context, textStyle: 'footnote' });
  builder.endParent();
  const items = builder.items.slice(start);
  const first = items[0];
  if (first) first.marks = [...(first.marks ?? []), `fn-${note.number}`];
  return items;
}

/**
 * Every note as its own short flow of lines, by number (for the foot of the
 * page). Laid out by the document's builder (so block numbers stay unique),
 * then taken out of its flow.
 */
export function layoutFootnotes(notes: readonly Footnote[], builder: FlowBuilder, context: FlowContext): Map<number, FlowItem[]> {
  const out = new Map<number, FlowItem[]>();
  const flowEnd = builder.items.length;
  for (const note of notes) {
    const items = addNote(builder, note, context);
    // Notes stack one under the other; only the space inside a note is kept.
    if (items[0]) items[0].gapBefore = 0;
    out.set(note.number, items);
  }
  builder.items.splice(flowEnd);
  return out;
}

/** Endnotes: a heading, then every note in order, at the end of the flow. */
export function addEndnotes(notes: readonly Footnote[], builder: FlowBuilder, context: FlowContext, title: string): void {
  if (notes.length === 0) return;
  builder.add({ type: 'heading', level: 2, runs: [{ text: title }], id: 'endnotes', outline: true }, context);
  for (const note of notes) addNote(builder, note, context);
}

/** Number under which the authority block travels with the footnotes (always first on page 1). */
export const AUTHORITY_NOTE = 0;

/**
 * The classification authority / CUI designation block: lines at the foot of
 * the first page, carried like a footnote of the first item of the flow.
 */
export function addAuthorityBlock(lines: readonly string[], builder: FlowBuilder, context: FlowContext, notes: Map<number, FlowItem[]>): void {
  const first = builder.items.find((item) => !item.edge && !item.pageBreak);
  if (!first || lines.length === 0) return;
  const flowEnd = builder.items.length;
  builder.add({ type: 'paragraph', runs: [{ text: lines.join('\n') }], style: 'authority' }, context);
  const items = builder.items.splice(flowEnd);
  if (items[0]) items[0].gapBefore = 0;
  notes.set(AUTHORITY_NOTE, items);
  first.noteRefs = [AUTHORITY_NOTE, ...(first.noteRefs ?? [])];
}
