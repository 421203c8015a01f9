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
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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

function fontKey(font: Font): string {
  const { head, numGlyphs } = font as unknown as { head: { checkSumAdjustment: number }; numGlyphs: number };
  const id = `${font.postscriptName}|${head.checkSumAdjustment}|${numGlyphs}|${font.unitsPerEm}`;
  return createHash('sha1').update(id).digest('hex').slice(0, 16);
}

const fileFor = (dir: string, key: string): string => join(dir, `shaping-v${FORMAT_VERSION}-${key}.json`);

/**
 * Called when the memo for a font is created: fills it with what earlier
 * processes shaped, and remembers the record so new entries can be saved.
 */
export function preloadRuns(font: Font, runs: Record<string, ScaledRun>): void {
  const dirs = recordDir ? [recordDir] : seedDirs;
  if (dirs.length === 0) return;
  const key = fontKey(font);
  for (const dir of dirs) readStored(font, key, fileFor(dir, key), runs);
  if (recordDir) tracked.set(font, { key, runs, loaded: Object.keys(runs).length });
}

/**
 * Reads one seed file into `runs`: all of it, or (damaged, foreign, from
 * another font) none of it. A build uses a few thousand of the seed's runs,
 * so outside the seeding step each entry becomes a run when first looked up
 * (building fontkit glyphs for every entry was a large part of a cold start);
 * an entry found damaged then reads as missing and is shaped afresh.
 */
function readStored(font: Font, key: string, file: string, runs: Record<string, ScaledRun>): void {
  const rebuilt: Record<string, ScaledRun> = Object.create(null) as Record<string, ScaledRun>;
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (!isStoredFile(stored) || stored.version !== FORMAT_VERSION || stored.font !== key) return;
    const glyphCount = (font as unknown as { numGlyphs: number }).numGlyphs;
    if (!recordDir) {
      for (const [text, entry] of Object.entries(stored.runs)) if (!(text in runs)) defineLazyRun(runs, text, () => rebuildRun(font, entry, glyphCount));
      return;
    }
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

/** `runs[text]` builds its run on first read; a write (PDFKit storing a fresh shaping) replaces it. */
function defineLazyRun(runs: Record<string, ScaledRun>, text: string, build: () => ScaledRun | undefined): void {
  const settle = (value: ScaledRun | undefined) => Object.defineProperty(runs, text, { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(runs, text, {
    enumerable: true,
    configurable: true,
    get() {
      const run = build();
      settle(run);
      return run;
    },
    set(value: ScaledRun) {
      settle(value);
    },
  });
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
  if (!flat.every((n) => typeof n === 'number' && Number.isFinite(n))) return undefined;
  const glyphs = [];
  for (let i = 0; i < ids.length; i++) {
    const id: unknown = ids[i];
    const points: unknown = codePoints[i];
    if (!Number.isInteger(id) || (id as number) < 0 || (id as number) >= glyphCount) return undefined;
    if (!Array.isArray(points) || !points.every(isCodePoint)) return undefined;
    const glyph = font.getGlyph(id as number, points as number[]);
    if (!glyph) return undefined;
    glyphs.push(glyph);
  }
  const positions: ScaledPosition[] = [];
  for (let i = 0; i < ids.length; i++) {
    const o = i * 5;
    const [xAdvance, yAdvance, xOffset, yOffset, advanceWidth] = (flat as number[]).slice(o, o + 5) as [number, number, number, number, number];
    positions.push({ xAdvance, yAdvance, xOffset, yOffset, advanceWidth });
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
      const target = fileFor(dir, key);
      const temp = `${target}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(stored));
      renameSync(temp, target);
    } catch {
      // A read-only or full folder only leaves the seed smaller.
    }
  }
}
