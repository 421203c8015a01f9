/**
 * Line breaks shipped with the program, beside the shaping seed: the lines
 * the built-in sections' paragraphs, headings and list items were broken into
 * in each built-in template, recorded at install time (scripts/build-cli.mjs)
 * and read back by every command-line build. A cold build of built-in content
 * then neither tokenizes, hyphenates nor breaks those paragraphs; everything
 * else is broken as before.
 *
 * An entry is found by everything the breaker reads, as the line memo keys
 * it (line-memo.ts), with fonts named by their identity instead of the
 * process's objects. Lines are stored as the memo stores them (fragment text,
 * the span whose style it has, widths), so a hit gives exactly the lines the
 * breaker gives. Only built-in content is ever recorded: a build never writes
 * a user's text. A damaged or foreign file is ignored whole; an entry that is
 * damaged, or does not spell the text it is used for (line-memo.ts checks),
 * is broken afresh.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeSeedFile } from '../seed-file.js';
import type { StoredFrag, StoredLine } from './line-memo.js';

const FORMAT_VERSION = 1;
/** One file per line width: a build reads only the files of the widths its template sets lines at. */
const fileName = (width: number): string => `lines-v${FORMAT_VERSION}-${String(width).replace(/[^0-9.-]/g, '_')}.json`;
const FILE_PATTERN = new RegExp(`^lines-v${FORMAT_VERSION}-[0-9._-]+\\.json$`);
/** Past this many entries the seed stops growing (the built-in briefs need a few hundred). */
const MAX_ENTRIES = 20_000;

/**
 * An entry's lines in one flat list, several times quicker to parse than an
 * object per fragment: per line its width, glue count, 1 if last, fragment
 * count, then per fragment its text, span, width and flags (1 glue, 2 inserted).
 */
type FlatLines = (string | number)[];

interface SeedFile {
  version: number;
  width: number;
  entries: Record<string, unknown>;
}

let seedDirs: string[] = [];
let recordDir: string | undefined;
/** Entries of the seed files by line width, read on the first lookup at that width; the first folder's entry counts. */
const loaded = new Map<number, Record<string, unknown>[]>();
/** Install step only: what the seed held plus what this build broke, by width. */
let recorded: Map<number, Map<string, FlatLines>> | undefined;
let recordedCount = 0;
let hits = 0;

/** Entries read from the shipped seed so far in this process (tests check that it is really used). */
export function lineSeedHits(): number {
  return hits;
}

/** Read the shipped lines from these folders (the command line does). */
export function useLineSeed(dirs: string[]): void {
  seedDirs = dirs;
  recordDir = undefined;
  loaded.clear();
  recorded = undefined;
}

/** Install time only: record the lines of the built-in content into `dir`, adding to what it holds. */
export function recordLineSeed(dir: string): void {
  useLineSeed([]);
  recordDir = dir;
  recorded = new Map();
  recordedCount = 0;
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((name) => FILE_PATTERN.test(name));
  } catch {
    // no seed yet
  }
  for (const name of names) {
    const file = readSeedFile(join(dir, name));
    if (!file) continue;
    for (const [key, flat] of Object.entries(file.entries)) if (Array.isArray(flat)) addRecorded(file.width, key, flat as FlatLines);
  }
}

export function disableLineSeed(): void {
  useLineSeed([]);
}

/** Whether a build looks lines up here or records them: only then is a seed key worth making. */
export function lineSeedActive(): boolean {
  return seedDirs.length > 0 || recorded !== undefined;
}

/** Install step only: lines broken now are to be recorded. */
export function lineSeedRecording(): boolean {
  return recorded !== undefined;
}

/**
 * The stored lines for `key` at `width`, or undefined (not shipped, damaged,
 * or refused by `accept`). `spanCount`: the spans they will be rebuilt over.
 */
export function seededLines(key: string, width: number, spanCount: number, accept: (lines: readonly StoredLine[]) => boolean): StoredLine[] | undefined {
  const flat = recorded ? recorded.get(width)?.get(key) : shippedEntry(key, width);
  const lines = flat === undefined ? undefined : unflatten(flat, spanCount);
  if (!lines || !accept(lines)) return undefined;
  if (!recorded) hits++;
  return lines;
}

