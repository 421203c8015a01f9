/**
 * The command line with a writer's own files: lenient where a writer expects
 * it (no sources, no date, paths beside the spec, one broken file among many),
 * strict where it matters (citations, never writing over an input).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../main/cli.js';
import { localIsoDate } from '../main/engine/spec-schema.js';
import { readPdf } from './helpers/pdf-read.js';

const root = resolve(import.meta.dirname, '..');
process.env.BRIEF_STUDIO_CACHE_DIR = 'off';

async function cli(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), cwd });
  return { code, out, err };
}

const temp = (): string => mkdtempSync(join(tmpdir(), 'brief-inputs-'));

const MY_SECTION = `---
id: my-notes
title: My Own Notes
summary: A first section of my own, with no sources.
key_facts:
  - text: A fact that stands without a citation.
---
The body of my own notes.
`;

const BROKEN = `---
id: half-done
title: Half done
summary: Not finished yet.
colour: blue
---
Body.
`;

describe('a writer’s first own files', () => {
  it('builds a section without sources and a spec without a date, dated the day of the build', async () => {
    const dir = temp();
    mkdirSync(join(dir, 'sections'));
    writeFileSync(join(dir, 'sections', 'my-notes.md'), MY_SECTION);
    writeFileSync(join(dir, 'mine.brief.yaml'), 'title: My first brief\nsections: [my-notes]\n');
    const before = localIsoDate();
    const { code, err } = await cli(['build', 'mine.brief.yaml', '--sections-dir', 'sections', '-o', 'mine.pdf'], dir);
    const after = localIsoDate();
    expect(err).not.toMatch(/error/);
    expect(code).toBe(0);
    const pdf = await readPdf(readFileSync(join(dir, 'mine.pdf')));
    const text = pdf.pages.map((p) => p.text).join('\n');
    expect(text).toContain('A fact that stands without a citation.');
    // The memo prints "Source N" under a cited fact; an uncited one gets no "Source 0".
    expect(text).not.toMatch(/Source 0/);
    const stamp = (iso: string): string => `D:${iso.replaceAll('-', '')}`;
    expect([stamp(before), stamp(after)]).toContain(String(pdf.info.CreationDate).slice(0, 10));
  });

  it('pins an undated spec with --date: the same inputs and date give the same bytes as a dated spec', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'undated.brief.yaml'), 'title: Pinned\nsections: [space-agreement]\n');
    writeFileSync(join(dir, 'dated.brief.yaml'), 'title: Pinned\ndate: 2023-01-13\nsections: [space-agreement]\n');
    expect((await cli(['build', 'undated.brief.yaml', '--date', '2023-01-13', '-o', 'a.pdf', '-q'], dir)).code).toBe(0);
    expect((await cli(['build', 'undated.brief.yaml', '--date', '2023-01-13', '-o', 'b.pdf', '-q'], dir)).code).toBe(0);
    expect((await cli(['build', 'dated.brief.yaml', '-o', 'c.pdf', '-q'], dir)).code).toBe(0);
    expect((await cli(['build', 'undated.brief.yaml', '--date', '2024-02-29', '-o', 'd.pdf', '-q'], dir)).code).toBe(0);
    const bytes = (name: string): Buffer => readFileSync(join(dir, name));
    expect(bytes('a.pdf').equals(bytes('b.pdf'))).toBe(true);
    expect(bytes('a.pdf').equals(bytes('c.pdf'))).toBe(true);
    expect(bytes('a.pdf').equals(bytes('d.pdf'))).toBe(false);
  });

  it('finds a template named by path beside the spec, whatever the working folder', async () => {
    const project = temp();
    cpSync(join(root, 'templates', 'memo'), join(project, 'house-style'), { recursive: true });
    const hbs = join(project, 'house-style', 'brief.hbs');
    writeFileSync(hbs, `${readFileSync(hbs, 'utf8')}\nHouse style closing line.\n`);
    writeFileSync(join(project, 'summit.brief.yaml'), 'title: House brief\ndate: 2023-01-13\ntemplate: ./house-style\nsections: [force-posture]\n');
    const elsewhere = temp();
    const { code, err } = await cli(['build', join(project, 'summit.brief.yaml'), '-o', 'out.pdf'], elsewhere);
    expect(err).toContain('Wrote');
    expect(code).toBe(0);
    const pdf = await readPdf(readFileSync(join(elsewhere, 'out.pdf')));
    expect(pdf.pages.map((p) => p.text).join('\n')).toContain('House style closing line.');
  });

  it('reads the section folders a spec names from the spec’s folder, whatever the working folder', async () => {
    const project = temp();
    mkdirSync(join(project, 'my-sections'));
    writeFileSync(join(project, 'my-sections', 'my-notes.md'), MY_SECTION);
    writeFileSync(join(project, 'summit.brief.yaml'), 'title: Own sections\ndate: 2023-01-13\nsectionFolders: [./my-sections]\nsections: [my-notes, force-posture]\n');
    const elsewhere = temp();
    const { code, err } = await cli(['build', join(project, 'summit.brief.yaml'), '-o', 'out.pdf'], elsewhere);
    expect(err).toContain('Wrote');
    expect(code).toBe(0);
    const text = (await readPdf(readFileSync(join(elsewhere, 'out.pdf')))).pages.map((p) => p.text).join('\n');
    expect(text).toContain('The body of my own notes.');
    // A section file of the build is an input: -o may not replace it.
    const clobber = await cli(['build', join(project, 'summit.brief.yaml'), '-o', join(project, 'my-sections', 'my-notes.md')], elsewhere);
    expect(clobber.code).toBe(2);
    expect(clobber.err).toContain('OUTPUT_IS_INPUT');
  });

  it('warns about a broken section file it does not use, and fails a brief that uses it at the file’s line', async () => {
    const dir = temp();
    mkdirSync(join(dir, 'sections'));
    writeFileSync(join(dir, 'sections', 'my-notes.md'), MY_SECTION);
    writeFileSync(join(dir, 'sections', 'half-done.md'), BROKEN);
    const fine = await cli(['build', '--sections', 'my-notes,force-posture', '--sections-dir', 'sections', '-o', 'fine.pdf'], dir);
    expect(fine.code).toBe(0);
    expect(fine.err).toMatch(/warning\[SECTION_BROKEN\]: .*sections\/half-done\.md:5:1: .*half-done.*colour/);
    expect(statSync(join(dir, 'fine.pdf')).size).toBeGreaterThan(1000);

    const uses = await cli(['build', '--sections', 'my-notes,half-done', '--sections-dir', 'sections', '-o', 'no.pdf'], dir);
    expect(uses.code).toBe(2);
    expect(uses.err).toMatch(/error\[SECTION_INVALID\]: .*sections\/half-done\.md:5:1: .*`colour`/);
  });

  it('names the --sections item that is wrong, on the command line, and writes nothing', async () => {
    const dir = temp();
    const unknown = await cli(['build', '--sections', 'space-agreement, force-postur', '-o', 'no.pdf'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^error\[SECTION_UNKNOWN\]: command line: --sections, item 2: there is no section "force-postur"\. Did you mean "force-posture"\?/);
    expect(unknown.err).not.toContain('field');
    // Every unknown id in one run, each at its item; the known ones are listed once.
    const two = await cli(['build', '--sections', 'spce-agreement,force-posture,nothing-here', '-o', 'no.pdf'], dir);
    expect(two.code).toBe(2);
    const lines = two.err.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^error\[SECTION_UNKNOWN\]: command line: --sections, item 1: there is no section "spce-agreement"\. Did you mean "space-agreement"\? Known sections: /),
      'error[SECTION_UNKNOWN]: command line: --sections, item 3: there is no section "nothing-here".',
    ]);
    const twice = await cli(['build', '--sections', 'force-posture,space-agreement,force-posture', '-o', 'no.pdf'], dir);
    expect(twice.code).toBe(2);
    expect(twice.err).toMatch(/^error\[SPEC_INVALID\]: command line: --sections, item 3: the section "force-posture" is listed twice \(items 1 and 3\)/);
    // A typo and a repeat: both in one run, in the list's order.
    const both = await cli(['build', '--sections', 'spce-agreement,force-posture,force-posture', '-o', 'no.pdf'], dir);
    expect(both.err.trim().split('\n').map((line) => line.replace(/:.*?item (\d+):.*/, ' $1'))).toEqual(['error[SECTION_UNKNOWN] 1', 'error[SPEC_INVALID] 3']);
    expect(() => statSync(join(dir, 'no.pdf'))).toThrow();
  });

  it('lists the library with a broken file left out and reported with its location', async () => {
    const dir = temp();
    mkdirSync(join(dir, 'sections'));
    writeFileSync(join(dir, 'sections', 'my-notes.md'), MY_SECTION);
    writeFileSync(join(dir, 'sections', 'half-done.md'), BROKEN);
    const { code, out, err } = await cli(['list', 'sections', '--json', '--sections-dir', 'sections'], dir);
    expect(code).toBe(0);
    const ids = (JSON.parse(out) as { id: string }[]).map((s) => s.id);
    expect(ids).toContain('my-notes');
    expect(ids).not.toContain('half-done');
    expect(err).toMatch(/warning\[SECTION_BROKEN\]: .*sections\/half-done\.md:5:1: /);
  });

  it('warns about a broken template it does not use, and fails a brief that uses it at the file’s line', async () => {
    const dir = temp();
    mkdirSync(join(dir, 'templates', 'broken-style'), { recursive: true });
    writeFileSync(join(dir, 'templates', 'broken-style', 'template.yaml'), 'name: Broken\npage: { size: Tabloid }\n');
    writeFileSync(join(dir, 'templates', 'broken-style', 'brief.hbs'), '# {{brief.title}}\n');
    const fine = await cli(['build', '--templates-dir', 'templates', '--sections', 'force-posture', '-o', 'fine.pdf'], dir);
    expect(fine.code).toBe(0);
    expect(fine.err).toMatch(/warning\[TEMPLATE\]: .*broken-style\/template\.yaml:2:\d+: /);
    const uses = await cli(['build', '--templates-dir', 'templates', '--template', 'broken-style', '--sections', 'force-posture', '-o', 'no.pdf'], dir);
    expect(uses.code).toBe(2);
    expect(uses.err).toMatch(/error\[TEMPLATE_INVALID\]: .*broken-style\/template\.yaml:2:\d+/);
  });

  it('refuses a --templates-dir that is not a folder, as it does a --sections-dir, and writes nothing', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'notes.txt'), 'not a folder\n');
    for (const [flag, folder, why] of [
      ['--templates-dir', 'my-templats', /error\[IO\]: .*the template folder .*my-templats does not exist/],
      ['--templates-dir', 'notes.txt', /error\[IO\]: .*the template folder .*notes\.txt is not a folder/],
      ['--sections-dir', 'my-sectons', /error\[IO\]: .*the section folder .*my-sectons does not exist/],
    ] as const) {
      const built = await cli(['build', flag, folder, '--sections', 'force-posture', '-o', 'out.pdf'], dir);
      expect(built.code).toBe(2);
      expect(built.err).toMatch(why);
    }
    const listed = await cli(['list', 'templates', '--templates-dir', 'my-templats'], dir);
    expect(listed.code).toBe(2);
    expect(listed.err).toMatch(/the template folder .*my-templats does not exist/);
    expect(() => statSync(join(dir, 'out.pdf'))).toThrow();
  });
});

