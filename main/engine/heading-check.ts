/**
 * A section's body sits under the heading the template gives the section
 * (`##` in the built-in templates). A heading in the body of that level or a
 * higher one (`#`, `##`) ranks with or above the section's own title: the
 * table of contents, the outline and the tagged structure then place it
 * beside the sections rather than inside its own. Each is named in a warning
 * at its line in the section file; the brief is still built.
 *
 * Read from the template's output: in each `::: section ID` container, the
 * first heading is the section's title (unless the body itself begins with
 * it), and a later heading of its level or higher that the body writes (the
 * same text on an ATX heading line of the body) is warned about. A body the
 * template does not print (a one-pager's) is not checked. Lines in fenced
 * code are text.
 */
import { normalize } from './content-coverage.js';
import type { BriefWarning } from './errors.js';
import { fencedCodeLines } from './fenced-code.js';
import type { Block, DocumentModel, HeadingBlock } from './model.js';
import type { Section } from './section-schema.js';
import { plainText } from './typeset/block-text.js';

const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$/;

interface BodyHeading {
  readonly line: number;
  readonly level: number;
  readonly text: string;
}

export function headingRankWarnings(model: DocumentModel, sections: readonly Section[]): BriefWarning[] {
  const containers = sectionContainers(model.blocks);
  const warnings: BriefWarning[] = [];
  for (const section of sections) {
    const blocks = containers.get(section.id);
    const title = blocks?.[0];
    if (!blocks || title?.type !== 'heading' || !section.body.includes('#')) continue;
    const inBody = atxHeadings(section.body);
    // A template that sets no title of its own: the body's first heading opened the container.
    if (inBody[0] && sameText(inBody[0].text, title) && !section.body.slice(0, section.body.indexOf('#')).trim()) continue;
    const claimed = new Set<BodyHeading>();
    for (const heading of headingsIn(blocks.slice(1))) {
      if (heading.level > title.level) continue;
      const written = inBody.find((candidate) => !claimed.has(candidate) && candidate.level === heading.level && sameText(candidate.text, heading));
      if (!written) continue; // the template's own heading, not the body's
      claimed.add(written);
      warnings.push({
        code: 'HEADING_LEVEL',
        message: `A level-${heading.level} heading (${'#'.repeat(heading.level)}) in a section ranks with or above the section's own title, which the template sets at level ${title.level}: the contents and the outline list it beside the sections. Write it as ${'#'.repeat(title.level + 1)}.`,
        location: { file: section.file, line: section.bodyLine + written.line },
      });
    }
  }
  return warnings;
}

/** Whether a heading line's text is this heading's, quotes, dashes and simple emphasis aside. */
function sameText(written: string, heading: HeadingBlock): boolean {
  const plain = written.replace(/\s*\{[^{}]*\}\s*$/, '').replace(/[*_`]/g, '');
  return normalize(plain) === normalize(plainText(heading.runs).replace(/[*_`]/g, ''));
}

/** The blocks of each section container, by section id. */
function sectionContainers(blocks: readonly Block[], out = new Map<string, readonly Block[]>()): Map<string, readonly Block[]> {
  for (const block of blocks) {
    if (block.type === 'section') {
      if (!out.has(block.id)) out.set(block.id, block.blocks);
      sectionContainers(block.blocks, out);
    } else if (block.type === 'columns' || block.type === 'callout' || block.type === 'quote') {
      sectionContainers(block.blocks, out);
    }
  }
  return out;
}

/** Headings among blocks, inside boxes and lists too, in order. */
function headingsIn(blocks: readonly Block[], out: HeadingBlock[] = []): HeadingBlock[] {
  for (const block of blocks) {
    if (block.type === 'heading') out.push(block);
    else if (block.type === 'list') block.items.forEach((item) => headingsIn(item, out));
    else if (block.type !== 'section' && 'blocks' in block) headingsIn(block.blocks, out);
  }
  return out;
}

/** ATX headings of a body (0-based line, level, text) outside fenced code. */
function atxHeadings(body: string): BodyHeading[] {
  const lines = body.split('\n');
  const code = fencedCodeLines(lines);
  const found: BodyHeading[] = [];
  lines.forEach((text, line) => {
    const heading = code[line] ? null : ATX_HEADING.exec(text);
    if (heading) found.push({ line, level: heading[1]!.length, text: (heading[2] ?? '').replace(/[ \t]+#+$/, '') });
  });
  return found;
}