function shippedEntry(key: string, width: number): unknown {
  let files = loaded.get(width);
  if (!files) {
    files = seedDirs.flatMap((dir) => {
      const file = readSeedFile(join(dir, fileName(width)));
      return file && file.width === width ? [Object.setPrototypeOf(file.entries, null) as Record<string, unknown>] : [];
    });
    loaded.set(width, files);
  }
  for (const entries of files) {
    const entry = entries[key];
    if (entry !== undefined) return entry;
  }
  return undefined;
}

/** Install step: remember lines just broken. */
export function recordLines(key: string, width: number, lines: readonly StoredLine[]): void {
  if (recorded) addRecorded(width, key, flatten(lines));
}

function addRecorded(width: number, key: string, flat: FlatLines): void {
  if (!recorded || recordedCount >= MAX_ENTRIES) return;
  let entries = recorded.get(width);
  if (!entries) recorded.set(width, (entries = new Map<string, FlatLines>()));
  if (!entries.has(key)) recordedCount++;
  entries.set(key, flat);
}

/** Install step: write what was recorded, one file per width (atomically). */
export function saveLineSeed(): void {
  if (!recordDir || !recorded) return;
  try {
    mkdirSync(recordDir, { recursive: true });
    for (const [width, entries] of recorded) {
      const file: SeedFile = { version: FORMAT_VERSION, width, entries: Object.fromEntries(entries) };
      writeSeedFile(join(recordDir, fileName(width)), JSON.stringify(file));
    }
  } catch {
    // A read-only or full folder only leaves the seed smaller.
  }
}

function readSeedFile(file: string): SeedFile | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { version, width, entries } = parsed as Partial<SeedFile>;
    if (version !== FORMAT_VERSION || typeof width !== 'number' || typeof entries !== 'object' || entries === null || Array.isArray(entries)) return undefined;
    return { version, width, entries };
  } catch {
    return undefined; // no seed, or unreadable: everything is broken afresh
  }
}

function flatten(lines: readonly StoredLine[]): FlatLines {
  const flat: FlatLines = [];
  for (const line of lines) {
    flat.push(line.width, line.glues, line.last ? 1 : 0, line.frags.length);
    for (const frag of line.frags) flat.push(frag.text, frag.span, frag.width, (frag.glue ? 1 : 0) | (frag.inserted ? 2 : 0));
  }
  return flat;
}

/** The lines of a flat entry, or undefined where anything in it is not what flatten writes. */
function unflatten(flat: unknown, spanCount: number): StoredLine[] | undefined {
  if (!Array.isArray(flat)) return undefined;
  const lines: StoredLine[] = [];
  let at = 0;
  while (at < flat.length) {
    // Read by index: a cold build unflattens every entry it uses.
    const width: unknown = flat[at];
    const glues: unknown = flat[at + 1];
    const last: unknown = flat[at + 2];
    const count: unknown = flat[at + 3];
    at += 4;
    if (!Number.isFinite(width) || !Number.isInteger(glues) || (last !== 0 && last !== 1) || !Number.isInteger(count) || (count as number) < 0 || at + (count as number) * 4 > flat.length) return undefined;
    const frags: StoredFrag[] = [];
    for (let i = 0; i < (count as number); i++, at += 4) {
      const text: unknown = flat[at];
      const span: unknown = flat[at + 1];
      const fragWidth: unknown = flat[at + 2];
      const flags: unknown = flat[at + 3];
      if (typeof text !== 'string' || !Number.isInteger(span) || (span as number) < 0 || (span as number) >= spanCount || !Number.isFinite(fragWidth) || !Number.isInteger(flags) || (flags as number) < 0 || (flags as number) > 3) return undefined;
      frags.push({ text, span: span as number, width: fragWidth as number, glue: ((flags as number) & 1) !== 0, inserted: ((flags as number) & 2) !== 0 });
    }
    lines.push({ frags, width: width as number, glues: glues as number, last: last === 1 });
  }
  return lines.length > 0 ? lines : undefined;
}
