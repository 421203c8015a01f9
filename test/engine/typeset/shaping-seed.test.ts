import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { shapingSeedDir } from '../../../main/engine/paths.js';
import { buildBrief } from '../../../main/engine/render.js';
import { setReuseAcrossBuilds } from '../../../main/engine/reuse.js';
import { defaultSpec } from '../../../main/engine/spec-schema.js';
import { disableShapingDiskCache, useShapingSeed } from '../../../main/engine/typeset/shaping-disk-cache.js';
import { resetShapingMemo } from '../../../main/engine/typeset/shaping-memo.js';

type Stored = { version: number; font: string; runs: Record<string, unknown> };

const seedFiles = readdirSync(shapingSeedDir()).filter((name) => name.startsWith('shaping-') && name.endsWith('.json'));

async function buildWithSeed(dir: string | undefined): Promise<Buffer> {
  resetShapingMemo();
  if (dir) useShapingSeed([dir]);
  else disableShapingDiskCache();
  return Buffer.from((await buildBrief(defaultSpec())).pdf);
}

/** A copy of the shipped seed with every file changed by `damage`. */
function damagedSeed(damage: (stored: Stored, text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'brief-seed-'));
  for (const name of seedFiles) {
    const text = readFileSync(join(shapingSeedDir(), name), 'utf8');
    writeFileSync(join(dir, name), damage(JSON.parse(text) as Stored, text));
  }
  return dir;
}

/** The same file with its first run (of a text of at least `minLength` characters) replaced by `entry`. */
const withFirstRun =
  (entry: unknown, minLength = 1) =>
  (stored: Stored) => {
    const first = Object.keys(stored.runs).find((text) => text.length >= minLength)!;
    return JSON.stringify({ ...stored, runs: { ...stored.runs, [first]: entry } });
  };

/** The same file with its first run replaced by JSON text (numbers JSON.stringify cannot write). */
const withFirstRunText = (entry: string) => (stored: Stored) => withFirstRun('ENTRY')(stored).replace('"ENTRY"', entry);

/** Every entry of the seed files in `dir`. */
const entriesIn = (dir: string): unknown[] =>
  readdirSync(dir)
    .filter((name) => name.startsWith('shaping-'))
    .flatMap((name) => Object.values((JSON.parse(readFileSync(join(dir, name), 'utf8')) as Stored).runs));

describe('the install-time shaping seed', { timeout: 60_000 }, () => {
  // Every build typesets afresh: a layout kept from the build before would give its bytes whatever the seed holds.
  beforeAll(() => setReuseAcrossBuilds(false));
  afterAll(() => setReuseAcrossBuilds(true));
  afterEach(() => {
    disableShapingDiskCache();
    resetShapingMemo();
  });

  it('ships with the program and gives the same bytes as shaping afresh', async () => {
    expect(seedFiles.length).toBeGreaterThan(0);
    expect((await buildWithSeed(shapingSeedDir())).equals(await buildWithSeed(undefined))).toBe(true);
  });

  it('records most words as three numbers per glyph, ligatures in full, and reads both back to the same bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brief-seed-'));
    resetShapingMemo();
    await buildBrief(defaultSpec(), { shaping: { recordDir: dir } });
    const entries = entriesIn(dir);
    const compact = entries.filter((entry) => Array.isArray(entry) && typeof entry[0] === 'number');
    expect(compact.length).toBeGreaterThan(entries.length / 2);
    expect(compact.every((entry) => (entry as unknown[]).every((n) => Number.isInteger(n)))).toBe(true);
    expect(entries.some((entry) => Array.isArray(entry) && Array.isArray(entry[0]))).toBe(true);
    expect((await buildWithSeed(dir)).equals(await buildWithSeed(undefined))).toBe(true);
  });

  it.each([
    ['cut short', (_: Stored, text: string) => text.slice(0, text.length >> 1)],
    ['not JSON at all', () => '\u0000\u0001 binary junk'],
    ['runs as a list', (stored: Stored) => JSON.stringify({ ...stored, runs: [1, 2, 3] })],
    ['a glyph id the font does not have', withFirstRun([[1_000_000_000], [[65]], [600, 0, 0, 0, 600]])],
    ['a negative code point', withFirstRun([[3], [[-1]], [600, 0, 0, 0, 600]])],
    ['positions that are not numbers', withFirstRun([[3], [[65]], ['a', null, 0, 0, 600]])],
    ['an entry that is not a list', withFirstRun({ ids: [3] })],
    ['a short entry with a glyph id the font does not have', withFirstRun([1_000_000_000, 600, 600])],
    ['a short entry with widths that are not numbers', withFirstRun([3, 'a', null])],
    ['a short entry with a width too large for a number', withFirstRunText('[3,1e999,600]')],
    ['a short entry cut mid-glyph', withFirstRun([3, 600])],
    ['a short entry with fewer glyphs than its text has code points', withFirstRun([3, 600, 600], 2)],
    ['a short entry with more glyphs than its text has code points', withFirstRun([3, 600, 600, 3, 600, 600, 3, 600, 600, 3, 600, 600, 3, 600, 600])],
    ['an empty entry', withFirstRun([])],
    ['the earlier layout (version 1)', (stored: Stored) => JSON.stringify({ ...stored, version: 1 })],
    ['another program\'s file', () => JSON.stringify({ version: 1, font: 'someone-else', runs: { x: 1 } })],
  ])('ignores a seed file that is %s and gives the same bytes', async (_name, damage) => {
    const expected = await buildWithSeed(undefined);
    const pdf = await buildWithSeed(damagedSeed(damage));
    expect(pdf.equals(expected)).toBe(true);
  });
});