describe('-o never destroys an input', () => {
  const setup = (): { dir: string; spec: string; section: string } => {
    const dir = temp();
    mkdirSync(join(dir, 'sections'));
    const section = join(dir, 'sections', 'my-notes.md');
    writeFileSync(section, MY_SECTION);
    const spec = join(dir, 'mine.brief.yaml');
    writeFileSync(spec, 'title: Mine\ndate: 2023-01-13\nsections: [my-notes]\n');
    return { dir, spec, section };
  };

  it('refuses the spec itself, and leaves it as it was', async () => {
    const { dir, spec } = setup();
    const before = readFileSync(spec);
    const { code, err } = await cli(['build', 'mine.brief.yaml', '--sections-dir', 'sections', '-o', 'mine.brief.yaml'], dir);
    expect(code).toBe(2);
    expect(err).toMatch(/error\[OUTPUT_IS_INPUT\]: .*mine\.brief\.yaml: /);
    expect(readFileSync(spec).equals(before)).toBe(true);
  });

  it('refuses a section file of the build and a file of its template folder', async () => {
    const { dir, section } = setup();
    const before = readFileSync(section);
    const one = await cli(['build', 'mine.brief.yaml', '--sections-dir', 'sections', '-o', 'sections/my-notes.md'], dir);
    expect(one.code).toBe(2);
    expect(one.err).toMatch(/error\[OUTPUT_IS_INPUT\]: .*sections\/my-notes\.md/);
    expect(readFileSync(section).equals(before)).toBe(true);

    cpSync(join(root, 'templates', 'memo'), join(dir, 'house'), { recursive: true });
    const manifest = join(dir, 'house', 'template.yaml');
    const manifestBefore = readFileSync(manifest);
    const two = await cli(['build', 'mine.brief.yaml', '--sections-dir', 'sections', '--template', './house', '-o', 'house/template.yaml'], dir);
    expect(two.code).toBe(2);
    expect(two.err).toMatch(/error\[OUTPUT_IS_INPUT\]: .*house\/template\.yaml/);
    expect(readFileSync(manifest).equals(manifestBefore)).toBe(true);
  });

  it('refuses a named pipe and a folder at once, without waiting on them', async () => {
    const { dir } = setup();
    execFileSync('mkfifo', [join(dir, 'pipe.pdf')]);
    mkdirSync(join(dir, 'folder.pdf'));
    for (const [target, kind] of [['pipe.pdf', 'named pipe'], ['folder.pdf', 'folder']] as const) {
      const { code, err } = await cli(['build', 'mine.brief.yaml', '--sections-dir', 'sections', '-o', target], dir);
      expect(code).toBe(2);
      expect(err).toContain(`error[OUTPUT_UNWRITABLE]: ${join(dir, target)}: `);
      expect(err).toContain(kind);
    }
    expect(statSync(join(dir, 'pipe.pdf')).isFIFO()).toBe(true);
  });

  it('still replaces an earlier PDF of its own', async () => {
    const { dir } = setup();
    writeFileSync(join(dir, 'mine.pdf'), 'an older export');
    expect((await cli(['build', 'mine.brief.yaml', '--sections-dir', 'sections', '-o', 'mine.pdf', '-q'], dir)).code).toBe(0);
    expect(readFileSync(join(dir, 'mine.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
