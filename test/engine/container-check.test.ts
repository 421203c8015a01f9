/**
 * A container (`::: callout …`) left open runs to the end of its section; the
 * build says so at the opener's line in the section file, and still builds.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unclosedContainerWarnings } from '../../main/engine/container-check.js';
import { buildBrief } from '../../main/engine/render.js';
import { briefSpecSchema, defaultSpec } from '../../main/engine/spec-schema.js';
import type { Section } from '../../main/engine/section-schema.js';
import { readPdf } from '../helpers/pdf-read.js';

const section = (body: string): Section => ({ id: 'notes', title: 'Notes', summary: 'S.', body, file: '/s/notes.md', bodyLine: 6, builtIn: false }) as Section;
const linesOf = (body: string) => unclosedContainerWarnings([section(body)]).map((w) => w.location?.line);

describe('containers left open', () => {
  it('names an opener without a closing line at its line in the section file', () => {
    const [warning, ...rest] = unclosedContainerWarnings([section('Intro.\n\n::: callout note Watch this\nInside.\n\nAfter, meant outside.\n')]);
    expect(rest).toEqual([]);
    expect(warning).toMatchObject({ code: 'CONTAINER_UNCLOSED', location: { file: '/s/notes.md', line: 8 } });
    expect(warning!.message).toContain('`::: callout note Watch this` is never closed');
  });

  it('says nothing of containers closed as markdown-it-container closes them', () => {
    expect(linesOf('::: callout note\nInside.\n:::\n')).toEqual([]);
    // Nested by colons: the inner one closes first, with fewer.
    expect(linesOf(':::: callout note\n::: style small\nText.\n:::\n::::\n')).toEqual([]);
    // A longer closing line closes too; spaces after it are fine.
    expect(linesOf('::: quote\nText.\n::::  \n')).toEqual([]);
  });

  it('reads fenced code as text, and a line of colons alone as no opener', () => {
    expect(linesOf('```\n::: callout note\n```\n')).toEqual([]);
    expect(linesOf('~~~~\n::: callout\n~~~\n:::\n~~~~\n')).toEqual([]);
    expect(linesOf('Text.\n\n::::\n')).toEqual([]);
  });

  it('finds one left open among closed ones, and one closed by too few colons', () => {
    expect(linesOf('::: callout a\nA.\n:::\n\n::: callout b\nB.\n')).toEqual([10]);
    expect(linesOf(':::: callout a\nA.\n:::\n')).toEqual([6]);
  });

  it('warns in a real build and still writes the brief, with the text after the opener kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brief-container-'));
    const file = join(dir, 'notes.md');
    writeFileSync(file, '---\nid: notes\ntitle: Notes\nsummary: S.\n---\nIntro.\n\n::: callout note Watch this\nInside.\n\nAfter, meant outside.\n');
    const built = await buildBrief(briefSpecSchema.parse({ ...defaultSpec(), sections: ['notes'] }), { sectionDirs: [dir] });
    expect(built.warnings.filter((w) => w.code === 'CONTAINER_UNCLOSED').map((w) => w.location)).toEqual([{ file, line: 8 }]);
    const text = (await readPdf(built.pdf)).pages.map((page) => page.text).join('\n');
    expect(text).toContain('After, meant outside.');
  });
});
