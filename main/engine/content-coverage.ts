/**
 * Content is never dropped silently: after the template has run, every piece
 * of each chosen section (summary, body paragraphs, lists, tables, quotations,
 * key facts) and every source is looked for in the document model. What a
 * template leaves out — on purpose, like the one-pager — is named in a
 * warning, per section, at the section's file.
 */
import { buildMemosEnabled } from './build-memos.js';
import type { BriefWarning } from './errors.js';
import { isDeeplyFrozen } from './kept-model.js';
import type { Block, DocumentModel, Inline } from './model.js';
import type { Section } from './section-schema.js';
import { sectionBodyModel } from './sections.js';
import { isSpace } from './white-space.js';

type PieceKind = 'summary' | 'paragraph' | 'list' | 'table' | 'subheading' | 'block quotation' | 'code block' | 'quotation' | 'key fact';

const KIND_ORDER: PieceKind[] = ['summary', 'subheading', 'paragraph', 'list', 'table', 'block quotation', 'code block', 'quotation', 'key fact'];

interface Piece {
  kind: PieceKind;
  /** Texts that must all appear for the piece to count as printed (normalised). */
  texts: string[];
}

export interface CoverageInput {
  templateId: string;
  sections: Section[];
  /** Titles of the brief-wide source list. */
  sourceTitles: string[];
  model: DocumentModel;
}

export function contentLeftOut(input: CoverageInput): BriefWarning[] {
  const pieces = input.sections.map((section) => ({ section, pieces: sectionPieces(section) }));
  const sourceTitles = input.sourceTitles.map((title) => ({ title, text: normalize(title) }));
  const wanted = [...pieces.flatMap((entry) => entry.pieces.flatMap((piece) => piece.texts)), ...sourceTitles.map((source) => source.text)];
  const found = printedAmong(modelTexts(input.model.blocks), wanted);
  const has = (text: string): boolean => found.has(text);
  const warnings: BriefWarning[] = [];

  for (const { section, pieces: sectionParts } of pieces) {
    const missing = new Map<PieceKind, number>();
    for (const piece of sectionParts) {
      if (piece.texts.every(has)) continue;
      missing.set(piece.kind, (missing.get(piece.kind) ?? 0) + 1);
    }
    if (missing.size === 0) continue;
    const list = [...missing].sort(([a], [b]) => KIND_ORDER.indexOf(a) - KIND_ORDER.indexOf(b)).map(([kind, count]) => (count === 1 ? `1 ${kind}` : `${count} ${plural(kind)}`));
    warnings.push({
      code: 'CONTENT_LEFT_OUT',
      message: `the template "${input.templateId}" leaves out part of section "${section.id}": ${list.join(', ')}`,
      location: { file: section.file },
    });
  }

  const missingSources = sourceTitles.filter((source) => !has(source.text)).map((source) => source.title);
  if (missingSources.length > 0) {
    warnings.push({
      code: 'CONTENT_LEFT_OUT',
      message: `the template "${input.templateId}" leaves out ${missingSources.length === 1 ? 'the source' : `${missingSources.length} sources`}: ${missingSources.map((t) => `"${t}"`).join(', ')}`,
    });
  }
  return warnings;
}

let lastCoverage: { key: string; outputKey: string; model: DocumentModel; sections: readonly Section[]; warnings: BriefWarning[] } | undefined;

/**
 * contentLeftOut, kept for the last brief: the same section objects (the
 * library hands out the same ones while their files are unchanged) and the
 * same template output (`outputKey`: all that `model` was parsed from) leave
 * out the same pieces. A preview re-rendering an unchanged brief skips the search.
 */
export function contentLeftOutKept(input: CoverageInput, outputKey: string): BriefWarning[] {
  const key = `${input.templateId}\u0000${input.sourceTitles.length}\u0000${input.sourceTitles.join('\u0000')}`;
  const kept = lastCoverage;
  // A kept model (the same frozen object) was parsed from the same output: its megabytes of text need no comparing.
  const sameOutput = kept !== undefined && ((kept.model === input.model && isDeeplyFrozen(input.model)) || kept.outputKey === outputKey);
  const same = buildMemosEnabled() && kept !== undefined && kept.key === key && sameOutput && kept.sections.length === input.sections.length && kept.sections.every((section, i) => section === input.sections[i]);
  if (!same) lastCoverage = { key, outputKey, model: input.model, sections: [...input.sections], warnings: contentLeftOut(input) };
  return structuredClone(lastCoverage!.warnings);
}

