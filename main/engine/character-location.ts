/**
 * Where a section first uses a character: the MISSING_GLYPHS warning points
 * at that line of the section file, so a writer finds the word that prints
 * as boxes without searching for it. Likewise the row of a table that a
 * warning is about (a table too wide for the page), and the line that writes
 * a portion mark a MARKING warning is about.
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

/** Where each section writes a portion mark: see portionMarkLocation. */
export function sectionMarkLocator(sections: readonly Section[]): (sectionId: string, mark: string) => SourceLocation | undefined {
  const byId = new Map(sections.map((section) => [section.id, section]));
  return (sectionId, mark) => {
    const section = byId.get(sectionId);
    return section ? portionMarkLocation(section, mark) : undefined;
  };
}

/** What may come before a portion's first word on its line: list markers, a heading's #, a quote's >. */
const PORTION_LEAD = /^\s*(?:(?:[-*+>]|\d+[.)]|#{1,6})\s+)*/;

/**
 * The first body line (outside fenced code) that starts a portion with
 * `mark`, else the first that holds it (a table cell); the file alone when
 * the body has none (the mark is the front matter's portionMark).
 */
function portionMarkLocation(section: Section, mark: string): SourceLocation {
  const lines = section.body.split('\n');
  const code = fencedCodeLines(lines);
  const prose = (at: number): boolean => !code[at];
  let index = lines.findIndex((line, at) => prose(at) && line.replace(PORTION_LEAD, '').startsWith(mark));
  if (index < 0) index = lines.findIndex((line, at) => prose(at) && line.includes(mark));
  return index < 0 ? { file: section.file } : { file: section.file, line: section.bodyLine + index };
}
