/**
 * Shaping results shipped with the program. A command-line build is a fresh
 * process every time, and shaping the words of a brief from scratch is most
 * of its cost; the built-in sections and templates are shaped once, at
 * install time (scripts/build-cli.mjs), into `dist/shaping-seed`, and every
 * build reads that seed back.
 *
 * Nothing a user writes is ever stored: glyph ids spell words, so a cache of
 * a user's shaping is a copy of the user's text. Builds only read the seed;
 * only the install-time seeding step (BRIEF_STUDIO_WRITE_SHAPING_SEED) writes.
 * A user's words are shaped in memory and forgotten when the process ends.
 *
 * One JSON file per font, keyed by the font's identity (PostScript name, the
 * head table's whole-file checksum and glyph count), so an edited font file
 * never meets stale entries. Entries are rebuilt into exactly the objects
 * PDFKit's `layoutRun` would produce (glyphs from the same Font, positions
 * scaled the same way), so output bytes do not depend on the seed. A damaged
 * or foreign file is ignored whole, a damaged entry is shaped afresh.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { writeSeedFile } from '../seed-file.js';
import { disableLineSeed, recordLineSeed, saveLineSeed, useLineSeed } from './line-seed.js';
import { join } from 'node:path';
import type { Font } from 'fontkit';
import type { ScaledPosition, ScaledRun } from './pdfkit-internals.js';

/**
 * Most words: three numbers per glyph (glyph id, x advance, advance width),
 * the widths in font units. Each glyph stands for the next code point of the
 * text and has no vertical advance or offsets. Small integers in one flat list
 * parse several times faster than scaled decimals and a list per glyph, and
 * multiplying by the font's scale gives back exactly the numbers PDFKit had.
 */
type CompactRun = number[];
/** Anything else (ligatures, marks, fractional widths): glyph ids, code points per glyph, 5 scaled numbers per glyph. */
type FullRun = [number[], number[][], number[]];
type StoredRun = CompactRun | FullRun;
interface StoredFile {
  version: 2;
  font: string;
  runs: Record<string, StoredRun>;
}
/** A seed file's entries by text (no prototype, so only the file's own texts are found). */
type SeedEntries = Record<string, unknown>;

const FORMAT_VERSION = 2;
/** Past this many runs per font the file stops growing (a brief needs a few thousand). */
const MAX_STORED_RUNS = 60_000;

/** Where the install-time seeding step writes; unset in every ordinary build. */
let recordDir: string | undefined;
/** Read-only seeds shipped with the program. */
let seedDirs: string[] = [];
interface Tracked {
  key: string;
  runs: Record<string, ScaledRun>;
  /** Entries read from disk; more than this at the end means there is something to save. */
  loaded: number;
}
const tracked = new Map<Font, Tracked>();

/**
 * How a build uses the disk for shaping (a build option): read the shipped
 * seed folders, or, at install time only, record the built-in content into
 * `recordDir`. Without it a build uses the process's memo alone.
 */
export type ShapingCache = { seedDirs: string[] } | { recordDir: string };

export function applyShapingCache(cache: ShapingCache): void {
  if ('recordDir' in cache) recordShapingSeed(cache.recordDir);
  else useShapingSeed(cache.seedDirs);
}

/**
 * Read the shipped seed when a font's memo is created (the CLI does; the app
 * keeps its memo in memory only). The seed folder holds the shipped line
 * breaks too (line-seed.ts), used and recorded along with the shaping.
 */
export function useShapingSeed(dirs: string[]): void {
  recordDir = undefined;
  seedDirs = dirs;
  useLineSeed(dirs);
}

/** Install time only: shape the built-in content and write it to `dir` as the seed. */
export function recordShapingSeed(dir: string): void {
  recordDir = dir;
  seedDirs = [];
  recordLineSeed(dir);
}

export function disableShapingDiskCache(): void {
  recordDir = undefined;
  seedDirs = [];
  tracked.clear();
  disableLineSeed();
}

/**
 * Earlier versions kept every brief's shaping in the user's cache folder;
 * those files hold users' words, so they are removed on sight.
 */
export function removeLegacyShapingCache(dir: string | undefined): void {
  if (!dir) return;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return; // no such folder: nothing to remove
  }
  for (const name of names) {
    if (/^shaping-v\d+-[0-9a-f]+\.json(\.\d+\.tmp)?$/.test(name)) rmSync(join(dir, name), { force: true });
  }
}

/** The font's identity, readable and safe as part of a file name (no hashing: that would load Node's crypto for one short string). */
export function fontKey(font: Font): string {
  const { head, numGlyphs } = font as unknown as { head: { checkSumAdjustment: number }; numGlyphs: number };
  const id = `${font.postscriptName}-${head.checkSumAdjustment >>> 0}-${numGlyphs}-${font.unitsPerEm}`;
  return id.replace(/[^A-Za-z0-9.-]/g, '_').slice(0, 120);
}

const fileFor = (dir: string, key: string): string => join(dir, `shaping-v${FORMAT_VERSION}-${key}.json`);

