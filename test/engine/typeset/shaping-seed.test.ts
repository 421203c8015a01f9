import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { shapingSeedDir } from '../../../main/engine/paths.js';
import { buildBrief } from '../../../main/engine/render.js';
import { defaultSpec } from '../../../main/engine/spec-schema.js';
import { disableShapingDiskCache, useShapingSeed } from '../../../main/engine/typeset/shaping-disk-cache.js';
import { resetShapingMemo } from '../../../main/engine/typeset/shaping-memo.js';

type Stored = { version: number; font: string; runs: Record<string, unknown> };

const seedFiles = readdirSync(shapingSeedDir()).filter((name) => name.endsWith('.json'));

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

/** The same file with its first run replaced by `entry`. */
const withFirstRun = (entry: unknown) => (stored: Stored) => {
  const first = Object.keys(stored.runs)[0]!;
  return JSON.stringify({ ...stored, runs: { ...stored.runs, [first]: entry } });
};

describe('the install-time shaping seed', { timeout: 60_000 }, () => {
  afterEach(() => {
    disableShapingDiskCache();
    resetShapingMemo();
  });

  it('ships with the program and gives the same bytes as shaping afresh', async () => {
    expect(seedFiles.length).toBeGreaterThan(0);
    expect((await buildWithSeed(shapingSeedDir())).equals(await buildWithSeed(undefined))).toBe(true);
  });

  it.each([
    ['cut short', (_: Stored, text: string) => text.slice(0, text.length >> 1)],
    ['not JSON at all', () => '\u0000\u0001 binary junk'],
    ['runs as a list', (stored: Stored) => JSON.stringify({ ...stored, runs: [1, 2, 3] })],
    ['a glyph id the font does not have', withFirstRun([[1_000_000_000], [[65]], [600, 0, 0, 0, 600]])],
    ['a negative code point', withFirstRun([[3], [[-1]], [600, 0, 0, 0, 600]])],
    ['positions that are not numbers', withFirstRun([[3], [[65]], ['a', null, 0, 0, 600]])],
    ['an entry that is not a list', withFirstRun({ ids: [3] })],
    ['another program\'s file', () => JSON.stringify({ version: 1, font: 'someone-else', runs: { x: 1 } })],
  ])('ignores a seed file that is %s and gives the same bytes', async (_name, damage) => {
    const expected = await buildWithSeed(undefined);
    const pdf = await buildWithSeed(damagedSeed(damage));
    expect(pdf.equals(expected)).toBe(true);
  });
});
