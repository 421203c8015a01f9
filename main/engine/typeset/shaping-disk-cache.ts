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
 * or foreign file is ignored whole.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { writeSeedFile } from '../seed-file.js';
import { join } from 'node:path';
import type { Font } from 'fontkit';
import type { ScaledPosition, ScaledRun } from './pdfkit-internals.js';

/** text → [glyph ids, code points per glyph, positions (5 numbers per glyph)] */
type StoredRun = [number[], number[][], number[]];
interface StoredFile {
  version: 1;
  font: string;
  runs: Record<string, StoredRun>;
}

const FORMAT_VERSION = 1;
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

/** Read the shipped seed when a font's memo is created (the CLI does; the app keeps its memo in memory only). */
export function useShapingSeed(dirs: string[]): void {
  recordDir = undefined;
  seedDirs = dirs;
}

/** Install time only: shape the built-in content and write it to `dir` as the seed. */
export function recordShapingSeed(dir: string): void {
  recordDir = dir;
  seedDirs = [];
}

export function disableShapingDiskCache(): void {
  recordDir = undefined;
  seedDirs = [];
  tracked.clear();
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
function fontKey(font: Font): string {
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
  const seed = new Map<string, unknown>();
  for (const dir of dirs) readSeed(key, fileFor(dir, key), seed);
  return seed.size === 0 ? runs : withSeed(font, runs, seed);
}

/**
 * A build uses a few thousand of the seed's runs, so each entry becomes a run
 * when first looked up (building fontkit glyphs for every entry was a large
 * part of a cold start), and is then kept in `runs` like any other; an entry
 * found damaged reads as missing and is shaped afresh. PDFKit only reads and
 * writes the memo by text (`layoutCached`).
 */
function withSeed(font: Font, runs: Record<string, ScaledRun>, seed: Map<string, unknown>): Record<string, ScaledRun> {
  const glyphCount = (font as unknown as { numGlyphs: number }).numGlyphs;
  const take = (text: string): ScaledRun | undefined => {
    const entry = seed.get(text);
    if (entry === undefined) return undefined;
    seed.delete(text);
    const run = rebuildRun(font, entry, glyphCount);
    if (run) runs[text] = run;
    return run;
  };
  return new Proxy(runs, { get: (target, text) => (typeof text !== 'string' ? undefined : (target[text] ?? take(text))) });
}

/** The entries of one seed file not already in `seed`: all of it, or (damaged, foreign, from another font) none of it. */
function readSeed(key: string, file: string, seed: Map<string, unknown>): void {
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (!isStoredFile(stored) || stored.version !== FORMAT_VERSION || stored.font !== key) return;
    for (const text in stored.runs) if (!seed.has(text)) seed.set(text, stored.runs[text]);
  } catch {
    // no seed, or unreadable: everything is shaped afresh
  }
}

/** Seeding step only: reads one seed file into `runs`, rebuilt: all of it, or (damaged, foreign, from another font) none of it. */
function readStored(font: Font, key: string, file: string, runs: Record<string, ScaledRun>): void {
  const rebuilt: Record<string, ScaledRun> = Object.create(null) as Record<string, ScaledRun>;
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (!isStoredFile(stored) || stored.version !== FORMAT_VERSION || stored.font !== key) return;
    const glyphCount = (font as unknown as { numGlyphs: number }).numGlyphs;
    for (const [text, entry] of Object.entries(stored.runs)) {
      const run = rebuildRun(font, entry, glyphCount);
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

function rebuildRun(font: Font, entry: unknown, glyphCount: number): ScaledRun | undefined {
  if (!Array.isArray(entry) || entry.length !== 3) return undefined;
  const [ids, codePoints, flat] = entry as unknown[];
  if (!Array.isArray(ids) || !Array.isArray(codePoints) || !Array.isArray(flat)) return undefined;
  if (ids.length * 5 !== flat.length || codePoints.length !== ids.length) return undefined;
  for (let i = 0; i < flat.length; i++) if (!Number.isFinite(flat[i])) return undefined;
  const glyphs = [];
  for (let i = 0; i < ids.length; i++) {
    const id: unknown = ids[i];
    const points: unknown = codePoints[i];
    if (!Number.isInteger(id) || (id as number) < 0 || (id as number) >= glyphCount) return undefined;
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

/** Seeding step only: write the memo of every font that gained entries (atomically). */
export function saveShapingSeed(): void {
  const dir = recordDir;
  if (!dir) return;
  for (const { key, runs, loaded } of tracked.values()) {
    const texts = Object.keys(runs);
    if (texts.length <= loaded) continue;
    const stored: StoredFile = { version: FORMAT_VERSION, font: key, runs: {} };
    let count = 0;
    for (const text of texts) {
      if (count++ >= MAX_STORED_RUNS) break;
      const run = runs[text]!;
      const flat: number[] = [];
      for (const p of run.positions) flat.push(p.xAdvance, p.yAdvance, p.xOffset, p.yOffset, p.advanceWidth);
      stored.runs[text] = [run.glyphs.map((g) => g.id), run.glyphs.map((g) => [...g.codePoints]), flat];
    }
    try {
      mkdirSync(dir, { recursive: true });
      writeSeedFile(fileFor(dir, key), JSON.stringify(stored));
    } catch {
      // A read-only or full folder only leaves the seed smaller.
    }
  }
}
