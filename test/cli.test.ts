import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../main/cli.js';
import { ensureFreshCliBundle, installedCommand as bin } from './helpers/cli-bundle.js';
import { readPdf } from './helpers/pdf-read.js';

const root = resolve(import.meta.dirname, '..');
// Keep the shaping cache of in-process builds out of the user's home.
process.env.BRIEF_STUDIO_CACHE_DIR = mkdtempSync(join(tmpdir(), 'brief-cache-'));

async function cli(args: string[], cwd = mkdtempSync(join(tmpdir(), 'brief-cli-'))): Promise<{ code: number; out: string; err: string; cwd: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), cwd });
  return { code, out, err, cwd };
}

describe('brief-studio build', () => {
  it('builds the default brief: three mission sections in the memo template', async () => {
    const { code, err, cwd } = await cli(['build', '-o', 'brief.pdf']);
    expect(err).toMatch(/Wrote .*brief\.pdf \(\d+ pages, 3 sections, template memo\)/);
    expect(code).toBe(0);
    const pdf = await readPdf(readFileSync(join(cwd, 'brief.pdf')));
    // The outline lists the sections in the default order, each on a real page.
    const top = pdf.outline.filter((entry) => /Space Cooperation|Counterstrike|Force Posture/.test(entry.title));
    expect(top.map((entry) => entry.title)).toEqual([
      expect.stringContaining('Space Cooperation Framework Agreement'),
      expect.stringContaining('Counterstrike'),
      expect.stringContaining('Force Posture'),
    ]);
    expect(top.every((entry) => entry.page !== undefined && entry.page <= pdf.pageCount)).toBe(true);
    expect(pdf.info.Title).toBe('U.S.–Japan Alliance: Space, Counterstrike and Force Posture');
    expect(pdf.pages[0]!.text).toContain('UNCLASSIFIED');
  });

  it('applies command-line overrides over a spec file, and reads Japanese back exactly', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'brief-cli-'));
    const spec = join(root, 'examples', 'summit.brief.yaml');
    const { code, err } = await cli(['build', spec, '--sections', 'alliance-overview,space-agreement', '--title', 'Summit read-ahead', '--date', '2023-01-12', '--classification', 'CUI', '-o', 'out.pdf'], cwd);
    expect(err).toContain('2 sections');
    expect(code).toBe(0);
    const pdf = await readPdf(readFileSync(join(cwd, 'out.pdf')));
    const text = pdf.pages.map((p) => p.text).join('\n');
    expect(text).toContain('Summit read-ahead');
    expect(text).toContain('岸田文雄');
    expect(text).toContain('CUI');
    expect(text).not.toContain('Counterstrike Capability');
    expect(String(pdf.info.CreationDate)).toMatch(/^D:20230112/);
  });

  it('writes an archival PDF/A-1b copy with --pdf-standard', async () => {
    const { code, err, cwd } = await cli(['build', '--pdf-standard', 'pdf/a-1b', '--sections', 'space-agreement', '-o', 'archive.pdf']);
    expect(err).not.toContain('error');
    expect(code).toBe(0);
    const pdf = readFileSync(join(cwd, 'archive.pdf')).toString('latin1');
    expect(pdf.startsWith('%PDF-1.4')).toBe(true);
    expect(pdf).toContain('<pdfaid:part>1</pdfaid:part>');
    expect(pdf).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
  });

  it('prints the markup instead of a PDF with --markup', async () => {
    const { code, out, cwd } = await cli(['build', '--markup', '--template', 'one-pager']);
    expect(code).toBe(0);
    expect(out).toMatch(/::: *section space-agreement/);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('names the valid ids for an unknown section, exit 2', async () => {
    const { code, err } = await cli(['build', '--sections', 'space-agreement,moon-base']);
    expect(code).toBe(2);
    expect(err).toMatch(/error\[SECTION_UNKNOWN\].*moon-base/);
    expect(err).toContain('counterstrike-capability');
  });

  it('names the valid ids for an unknown template, exit 2', async () => {
    const { code, err } = await cli(['build', '--template', 'glossy']);
    expect(code).toBe(2);
    expect(err).toMatch(/TEMPLATE_UNKNOWN/);
    expect(err).toMatch(/memo/);
  });

  it('reports a bad spec at file:line:column with the field', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'brief-cli-'));
    writeFileSync(join(cwd, 'bad.brief.yaml'), 'title: Test\ndate: 2023-02-30\nsections: [space-agreement]\n');
    const { code, err } = await cli(['build', 'bad.brief.yaml'], cwd);
    expect(code).toBe(2);
    expect(err).toMatch(/bad\.brief\.yaml:2:7: .*date/);
    expect(readdirSync(cwd)).toEqual(['bad.brief.yaml']);
  });

  it('reports every problem of a bad spec in one run, each at its place', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'brief-cli-'));
    writeFileSync(join(cwd, 'bad.brief.yaml'), 'title: Test\nsections: [space-agreement]\noptions: {toc: yes please, handout: 2-up}\n');
    const { code, err } = await cli(['build', 'bad.brief.yaml'], cwd);
    expect(code).toBe(2);
    const lines = err.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^error\[SPEC_INVALID\]: .*bad\.brief\.yaml:3:16: brief spec: `options\.toc` should be boolean/);
    expect(lines[1]).toMatch(/^error\[SPEC_INVALID\]: .*bad\.brief\.yaml:3:37: brief spec: `options\.handout` should be object/);
    expect(readdirSync(cwd)).toEqual(['bad.brief.yaml']);
    // A date in another form is one mistake, said once (not also "should be a real calendar date").
    writeFileSync(join(cwd, 'date.brief.yaml'), 'title: Test\ndate: 13/01/2023\nsections: [space-agreement]\n');
    const date = await cli(['build', 'date.brief.yaml'], cwd);
    expect(date.err.trim().split('\n')).toEqual([expect.stringMatching(/date\.brief\.yaml:2:7: brief spec: `date` should be a date written YYYY-MM-DD/)]);
  });

  it('reports a bad --date flag', async () => {
    const { code, err } = await cli(['build', '--date', '13/01/2023']);
    expect(code).toBe(2);
    expect(err).toMatch(/^error\[SPEC_INVALID\]: command line: --date: should be a date written YYYY-MM-DD, got "13\/01\/2023"\n$/);
    expect((await cli(['build', '--date', '2023-13-45'])).err).toMatch(/--date: should be a real calendar date \(there is no month 13\), got "2023-13-45"\n$/);
    expect((await cli(['build', '--title', ''])).err).toMatch(/command line: --title: should not be empty\n$/);
  });

  it('refuses a missing output folder and leaves nothing behind', async () => {
    const { code, err, cwd } = await cli(['build', '-o', 'nowhere/brief.pdf']);
    expect(code).toBe(2);
    expect(err).toMatch(/OUTPUT_UNWRITABLE.*does not exist/);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('keeps the old PDF when a build fails while typesetting', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'brief-cli-'));
    writeFileSync(join(cwd, 'brief.pdf'), 'old');
    // The spec and sections are fine; the page limit runs out part-way through typesetting.
    const { code, err } = await cli(['build', '--max-pages', '2', '-o', 'brief.pdf'], cwd);
    expect(code).toBe(2);
    expect(err).toMatch(/TEMPLATE_LIMIT.*2 pages/);
    expect(readFileSync(join(cwd, 'brief.pdf'), 'utf8')).toBe('old');
    expect(readdirSync(cwd)).toEqual(['brief.pdf']);
  });

  it('stops at --max-pages with a clear error and writes nothing', async () => {
    const { code, err, cwd } = await cli(['build', '--max-pages', '2', '-o', 'brief.pdf']);
    expect(code).toBe(2);
    // The message names the limit the user set, not a limit of the program.
    expect(err).toMatch(/TEMPLATE_LIMIT.*needs more than 2 pages, the limit set for this build; raise the limit/);
    expect(readdirSync(cwd)).toEqual([]);
    expect((await cli(['build', '--max-pages', 'lots'])).err).toMatch(/--max-pages: expected a whole number/);
  });

  it('builds README\'s handout example with the recipients file that ships in examples/, one labelled copy per name', async () => {
    const { code, cwd } = await cli(['build', join(root, 'examples', 'summit.brief.yaml'), '--handout', '4-up', '--recipients', join(root, 'examples', 'delegation.txt'), '-o', 'handout.pdf']);
    expect(code).toBe(0);
    const names = readFileSync(join(root, 'examples', 'delegation.txt'), 'utf8').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
    expect(names.length).toBeGreaterThan(2);
    const text = (await readPdf(readFileSync(join(cwd, 'handout.pdf')))).pages.map((page) => page.text).join('\n');
    for (const name of names) expect(text).toContain(name);
  });

  it('refuses -o - (standard output) before building, and writes no file named "-"', async () => {
    const { code, err, cwd } = await cli(['build', '-o', '-']);
    expect(code).toBe(2);
    expect(err).toMatch(/error\[USAGE\]: -o -: the PDF is written to a file/);
    expect(existsSync(join(cwd, '-'))).toBe(false);
  });

  it('refuses --toc with --no-toc before building', async () => {
    const { code, err, cwd } = await cli(['build', '--toc', '--no-toc', '-o', 'out.pdf']);
    expect(code).toBe(2);
    expect(err).toMatch(/error\[USAGE\]: --toc and --no-toc contradict each other/);
    expect(existsSync(join(cwd, 'out.pdf'))).toBe(false);
  });

  it('suggests the command meant by a mistyped one, exit 2', async () => {
    const { code, err } = await cli(['buidl', '-o', 'brief.pdf']);
    expect(code).toBe(2);
    expect(err).toMatch(/error\[USAGE\]: unknown command "buidl"; did you mean "build"\?/);
    expect((await cli(['frobnicate'])).err).toMatch(/unknown command "frobnicate"\n/);
  });

  it('says a section file given as the spec is a section file, and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brief-cli-'));
    writeFileSync(join(dir, 'notes.md'), '---\nid: notes\ntitle: Notes\nsummary: S.\n---\nBody.\n');
    const { code, err } = await cli(['build', 'notes.md', '-o', 'out.pdf'], dir);
    expect(code).toBe(2);
    expect(err).toMatch(/error\[SPEC_INVALID\]: .*notes\.md: this is a section file, not a brief spec .*--sections-dir/);
    expect(existsSync(join(dir, 'out.pdf'))).toBe(false);
  });

  it('rejects unknown options with a usage hint', async () => {
    const { code, err } = await cli(['build', '--colour', 'red']);
    expect(code).toBe(2);
    expect(err).toMatch(/error\[USAGE\]: unknown option --colour\n[\s\S]*build --help/);
    expect((await cli(['build', '--titel', 'Summit'])).err).toMatch(/unknown option --titel; did you mean --title\?/);
    expect((await cli(['build', '--copies', '-2'])).err).toMatch(/--copies needs a value; a value that starts with a dash is written --copies=<value>/);
    expect((await cli(['build', '--title'])).err).toMatch(/error\[USAGE\]: --title needs a value\n/);
  });
});

