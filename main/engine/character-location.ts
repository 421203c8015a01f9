/**
 * Where a section first uses a character: the MISSING_GLYPHS warning points
 * at that line of the section file, so a writer finds the word that prints
 * as boxes without searching for it. Likewise the row of a table that a
 * warning is about (a table too wide for the page).
 */
import { createHash } from 'node:crypto';
import type { SourceLocation } from './errors.js';
import { fencedCodeLines } from './fenced-code.js';
import type { Section } from './section-schema.js';
import type { CharacterLocator } from './typeset/missing-glyphs.js';

export function sectionCharacterLocator(sections: readonly Section[]): CharacterLocator {
  const byId = new Map(sections.map((section) => [section.id, section]));
  let key: string | undefined;
  return {
    // Read only where results are kept (the app): a command-line build never loads crypto for it.
    get key() {
      // The lines move when the body does, even where the document does not change (a blank line added).
      if (key === undefined) {
        const hash = createHash('sha256');
        for (const section of sections) hash.update(`${section.id}\u0000${section.file}\u0000${section.bodyLine}\u0000${section.body}\u0000`);
        key = hash.digest('base64');
      }
      return key;
    },
    locate: (id, codePoints) => {
      const section = byId.get(id);
      return section ? firstUse(section, codePoints) : undefined;
    },
    locateTableRow: (id, cellText) => {
      const section = byId.get(id);
      return section ? rowWith(section, cellText) : undefined;
    },
  };
}

/** The first table row (a line starting with `|`) of the body that holds `cellText`; the file alone when none does. */
function rowWith(section: Section, cellText: string): SourceLocation {
  const lines = section.body.split('\n');
  const code = fencedCodeLines(lines);
  const index = lines.findIndex((line, at) => !code[at] && /^ {0,3}\|/.test(line) && line.includes(cellText));
  return index < 0 ? { file: section.file } : { file: section.file, line: section.bodyLine + index };
}

/** The line of the first of `codePoints` in the body; the file alone when only the front matter has them (a title). */
function firstUse(section: Section, codePoints: ReadonlySet<number>): SourceLocation {
  let line = section.bodyLine;
  for (const character of section.body) {
    if (character === '\n') line++;
    else if (codePoints.has(character.codePointAt(0)!)) return { file: section.file, line };
  }
  return { file: section.file };
}
