/**
 * Parsed YAML of the built-in templates and sections, the compiled code of
 * the built-in templates, and the parsed markup of the built-in sections and
 * of the built-in templates' output, shipped with the command line. A CLI build is a
 * fresh process, and the YAML parser's and Handlebars' compiler's first
 * documents cost far more than their size (none of their code is warm yet);
 * the built-in template manifests and section front matter are parsed, and
 * the built-in templates' files compiled (`Handlebars.precompile`), once, at
 * install time (scripts/build-cli.mjs), into `dist/yaml-seed.json`. A build
 * whose file holds exactly that text takes the result from there. The schema
 * still checks seeded data, and a template is still parsed and checked;
 * anything the seed does not hold is parsed or compiled as before (so errors
 * keep their locations). Markup is held by its top-level pieces (see
 * parseSeeded in markup.ts).
 *
 * Only files inside the built-in folders are ever recorded, and only at
 * install time (BRIEF_STUDIO_WRITE_YAML_SEED): a user's text never goes in.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { builtInSectionsDir, builtInTemplatesDir } from './paths.js';
import { writeSeedFile } from './seed-file.js';

const FORMAT_VERSION = 4;

interface SeedFile {
  version: number;
  /** The YAML text itself → its data as JSON text (a text is found only when it is exactly the same, with no hashing to do). */
  entries: Record<string, string>;
  /** A template file's text → its precompiled code (which depends on the text alone). */
  templates: Record<string, string>;
  /** Quotation-mark language and a top-level piece of markup → its blocks as JSON text. */
  pieces: Record<string, string>;
}

/** The seed in use; undefined when there is none. */
let seeded: { yaml: Map<string, string>; templates: Map<string, string>; pieces: Map<string, string> } | undefined;
/** Install time only: where the seed is written, and what it holds so far. */
let recording: { file: string; entries: Record<string, string>; templates: Record<string, string>; pieces: Record<string, string> } | undefined;

const strings = (record: unknown): Map<string, string> =>
  new Map(typeof record === 'object' && record !== null ? Object.entries(record).filter((entry): entry is [string, string] => typeof entry[1] === 'string') : []);

/** Read the shipped seed (a missing or damaged file means no seed). */
export function useYamlSeed(file: string): void {
  recording = undefined;
  seeded = undefined;
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<SeedFile>;
    if (stored.version !== FORMAT_VERSION || typeof stored.entries !== 'object' || stored.entries === null) return;
    seeded = { yaml: strings(stored.entries), templates: strings(stored.templates), pieces: strings(stored.pieces) };
  } catch {
    // no seed: every document is parsed
  }
}

/** Install time only: record the built-in documents parsed from now on into `file` (adding to what it holds). */
export function recordYamlSeed(file: string): void {
  seeded = undefined;
  let stored: Partial<SeedFile> = {};
  try {
    stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<SeedFile>;
  } catch {
    // a new seed
  }
  const current = stored.version === FORMAT_VERSION;
  recording = { file, entries: (current && stored.entries) || {}, templates: (current && stored.templates) || {}, pieces: (current && stored.pieces) || {} };
}

export function disableYamlSeed(): void {
  seeded = undefined;
  recording = undefined;
}

/** The precompiled code of a built-in template file with exactly this text; undefined when the seed holds none. */
export function seededTemplateCode(source: string): string | undefined {
  return seeded?.templates.get(source);
}

/** While recording: keep the precompiled code of a built-in template file. */
export function recordTemplateCode(file: string, source: string, code: string): void {
  if (!recording || !isBuiltIn(file) || recording.templates[source] === code) return;
  recording.templates[source] = code;
  save(recording);
}

function save(seed: NonNullable<typeof recording>): void {
  writeSeedFile(seed.file, JSON.stringify({ version: FORMAT_VERSION, entries: seed.entries, templates: seed.templates, pieces: seed.pieces } satisfies SeedFile));
}

/** The data of a document the seed holds, as a fresh object; undefined when it holds none. */
export function seededYaml(text: string): unknown {
  if (!seeded || seeded.yaml.size === 0) return undefined;
  const json = seeded.yaml.get(text);
  return json === undefined ? undefined : JSON.parse(json);
}

/** While recording: keep the data of a built-in document, if JSON holds it exactly. */
export function recordYaml(file: string, text: string, data: unknown): void {
  if (!recording || !isBuiltIn(file)) return;
  const json = JSON.stringify(data);
  if (json === undefined || !isDeepStrictEqual(JSON.parse(json), data)) return;
  recording.entries[text] = json;
  save(recording);
}

const pieceKey = (quotes: string, piece: string): string => `${quotes}\u0000${piece}`;

/** Whether the seed in use holds any parsed markup. */
export function hasSeededMarkupPieces(): boolean {
  return seeded !== undefined && seeded.pieces.size > 0;
}

/** The blocks (JSON text) of a piece of markup parsed with these quotation marks; undefined when the seed holds none. */
export function seededMarkupPiece(quotes: string, piece: string): string | undefined {
  return seeded?.pieces.get(pieceKey(quotes, piece));
}

/**
 * Whether markup parsed from `file` now is to be recorded: only at install
 * time, and only a built-in section's body or a built-in template's output
 * (the command line also refuses a spec, a template folder or a section
 * folder while it records: cli.ts).
 */
export function recordingMarkupPieces(file: string): boolean {
  if (!recording) return false;
  const output = /^([a-z0-9-]+) \(template output\)$/.exec(file);
  return output ? existsSync(join(builtInTemplatesDir(), output[1]!, 'template.yaml')) : isBuiltIn(file);
}

/** While recording: keep the pieces of one markup (written once for all of them). */
export function recordMarkupPieces(quotes: string, pieces: ReadonlyMap<string, string>): void {
  if (!recording) return;
  let added = false;
  for (const [piece, json] of pieces) {
    const key = pieceKey(quotes, piece);
    if (recording.pieces[key] === json) continue;
    recording.pieces[key] = json;
    added = true;
  }
  if (added) save(recording);
}

function isBuiltIn(file: string): boolean {
  return [builtInSectionsDir(), builtInTemplatesDir()].some((dir) => file.startsWith(dir + sep));
}