/**
 * Called when the memo for a font is created: fills it with what earlier
 * processes shaped, and remembers the record so new entries can be saved.
 * Returns the memo to use: `runs` itself, or (reading a seed) a view of it
 * that finds the seed's entries too.
 */
export function preloadRuns(font: Font, runs: Record<string, ScaledRun>): Record<string, ScaledRun> {
  const dirs = recordDir ? [recordDir] : seedDirs;
  if (dirs.length === 0) return runs;
  const key = fontKey(font);
  if (recordDir) {
    for (const dir of dirs) readStored(font, key, fileFor(dir, key), runs);
    tracked.set(font, { key, runs, loaded: Object.keys(runs).length });
    return runs;
  }
  const seeds: SeedEntries[] = [];
  for (const dir of dirs) {
    const entries = readSeed(key, fileFor(dir, key));
    if (entries) seeds.push(entries);
  }
  return seeds.length === 0 ? runs : withSeed(font, runs, seeds);
}

/**
 * A build uses a few thousand of the seed's runs, so each entry becomes a run
 * when first looked up (building fontkit glyphs for every entry was a large
 * part of a cold start), and is then kept in `runs` like any other; an entry
 * found damaged reads as missing and is shaped afresh. PDFKit only reads and
 * writes the memo by text (`layoutCached`), and stores what it shapes on a
 * miss, so no entry is looked up twice. Where seed folders share a text, the
 * first folder's entry counts.
 */
function withSeed(font: Font, runs: Record<string, ScaledRun>, seeds: SeedEntries[]): Record<string, ScaledRun> {
  const rebuild = rebuilder(font);
  const take = (text: string): ScaledRun | undefined => {
    const entry = seedEntry(seeds, text);
    if (entry === undefined) return undefined;
    const run = rebuild(text, entry);
    if (run) runs[text] = run;
    return run;
  };
  return new Proxy(runs, { get: (target, text) => (typeof text !== 'string' ? undefined : (target[text] ?? take(text))) });
}

function seedEntry(seeds: SeedEntries[], text: string): unknown {
  for (const entries of seeds) {
    const entry = entries[text];
    if (entry !== undefined) return entry;
  }
  return undefined;
}

/** The entries of one seed file, read as they are (each is checked when looked up); none when damaged, foreign or from another font. */
function readSeed(key: string, file: string): SeedEntries | undefined {
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (!isStoredFile(stored) || stored.version !== FORMAT_VERSION || stored.font !== key) return undefined;
    return Object.setPrototypeOf(stored.runs, null) as SeedEntries;
  } catch {
    return undefined; // no seed, or unreadable: everything is shaped afresh
  }
}

/** Seeding step only: reads one seed file into `runs`, rebuilt: all of it, or (damaged, foreign, from another font) none of it. */
function readStored(font: Font, key: string, file: string, runs: Record<string, ScaledRun>): void {
  const rebuilt: Record<string, ScaledRun> = Object.create(null) as Record<string, ScaledRun>;
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (!isStoredFile(stored) || stored.version !== FORMAT_VERSION || stored.font !== key) return;
    const rebuild = rebuilder(font);
    for (const [text, entry] of Object.entries(stored.runs)) {
      const run = rebuild(text, entry);
      if (!run) return;
      rebuilt[text] = run;
    }
  } catch {
    return; // no seed, or unreadable: everything is shaped afresh
  }
  for (const text of Object.keys(rebuilt)) runs[text] ??= rebuilt[text]!;
}

function isStoredFile(value: unknown): value is StoredFile {
  if (typeof value !== 'object' || value === null) return false;
  const runs = (value as { runs?: unknown }).runs;
  return typeof runs === 'object' && runs !== null && !Array.isArray(runs);
}

const isCodePoint = (n: unknown): boolean => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 0x10ffff;
const isGlyphId = (n: unknown, glyphCount: number): boolean => Number.isInteger(n) && (n as number) >= 0 && (n as number) < glyphCount;

/** Font units to PDFKit's 1000 per em; compact entries only hold numbers that this scale gives back exactly (see fontUnits). */
const scaleOf = (font: Font): number => 1000 / font.unitsPerEm;

/** Rebuilds a text's entry into the run PDFKit would have shaped, or undefined when the entry is damaged. */
function rebuilder(font: Font): (text: string, entry: unknown) => ScaledRun | undefined {
  const glyphCount = (font as unknown as { numGlyphs: number }).numGlyphs;
  const scale = scaleOf(font);
  return (text, entry) => {
    if (!Array.isArray(entry)) return undefined;
    if (typeof entry[0] === 'number') return rebuildCompact(font, text, entry, glyphCount, scale);
    return rebuildFull(font, entry, glyphCount);
  };
}

