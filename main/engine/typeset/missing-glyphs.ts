/** Characters no font could show, collected per section: one warning per section, at the first line that uses one. */
import type { BriefWarning, SourceLocation } from '../errors.js';

/** Where in its file a section first uses one of these characters (render.ts knows the files; the typesetter does not). */
export interface CharacterLocator {
  /** Changes when an answer may change (a kept result is reused only under the same key: document-memo.ts). */
  readonly key: string;
  locate(section: string, codePoints: ReadonlySet<number>): SourceLocation | undefined;
  /** Where a section writes the table row that holds this cell text (a table's warnings point there). */
  locateTableRow?(section: string, cellText: string): SourceLocation | undefined;
}

export const OUTSIDE_SECTIONS = '';
export const PAGE_FURNITURE = '\u0000furniture';

export class MissingGlyphs {
  private readonly bySection = new Map<string, Set<number>>();
  /** Section whose blocks are being laid out (`OUTSIDE_SECTIONS` between sections). */
  current = OUTSIDE_SECTIONS;
  /** Characters recorded so far, repeats included (a replayed drawing would record none: furniture-replay.ts). */
  recorded = 0;

  record(codePoint: number): void {
    this.recorded++;
    let set = this.bySection.get(this.current);
    if (!set) {
      set = new Set();
      this.bySection.set(this.current, set);
    }
    set.add(codePoint);
  }

  warnings(locate?: CharacterLocator): BriefWarning[] {
    const out: BriefWarning[] = [];
    for (const [section, codePoints] of this.bySection) {
      const list = [...codePoints].map(describeCharacter).join(', ');
      const where =
        section === OUTSIDE_SECTIONS
          ? "The brief's own text (its title block and what the template writes outside the sections)"
          : section === PAGE_FURNITURE
            ? 'The page header or footer'
            : `Section "${section}"`;
      const count = codePoints.size === 1 ? 'a character' : `${codePoints.size} characters`;
      const location = section === OUTSIDE_SECTIONS || section === PAGE_FURNITURE ? undefined : locate?.locate(section, codePoints);
      out.push({
        code: 'MISSING_GLYPHS',
        message: `${where} uses ${count} no font can show: ${list}. They print as empty boxes; add a font that has them to the template's fonts.fallback.`,
        ...(location ? { location } : {}),
      });
    }
    return out;
  }
}

export function describeCharacter(codePoint: number): string {
  const hex = codePoint.toString(16).toUpperCase().padStart(4, '0');
  return `U+${hex} (${String.fromCodePoint(codePoint)})`;
}
