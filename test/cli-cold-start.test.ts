/**
 * What the command-line bundle does to start faster (scripts/cli-bundle-plugins.mjs,
 * the install-time seeds in dist/) must not change a byte of output, and a
 * missing or damaged file among them must only cost speed.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../main/cli.js';
import { ensureFreshCliBundle, installedCommand, repoRoot } from './helpers/cli-bundle.js';

const scratch = mkdtempSync(join(tmpdir(), 'brief-cold-'));
// Keep any cache of in-process builds out of the user's home.
process.env.BRIEF_STUDIO_CACHE_DIR = join(scratch, 'cache');

beforeAll(() => ensureFreshCliBundle(), 300_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function runInstalled(bin: string, out: string): void {
  const result = spawnSync(process.execPath, [bin, 'build', '-q', '-o', out], { cwd: scratch, encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
}

/** A copy of the installed command (bin/ and dist/) beside links to the rest, whose dist/ a test may damage. */
function installedCopy(name: string): string {
  const root = join(scratch, name);
  mkdirSync(join(root, 'bin'), { recursive: true });
  copyFileSync(installedCommand, join(root, 'bin', 'brief-studio.cjs'));
  copyFileSync(join(repoRoot, 'package.json'), join(root, 'package.json'));
  cpSync(join(repoRoot, 'dist'), join(root, 'dist'), { recursive: true });
  for (const linked of ['assets', 'templates', 'node_modules']) symlinkSync(join(repoRoot, linked), join(root, linked));
  return root;
}

