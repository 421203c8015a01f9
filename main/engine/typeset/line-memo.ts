/**
 * Incremental layout at the scale of a block: the lines a piece of text was
 * broken into, remembered across renders by everything the breaker reads
 * (the spans' text and style, the width, the breaking options, the
 * hyphenator). A one-word edit re-renders a document whose other paragraphs
 * are found here, so only the edited paragraph is tokenized, hyphenated and
 * broken again.
 *
 * Lines are kept without the document's objects: each fragment names the span
 * its style came from, and a hit rebuilds the fragments over the styles of the
 * spans it is given (widths are the same numbers: same font, size and text).
 * Held in memory only, bounded, emptied with the other render caches, and
 * off when they are off (the tests compare output with and without it). A
 * miss, or a build with the caches off (the command line), looks in the lines
 * shipped for the built-in content first (line-seed.ts).
 */
import type { Hyphenator } from './hyphenation.js';
import type { Frag, Line } from './line-breaker.js';
import { lineSeedActive, lineSeedRecording, recordLines, seededLines } from './line-seed.js';
import { onRenderCachesReset, renderCachesEnabled } from './render-caches.js';
import { fontKey } from './shaping-disk-cache.js';
import type { Span, SpanStyle } from './text-runs.js';
import { isSpace } from '../white-space.js';

export interface StoredFrag {
  readonly text: string;
  /** Index of the span whose style the fragment has. */
  readonly span: number;
  readonly width: number;
  readonly glue: boolean;
  readonly inserted: boolean;
}

export interface StoredLine {
  readonly frags: readonly StoredFrag[];
  readonly width: number;
  readonly glues: number;
  readonly last: boolean;
}

/** Enough for a long book's paragraphs, titles and list markers several times over. */
const MAX_ENTRIES = 20_000;
/** Stored lines under a number of their own: a line's key (`lineKey`) names its entry and place in it. */
interface Entry {
  readonly id: number;
  readonly lines: readonly StoredLine[];
}
const entries = new Map<string, Entry>();
let hits = 0;
let nextEntry = 1;

/**
 * The key of a line handed out here: the same key, the same fragments in
 * styles of the same meaning (page-replay.ts keys the items drawing lines by
 * it). Lines made elsewhere have none. Kept on the line under a symbol
 * (a WeakMap entry per line cost more than the rest of a memo hit).
 */
const LINE_KEY = Symbol('lineKey');
type KeyedLine = Line & { [LINE_KEY]?: string };

export function lineKey(line: Line): string | undefined {
  return (line as KeyedLine)[LINE_KEY];
}

/** A line made from a keyed one by a fixed change (`how` names it): keyed too. */
export function deriveLineKey(line: Line, from: Line, how: string): Line {
  const key = lineKey(from);
  (line as KeyedLine)[LINE_KEY] = key === undefined ? undefined : `${key}${how}`;
  return line;
}

function keyLines(lines: readonly Line[], id: number): void {
  for (let i = 0; i < lines.length; i++) (lines[i] as KeyedLine)[LINE_KEY] = `${id}.${i}`;
}

/** Lines handed back from the memo so far in this process (tests check that reuse really happens). */
export function lineMemoHits(): number {
  return hits;
}
onRenderCachesReset(() => entries.clear());

let nextId = 1;
const ids = new WeakMap<object, number>();
function idOf(thing: object): number {
  let id = ids.get(thing);
  if (id === undefined) ids.set(thing, (id = nextId++));
  return id;
}

const styleKeys = new WeakMap<SpanStyle, string>();

/** What a style means to the breaker and to drawing, the same in every document (styles are interned: one key per style). */
function styleKey(style: SpanStyle): string {
  let key = styleKeys.get(style);
  if (key === undefined) styleKeys.set(style, (key = newStyleKey(style)));
  return key;
}

function newStyleKey(style: SpanStyle, font: string | number = idOf(style.face.font)): string {
  const link = style.link ? (style.link.kind === 'uri' ? `u${style.link.uri}` : `d${style.link.name}`) : '';
  return `${font}/${style.size}/${style.letterSpacing}/${style.color}/${style.code ? 1 : 0}/${link}`;
}

function keyOf(spans: readonly Span[], width: number, options: string, hyphenator: Hyphenator | undefined): string {
  let key = `${width}\u0002${options}\u0002${hyphenator ? idOf(hyphenator) : 0}`;
  for (const span of spans) key += `\u0002${styleKey(span.style)}\u0001${span.text}`;
  return key;
}

const seedStyleKeys = new WeakMap<SpanStyle, string>();

/** The same key for the shipped seed (line-seed.ts): the same in every process, so fonts and hyphenators go by their identity. */
function seedKeyOf(spans: readonly Span[], width: number, options: string, hyphenator: Hyphenator | undefined): string {
  let key = `${width}\u0002${options}\u0002${hyphenator ? hyphenator.identity : ''}`;
  for (const span of spans) {
    let style = seedStyleKeys.get(span.style);
    if (style === undefined) seedStyleKeys.set(span.style, (style = newStyleKey(span.style, fontKey(span.style.face.font))));
    key += `\u0002${style}\u0001${span.text}`;
  }
  return key;
}