describe('brief-studio list and check', () => {
  it('lists sections as JSON', async () => {
    const { code, out } = await cli(['list', 'sections', '--json']);
    expect(code).toBe(0);
    const ids = (JSON.parse(out) as { id: string }[]).map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining(['space-agreement', 'counterstrike-capability', 'force-posture', 'alliance-overview', 'defense-industrial-cooperation', 'security-environment']));
  });

  it('lists templates', async () => {
    const { code, out } = await cli(['list', 'templates']);
    expect(code).toBe(0);
    for (const id of ['memo', 'one-pager', 'handout']) expect(out).toMatch(new RegExp(`^${id}\\s`, 'm'));
  });

  it('lists a template of yours named like a built-in one once, as the one builds use', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brief-list-'));
    cpSync(join(root, 'templates', 'memo'), join(dir, 'memo'), { recursive: true });
    writeFileSync(join(dir, 'memo', 'template.yaml'), readFileSync(join(dir, 'memo', 'template.yaml'), 'utf8').replace(/^name: .*$/m, 'name: Office memo'));
    const text = await cli(['list', 'templates', '--templates-dir', dir]);
    expect(text.out.match(/^memo\s/gm)).toHaveLength(1);
    expect(text.out).toMatch(/^memo\s+Office memo\s.*\(yours, used instead of the built-in one\)$/m);
    const json = JSON.parse((await cli(['list', 'templates', '--json', '--templates-dir', dir])).out) as { id: string; name: string; builtIn: boolean; replacesBuiltIn?: boolean }[];
    expect(json.filter((t) => t.id === 'memo')).toEqual([expect.objectContaining({ name: 'Office memo', builtIn: false, replacesBuiltIn: true })]);
  });

  it('lists a template of yours whose brief.hbs does not compile as one that cannot be used, saying why at its line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brief-list-'));
    mkdirSync(join(dir, 'house'));
    writeFileSync(join(dir, 'house', 'template.yaml'), 'name: House\ndescription: Our house style\n');
    writeFileSync(join(dir, 'house', 'brief.hbs'), '# {{brief.title}}\n\n{{#each sections}}\n{{{body}}}\n{{/if}}\n');
    cpSync(join(root, 'templates', 'memo'), join(dir, 'office'), { recursive: true });
    const mainFile = join(realpathSync(dir), 'house', 'brief.hbs');

    const text = await cli(['list', 'templates', '--templates-dir', dir]);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^house\s+House\s+Our house style \(yours\); cannot be used: brief\.hbs:3:4: Handlebars syntax: each doesn't match if\.$/m);
    expect(text.out).toMatch(/^office\s.*\(yours\)$/m);
    expect(text.err).toContain(`warning[TEMPLATE]: ${mainFile}:3:4: the template "house" cannot be used until this is fixed`);

    const json = JSON.parse((await cli(['list', 'templates', '--json', '--templates-dir', dir])).out) as { id: string; unusable?: unknown }[];
    expect(json.find((t) => t.id === 'house')).toMatchObject({ builtIn: false, unusable: { code: 'TEMPLATE_SYNTAX', message: "Handlebars syntax: each doesn't match if.", location: { file: mainFile, line: 3, column: 4 } } });
    for (const id of ['office', 'memo']) expect(json.find((t) => t.id === id)).not.toHaveProperty('unusable');
  });

  it('checks a good template (exit 0) and a broken one (exit 2 with a location)', async () => {
    expect((await cli(['check', join(root, 'templates', 'memo')])).code).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'brief-tpl-'));
    writeFileSync(join(dir, 'template.yaml'), 'name: Broken\n');
    writeFileSync(join(dir, 'brief.hbs'), '# {{brief.title}}\n\n{{#each sections}}\n## {{title}}\n');
    const { code, err } = await cli(['check', dir]);
    expect(code).toBe(2);
    expect(err).toMatch(/brief\.hbs:\d+:\d+: error\[TEMPLATE_[A-Z_]+\]: /);
  });

  it('checks a built-in template by its id, and sends "sections" to "list sections"', async () => {
    const byId = await cli(['check', 'memo']);
    expect(byId.code).toBe(0);
    expect(byId.err).toContain('Template OK');
    // A folder of that name here does not change what the id means ("build --template memo" reads the built-in one too); ./memo is the folder.
    const here = mkdtempSync(join(tmpdir(), 'brief-check-'));
    mkdirSync(join(here, 'memo'));
    writeFileSync(join(here, 'memo', 'template.yaml'), 'name: Broken copy\ncolours: {}\n');
    expect((await cli(['check', 'memo'], here)).code).toBe(0);
    const folder = await cli(['check', './memo'], here);
    expect(folder.code).toBe(2);
    expect(folder.err).toMatch(/memo\/template\.yaml:\d+:\d+: error\[TEMPLATE_INVALID\]/);
    const listing = await cli(['sections']);
    expect(listing.code).toBe(2);
    expect(listing.err).toContain('unknown command "sections"; did you mean "list sections"?');
  });

  it('says what is at a check path that is not a template folder: nothing, a file, the template.yaml itself', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brief-check-'));
    const missing = await cli(['check', 'nowhere'], dir);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/nowhere does not exist; give the path of a template folder/);
    const manifest = await cli(['check', join(root, 'templates', 'memo', 'template.yaml')]);
    expect(manifest.code).toBe(2);
    expect(manifest.err).toContain(`give the template's folder (${join(root, 'templates', 'memo')}), not its template.yaml`);
    writeFileSync(join(dir, 'notes.txt'), 'x');
    expect((await cli(['check', 'notes.txt'], dir)).err).toMatch(/notes\.txt is a file, not a template folder/);
  });

  it('points margins that leave no room for text at page.margins in template.yaml', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brief-tpl-'));
    cpSync(join(root, 'templates', 'memo'), dir, { recursive: true });
    const manifest = join(dir, 'template.yaml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/margins: \{[^}]*\}/, 'margins: { top: 80, right: 250, bottom: 80, left: 250 }'));
    const line = readFileSync(manifest, 'utf8').split('\n').findIndex((l) => l.includes('right: 250')) + 1;
    const { code, err } = await cli(['check', dir]);
    expect(code).toBe(2);
    expect(err).toContain(`template.yaml:${line}:`);
    expect(err).toMatch(/leave a text area of 112 × \d+ points/);
  });

  it('warns when no section of a --sections-dir folder is in the brief (the default brief\'s sections were built instead)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brief-cli-'));
    mkdirSync(join(dir, 'my-sections'));
    writeFileSync(join(dir, 'my-sections', 'my-notes.md'), '---\nid: my-notes\ntitle: My notes\nsummary: Mine.\n---\nMy own text.\n');
    const unused = await cli(['build', '--sections-dir', 'my-sections', '-q', '-o', 'out.pdf'], dir);
    expect(unused.code).toBe(0);
    expect(unused.err).toContain('warning[SECTIONS_UNUSED]: command line: --sections-dir my-sections: ');
    expect(unused.err).toContain('none of its sections (my-notes) is in the brief, whose sections are space-agreement, counterstrike-capability, force-posture; add the ones you want to --sections');
    const used = await cli(['build', '--sections-dir', 'my-sections', '--sections', 'my-notes,space-agreement', '-q', '-o', 'out.pdf'], dir);
    expect(used.code).toBe(0);
    expect(used.err).toBe('');
  });

  it('has help for every command, in lines that fit an 80-column terminal', async () => {
    for (const command of ['build', 'list', 'check', 'print', 'printers']) {
      const { code, out } = await cli([command, '--help']);
      expect(code).toBe(0);
      expect(out).toContain(`brief-studio ${command}`);
      expect(out.split('\n').filter((line) => line.length > 80)).toEqual([]);
    }
    const main = (await cli(['--help'])).out;
    expect(main).toContain('Commands:');
    expect(main.split('\n').filter((line) => line.length > 80)).toEqual([]);
  });
});

