/**
 * Lines that look like a table but lack a proper delimiter row print as text;
 * the build says so at the header's line in the section file, and still builds.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBrief } from '../../main/engine/render.js';
import { briefSpecSchema, defaultSpec } from '../../main/engine/spec-schema.js';
import type { Section } from '../../main/engine/section-schema.js';
import { tableShapeWarnings } from '../../main/engine/table-check.js';
import { readPdf } from '../helpers/pdf-read.js';

const section = (body: string): Section => ({ id: 'notes', title: 'Notes', summary: 'S.', body, file: '/s/notes.md', bodyLine: 6, builtIn: false }) as Section;
const warningsOf = (body: string) => tableShapeWarnings([section(body)]);
const linesOf = (body: string) => warningsOf(body).map((w) => w.location?.line);

describe('tables that are not read as tables', () => {
  it('names a delimiter row with fewer or more cells than the header, at the header line', () => {
    const [warning, ...rest] = warningsOf('Intro.\n\n| Year | Budget | Share |\n|---|---|\n| 2023 | 6.8 | 1.2 |\n');
    expect(rest).toEqual([]);
    expect(warning).toMatchObject({ code: 'TABLE_NOT_RECOGNISED', location: { file: '/s/notes.md', line: 8 } });
    expect(warning!.message).toContain('header has 3 cells but the delimiter row under it has 2');
    expect(linesOf('| A | B |\n|---|---|---|\n| 1 | 2 |\n')).toEqual([6]);
  });

  it('names a missing delimiter row, with one to copy', () => {
    const [warning] = warningsOf('| Year | Budget |\n| 2023 | 6.8 |\n');
    expect(warning!.message).toContain('not a delimiter row (such as `|---|---|`)');
    expect(linesOf('| A | B |\n|--|x|\n')).toEqual([6]);
  });

  it('says nothing of real tables, escaped pipes, fenced code or prose with a pipe', () => {
    expect(linesOf('| A | B |\n|---|:--:|\n| 1 | 2 |\n')).toEqual([]);
    expect(linesOf('A | B\n--|--\n1 | 2\n')).toEqual([]);
    expect(linesOf('| a \\| b | c |\n|---|---|\n')).toEqual([]);
    expect(linesOf('```\n| A | B |\n| 1 | 2 |\n```\n')).toEqual([]);
    expect(linesOf('~~~~\n| A | B |\n~~~\n| 1 | 2 |\n~~~~\n')).toEqual([]);
    expect(linesOf('|one cell|\n|another|\n')).toEqual([]);
    // The rows after a table's delimiter row are its body.
    expect(linesOf('| A | B |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n\n| C | D |\n|---|---|\n| 5 | 6 |\n')).toEqual([]);
  });

  it('checks rows right under a paragraph line (a table may follow one without a blank line)', () => {
    expect(linesOf('Text.\n| A | B |\n|---|---|\n')).toEqual([]);
    expect(linesOf('Text.\n| A | B |\n| 1 | 2 |\n')).toEqual([7]);
  });

  it('checks a table at the top of a container too', () => {
    expect(linesOf('::: callout note Data\n| A | B |\n| 1 | 2 |\n:::\n')).toEqual([7]);
  });

  it('warns in a real build and still writes the brief, with the lines printed as text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brief-table-shape-'));
    const file = join(dir, 'notes.md');
    writeFileSync(file, '---\nid: notes\ntitle: Notes\nsummary: S.\n---\nIntro.\n\n| Year | Budget |\n| 2023 | 6.8 |\n');
    const built = await buildBrief(briefSpecSchema.parse({ ...defaultSpec(), sections: ['notes'] }), { sectionDirs: [dir] });
    expect(built.warnings.filter((w) => w.code === 'TABLE_NOT_RECOGNISED').map((w) => w.location)).toEqual([{ file, line: 8 }]);
    const text = (await readPdf(built.pdf)).pages.map((page) => page.text).join('\n');
    expect(text).toContain('2023');
  });

  it('points the warning of a table too wide for the page at its header row', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brief-table-shape-'));
    const file = join(dir, 'notes.md');
    const columns = Array.from({ length: 40 }, (_, i) => `Heading${i + 1}`);
    const table = `| ${columns.join(' | ')} |\n|${'---|'.repeat(40)}\n| ${columns.map((_, i) => `value${i}`).join(' | ')} |\n`;
    writeFileSync(file, `---\nid: notes\ntitle: Notes\nsummary: S.\n---\nIntro.\n\n${table}`);
    const built = await buildBrief(briefSpecSchema.parse({ ...defaultSpec(), sections: ['notes'] }), { sectionDirs: [dir] });
    const wide = built.warnings.filter((w) => w.code === 'CONTENT_OVERFLOW');
    expect(wide).toHaveLength(1);
    expect(wide[0]!.location).toEqual({ file, line: 8 });
    expect(wide[0]!.message).toContain('(its first cell: "Heading1")');
  });
});