function store(lines: readonly Line[], spans: readonly Span[]): StoredLine[] | undefined {
  const spanOf = new Map<SpanStyle, number>();
  spans.forEach((span, index) => {
    if (!spanOf.has(span.style)) spanOf.set(span.style, index);
  });
  const stored: StoredLine[] = [];
  for (const line of lines) {
    const frags: StoredFrag[] = [];
    for (const frag of line.frags) {
      const span = spanOf.get(frag.style);
      // A style that came from nowhere in the input: not something this memo can rebuild.
      if (span === undefined) return undefined;
      frags.push({ text: frag.text, span, width: frag.width, glue: frag.glue, inserted: frag.inserted === true });
    }
    stored.push({ frags, width: line.width, glues: line.glues, last: line.last });
  }
  return stored;
}

/** Lines over the styles of `spans`; keyed by memo entry `id` (none for lines from the seed until the memo keeps them). */
function rebuild(stored: readonly StoredLine[], spans: readonly Span[], id?: number): Line[] {
  return stored.map((line, index): KeyedLine => ({
    frags: line.frags.map((frag): Frag => {
      const style = (spans[frag.span] as Span).style;
      return frag.inserted ? { text: frag.text, style, width: frag.width, glue: frag.glue, inserted: true } : { text: frag.text, style, width: frag.width, glue: frag.glue };
    }),
    width: line.width,
    glues: line.glues,
    last: line.last,
    [LINE_KEY]: id === undefined ? undefined : `${id}.${index}`,
  }));
}

/**
 * The lines of `spans` at `width`: remembered ones when the same text in the
 * same styles was broken the same way before, else `breakNow()`'s.
 * `options` names every other setting the breaking depends on.
 */
export function rememberedLines(spans: readonly Span[], width: number, options: string, hyphenator: Hyphenator | undefined, breakNow: () => Line[]): Line[] {
  if (!renderCachesEnabled()) return shippedLines(spans, width, options, hyphenator, breakNow);
  const key = keyOf(spans, width, options, hyphenator);
  const found = entries.get(key);
  if (found) {
    hits++;
    entries.delete(key);
    entries.set(key, found);
    return rebuild(found.lines, spans, found.id);
  }
  const lines = shippedLines(spans, width, options, hyphenator, breakNow);
  const stored = store(lines, spans);
  if (stored) {
    const id = nextEntry++;
    entries.set(key, { id, lines: stored });
    keyLines(lines, id);
    if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  }
  return lines;
}

/** The seed's lines where it has them (line-seed.ts), else `breakNow()`'s, recorded when the install step asks. */
function shippedLines(spans: readonly Span[], width: number, options: string, hyphenator: Hyphenator | undefined, breakNow: () => Line[]): Line[] {
  // List markers are set at an unbounded width: nothing to look up by.
  if (!lineSeedActive() || !Number.isFinite(width)) return breakNow();
  const key = seedKeyOf(spans, width, options, hyphenator);
  const stored = seededLines(key, width, spans.length, (lines) => spellsSpans(lines, spans));
  if (stored) return rebuild(stored, spans);
  const lines = breakNow();
  if (lineSeedRecording()) {
    const kept = store(lines, spans);
    if (kept) recordLines(key, width, kept);
  }
  return lines;
}

/**
 * Whether stored lines are what breaking these spans gives in substance: the
 * fragments spell the spans' text in order, white space aside, each in the
 * style of the text it comes from; spaces are spaces; each line's glue count
 * and width are its fragments'. A seed entry that fails is broken afresh.
 */
function spellsSpans(stored: readonly StoredLine[], spans: readonly Span[]): boolean {
  let span = 0;
  let at = 0;
  /** Moves past white space to the next character of the spans' text (none left: span === spans.length). */
  const skipSpace = () => {
    while (span < spans.length) {
      const text = (spans[span] as Span).text;
      while (at < text.length && isSpace(text.charCodeAt(at))) at++;
      if (at < text.length) return;
      span++;
      at = 0;
    }
  };
  for (const line of stored) {
    let glues = 0;
    let width = 0;
    for (const frag of line.frags) {
      width += frag.width;
      if (frag.glue) {
        if (frag.text.trim() !== '') return false;
        glues++;
        continue;
      }
      // A hyphen the breaker added is not in the text.
      if (frag.inserted) {
        if (frag.text.length === 0 || frag.text.length > 2) return false;
        continue;
      }
      const style = (spans[frag.span] as Span).style;
      for (let i = 0; i < frag.text.length; i++) {
        const code = frag.text.charCodeAt(i);
        if (isSpace(code)) continue;
        skipSpace();
        const source = spans[span];
        if (!source || source.style !== style || source.text.charCodeAt(at) !== code) return false;
        at++;
      }
    }
    if (glues !== line.glues || width !== line.width) return false;
  }
  skipSpace();
  return span === spans.length;
}
