import { cpSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBrief } from '../../main/engine/render.js';
import { briefSpecSchema, defaultSpec, type BriefSpecInput } from '../../main/engine/spec-schema.js';
import { cpuTimeOf } from '../helpers/cpu-time.js';
import { readPdf } from '../helpers/pdf-read.js';

const spec = (input: Partial<BriefSpecInput> = {}) => briefSpecSchema.parse({ ...defaultSpec(), ...input });

function userSection(dir: string, id: string, body: string): void {
  writeFileSync(
    join(dir, `${id}.md`),
    [
      '---',
      `id: ${id}`,
      `title: ${id}`,
      'summary: A section of the user’s own.',
      'sources:',
      '  - { id: memo, title: Office memo, publisher: Our office, date: "2023-01" }',
      '---',
      body,
    ].join('\n'),
  );
}

describe('buildBrief (the whole pipeline)', () => {
  it('is deterministic: the same spec gives the same bytes', async () => {
    const a = await buildBrief(spec());
    const b = await buildBrief(spec());
    expect(Buffer.from(a.pdf).equals(Buffer.from(b.pdf))).toBe(true);
  });

  it('typesets a 1 MB section body, paginated, without hanging', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brief-big-'));
    const paragraph = 'The alliance review covered posture, procurement and planning in detail, with each delegation setting out its priorities. ';
    const body = Array.from({ length: Math.ceil(1_000_000 / (paragraph.length * 8)) }, (_, i) => `${i % 40 === 0 ? `### Part ${i / 40 + 1}\n\n` : ''}${paragraph.repeat(8)}`).join('\n\n');
    expect(body.length).toBeGreaterThan(1_000_000);
    userSection(dir, 'big-annex', body);
    const { result, cpuMs } = await cpuTimeOf(() => buildBrief(spec({ sections: ['big-annex'], template: 'memo' }), { sectionDirs: [dir] }));
    expect(cpuMs).toBeLessThan(45_000);
    expect(result.pageCount).toBeGreaterThan(100);
    const pdf = await readPdf(result.pdf);
    expect(pdf.pageCount).toBe(result.pageCount);
    expect(pdf.pages.at(-1)!.text).toContain('UNCLASSIFIED');
  });

  it('warns about characters no font has, naming the section and the characters', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brief-glyph-'));
    userSection(dir, 'old-scripts', 'A Linear B sign 𐀀 and an Old Italic letter 𐌀 appear here.');
    const result = await buildBrief(spec({ sections: ['old-scripts'] }), { sectionDirs: [dir] });
    const warning = result.warnings.find((w) => w.code === 'MISSING_GLYPHS');
    expect(warning?.message).toMatch(/old-scripts/);
    expect(warning?.message).toMatch(/U\+10000/);
    expect(warning?.message).toMatch(/U\+10300/);
    // In the title: said to be in the brief's own text (no section file to point at).
    const titled = await buildBrief(spec({ title: 'Notes on 𐀀', sections: ['old-scripts'] }), { sectionDirs: [dir] });
    const own = titled.warnings.filter((w) => w.code === 'MISSING_GLYPHS').find((w) => !w.message.includes('old-scripts'));
    expect(own?.message).toMatch(/^The brief's own text \(its title block/);
  });

  it('places the characters-no-font-has warning at the first line that uses one, and moves it when the line moves', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brief-glyph-line-'));
    const file = join(dir, 'old-scripts.md');
    // The body starts at line 8 (userSection's front matter is 7 lines).
    userSection(dir, 'old-scripts', 'A first paragraph.\n\nA Linear B sign 𐀀 here,\nand an Old Italic letter 𐌀 there.');
    const first = await buildBrief(spec({ sections: ['old-scripts'] }), { sectionDirs: [dir] });
    expect(first.warnings.find((w) => w.code === 'MISSING_GLYPHS')?.location).toEqual({ file, line: 10 });
    // Two blank lines before the body: the same document (and so a kept result), two lines further down.
    userSection(dir, 'old-scripts', '\n\nA first paragraph.\n\nA Linear B sign 𐀀 here,\nand an Old Italic letter 𐌀 there.');
    const moved = await buildBrief(spec({ sections: ['old-scripts'] }), { sectionDirs: [dir] });
    expect(Buffer.from(moved.pdf).equals(Buffer.from(first.pdf))).toBe(true);
    expect(moved.warnings.find((w) => w.code === 'MISSING_GLYPHS')?.location).toEqual({ file, line: 12 });
  });

  it('reports a markup mistake a template writes at its line in brief.hbs, naming the output line too', async () => {
    const root = mkdtempSync(join(tmpdir(), 'brief-house-'));
    cpSync(join(import.meta.dirname, '..', '..', 'templates', 'memo'), join(root, 'house'), { recursive: true });
    const main = join(root, 'house', 'brief.hbs');
    // Last, after the comment that opens the file: a line of the template's own.
    const text = readFileSync(main, 'utf8').replace(/\n*$/, '\n\n');
    writeFileSync(main, `${text}![Seal](images/seal.png "width=120px")\n`);
    const line = text.split('\n').length;
    const error = await buildBrief(spec({ template: 'house' }), { templateDirs: [root] }).then(
      () => undefined,
      (e: unknown) => e as { code?: string; message?: string; location?: unknown },
    );
    expect(error?.code).toBe('MARKUP_INVALID');
    expect(error?.location).toEqual({ file: realpathSync(main), line });
    expect(error?.message).toMatch(/width=120px.*\(line \d+ of the template's output\)$/);
  });

  it('puts portion marks before body paragraphs when the spec asks', async () => {
    const result = await buildBrief(spec({ sections: ['space-agreement'], options: { portionMark: '(U)' } }));
    const text = (await readPdf(result.pdf)).pages.map((p) => p.text).join('\n');
    expect(text).toMatch(/\(U\) As the week of alliance meetings came to an end/);
    expect(text).not.toMatch(/\(U\) \(U\)/);
  });

  it('reads a user section that overrides a built-in one, with a warning', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brief-override-'));
    userSection(dir, 'force-posture', 'Our office’s own reading of the posture changes.');
    const result = await buildBrief(spec({ sections: ['force-posture'] }), { sectionDirs: [dir] });
    expect(result.warnings.map((w) => w.code)).toContain('SECTION_OVERRIDDEN');
    const text = (await readPdf(result.pdf)).pages.map((p) => p.text).join('\n');
    expect(text).toContain('Our office’s own reading of the posture changes.');
    expect(readFileSync(join(dir, 'force-posture.md'), 'utf8')).toContain('force-posture');
  });

  it('writes PDF/A when asked; imposed handout sheets keep the part, and PDF/A-2a sheets (untagged) say they are 2u', async () => {
    const archival = await buildBrief(spec({ sections: ['space-agreement'], options: { pdfStandard: 'PDF/A-2b' } }));
    expect(archival.warnings.filter((w) => w.code === 'OPTION_NOT_SUPPORTED')).toEqual([]);
    expect(Buffer.from(archival.pdf).toString('latin1')).toContain('<pdfaid:part>2</pdfaid:part>');
    const asked = await buildBrief(spec({ sections: ['space-agreement'], options: { pdfStandard: 'PDF/A-2b', handout: { layout: '4-up', copies: 12 } } }));
    expect(asked.warnings.filter((w) => w.code === 'OPTION_NOT_SUPPORTED')).toEqual([]);
    expect(Buffer.from(asked.pdf).toString('latin1')).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    const tagged = await buildBrief(spec({ sections: ['space-agreement'], options: { pdfStandard: 'PDF/A-2a', handout: { layout: '2-up' } } }));
    const messages = tagged.warnings.filter((w) => w.code === 'OPTION_NOT_SUPPORTED').map((w) => w.message);
    expect(messages).toEqual([expect.stringContaining('PDF/A-2u rather than PDF/A-2a')]);
    expect(Buffer.from(tagged.pdf).toString('latin1')).toContain('<pdfaid:conformance>U</pdfaid:conformance>');
  });

  it('stops a runaway document at the page limit with a clear error', async () => {
    await expect(buildBrief(spec({ sections: ['space-agreement', 'force-posture'] }), { maxPages: 2 })).rejects.toMatchObject({ code: 'TEMPLATE_LIMIT' });
  });
});