/**
 * Which of the (normalised) texts appear in the printed text of the model.
 * Most are printed as they are, as one text of the model: a set finds those.
 * The rest (quotations in quote marks, summaries run into a sentence) are
 * looked for in the whole printed text through one of their inner words,
 * which stands between spaces wherever the text is printed: one pass over the
 * printed words finds every place such a word stands, and only those places
 * are compared. (Searching a long book once per text was most of the time of
 * re-rendering it.)
 */
/** Below this many characters (texts to find × printed length), each text is looked for with `includes`. */
const DIRECT_SEARCH_CHARS = 2 ** 20;

export function printedAmong(texts: readonly string[], wanted: readonly string[]): Set<string> {
  const normalized = texts.map(normalizeKept);
  const whole = new Set(normalized);
  const found = new Set<string>();
  const rest = [...new Set(wanted)].filter((text) => {
    if (!whole.has(text)) return true;
    found.add(text);
    return false;
  });
  if (rest.length === 0) return found;
  // As normalising the texts joined by spaces would give it (each is trimmed, runs of spaces are one).
  const printed = normalized.filter((text) => text !== '').join(' ');
  // A brief's few texts are searched for directly; a book's many go through their words below.
  if (rest.length * printed.length <= DIRECT_SEARCH_CHARS) {
    for (const text of rest) if (printed.includes(text)) found.add(text);
    return found;
  }
  const places = new Map<string, number[]>();
  const lengths = new Set<number>();
  const anchored: { text: string; word: string; offset: number }[] = [];
  for (const text of rest) {
    const words = text.split(' ');
    if (words.length < 3) {
      if (printed.includes(text)) found.add(text);
      continue;
    }
    // The longest inner word: likely the rarest (the first and last may be printed joined to punctuation).
    let best = 1;
    for (let i = 2; i < words.length - 1; i++) if (words[i]!.length > words[best]!.length) best = i;
    let offset = 0;
    for (let i = 0; i < best; i++) offset += words[i]!.length + 1;
    const word = words[best]!;
    places.set(word, []);
    lengths.add(word.length);
    anchored.push({ text, word, offset });
  }
  for (let start = 0; start <= printed.length; ) {
    let end = printed.indexOf(' ', start);
    if (end < 0) end = printed.length;
    if (lengths.has(end - start)) places.get(printed.slice(start, end))?.push(start);
    start = end + 1;
  }
  for (const { text, word, offset } of anchored) {
    if (places.get(word)!.some((at) => printed.startsWith(text, at - offset))) found.add(text);
  }
  return found;
}

/** A section's pieces by the section object (the library hands out the same object while its file is unchanged). */
const piecesOf = new WeakMap<Section, Piece[]>();

function sectionPieces(section: Section): Piece[] {
  let pieces = piecesOf.get(section);
  if (!pieces) {
    pieces = piecesFrom(section);
    piecesOf.set(section, pieces);
  }
  return pieces;
}

function piecesFrom(section: Section): Piece[] {
  const pieces: Piece[] = [{ kind: 'summary', texts: [section.summary] }];
  // Body errors were reported when the section was loaded, so this parse succeeds.
  const body = sectionBodyModel(section);
  for (const block of body.blocks) {
    const kind = pieceKind(block);
    const texts = leafTexts(block).filter((t) => t.trim() !== '');
    if (kind && texts.length > 0) pieces.push({ kind, texts });
  }
  for (const quote of section.quotes) pieces.push({ kind: 'quotation', texts: [quote.text] });
  for (const fact of section.key_facts) pieces.push({ kind: 'key fact', texts: [fact.text] });
  return pieces.map((piece) => ({ kind: piece.kind, texts: piece.texts.map(normalize) }));
}

function pieceKind(block: Block): PieceKind | undefined {
  switch (block.type) {
    case 'paragraph':
      return 'paragraph';
    case 'list':
      return 'list';
    case 'table':
      return 'table';
    case 'heading':
      return 'subheading';
    case 'quote':
      return 'block quotation';
    case 'code':
      return 'code block';
    default:
      return undefined;
  }
}

