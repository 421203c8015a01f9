/**
 * Parsed YAML of the built-in templates and sections, shipped with the
 * command line. A CLI build is a fresh process, and the YAML parser's first
 * documents cost far more than their size (none of its code is warm yet); the
 * built-in template manifests and section front matter are parsed once, at
 * install time (scripts/build-cli.mjs), into `dist/yaml-seed.json`, and a
 * build whose file holds exactly that text takes the data from there. The
 * schema still checks it; anything the seed does not hold, or holds data the
 * schema rejects, is parsed as before (so errors keep their locations).
 *
 * Only files inside the built-in folders are ever recorded, and only at
 * install time (BRIEF_STUDIO_WRITE_YAML_SEED): a user's text never goes in.
 */
import { readFileSync } from 'node:fs';
import { sep } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { builtInSectionsDir, builtInTemplatesDir } from './paths.js';
import { writeSeedFile } from './seed-file.js';

const FORMAT_VERSION = 2;

interface SeedFile {
  version: number;
  /** The YAML text itself → its data as JSON text (a text is found only when it is exactly the same, with no hashing to do). */
  entries: Record<string, string>;
}

/** Entries of the seed in use; undefined when there is none. */
let seeded: Map<string, string> | undefined;
/** Install time only: where the seed is written, and what it holds so far. */
let recording: { file: string; entries: Record<string, string> } | undefined;

/** Read the shipped seed (a missing or damaged file means no seed). */
export function useYamlSeed(file: string): void {
  recording = undefined;
  seeded = undefined;
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<SeedFile>;
    if (stored.version !== FORMAT_VERSION || typeof stored.entries !== 'object' || stored.entries === null) return;
    seeded = new Map(Object.entries(stored.entries).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    // no seed: every document is parsed
  }
}

/** Install time only: record the built-in documents parsed from now on into `file` (adding to what it holds). */
export function recordYamlSeed(file: string): void {
  seeded = undefined;
  let entries: Record<string, string> = {};
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<SeedFile>;
    if (stored.version === FORMAT_VERSION && stored.entries) entries = stored.entries;
  } catch {
    // a new seed
  }
  recording = { file, entries };
}

export function disableYamlSeed(): void {
  seeded = undefined;
  recording = undefined;
}

/** The data of a document the seed holds, as a fresh object; undefined when it holds none. */
export function seededYaml(text: string): unknown {
  if (!seeded || seeded.size === 0) return undefined;
  const json = seeded.get(text);
  return json === undefined ? undefined : JSON.parse(json);
}

/** While recording: keep the data of a built-in document, if JSON holds it exactly. */
export function recordYaml(file: string, text: string, data: unknown): void {
  if (!recording || !isBuiltIn(file)) return;
  const json = JSON.stringify(data);
  if (json === undefined || !isDeepStrictEqual(JSON.parse(json), data)) return;
  recording.entries[text] = json;
  writeSeedFile(recording.file, JSON.stringify({ version: FORMAT_VERSION, entries: recording.entries } satisfies SeedFile));
}

function isBuiltIn(file: string): boolean {
  return [builtInSectionsDir(), builtInTemplatesDir()].some((dir) => file.startsWith(dir + sep));
}
