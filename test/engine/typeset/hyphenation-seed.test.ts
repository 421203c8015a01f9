/**
 * The command line ships the hyphenation points of the built-in sections'
 * words (dist/hyphenation-seed.json, written at install time). A build takes
 * a word's points from there, by hyphenator (language and no-hyphenate list),
 * and works out anything else; a damaged file or entry only costs speed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { disableHyphenationSeed, Hyphenator, recordHyphenationSeed, saveHyphenationSeed, sharedHyphenator, useHyphenationSeed } from '../../../main/engine/typeset/hyphenation.js';

const scratch = mkdtempSync(join(tmpdir(), 'hyphenation-seed-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
afterEach(() => disableHyphenationSeed());

const WORDS = ['alliance', 'reconnaissance', 'interoperability', 'Japan’s', 'counterstrike', 'summit', 'brief'];

describe('the hyphenation seed', () => {
  it('records the points a hyphenator works out, and a build reading it gets the same points', () => {
    const file = join(scratch, 'recorded.json');
    recordHyphenationSeed(file);
    const recorder = sharedHyphenator('en-US');
    const worked = WORDS.map((word) => recorder.points(word));
    saveHyphenationSeed();
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { hyphenators: Record<string, Record<string, number[]>> };
    expect(stored.hyphenators['en-us\u0000']).toEqual(Object.fromEntries(WORDS.map((word, i) => [word, worked[i]])));

    useHyphenationSeed(file);
    expect(WORDS.map((word) => sharedHyphenator('en-US').points(word))).toEqual(WORDS.map((word) => new Hyphenator('en-US').points(word)));
    expect(worked.flat().length).toBeGreaterThan(8);
  });

  it('is what a build reads: an entry there wins over the patterns (as long as it is sound)', () => {
    const file = join(scratch, 'planted.json');
    // "alliance" planted with a point the patterns would not give; the others are damaged.
    const planted = { alliance: [3], summit: [4, 2], counterstrike: 'x', reconnaissance: [99] };
    writeFileSync(file, JSON.stringify({ version: 1, hyphenators: { 'en-us\u0000': planted } }));
    useHyphenationSeed(file);
    const seeded = sharedHyphenator('en-US');
    const computed = new Hyphenator('en-US');
    expect(computed.points('alliance')).not.toEqual([3]);
    expect(seeded.points('alliance')).toEqual([3]);
    for (const word of ['summit', 'counterstrike', 'reconnaissance', 'interoperability']) expect(seeded.points(word), word).toEqual(computed.points(word));
    // Another no-hyphenate list is another hyphenator: the seed's words are not its.
    expect(sharedHyphenator('en-US', ['Kishida']).points('alliance')).toEqual(computed.points('alliance'));
  });

  it('is ignored whole when damaged or missing', () => {
    const computed = new Hyphenator('en-US');
    for (const content of ['{"version":1,"hyphenators":', '{"version":2,"hyphenators":{}}', 'null', '[]']) {
      const file = join(scratch, 'damaged.json');
      writeFileSync(file, content);
      useHyphenationSeed(file);
      expect(WORDS.map((word) => sharedHyphenator('en-US').points(word)), content).toEqual(WORDS.map((word) => computed.points(word)));
    }
    useHyphenationSeed(join(scratch, 'missing.json'));
    expect(sharedHyphenator('en-US').points('reconnaissance')).toEqual(computed.points('reconnaissance'));
  });
});
