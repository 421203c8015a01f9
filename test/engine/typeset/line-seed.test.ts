import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { shapingSeedDir } from '../../../main/engine/paths.js';
import { buildBrief, type BuildOptions } from '../../../main/engine/render.js';
import { setReuseAcrossBuilds } from '../../../main/engine/reuse.js';
import { defaultSpec, type BriefSpec } from '../../../main/engine/spec-schema.js';
import { lineSeedHits } from '../../../main/engine/typeset/line-seed.js';
import { disableShapingDiskCache, useShapingSeed } from '../../../main/engine/typeset/shaping-disk-cache.js';
import { resetShapingMemo } from '../../../main/engine/typeset/shaping-memo.js';
import { ensureFreshCliBundle, installedCommand } from '../../helpers/cli-bundle.js';

type SeedFile = { version: number; width: number; entries: Record<string, unknown[]> };

const scratch = mkdtempSync(join(tmpdir(), 'brief-line-seed-'));
// The seed is recorded when the command-line bundle is built: from these very sources.
ensureFreshCliBundle();
const lineFiles = readdirSync(shapingSeedDir()).filter((name) => name.startsWith('lines-'));
const ALL_SECTIONS = ['alliance-overview', 'security-environment', 'space-agreement', 'counterstrike-capability', 'force-posture', 'defense-industrial-cooperation'];

/** The brief built with the seed in `dir` (both shaping and lines), or with no seed; and how many lines came from the seed. */
async function build(dir: string | undefined, spec: BriefSpec = defaultSpec(), options: BuildOptions = {}): Promise<{ pdf: Buffer; hits: number }> {
  resetShapingMemo();
  if (dir) useShapingSeed([dir]);
  else disableShapingDiskCache();
  const before = lineSeedHits();
  const pdf = Buffer.from((await buildBrief(spec, options)).pdf);
  return { pdf, hits: lineSeedHits() - before };
}

/** The shipped seed (shaping too, so that only the lines differ) with each lines file changed by `damage`. */
function damagedSeed(damage: (file: SeedFile, text: string) => string): string {
  const dir = mkdtempSync(join(scratch, 'damaged-'));
  cpSync(shapingSeedDir(), dir, { recursive: true });
  for (const name of lineFiles) {
    const text = readFileSync(join(dir, name), 'utf8');
    writeFileSync(join(dir, name), damage(JSON.parse(text) as SeedFile, text));
  }
  return dir;
}

/** Every entry of every lines file changed by `change` (its flat list of numbers and texts). */
const everyEntry = (change: (flat: unknown[]) => unknown) => (file: SeedFile) =>
  JSON.stringify({ ...file, entries: Object.fromEntries(Object.entries(file.entries).map(([key, flat]) => [key, change(flat)])) });