/** Each paragraph, item, cell or heading on its own: a template may mark or restyle each. */
function leafTexts(block: Block): string[] {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return [runsText(block.runs)];
    case 'list':
      return block.items.flatMap((item) => item.flatMap(leafTexts));
    case 'table':
      return [...block.header, ...block.rows.flat()].map(runsText);
    case 'quote':
    case 'callout':
    case 'section':
    case 'columns':
      return block.blocks.flatMap(leafTexts);
    case 'code':
      return block.text.split('\n');
    default:
      return [];
  }
}

/** Everything a reader can see in the model, including callout titles and attributions. */
function modelTexts(blocks: Block[]): string[] {
  const out: string[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'callout':
        if (block.title) out.push(block.title);
        out.push(...modelTexts(block.blocks));
        break;
      case 'quote':
        out.push(...modelTexts(block.blocks));
        if (block.attribution) out.push(runsText(block.attribution));
        break;
      case 'section':
      case 'columns':
        out.push(...modelTexts(block.blocks));
        break;
      default:
        out.push(...leafTexts(block));
    }
  }
  return out;
}

const runsText = (runs: Inline[]): string => runs.map((r) => r.text).join('');
/**
 * normalize, remembered for the texts of the last builds: a re-render after
 * an edit meets the same paragraphs again (memory only, bounded).
 */
const MAX_NORMALIZED = 20_000;
const normalizedTexts = new Map<string, string>();

function normalizeKept(text: string): string {
  if (!buildMemosEnabled()) return normalize(text);
  let out = normalizedTexts.get(text);
  if (out === undefined) {
    out = normalize(text);
    if (normalizedTexts.size >= MAX_NORMALIZED) normalizedTexts.clear();
    normalizedTexts.set(text, out);
  }
  return out;
}

/** Some character normalize changes: a quote, a space other than U+0020, two spaces, `--`, `...`, or space at either end. */
const NEEDS_NORMALIZING = /[\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a\u2018\u2019\u201a\t\n\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]| \s|--|\.\.\.|^\s|\s$/;

/**
 * Spacing, and the quotes, dashes and ellipses the typographer may have
 * turned curly, compare loosely: curly and angle quotes become straight,
 * "---" an em dash, "--" an en dash, "..." an ellipsis, runs of white space
 * one space. One scan that copies only where something changes (the texts of
 * a whole document are normalised on every build; see the tests for the
 * regular expressions it stands for).
 */
export function normalize(text: string): string {
  // Most texts have nothing to change: one scan by the regular expression engine says so.
  if (!NEEDS_NORMALIZING.test(text)) return text;
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    let replacement: string | undefined;
    let length = 1;
    if (code === 0x201c || code === 0x201d || code === 0x201e || code === 0xab || code === 0xbb || code === 0x2039 || code === 0x203a) replacement = '"';
    else if (code === 0x2018 || code === 0x2019 || code === 0x201a) replacement = "'";
    else if (code === 0x2d && text.charCodeAt(i + 1) === 0x2d) {
      length = text.charCodeAt(i + 2) === 0x2d ? 3 : 2;
      replacement = length === 3 ? '\u2014' : '\u2013';
    } else if (code === 0x2e && text.charCodeAt(i + 1) === 0x2e && text.charCodeAt(i + 2) === 0x2e) {
      length = 3;
      replacement = '\u2026';
    } else if (isSpace(code)) {
      while (i + length < text.length && isSpace(text.charCodeAt(i + length))) length++;
      // A single plain space stays as it is.
      if (length > 1 || code !== 0x20) replacement = ' ';
    }
    if (replacement !== undefined) {
      out += text.slice(copied, i) + replacement;
      copied = i + length;
    }
    i += length;
  }
  return (copied === 0 ? text : out + text.slice(copied)).trim();
}

function plural(kind: PieceKind): string {
  if (kind === 'summary') return 'summaries';
  if (kind === 'block quotation') return 'block quotations';
  if (kind === 'code block') return 'code blocks';
  if (kind === 'key fact') return 'key facts';
  return `${kind}s`;
}
