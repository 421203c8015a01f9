/**
 * Where a word may be hyphenated: Liang's algorithm over the TeX patterns
 * (the `hyphen` package), per language. Only plain words of letters are
 * offered: no numbers, URLs, e-mail addresses, words with digits or capitals
 * inside (acronyms, "iPhone"), and no word in the template's no-hyphenate list.
 * Results are memoised in memory for the life of the process (like the
 * shaping memo: a preview re-renders the same words), bounded, never on disk.
 */
import hyphenEnGb from 'hyphen/en-gb/index.js';
import hyphenEnUs from 'hyphen/en-us/index.js';
import hyphenEs from 'hyphen/es/index.js';
import hyphenFr from 'hyphen/fr/index.js';
import hyphenIt from 'hyphen/it/index.js';

import { readFileSync } from 'node:fs';
import { writeSeedFile } from '../seed-file.js';
import { liangMarkers, type CompiledPatterns } from './liang.js';

/** Break offsets inside a word of letters. */
type Hyphenate = (word: string) => number[];

/** TeX's minimums for English: two letters before a break, three after. */
const LEFT_MIN = 2;
const RIGHT_MIN = 3;
/** Shorter words (between apostrophes) are left whole, as the package leaves them. */
const MIN_WORD_LENGTH = LEFT_MIN + RIGHT_MIN;

/** Words the patterns get wrong ("min·is·te·r·ial"), written as TeX's \hyphenation list. */
const EXCEPTIONS: Record<string, string[]> = {
  en: ['min-is-te-ri-al', 'min-is-te-ri-al-ly'],
};

const PATTERNS: Record<string, { patterns: CompiledPatterns }> = {
  'en-us': hyphenEnUs,
  en: hyphenEnUs,
  'en-gb': hyphenEnGb,
  fr: hyphenFr,
  es: hyphenEs,
  it: hyphenIt,
};

/** An exception list as break offsets by lower-case word. */
function exceptionOffsets(list: readonly string[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const written of list) {
    const offsets: number[] = [];
    let letters = 0;
    for (const char of written) {
      if (char === '-') offsets.push(letters);
      else letters += char.length;
    }
    out.set(written.replace(/-/g, '').toLocaleLowerCase(), offsets);
  }
  return out;
}

/** The pattern set for a BCP 47 tag (`en-US`, `en-GB`, `fr-CA` → `fr`), or undefined when there is none. */
function patternsFor(lang: string): Hyphenate | undefined {
  const tag = lang.trim().toLowerCase();
  const module = PATTERNS[tag] ?? PATTERNS[tag.split('-')[0] ?? ''];
  if (!module) return undefined;
  const exceptions = exceptionOffsets(EXCEPTIONS[tag.split('-')[0] ?? ''] ?? []);
  // Read on first use: the patterns of other languages load only when a brief needs them.
  let patterns: CompiledPatterns | undefined;
  return (word) => {
    patterns ??= module.patterns;
    const lowered = word.toLocaleLowerCase();
    // Ours first (the package applied them to lower-case words only; capitalised, it misplaced their breaks), then the patterns' own.
    // The package's list is a plain object: "constructor" or "toString" must not find Object's own members there.
    const listed = patterns[2] !== undefined && Object.hasOwn(patterns[2], lowered) ? patterns[2][lowered] : undefined;
    return exceptions.get(lowered) ?? listed?.slice() ?? liangMarkers(word, lowered, patterns[0], patterns[1]);
  };
}

/** Whether the language has patterns (a brief in another language is set without hyphens). */
export function hasHyphenationPatterns(lang: string): boolean {
  return patternsFor(lang) !== undefined;
}

