/**
 * A footnote reference without a definition (`[^x]` and no `[^x]: …`) is not
 * a footnote to markdown-it: the brackets stay in the text and print as
 * written. The text is kept as the writer wrote it, and each such reference
 * is named in a warning at its line in the section file, so a forgotten or
 * misspelt definition is seen rather than printed.
 */
import type { BriefWarning } from './errors.js';
import type { Block, Inline } from './model.js';
import type { Section } from './section-schema.js';
import { sectionBodyModel } from './sections.js';

const REFERENCE = /\[\^([^\]\s]+)\]/g;

export function undefinedFootnoteWarnings(sections: readonly Section[]): BriefWarning[] {
  const warnings: BriefWarning[] = [];
  for (const section of sections) {
    // Quick test first: most sections have no "[^" at all.
    if (!section.body.includes('[^')) continue;
    const labels = new Set<string>();
    for (const text of plainTexts(sectionBodyModel(section).blocks)) for (const match of text.matchAll(REFERENCE)) labels.add(match[1]!);
    for (const label of labels) {
      warnings.push({
        code: 'FOOTNOTE_UNDEFINED',
        message: `The footnote reference [^${label}] has no definition, so it prints as written. Add a line "[^${label}]: …" with the note's text, or correct the label.`,
        location: { file: section.file, line: lineOf(section, `[^${label}]`) },
      });
    }
  }
  return warnings;
}

/** The line in the section file of the first use of `reference` that is not a definition. */
function lineOf(section: Section, reference: string): number {
  let at = section.body.indexOf(reference);
  while (at >= 0 && section.body[at + reference.length] === ':') at = section.body.indexOf(reference, at + 1);
  const before = at < 0 ? '' : section.body.slice(0, at);
  return section.bodyLine + (before.match(/\n/g)?.length ?? 0);
}

/** The text of every run that is not code (in code, "[^x]" is meant literally). */
function plainTexts(blocks: readonly Block[]): string[] {
  const out: string[] = [];
  const runs = (list: readonly Inline[] | undefined) => {
    if (list) out.push(list.filter((run) => !run.code).map((run) => run.text).join(''));
  };
  for (const block of blocks) {
    switch (block.type) {
      case 'paragraph':
      case 'heading':
        runs(block.runs);
        break;
      case 'list':
        for (const item of block.items) out.push(...plainTexts(item));
        break;
      case 'table':
        for (const cells of [block.header, ...block.rows]) for (const cell of cells) runs(cell);
        runs(block.caption);
        break;
      case 'quote':
        out.push(...plainTexts(block.blocks));
        runs(block.attribution);
        break;
      case 'callout':
      case 'section':
      case 'columns':
        out.push(...plainTexts(block.blocks));
        break;
      default:
        break;
    }
  }
  return out;
}
