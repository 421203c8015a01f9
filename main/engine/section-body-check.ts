/**
 * The warnings a section's body earns whatever brief and template it is
 * built in: a footnote reference without its note, a container or code fence
 * left open, a stray line of colons, rows that look like a table but do not
 * read as one. A build gives them (render.ts), and so does the section
 * editor while the section is written, each at its line in the section file.
 */
import { strayCloserWarnings, unclosedContainerWarnings, unclosedFenceWarnings } from './container-check.js';
import type { BriefWarning } from './errors.js';
import { undefinedFootnoteWarnings } from './footnote-check.js';
import type { Section } from './section-schema.js';
import { tableShapeWarnings } from './table-check.js';

export function sectionBodyWarnings(sections: readonly Section[]): BriefWarning[] {
  return [...undefinedFootnoteWarnings(sections), ...unclosedContainerWarnings(sections), ...unclosedFenceWarnings(sections), ...strayCloserWarnings(sections), ...tableShapeWarnings(sections)];
}
