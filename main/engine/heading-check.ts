/**
 * A section's body sits under the heading the template gives the section
 * (`##` in the built-in templates). A heading in the body of that level or a
 * higher one (`#`, `##`) ranks with or above the section's own title: the
 * table of contents, the outline and the tagged structure then place it
 * beside the sections rather than inside its own. Each is named in a warning
 * at its line in the section file; the brief is still built.
 *
 * The section's level is read from the template's output: the first heading
 * of each `::: section ID` container, when it carries the section's title (a
 * heading of the body's own does not count). A template that gives sections
 * no such heading is not checked. Lines in fenced code are text.
 */
import type { BriefWarning } from './errors.js';
import { fencedCodeLines } from './fenced-code.js';
import type { Block, DocumentModel } from './model.js';
import { plainText } from './typeset/block-text.js';
import type { Section } from './section-schema.js';

const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]|$)/;

export function headingRankWarnings(model: DocumentModel, sections: readonly Section[]): BriefWarning[] {
  const titles = sectionTitles(model.blocks);
  const warnings: BriefWarning[] = [];
  for (const section of sections) {
    const title = titles.get(section.id);
    if (!title || !title.text.includes(section.title.replace(/\s+/g, ' ').trim()) || !section.body.includes('#')) continue;
    const level = title.level;
    for (const { line, hashes } of atxHeadings(section.body)) {
      if (hashes > level) continue;
      warnings.push({
        code: 'HEADING_LEVEL',
        message: `A level-${hashes} heading (${'#'.repeat(hashes)}) in a section ranks with or above the section's own title, which the template sets at level ${level}: the contents and the outline list it beside the sections. Write it as ${'#'.repeat(level + 1)}.`,
        location: { file: section.file, line: section.bodyLine + line },
      });
    }
  }
  return warnings;
}

/** The heading each section container opens with (its level and plain text), by section id. */
function sectionTitles(blocks: readonly Block[], out = new Map<string, { level: number; text: string }>()): Map<string, { level: number; text: string }> {
  for (const block of blocks) {
    if (block.type === 'section') {
      const first = block.blocks[0];
      if (first?.type === 'heading' && !out.has(block.id)) out.set(block.id, { level: first.level, text: plainText(first.runs) });
      sectionTitles(block.blocks, out);
    } else if (block.type === 'columns' || block.type === 'callout' || block.type === 'quote') {
      sectionTitles(block.blocks, out);
    }
  }
  return out;
}

/** ATX headings (0-based line, number of #) outside fenced code. */
function atxHeadings(body: string): { line: number; hashes: number }[] {
  const lines = body.split('\n');
  const code = fencedCodeLines(lines);
  const found: { line: number; hashes: number }[] = [];
  lines.forEach((text, line) => {
    const heading = code[line] ? null : ATX_HEADING.exec(text);
    if (heading) found.push({ line, hashes: heading[1]!.length });
  });
  return found;
}