/** A lower-case word, or a capitalised one; letters only (an apostrophe may sit inside). */
const PLAIN_WORD = /^\p{L}(?:\p{Ll}|['’](?=\p{Ll}))+$/u;

/** Past this many words a hyphenator's memo starts afresh (bounded memory in a long-lived app). */
const MAX_MEMO_WORDS = 200_000;
const shared = new Map<string, Hyphenator>();

/** One hyphenator per language and no-hyphenate list for the process, so its memo carries over between renders. */
const hyphenatorKey = (lang: string, noHyphenate: readonly string[]): string => `${lang.trim().toLowerCase()}\u0000${noHyphenate.join('\u0000')}`;

export function sharedHyphenator(lang: string, noHyphenate: readonly string[] = []): Hyphenator {
  const key = hyphenatorKey(lang, noHyphenate);
  let hyphenator = shared.get(key);
  if (!hyphenator) {
    if (shared.size >= 32) shared.clear();
    hyphenator = new Hyphenator(lang, noHyphenate, seedFor(key));
    shared.set(key, hyphenator);
  }
  return hyphenator;
}

/**
 * Hyphenation points of the built-in sections' words, shipped with the
 * command line like its shaping seed: worked out at install time
 * (scripts/build-cli.mjs), so a build of built-in sections in a fresh
 * process needs neither the pattern tables nor Liang's walk for them. Words
 * by hyphenator (language and no-hyphenate list); only the install-time
 * seeding step writes it, and it holds only words of the built-in content.
 */
interface HyphenationSeed {
  version: 1;
  hyphenators: Record<string, Record<string, number[]>>;
}

let seedFile: string | undefined;
let seed: HyphenationSeed['hyphenators'] | undefined;
let recording: { file: string; seed: HyphenationSeed } | undefined;

/** Read the shipped seed when a hyphenator is first needed (a missing or damaged file means none). */
export function useHyphenationSeed(file: string): void {
  setSeed(file, undefined);
}

/** Install time only: record the points worked out from now on into `file` (adding to what it holds). */
export function recordHyphenationSeed(file: string): void {
  setSeed(undefined, { file, seed: readSeed(file) ?? { version: 1, hyphenators: {} } });
}

export function disableHyphenationSeed(): void {
  setSeed(undefined, undefined);
}

/** Hyphenators made before hold the old seed: they are made afresh. */
function setSeed(file: string | undefined, record: typeof recording): void {
  seedFile = file;
  seed = undefined;
  recording = record;
  shared.clear();
}

/** Seeding step only: write what was recorded (atomically). */
export function saveHyphenationSeed(): void {
  if (recording) writeSeedFile(recording.file, JSON.stringify(recording.seed));
}

function readSeed(file: string): HyphenationSeed | undefined {
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<HyphenationSeed>;
    if (stored.version !== 1 || typeof stored.hyphenators !== 'object' || stored.hyphenators === null) return undefined;
    return stored as HyphenationSeed;
  } catch {
    return undefined;
  }
}

/** The seed's side of one hyphenator: words it knows, and (recording) where new ones go. */
function seedFor(key: string): SeedSide | undefined {
  if (recording) {
    const words = (recording.seed.hyphenators[key] ??= {});
    return { known: {}, record: (word, points) => (words[word] = points) };
  }
  if (seedFile === undefined) return undefined;
  seed ??= readSeed(seedFile)?.hyphenators ?? {};
  const known = seed[key];
  return typeof known === 'object' && known !== null ? { known } : undefined;
}

interface SeedSide {
  readonly known: Readonly<Record<string, unknown>>;
  readonly record?: (word: string, points: number[]) => void;
}

const LETTER = /\p{L}/u;

function isLetter(codePoint: number): boolean {
  if (codePoint < 0x80) return ((codePoint | 0x20) >= 0x61 && (codePoint | 0x20) <= 0x7a);
  return LETTER.test(String.fromCodePoint(codePoint));
}

/** Leading punctuation and the text from the first letter to the last (what /^(\P{L}*)(.*?)\P{L}*$/su gives, without its backtracking). */
export function splitPunctuation(word: string): { lead: string; core: string } {
  let start = 0;
  while (start < word.length) {
    const codePoint = word.codePointAt(start)!;
    if (isLetter(codePoint)) break;
    start += codePoint > 0xffff ? 2 : 1;
  }
  let end = word.length;
  while (end > start) {
    const low = word.charCodeAt(end - 1);
    const pair = low >= 0xdc00 && low <= 0xdfff && end - 2 >= start && word.charCodeAt(end - 2) >= 0xd800 && word.charCodeAt(end - 2) <= 0xdbff;
    if (isLetter(pair ? word.codePointAt(end - 2)! : low)) break;
    end -= pair ? 2 : 1;
  }
  return { lead: word.slice(0, start), core: word.slice(start, end) };
}

export class Hyphenator {
  private readonly memo = new Map<string, number[]>();
  private readonly hyphenate: Hyphenate | undefined;
  private readonly noHyphenate: Set<string>;
  /** The same for hyphenators that hyphenate alike, in every process (the line seed's keys name it). */
  readonly identity: string;

  constructor(
    lang: string,
    noHyphenate: readonly string[] = [],
    private readonly seed?: SeedSide,
  ) {
    this.identity = hyphenatorKey(lang, noHyphenate);
    this.hyphenate = patternsFor(lang);
    this.noHyphenate = new Set(noHyphenate.map((word) => word.toLowerCase()));
  }

  /**
   * Offsets (in UTF-16 units) inside `word` where a hyphen may go. `word` is
   * one space-free token; leading and trailing punctuation is allowed and
   * never split.
   */
  points(word: string): number[] {
    if (!this.hyphenate || word.length < LEFT_MIN + RIGHT_MIN) return [];
    const known = this.memo.get(word);
    if (known) return known;
    const points = this.seeded(word) ?? this.compute(word);
    this.seed?.record?.(word, points);
    if (this.memo.size >= MAX_MEMO_WORDS) this.memo.clear();
    this.memo.set(word, points);
    return points;
  }

  /** The seed's points for the word, if it has sound ones (offsets inside the word, rising). */
  private seeded(word: string): number[] | undefined {
    if (!this.seed || !Object.hasOwn(this.seed.known, word)) return undefined;
    const points = this.seed.known[word];
    if (!Array.isArray(points)) return undefined;
    let previous = 0;
    for (const point of points as unknown[]) {
      if (!Number.isInteger(point) || (point as number) <= previous || (point as number) >= word.length) return undefined;
      previous = point as number;
    }
    return points as number[];
  }

  private compute(word: string): number[] {
    const { lead, core } = splitPunctuation(word);
    if (!PLAIN_WORD.test(core) || core.length < LEFT_MIN + RIGHT_MIN) return [];
    // Anything that looks like an address or a path is never hyphenated.
    if (/[@/\\:.]/.test(word.slice(lead.length, lead.length + core.length))) return [];
    if (this.noHyphenate.has(core.toLowerCase())) return [];
    const points: number[] = [];
    // The patterns see words of letters: an apostrophe (’) parts "Japan’s" into "Japan" and "s".
    let from = 0;
    for (const part of core.split('’')) {
      if (part.length >= MIN_WORD_LENGTH) {
        for (const offset of (this.hyphenate as Hyphenate)(part)) {
          const at = from + offset;
          if (offset > 0 && offset < part.length && at >= LEFT_MIN && core.length - at >= RIGHT_MIN) points.push(lead.length + at);
        }
      }
      from += part.length + 1;
    }
    return points;
  }
}
