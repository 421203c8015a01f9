/**
 * The shaping memo, kept on disk between processes. A command-line build is
 * a fresh process every time, and shaping the words of a brief from scratch
 * is most of its cost; reading back what an earlier run shaped is ~20× cheaper.
 *
 * One JSON file per font, keyed by the font's identity (PostScript name, the
 * head table's whole-file checksum and glyph count), so an edited font file
 * never meets stale entries. Entries are rebuilt into exactly the objects
 * PDFKit's `layoutRun` would produce (glyphs from the same Font, positions
 * scaled the same way), so output bytes do not depend on the cache.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
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

let cacheDir: string | undefined;
/** Read-only caches shipped with the program (shaped at install time from the built-in content). */
let seedDirs: string[] = [];
interface Tracked {
  key: string;
  runs: Record<string, ScaledRun>;
  /** Entries read from disk; more than this at the end means there is something to save. */
  loaded: number;
}
const tracked = new Map<Font, Tracked>();

/** Turn the disk cache on (the CLI does; the app keeps its memo in memory). */
export function enableShapingDiskCache(dir: string, seeds: string[] = []): void {
  cacheDir = dir;
  seedDirs = seeds;
}

export function disableShapingDiskCache(): void {
  cacheDir = undefined;
  seedDirs = [];
  tracked.clear();
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
  if (!cacheDir) return;
  const key = fontKey(font);
  const entry: Tracked = { key, runs, loaded: 0 };
  tracked.set(font, entry);
  for (const dir of [...seedDirs, cacheDir]) readStored(font, key, fileFor(dir, key), runs);
  entry.loaded = Object.keys(runs).length;
}

function readStored(font: Font, key: string, file: string, runs: Record<string, ScaledRun>): void {
  let stored: StoredFile;
  try {
    stored = JSON.parse(readFileSync(file, 'utf8')) as StoredFile;
  } catch {
    return; // nothing stored yet, or unreadable: it is written afresh at the end
  }
  if (stored.version !== FORMAT_VERSION || stored.font !== key) return;
  for (const text of Object.keys(stored.runs)) {
    if (runs[text]) continue;
    const run = rebuildRun(font, stored.runs[text]!);
    if (run) runs[text] = run;
  }
}

function rebuildRun(font: Font, [ids, codePoints, flat]: StoredRun): ScaledRun | undefined {
  if (ids.length * 5 !== flat.length || codePoints.length !== ids.length) return undefined;
  const glyphs = [];
  for (let i = 0; i < ids.length; i++) {
    const glyph = font.getGlyph(ids[i]!, codePoints[i]);
    if (!glyph) return undefined;
    glyphs.push(glyph);
  }
  const positions: ScaledPosition[] = [];
  for (let i = 0; i < ids.length; i++) {
    const o = i * 5;
    positions.push({ xAdvance: flat[o]!, yAdvance: flat[o + 1]!, xOffset: flat[o + 2]!, yOffset: flat[o + 3]!, advanceWidth: flat[o + 4]! });
  }
  // fontkit's GlyphRun computes advanceWidth as the sum of xAdvance; so do we, in the same order.
  let advanceWidth = 0;
  for (const p of positions) advanceWidth += p.xAdvance;
  return { glyphs, positions, advanceWidth };
}

/** Write the memo of every font that gained entries (atomically; errors only cost speed). */
export function saveShapingDiskCache(): void {
  const dir = cacheDir;
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
      // A read-only or full cache folder only makes the next run slower.
    }
  }
}