describe('the install-time line seed', { timeout: 120_000 }, () => {
  // Every build typesets afresh: a layout kept from the build before would give its bytes whatever the seed holds.
  beforeAll(() => setReuseAcrossBuilds(false));
  afterAll(() => {
    setReuseAcrossBuilds(true);
    rmSync(scratch, { recursive: true, force: true });
  });
  afterEach(() => {
    disableShapingDiskCache();
    resetShapingMemo();
  });

  it.each(['memo', 'one-pager', 'handout'])('ships with the program, is used, and gives the bytes of breaking afresh: all six sections in %s', async (template) => {
    expect(lineFiles.length).toBeGreaterThan(0);
    const spec = { ...defaultSpec(), template, sections: ALL_SECTIONS };
    const seeded = await build(shapingSeedDir(), spec);
    // Paragraphs, headings and list items (the one-pager holds the fewest).
    expect(seeded.hits).toBeGreaterThan(40);
    expect(seeded.pdf.equals((await build(undefined, spec)).pdf)).toBe(true);
  });

  it('records at install time and reads back to the same bytes', async () => {
    const dir = mkdtempSync(join(scratch, 'recorded-'));
    resetShapingMemo();
    await buildBrief(defaultSpec(), { shaping: { recordDir: dir } });
    const recorded = readdirSync(dir).filter((name) => name.startsWith('lines-'));
    expect(recorded.length).toBeGreaterThan(0);
    const seeded = await build(dir);
    expect(seeded.hits).toBeGreaterThan(50);
    expect(seeded.pdf.equals((await build(undefined)).pdf)).toBe(true);
  });

  it.each([
    ['cut short', (_: SeedFile, text: string) => text.slice(0, text.length >> 1)],
    ['not JSON at all', () => '\u0000\u0001 binary junk'],
    ['another format version', (file: SeedFile) => JSON.stringify({ ...file, version: 2 })],
    ['the entries of another width', (file: SeedFile) => JSON.stringify({ ...file, width: file.width + 1 })],
    ['entries as a list', (file: SeedFile) => JSON.stringify({ ...file, entries: [1, 2, 3] })],
    ['a span past the last one', everyEntry((flat) => flat.map((value, i) => (i === 5 ? 99 : value)))],
    ['a width that is text', everyEntry((flat) => flat.map((value, i) => (i === 0 ? '100' : value)))],
    ['unknown fragment flags', everyEntry((flat) => flat.map((value, i) => (i === 7 ? 4 : value)))],
    ['more fragments than the list holds', everyEntry((flat) => flat.map((value, i) => (i === 3 ? 1000 : value)))],
    ['no lines at all', everyEntry(() => [])],
    ['an entry that is not a list', everyEntry(() => ({ lines: 1 }))],
    // Well formed, but not what breaking the text gives:
    ["a fragment's text changed", everyEntry((flat) => flat.map((value, i) => (i === 4 ? `${String(value)}x` : value)))],
    ['a glue count that is not the line’s', everyEntry((flat) => flat.map((value, i) => (i === 1 ? (value as number) + 1 : value)))],
    ['a line width that is not its fragments’', everyEntry((flat) => flat.map((value, i) => (i === 0 ? (value as number) + 0.5 : value)))],
  ])('ignores a seed that is %s and gives the same bytes', async (_, damage) => {
    const seeded = await build(damagedSeed(damage));
    expect(seeded.hits).toBe(0);
    expect(seeded.pdf.equals((await build(undefined)).pdf)).toBe(true);
  });

  it("never records a user's text: the installed command reads the seed and leaves it as it was", () => {
    const seedDir = shapingSeedDir();
    const snapshot = () => readdirSync(seedDir).map((name) => [name, statSync(join(seedDir, name)).mtimeMs, readFileSync(join(seedDir, name), 'utf8')]);
    const before = snapshot();
    const cwd = mkdtempSync(join(scratch, 'own-'));
    mkdirSync(join(cwd, 'sections'));
    writeFileSync(join(cwd, 'sections', 'own.md'), '---\nid: own\ntitle: Our own notes\nsummary: S.\n---\nA paragraph of words the seed has never seen: quixotic zephyrs wander.\n');
    const result = spawnSync(process.execPath, [installedCommand, 'build', '-q', '--sections-dir', 'sections', '--sections', 'own,space-agreement', '-o', 'out.pdf'], { cwd, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(spawnSync('pdftotext', [join(cwd, 'out.pdf'), '-'], { encoding: 'utf8' }).stdout).toContain('quixotic zephyrs');
    const after = snapshot();
    expect(after).toEqual(before);
    expect(after.some(([, , text]) => String(text).includes('quixotic'))).toBe(false);
  });

  it("refuses a user's own content while the install step records the seeds", () => {
    const record = mkdtempSync(join(scratch, 'recording-'));
    const cwd = mkdtempSync(join(scratch, 'own-'));
    mkdirSync(join(cwd, 'sections'));
    writeFileSync(join(cwd, 'sections', 'own.md'), '---\nid: own\ntitle: Own\nsummary: S.\n---\nQuixotic zephyrs.\n');
    const env = { ...process.env, BRIEF_STUDIO_WRITE_SHAPING_SEED: record };
    for (const args of [['--sections-dir', 'sections', '--sections', 'own'], ['--title', 'Our quixotic plan']]) {
      const result = spawnSync(process.execPath, [installedCommand, 'build', '-q', ...args, '-o', 'out.pdf'], { cwd, encoding: 'utf8', env });
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/BRIEF_STUDIO_WRITE_SHAPING_SEED records built-in content/);
    }
    expect(readdirSync(record)).toEqual([]);
  });
});