describe('the bundled command line starts faster, with the same output', () => {
  it.each(['memo', 'one-pager', 'handout'])('writes the bytes the sources write without any seed (%s)', async (template) => {
    const installed = join(scratch, `installed-${template}.pdf`);
    const result = spawnSync(process.execPath, [installedCommand, 'build', '-q', '--template', template, '-o', installed], { cwd: scratch, encoding: 'utf8' });
    expect(result.status).toBe(0);
    const previous = process.env.BRIEF_STUDIO_CACHE_DIR;
    process.env.BRIEF_STUDIO_CACHE_DIR = 'off'; // no shaping seed, no YAML or markup seed: everything from scratch
    const errors: string[] = [];
    try {
      const code = await runCli(['build', '-q', '--template', template, '-o', join(scratch, `sources-${template}.pdf`)], { out: () => {}, err: (text) => errors.push(`${text}\n`), cwd: scratch });
      expect(code).toBe(0);
    } finally {
      process.env.BRIEF_STUDIO_CACHE_DIR = previous;
    }
    // The same warnings too (the one-pager names what it leaves out of each section).
    expect(result.stderr).toBe(errors.join(''));
    expect(readFileSync(installed).equals(readFileSync(join(scratch, `sources-${template}.pdf`)))).toBe(true);
  }, 120_000);

  it('writes the same bytes when the inflated trie, the YAML seed and the hyphenation seed are damaged or missing', () => {
    runInstalled(installedCommand, join(scratch, 'reference.pdf'));
    const reference = readFileSync(join(scratch, 'reference.pdf'));

    const damaged = installedCopy('damaged');
    const trie = join(damaged, 'dist', 'unicode-properties.trie');
    const bytes = readFileSync(trie);
    bytes[bytes.length - 1] = bytes.at(-1)! ^ 0xff;
    writeFileSync(trie, bytes);
    writeFileSync(join(damaged, 'dist', 'yaml-seed.json'), '{"version":1,"entries":{"0":');
    writeFileSync(join(damaged, 'dist', 'hyphenation-seed.json'), '{"version":1,"hyphenators":{"en-us\\u0000":{"alliance":[1,');
    runInstalled(join(damaged, 'bin', 'brief-studio.cjs'), join(scratch, 'damaged.pdf'));
    expect(readFileSync(join(scratch, 'damaged.pdf')).equals(reference)).toBe(true);

    const missing = installedCopy('missing');
    rmSync(join(missing, 'dist', 'unicode-properties.trie'));
    rmSync(join(missing, 'dist', 'yaml-seed.json'));
    rmSync(join(missing, 'dist', 'hyphenation-seed.json'));
    runInstalled(join(missing, 'bin', 'brief-studio.cjs'), join(scratch, 'missing.pdf'));
    expect(readFileSync(join(scratch, 'missing.pdf')).equals(reference)).toBe(true);
  }, 120_000);

  it('inflates PNG data to check it, with fflate loaded on first use', () => {
    const cwd = join(scratch, 'bomb');
    cpSync(join(repoRoot, 'test', 'fixtures', 'bad', 'image-png-decompression-bomb'), cwd, { recursive: true });
    const result = spawnSync(process.execPath, [installedCommand, 'build', 'spec.brief.yaml', '--template', './house', '-o', 'out.pdf'], { cwd, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('IMAGE_INVALID');
    expect(result.stderr).toContain('longer than the 10 × 10 pixels');
  });

  it('ships the trie unicode-properties would inflate, value for value', () => {
    const table = readFileSync(join(repoRoot, 'dist', 'unicode-properties.trie'));
    const data = new Uint32Array(table.byteLength / 4 - 2);
    new Uint8Array(data.buffer).set(table.subarray(8));
    const fromPackage = createRequire(join(repoRoot, 'node_modules', 'unicode-properties', 'package.json'));
    const UnicodeTrie = fromPackage('unicode-trie') as new (data: unknown) => { get(codePoint: number): number };
    const source = readFileSync(join(repoRoot, 'node_modules', 'unicode-properties', 'dist', 'module.mjs'), 'utf8');
    const compressed = /toByteArray\("([^"]+)"\)/.exec(source)![1]!;
    const expected = new UnicodeTrie(Buffer.from(compressed, 'base64'));
    const shipped = new UnicodeTrie({ data, highStart: table.readUInt32LE(0), errorValue: table.readUInt32LE(4) });
    let differing = 0;
    for (let codePoint = 0; codePoint <= 0x10ffff; codePoint++) if (shipped.get(codePoint) !== expected.get(codePoint)) differing++;
    expect(differing).toBe(0);
    expect(expected.get('a'.codePointAt(0)!)).not.toBe(expected.get('\u0301'.codePointAt(0)!)); // a letter and a mark differ
  });

  /** Runs the installed command with a probe that counts WebAssembly modules compiled (HarfBuzz is the only one) and lists the Node modules loaded. */
  function probedBuild(cwd: string, args: string[]): { wasm: number; modules: string[] } {
    const probe = join(scratch, 'probe.cjs');
    const report = join(cwd, 'probe.json');
    writeFileSync(
      probe,
      `let wasm = 0;
const Compiled = WebAssembly.Module;
WebAssembly.Module = class extends Compiled { constructor(...args) { super(...args); wasm++; } };
process.on('exit', () => require('node:fs').writeFileSync(process.env.PROBE_REPORT, JSON.stringify({ wasm, modules: process.moduleLoadList })));`,
    );
    const result = spawnSync(process.execPath, ['--require', probe, installedCommand, 'build', '-q', ...args], { cwd, encoding: 'utf8', env: { ...process.env, PROBE_REPORT: report } });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    return JSON.parse(readFileSync(report, 'utf8')) as { wasm: number; modules: string[] };
  }

  it("starts HarfBuzz only for a word the shipped seed lacks, and loads neither Node's crypto module nor its ES-module loader", () => {
    // The default brief's words are all in the seed: nothing to shape.
    const seeded = probedBuild(scratch, ['-o', join(scratch, 'probe.pdf')]);
    expect(seeded.wasm).toBe(0);
    expect(seeded.modules.some((name) => /\bcrypto\b/.test(name))).toBe(false);
    // Loading an ES module from CommonJS starts these; resolving a package's exports alone does not.
    expect(seeded.modules).not.toContain('NativeModule internal/modules/esm/translators');
    expect(seeded.modules).not.toContain('NativeModule internal/modules/esm/module_job');
    expect(seeded.modules).toContain('NativeModule zlib'); // the list is real: PDF streams are compressed

    // A word never seen before is HarfBuzz's (where HarfBuzz fails to start, fontkit shapes with the same bytes: only this count shows it).
    const cwd = join(scratch, 'unseen');
    mkdirSync(join(cwd, 'sections'), { recursive: true });
    writeFileSync(join(cwd, 'sections', 'unseen.md'), '---\nid: unseen\ntitle: Unseen\nsummary: S.\n---\nQuixotry of zephyrous wavelets.\n');
    const unseen = probedBuild(cwd, ['--sections-dir', 'sections', '--sections', 'unseen', '-o', 'out.pdf']);
    expect(unseen.wasm).toBe(1);
    expect(unseen.modules).not.toContain('NativeModule internal/modules/esm/translators');
    expect(spawnSync('pdftotext', [join(cwd, 'out.pdf'), '-'], { encoding: 'utf8' }).stdout).toContain('Quixotry of zephyrous wavelets.');
  });

  it('decodes HTML entities in the markup, with their table loaded on first use', () => {
    const cwd = join(scratch, 'entities');
    mkdirSync(join(cwd, 'sections'), { recursive: true });
    writeFileSync(join(cwd, 'sections', 'ent.md'), '---\nid: ent\ntitle: Entities\nsummary: S.\n---\nCaf&eacute; &amp; cr&egrave;me br&ucirc;l&eacute;e.\n');
    const result = spawnSync(process.execPath, [installedCommand, 'build', '--sections-dir', 'sections', '--sections', 'ent', '-q', '-o', 'out.pdf'], { cwd, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const text = spawnSync('pdftotext', [join(cwd, 'out.pdf'), '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('Café & crème brûlée.');
  });

  it('ships an all-ASCII bundle (the command reads it as Latin-1, and V8 keeps it at one byte per character)', () => {
    const bytes = readFileSync(join(repoRoot, 'dist', 'cli.cjs'));
    expect(bytes.length).toBeGreaterThan(1_000_000);
    expect(bytes.findIndex((byte) => byte > 0x7f)).toBe(-1);
  });

  it('records the hyphenation points of the built-in sections’ words (as the patterns give them)', async () => {
    const { Hyphenator } = await import('../main/engine/typeset/hyphenation.js');
    const seed = JSON.parse(readFileSync(join(repoRoot, 'dist', 'hyphenation-seed.json'), 'utf8')) as { hyphenators: Record<string, Record<string, number[]>> };
    const words = seed.hyphenators['en-us\u0000'] ?? {};
    expect(Object.keys(words).length).toBeGreaterThan(500);
    const fresh = new Hyphenator('en-US');
    for (const [word, points] of Object.entries(words)) expect(points, word).toEqual(fresh.points(word));
    for (const word of ['reconnaissance', 'counterstrike', 'cooperation']) expect(Object.keys(words)).toContain(word);
  });

  it('records the pieces of every built-in section body and of each built-in template\'s output in the markup seed', () => {
    const seed = JSON.parse(readFileSync(join(repoRoot, 'dist', 'yaml-seed.json'), 'utf8')) as { pieces: Record<string, string> };
    const pieces = Object.keys(seed.pieces).map((key) => key.slice(key.indexOf('\u0000') + 1));
    for (const id of readdirSync(join(repoRoot, 'assets', 'sections')).filter((f) => f.endsWith('.md'))) {
      const body = readFileSync(join(repoRoot, 'assets', 'sections', id), 'utf8').split(/^---$/m)[2]!;
      // Every stretch between blank lines of the body is in a piece recorded from that body.
      const stretches = body.split('\n\n').map((stretch) => stretch.trim()).filter(Boolean);
      expect(stretches.length, id).toBeGreaterThan(5);
      for (const stretch of stretches) expect(pieces.some((piece) => !piece.startsWith(':') && piece.includes(stretch)), `${id}: ${stretch.slice(0, 40)}`).toBe(true);
    }
    // Section containers of the templates' output (`::::: section …`), not only bodies.
    expect(pieces.filter((piece) => /^:{3,} section /.test(piece)).length).toBeGreaterThanOrEqual(6);
  });

  it('records every built-in template manifest and section front matter in the YAML seed', () => {
    const seed = JSON.parse(readFileSync(join(repoRoot, 'dist', 'yaml-seed.json'), 'utf8')) as { entries: Record<string, string> };
    const documents = Object.values(seed.entries).map((json) => JSON.parse(json) as { id?: string; name?: string });
    const sectionIds = readdirSync(join(repoRoot, 'assets', 'sections')).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3));
    expect(documents.flatMap((d) => (d.id ? [d.id] : [])).sort()).toEqual(sectionIds.sort());
    expect(documents.flatMap((d) => (d.id ? [] : [d.name])).sort()).toEqual(['Handout', 'Memo', 'One-pager']);
  });

  it('records every built-in template file compiled, as Handlebars compiles it now', async () => {
    const Handlebars = (await import('handlebars')).default;
    const { COMPILE_OPTIONS } = await import('../main/engine/template/handlebars-env.js');
    const seed = JSON.parse(readFileSync(join(repoRoot, 'dist', 'yaml-seed.json'), 'utf8')) as { templates: Record<string, string> };
    const files = readdirSync(join(repoRoot, 'templates'), { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.hbs'));
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const name of files) {
      const source = readFileSync(join(repoRoot, 'templates', name), 'utf8');
      expect(seed.templates[source], name).toBe(Handlebars.precompile(Handlebars.parseWithoutProcessing(source), { ...COMPILE_OPTIONS }));
    }
    expect(Object.keys(seed.templates)).toHaveLength(files.length);
  });
});