describe('the installed command', () => {
  beforeAll(() => ensureFreshCliBundle());

  it('runs as a process and writes the same bytes twice', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'brief-bin-'));
    const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });
    expect(run(['build', '-q', '-o', 'a.pdf']).status).toBe(0);
    expect(run(['build', '-q', '-o', 'b.pdf']).status).toBe(0);
    expect(readFileSync(join(cwd, 'a.pdf')).equals(readFileSync(join(cwd, 'b.pdf')))).toBe(true);
  });

  /** A folder with one section of words the install-time seed has never shaped. */
  function unseenSection(cwd: string): string[] {
    const dir = join(cwd, 'sections');
    mkdirSync(dir);
    const words = Array.from({ length: 60 }, (_, i) => `zq${(i * 7919).toString(36)}x`).join(' ');
    writeFileSync(join(dir, 'unseen.md'), `---\nid: unseen\ntitle: Unseen words\nsummary: Words never shaped before.\nsources:\n  - { id: s, title: T, publisher: P, date: "2023" }\n---\n${words}\n`);
    return ['--sections-dir', dir, '--sections', 'space-agreement,unseen'];
  }

  it('gives the same bytes with and without the install-time seed, and keeps no cache of its own', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'brief-bin-'));
    const cache = join(cwd, 'cache');
    const sections = unseenSection(cwd);
    const run = (out: string, cacheDir: string) =>
      spawnSync(process.execPath, [bin, 'build', '-q', ...sections, '-o', out], { cwd, encoding: 'utf8', env: { ...process.env, BRIEF_STUDIO_CACHE_DIR: cacheDir } });
    expect(run('seeded.pdf', cache).status).toBe(0);
    expect(run('again.pdf', cache).status).toBe(0);
    expect(run('none.pdf', 'off').status).toBe(0);
    expect(existsSync(cache)).toBe(false);
    const seeded = readFileSync(join(cwd, 'seeded.pdf'));
    expect(seeded.equals(readFileSync(join(cwd, 'again.pdf')))).toBe(true);
    expect(seeded.equals(readFileSync(join(cwd, 'none.pdf')))).toBe(true);
  });

  it('removes the shaping cache files earlier versions left in the cache folder (they hold users\' words)', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'brief-bin-'));
    const cache = join(cwd, 'cache');
    mkdirSync(cache);
    writeFileSync(join(cache, 'shaping-v1-0123456789abcdef.json'), '{"version":1,"font":"x","runs":{"secret":[[1],[[115]],[1,0,0,0,1]]}}');
    writeFileSync(join(cache, 'notes.txt'), 'not ours');
    const env = { ...process.env, BRIEF_STUDIO_CACHE_DIR: cache };
    expect(spawnSync(process.execPath, [bin, 'build', '-q', ...unseenSection(cwd), '-o', 'a.pdf'], { cwd, env }).status).toBe(0);
    expect(readdirSync(cache)).toEqual(['notes.txt']);
  });

  it('keeps the old PDF when writing the new one fails part-way', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'brief-bin-'));
    writeFileSync(join(cwd, 'brief.pdf'), 'old');
    // The kernel stops any file of this process growing past 16 KB (EFBIG): the PDF is built, its write fails.
    const run = spawnSync('prlimit', ['--fsize=16384:', process.execPath, bin, 'build', '-o', 'brief.pdf'], { cwd, encoding: 'utf8', env: { ...process.env, BRIEF_STUDIO_CACHE_DIR: 'off' } });
    expect(run.error).toBeUndefined();
    expect(run.stderr).toMatch(/OUTPUT_UNWRITABLE.*brief\.pdf.*file too large/);
    expect(run.status).toBe(2);
    expect(readFileSync(join(cwd, 'brief.pdf'), 'utf8')).toBe('old');
    expect(readdirSync(cwd)).toEqual(['brief.pdf']);
  });

  it('reports bad input from the process with exit 2 and no stack trace', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'brief-bin-'));
    const bad = spawnSync(process.execPath, [bin, 'build', '--sections', 'nope'], { cwd, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/SECTION_UNKNOWN/);
    expect(bad.stderr).not.toMatch(/at .*\.cjs:\d+/); // no stack trace
  });
});
