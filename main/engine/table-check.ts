/**
 * Lines that look like a table but are not one print as a paragraph of pipes:
 * a GFM table needs a delimiter row (`|---|---|`) right under its header, with
 * as many cells as the header. Such lines are named in a warning at the
 * header's line in the section file, saying which of the two is wrong.
 *
 * A candidate is the first of two or more lines at the margin that start
 * with `|`, with at least two cells (a table may follow a paragraph line
 * directly). Whether
 * it is a table is asked of the brief's own parser, so the warning never
 * disagrees with what is printed. Lines inside fenced code are text.
 */
import type { BriefWarning } from './errors.js';
import { fencedCodeLines } from './fenced-code.js';
import { readsAsTable } from './markup.js';
import type { Section } from './section-schema.js';

const ROW = /^ {0,3}\|/;
const DELIMITER_CELL = /^\s*:?-+:?\s*$/;

export function tableShapeWarnings(sections: readonly Section[]): BriefWarning[] {
  const warnings: BriefWarning[] = [];
  for (const section of sections) {
    // Quick test first: most sections have no line starting with a pipe.
    if (!/(^|\n) {0,3}\|/.test(section.body)) continue;
    for (const { line, message } of misshapenTables(section.body)) {
      warnings.push({ code: 'TABLE_NOT_RECOGNISED', message, location: { file: section.file, line: section.bodyLine + line } });
    }
  }
  return warnings;
}

/** Header lines (0-based) of would-be tables the parser does not read as tables, with what is wrong. */
function misshapenTables(body: string): { line: number; message: string }[] {
  const lines = body.split('\n');
  const code = fencedCodeLines(lines);
  const found: { line: number; message: string }[] = [];
  let afterRow = false;
  for (let line = 0; line < lines.length; line++) {
    const text = lines[line]!;
    if (code[line]) {
      afterRow = false;
      continue;
    }
    const next = lines[line + 1];
    // The first of a run of rows: the rows after it belong to its table, or to its text.
    if (!afterRow && ROW.test(text) && next !== undefined && !code[line + 1] && ROW.test(next) && cells(text).length >= 2) {
      const problem = shapeProblem(text, next);
      if (problem) found.push({ line, message: problem });
    }
    afterRow = ROW.test(text);
  }
  return found;
}

/** What keeps a header and the line under it from being a table; undefined when the parser reads them as one. */
function shapeProblem(header: string, under: string): string | undefined {
  const headerCells = cells(header).length;
  const underCells = cells(under);
  const delimiterRow = underCells.length > 0 && underCells.every((cell) => DELIMITER_CELL.test(cell));
  // Most such lines are tables: one whose delimiter row fits is not asked of the parser.
  if ((delimiterRow && underCells.length === headerCells) || readsAsTable(`${header}\n${under}\n`)) return undefined;
  const printed = 'so these lines are read as text, not as a table';
  if (delimiterRow) {
    return `The table's header has ${headerCells} cells but the delimiter row under it has ${underCells.length}, ${printed}. Give the delimiter row one \`---\` per header cell.`;
  }
  return `These lines look like a table but the line under the header is not a delimiter row (such as \`${delimiterFor(headerCells)}\`), ${printed}.`;
}

/** The cells of a row as GFM splits it: on pipes not escaped with a backslash, outer pipes dropped. */
function cells(row: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < row.length; i++) {
    const char = row[i]!;
    if (char === '\\' && row[i + 1] === '|') {
      current += '\\|';
      i++;
    } else if (char === '|') {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  if (parts[0]!.trim() === '') parts.shift();
  if (parts.length > 0 && parts[parts.length - 1]!.trim() === '') parts.pop();
  return parts;
}

function delimiterFor(count: number): string {
  return `|${'---|'.repeat(Math.max(count, 1))}`;
}