function rebuildCompact(font: Font, text: string, numbers: unknown[], glyphCount: number, scale: number): ScaledRun | undefined {
  if (numbers.length % 3 !== 0) return undefined;
  const glyphs = [];
  const positions: ScaledPosition[] = [];
  // fontkit's GlyphRun computes advanceWidth as the sum of xAdvance; so do we, in the same order.
  let advanceWidth = 0;
  let at = 0;
  for (let o = 0; o < numbers.length; o += 3) {
    const id = numbers[o];
    const x = numbers[o + 1];
    const width = numbers[o + 2];
    const point = text.codePointAt(at);
    if (point === undefined || !isGlyphId(id, glyphCount) || !Number.isFinite(x) || !Number.isFinite(width)) return undefined;
    at += point > 0xffff ? 2 : 1;
    const glyph = font.getGlyph(id as number, [point]);
    if (!glyph) return undefined;
    glyphs.push(glyph);
    const xAdvance = (x as number) * scale;
    positions.push({ xAdvance, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: (width as number) * scale });
    advanceWidth += xAdvance;
  }
  // Every code point has its glyph: a shorter list is a damaged entry.
  return at === text.length ? { glyphs, positions, advanceWidth } : undefined;
}

function rebuildFull(font: Font, entry: unknown[], glyphCount: number): ScaledRun | undefined {
  if (entry.length !== 3) return undefined;
  const [ids, codePoints, flat] = entry;
  if (!Array.isArray(ids) || !Array.isArray(codePoints) || !Array.isArray(flat)) return undefined;
  if (ids.length * 5 !== flat.length || codePoints.length !== ids.length) return undefined;
  for (let i = 0; i < flat.length; i++) if (!Number.isFinite(flat[i])) return undefined;
  const glyphs = [];
  for (let i = 0; i < ids.length; i++) {
    const id: unknown = ids[i];
    const points: unknown = codePoints[i];
    if (!isGlyphId(id, glyphCount)) return undefined;
    if (!Array.isArray(points)) return undefined;
    for (let k = 0; k < points.length; k++) if (!isCodePoint(points[k])) return undefined;
    const glyph = font.getGlyph(id as number, points as number[]);
    if (!glyph) return undefined;
    glyphs.push(glyph);
  }
  // Read by index: these are the numbers of a cold start's every seeded word.
  const numbers = flat as number[];
  const positions: ScaledPosition[] = [];
  for (let o = 0; o < numbers.length; o += 5) {
    positions.push({ xAdvance: numbers[o]!, yAdvance: numbers[o + 1]!, xOffset: numbers[o + 2]!, yOffset: numbers[o + 3]!, advanceWidth: numbers[o + 4]! });
  }
  // fontkit's GlyphRun computes advanceWidth as the sum of xAdvance; so do we, in the same order.
  let advanceWidth = 0;
  for (const p of positions) advanceWidth += p.xAdvance;
  return { glyphs, positions, advanceWidth };
}

/** Seeding step only: write the memo of every font that gained entries, and the lines broken (atomically). */
export function saveShapingSeed(): void {
  const dir = recordDir;
  if (!dir) return;
  saveLineSeed();
  for (const [font, { key, runs, loaded }] of tracked) {
    const texts = Object.keys(runs);
    if (texts.length <= loaded) continue;
    const stored: StoredFile = { version: FORMAT_VERSION, font: key, runs: {} };
    const scale = scaleOf(font);
    let count = 0;
    for (const text of texts) {
      if (count++ >= MAX_STORED_RUNS) break;
      const run = runs[text]!;
      stored.runs[text] = compactRun(text, run, scale) ?? fullRun(run);
    }
    try {
      mkdirSync(dir, { recursive: true });
      writeSeedFile(fileFor(dir, key), JSON.stringify(stored));
    } catch {
      // A read-only or full folder only leaves the seed smaller.
    }
  }
}

/** The run in three numbers per glyph, where that layout holds it exactly (see CompactRun). */
function compactRun(text: string, run: ScaledRun, scale: number): CompactRun | undefined {
  const numbers: number[] = [];
  let at = 0;
  for (let i = 0; i < run.glyphs.length; i++) {
    const { id, codePoints } = run.glyphs[i]!;
    const p = run.positions[i]!;
    const point = text.codePointAt(at);
    if (point === undefined || codePoints.length !== 1 || codePoints[0] !== point) return undefined;
    if (!Object.is(p.yAdvance, 0) || !Object.is(p.xOffset, 0) || !Object.is(p.yOffset, 0)) return undefined;
    const x = fontUnits(p.xAdvance, scale);
    const width = fontUnits(p.advanceWidth, scale);
    if (x === undefined || width === undefined) return undefined;
    numbers.push(id, x, width);
    at += point > 0xffff ? 2 : 1;
  }
  return numbers.length > 0 && at === text.length ? numbers : undefined;
}

/** The whole number of font units that scales back to exactly `value`, if there is one (JSON has no -0). */
function fontUnits(value: number, scale: number): number | undefined {
  const units = Math.round(value / scale);
  return Number.isSafeInteger(units) && units * scale === value && !Object.is(value, -0) ? units : undefined;
}

function fullRun(run: ScaledRun): FullRun {
  const flat: number[] = [];
  for (const p of run.positions) flat.push(p.xAdvance, p.yAdvance, p.xOffset, p.yOffset, p.advanceWidth);
  return [run.glyphs.map((g) => g.id), run.glyphs.map((g) => [...g.codePoints]), flat];
}
