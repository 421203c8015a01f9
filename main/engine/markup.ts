/**
 * Brief markup → document model. Brief markup is CommonMark with GFM tables
 * plus a few `:::` containers (section, callout, quote, style, page-break,
 * toc, space). markdown-it does the parsing; this module only maps its token
 * stream onto the typed blocks of model.ts.
 */
import MarkdownIt, { type PluginSimple, type PluginWithParams } from 'markdown-it';
import container from 'markdown-it-container';
import footnote from 'markdown-it-footnote';
import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs';
import smartquotes from 'markdown-it/lib/rules_core/smartquotes.mjs';
import textJoin from 'markdown-it/lib/rules_core/text_join.mjs';
import type Token from 'markdown-it/lib/token.mjs';
import { BriefError, type SourceLocation } from './errors.js';
import { scanFences } from './fenced-code.js';
import type { Block, CellAlign, DocumentModel, Footnote, HeadingBlock, ImageBlock, Inline, ParagraphBlock, TextRun } from './model.js';
import { isDeepStrictEqual } from 'node:util';
import { parseImageTitle } from './image-title.js';
import { hasSeededMarkupPieces, recordingMarkupPieces, recordMarkupPieces, seededMarkupPiece } from './yaml-seed.js';

const CONTAINERS = ['section', 'columns', 'callout', 'quote', 'style', 'page-break', 'toc', 'space'] as const;
type ContainerName = (typeof CONTAINERS)[number];

/**
 * Quotation marks per language (primary then secondary pairs), for
 * markdown-it's typographer: "straight" quotes become curly ones, `--` an en
 * dash, `---` an em dash, `...` an ellipsis. Code spans and blocks are left as written.
 */
const QUOTES: Record<string, string> = {
  en: '“”‘’',
  fr: ['«\u00a0', '\u00a0»', '‹\u00a0', '\u00a0›'].join(''),
  de: '„“‚‘',
  es: '«»“”',
  it: '«»“”',
  ja: '「」『』',
  zh: '「」『』',
};

function quotesFor(lang: string): string | string[] {
  const quotes = QUOTES[lang.toLowerCase().split('-')[0] ?? 'en'] ?? '“”‘’';
  // Pairs with a no-break space (French) are given as four strings.
  return quotes.includes('\u00a0') ? [quotes.slice(0, 2), quotes.slice(2, 4), quotes.slice(4, 6), quotes.slice(6, 8)] : quotes;
}

/** Only quotes, dashes and ellipses: "(c)" and "+-" stay as the writer typed them. */
function replaceDashes(state: StateCore): void {
  for (const token of state.tokens) {
    if (token.type !== 'inline' || !token.children) continue;
    for (const child of token.children) {
      if (child.type !== 'text' || !/--|\.\.\./.test(child.content)) continue;
      child.content = child.content
        .replace(/(^|[^-])---(?=[^-]|$)/gm, '$1\u2014')
        .replace(/(^|[^-\s])--(?=[^-\s]|$)/gm, '$1\u2013')
        .replace(/(^|\s)--(?=\s|$)/gm, '$1\u2013')
        .replace(/\.{3}/g, '\u2026');
    }
  }
}

function createParser(lang: string): MarkdownIt {
  const md = new MarkdownIt('default', { html: false, linkify: false, typographer: true, quotes: quotesFor(lang) });
  // One container rule that accepts any name, so an unknown name is an error
  // with a line number instead of silently becoming paragraph text.
  // (@types/markdown-it-container lags markdown-it 14's plugin type.)
  md.use(container as unknown as PluginWithParams, 'brief', { validate: (params: string) => params.trim().length > 0 });
  md.use(footnote as unknown as PluginSimple);
  // The inline stage (parse, then dashes, quotes and joined text) runs only on
  // paragraphs this parser has not seen before; the others get their finished tokens.
  const memo = new InlineMemo();
  md.core.ruler.at('inline', (state) => memo.parse(state));
  md.core.ruler.at('replacements', (state) => replaceDashes(memo.unseen(state)));
  md.core.ruler.at('smartquotes', (state) => smartquotes(memo.unseen(state)));
  md.core.ruler.at('text_join', (state) => {
    textJoin(memo.unseen(state));
    memo.keep(state);
  });
  return md;
}

/**
 * The finished inline tokens of each paragraph, heading or cell, by its text
 * (per parser, so per language's quotation marks). Inline parsing reads
 * nothing of the document but its text unless the document defines link
 * references or uses footnotes (numbered across the document): such a
 * document is parsed whole, as before. Tokens handed out are shared and never
 * changed afterwards. Memory only, a bounded number of entries.
 */
const MAX_INLINE_ENTRIES = 10_000;

class InlineMemo {
  private readonly finished = new Map<string, Token[]>();
  /** Per parse in progress whose tokens may be kept: the inline tokens not served from the memo. */
  private readonly pending = new WeakMap<StateCore, Token[]>();

  parse(state: StateCore): void {
    let inlines = 0;
    for (const token of state.tokens) if (token.type === 'inline') inlines++;
    // A document with more paragraphs than half the memo holds would push its own out on every parse: it is parsed as before.
    const keep = memoOn && inlines <= MAX_INLINE_ENTRIES / 2 && !state.src.includes('^') && Object.keys((state.env as { references?: object }).references ?? {}).length === 0;
    const tokens: Token[] = [];
    for (const token of state.tokens) {
      if (token.type !== 'inline') continue;
      const known = keep ? this.finished.get(token.content) : undefined;
      if (known) {
        token.children = known;
        continue;
      }
      state.md.inline.parse(token.content, state.md, state.env, token.children!);
      tokens.push(token);
    }
    if (keep) this.pending.set(state, tokens);
  }

  /** The state as the later core rules should see it: only the tokens parsed just now. */
  unseen(state: StateCore): StateCore {
    const pending = this.pending.get(state);
    return pending ? ({ tokens: pending, md: state.md, env: state.env as unknown } as StateCore) : state;
  }

  keep(state: StateCore): void {
    const pending = this.pending.get(state);
    if (!pending) return;
    this.pending.delete(state);
    for (const token of pending) {
      if (this.finished.size >= MAX_INLINE_ENTRIES) this.finished.delete(this.finished.keys().next().value!);
      this.finished.set(token.content, token.children!);
    }
  }

  clear(): void {
    this.finished.clear();
  }
}

const parsers = new Map<string, Parser>();

/**
 * Deepest nesting accepted (quotations, list items, containers, inline
 * emphasis and links). markdown-it stops parsing at 100 levels and silently
 * drops what lies deeper, so anything past this is refused with its line
 * before that can happen. The typesetter flattens long before this depth.
 */
export const MAX_MARKUP_NESTING = 80;

export interface MarkupOptions {
  /** Named in error locations; usually the template that produced the markup. */
  file: string;
  /** Lines in `file` before the markup starts (a section body follows its front matter). */
  lineOffset?: number;
  /** BCP 47 language of the text: picks the quotation marks (default `en-US`). */
  lang?: string;
}

/**
 * The same markup is parsed again and again in a long-lived process: every
 * preview parses each section body (to check it) and the template's output.
 * The last few results are kept in memory (never on disk) and handed out as
 * copies, so no caller can change another's; a markup is kept from the second
 * time it is parsed. An edited markup is parsed in pieces (see
 * parseInPieces): only the pieces that changed are parsed again.
 */
const MAX_REMEMBERED = 64;
/** null: parsed once, not kept. */
const remembered = new Map<string, DocumentModel | null>();
let memoOn = true;

/** Tests and benchmarks switch the memo off to compare. */
export function setMarkupMemoEnabled(on: boolean): void {
  memoOn = on;
  remembered.clear();
  // The inline and piece memos live with the parsers: fresh parsers start without them.
  parsers.clear();
  slugs.clear();
}

export function parseMarkup(markup: string, options: MarkupOptions): DocumentModel {
  if (!memoOn) return parseSeeded(markup, options) ?? parseMarkupAfresh(markup, options);
  const key = `${options.file}\u0000${options.lineOffset ?? 0}\u0000${options.lang ?? ''}\u0000${markup}`;
  const known = remembered.get(key);
  if (known !== undefined) remembered.delete(key);
  else if (remembered.size >= MAX_REMEMBERED) remembered.delete(remembered.keys().next().value!);
  const model = known ?? parseInPieces(markup, options) ?? parseMarkupAfresh(markup, options);
  // Kept from the second time: while a text is being edited, each version is parsed once.
  remembered.set(key, known === undefined ? null : model);
  return known === undefined ? model : copyOf(model);
}

/** A deep copy of plain model data (objects, arrays, text, numbers, flags): several times faster than structuredClone. */
function copyOf<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyOf) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key in value) out[key] = copyOf((value as Record<string, unknown>)[key]);
    return out as T;
  }
  return value;
}

interface Parser {
  md: MarkdownIt;
  /** Top-level blocks of each piece parsed alone (see parseInPieces), by the piece's text. */
  pieces: Map<string, Block[]>;
}

/** Whether markdown-it reads this text as (starting with) a table; nothing is kept (the memos stay as they were). */
export function readsAsTable(text: string): boolean {
  return parserFor(undefined).md.parse(text, {}).some((token) => token.type === 'table_open');
}

/** The language part of a BCP 47 tag, which picks the quotation marks: one parser per key. */
function quotesKeyOf(lang: string | undefined): string {
  return (lang ?? 'en').toLowerCase().split('-')[0] ?? 'en';
}

function parserFor(lang: string | undefined): Parser {
  const quotesKey = quotesKeyOf(lang);
  let parser = parsers.get(quotesKey);
  if (!parser) {
    parser = { md: createParser(quotesKey), pieces: new Map() };
    parsers.set(quotesKey, parser);
  }
  return parser;
}

function parseMarkupAfresh(markup: string, options: MarkupOptions): DocumentModel {
  const tokens = parserFor(options.lang).md.parse(hideFencedColonLines(markup), {});
  const builder = new ModelBuilder(tokens, options.file, options.lineOffset ?? 0);
  builder.checkNesting();
  const blocks = builder.blocks(0, tokens.length);
  return builder.footnotes.length > 0 ? { blocks, footnotes: builder.footnotes } : { blocks };
}

/**
 * markdown-it-container closes a container at the first later line of
 * enough colons, also one inside fenced code: a section's code sample that
 * shows such a line would end the template's container around the section.
 * So a line of colons alone inside a fence that closes is handed to the
 * parser with a stand-in for each colon (the same line count, so the same
 * line numbers), and the code gets its colons back (`shownColons`). A fence
 * that nothing closes hides nothing. Markup that holds the stand-in itself is
 * parsed as written.
 */
const COLON_STAND_IN = '\uE000';
const COLON_LINE = /^[ \t]*:{3,}[ \t]*$/;

function hideFencedColonLines(markup: string): string {
  if (!FENCE_MARK.test(markup) || !markup.includes(':::') || markup.includes(COLON_STAND_IN)) return markup;
  const lines = markup.split('\n');
  const { code, open } = scanFences(lines);
  let hidden = false;
  for (let line = 0; line < (open ? open.line : lines.length); line++) {
    if (code[line] && COLON_LINE.test(lines[line]!)) {
      lines[line] = lines[line]!.replaceAll(':', COLON_STAND_IN);
      hidden = true;
    }
  }
  return hidden ? lines.join('\n') : markup;
}

function shownColons(code: string): string {
  return code.includes(COLON_STAND_IN) ? code.replaceAll(COLON_STAND_IN, ':') : code;
}

/** Markup whose pieces could depend on each other: link reference definitions and footnotes are document-wide. */
const WHOLE_ONLY = /[\r\0^]|\]:/;
const MAX_PIECES = 4000;

/**
 * The model of a markup from its top-level pieces, each parsed alone and
 * kept by its text: a template's output changes in one section container
 * when one section is edited, and the rest is not parsed again. Heading ids
 * are made unique and table captions attached over the whole document, as
 * one parse does. undefined when the markup is not cut (see topLevelPieces)
 * or a piece has an error: the whole parse reports it at its line.
 */
function parseInPieces(markup: string, options: MarkupOptions): DocumentModel | undefined {
  const parser = parserFor(options.lang);
  return modelOfPieces(markup, options, {
    get: (piece) => parser.pieces.get(piece)?.map(copyOf),
    set: (piece, blocks) => {
      if (parser.pieces.size >= MAX_PIECES) parser.pieces.delete(parser.pieces.keys().next().value!);
      // Kept as parsed, handed out as copies (uniqueHeadingIds and captions change the blocks of a document).
      parser.pieces.set(piece, blocks.map(copyOf));
    },
  });
}

/** Where the blocks of pieces parsed before are found (as blocks of one's own to change), and where a new piece's blocks go. */
interface PieceStore {
  get(piece: string): Block[] | undefined;
  set(piece: string, blocks: readonly Block[]): void;
}

function modelOfPieces(markup: string, options: MarkupOptions, store: PieceStore, pieces = cutIntoPieces(markup)): DocumentModel | undefined {
  if (!pieces) return undefined;
  const blocks: Block[] = [];
  try {
    for (const piece of pieces) {
      let found = store.get(piece);
      if (!found) {
        const tokens = parserFor(options.lang).md.parse(piece, {});
        const builder = new ModelBuilder(tokens, options.file, 0, true);
        builder.checkNesting();
        found = builder.blockList(0, tokens.length);
        if (builder.footnotes.length > 0) return undefined;
        store.set(piece, found);
      }
      for (const block of found) blocks.push(block);
    }
  } catch {
    return undefined;
  }
  uniqueHeadingIds(blocks, new Map());
  return { blocks: attachTableCaptions(blocks) };
}

/** The top-level pieces of a markup worth parsing one by one; undefined when it is to be parsed whole. */
function cutIntoPieces(markup: string): string[] | undefined {
  if (WHOLE_ONLY.test(markup)) return undefined;
  const pieces = topLevelPieces(markup);
  // One piece is the whole; more than half the memo would push their own kind out on every parse.
  return pieces && pieces.length >= 2 && pieces.length <= MAX_PIECES / 2 ? pieces : undefined;
}

/**
 * A fresh process (the command line) parses the built-in sections and the
 * built-in templates' output on every build. Their top-level pieces come
 * parsed with the command line (yaml-seed.ts): where a markup has pieces
 * found there, only its other pieces are parsed, as parseInPieces does. The
 * install step records the pieces of each markup it parses, only where
 * together they make the very model one parse makes.
 */
function parseSeeded(markup: string, options: MarkupOptions): DocumentModel | undefined {
  const quotes = quotesKeyOf(options.lang);
  if (recordingMarkupPieces(options.file)) {
    const whole = parseMarkupAfresh(markup, options);
    const parsed = new Map<string, string>();
    modelOfPieces(markup, options, { get: () => undefined, set: (piece, blocks) => parsed.set(piece, JSON.stringify(blocks)) });
    // What a later build would make of the recorded text: kept only when it is the model itself.
    const fromRecord = parsed.size > 0 ? modelOfPieces(markup, options, { get: (piece) => readBlocks(parsed.get(piece)), set: () => {} }) : undefined;
    if (fromRecord && isDeepStrictEqual(fromRecord, whole)) recordMarkupPieces(quotes, parsed);
    return whole;
  }
  if (!hasSeededMarkupPieces()) return undefined;
  const pieces = cutIntoPieces(markup);
  if (!pieces?.some((piece) => seededMarkupPiece(quotes, piece) !== undefined)) return undefined;
  try {
    return modelOfPieces(markup, options, { get: (piece) => seededBlocks(quotes, piece), set: () => {} }, pieces);
  } catch {
    return undefined; // a seed damaged past its shape check: parsed whole, as without a seed
  }
}

/** A seeded piece's blocks, fresh objects; undefined when the seed has none for it or they do not read as a list. */
function seededBlocks(quotes: string, piece: string): Block[] | undefined {
  return readBlocks(seededMarkupPiece(quotes, piece));
}

function readBlocks(json: string | undefined): Block[] | undefined {
  if (json === undefined) return undefined;
  try {
    const blocks = JSON.parse(json) as unknown;
    // Blocks at least in shape: objects that name their type.
    const shaped = Array.isArray(blocks) && blocks.every((block) => typeof block === 'object' && block !== null && typeof (block as { type?: unknown }).type === 'string');
    return shaped ? (blocks as Block[]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The markup cut at its top-level containers: a line of three or more colons
 * and a name, at the start of a line after a blank line (or a container), to
 * the first line that closes it as markdown-it-container finds it (the same
 * colons or more, indented less than four spaces, nothing after them); the
 * text between containers is cut again before each line at the margin that
 * follows a blank line and starts a paragraph, heading or quotation (not a
 * list item, which may continue a list). Nothing continues across such a
 * cut: a blank line and a line at the margin end every paragraph, list,
 * quotation, table and indented code. undefined when something could
 * hide a container line outside the containers: a fence, or a `:::` line
 * indented by one to three spaces or not following a blank line.
 */
function topLevelPieces(markup: string): string[] | undefined {
  const fences = FENCE_MARK.test(markup);
  const pieces: string[] = [];
  let start = 0;
  let fresh = true;
  for (let at = 0; at < markup.length; ) {
    const end = lineEnd(markup, at);
    const first = markup.charCodeAt(at);
    if (first === COLON) {
      const line = markup.slice(at, end);
      const opener = CONTAINER_OPENER.exec(line);
      if (opener && opener[2]!.trim() !== '') {
        // Not after a blank line, or with a `|` (with a delimiter row next, a table's header): parsed whole.
        if (!fresh || line.includes('|')) return undefined;
        const close = closingLine(markup, end + 1, opener[1]!.length);
        if (at > start) pieces.push(markup.slice(start, at));
        pieces.push(markup.slice(at, close));
        start = at = close + 1;
        fresh = true;
        continue;
      }
    } else if (first === SPACE && INDENTED_CONTAINER.test(markup.slice(at, end))) {
      return undefined;
    }
    if (fences && FENCE_MARK.test(markup.slice(at, end))) return undefined;
    // After a blank line, a line at the margin that starts a paragraph, heading or quotation ends whatever came before.
    if (fresh && at > start && PLAIN_START.test(markup.slice(at, Math.min(end, at + 12)))) {
      pieces.push(markup.slice(start, at));
      start = at;
    }
    fresh = isBlank(markup, at, end);
    at = end + 1;
  }
  if (start < markup.length) pieces.push(markup.slice(start));
  return pieces;
}

/** A letter, `#` or `>` at the margin, or a number that is not a list marker (`12.`, `3)`). */
const PLAIN_START = /^(?:[\p{L}#>]|\d(?!\d{0,8}[.)]))/u;
const COLON = 0x3a;
const SPACE = 0x20;

function lineEnd(text: string, at: number): number {
  const end = text.indexOf('\n', at);
  return end < 0 ? text.length : end;
}

function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code !== SPACE && code !== 0x09) return false;
  }
  return true;
}

const CONTAINER_OPENER = /^(:{3,})(.*)$/;
/** Indented by one to three spaces: a container line that may or may not be at the top level (four or more is code or a list item's). */
const INDENTED_CONTAINER = /^ {1,3}:{3}/;
const FENCE_MARK = /`{3}|~{3}/;

/** Where the line closing a container ends (its newline), searching from `from`: the container opened with `colons` colons; the end of the text when no line closes it. */
function closingLine(text: string, from: number, colons: number): number {
  for (let at = from; at < text.length; ) {
    const end = lineEnd(text, at);
    const match = text.charCodeAt(at) === COLON || text.charCodeAt(at) === SPACE ? CONTAINER_CLOSER.exec(text.slice(at, end)) : null;
    if (match && match[1]!.length >= colons) return end;
    at = end + 1;
  }
  return text.length;
}

const CONTAINER_CLOSER = /^ {0,3}(:{3,})[ \t]*$/;

/** Heading ids made unique in document order, as ModelBuilder.uniqueId does in one parse. */
function uniqueHeadingIds(blocks: readonly Block[], used: Map<string, number>): void {
  for (const block of blocks) {
    switch (block.type) {
      case 'heading': {
        const id = block.id || 'section';
        const seen = used.get(id) ?? 0;
        used.set(id, seen + 1);
        block.id = seen === 0 ? id : `${id}-${seen + 1}`;
        break;
      }
      case 'list':
        for (const item of block.items) uniqueHeadingIds(item, used);
        break;
      case 'section':
      case 'columns':
      case 'callout':
      case 'quote':
        uniqueHeadingIds(block.blocks, used);
        break;
      default:
        break;
    }
  }
}

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** A footnote number as superscript digits ("¹²"): every text face has them, so no raised baseline is needed. */
export function superscriptNumber(number: number): string {
  return String(number).replace(/\d/g, (digit) => SUPERSCRIPT_DIGITS[Number(digit)]!);
}

class ModelBuilder {
  private readonly usedIds = new Map<string, number>();
  readonly footnotes: Footnote[] = [];

  constructor(
    private readonly tokens: Token[],
    private readonly file: string,
    private readonly lineOffset: number,
    /** A piece of a document (parseInPieces): heading ids as requested, made unique over the whole document later. */
    private readonly piece = false,
  ) {}

  /** Blocks from tokens[start, end). */
  blocks(start: number, end: number): Block[] {
    return attachTableCaptions(this.blockList(start, end));
  }

  /** Blocks from tokens[start, end), table captions not yet attached. */
  blockList(start: number, end: number): Block[] {
    const out: Block[] = [];
    let i = start;
    while (i < end) {
      const token = this.tokens[i]!;
      const close = token.nesting === 1 ? this.closingIndex(i) : i;
      const block = this.block(token, i, close);
      if (block) out.push(...(Array.isArray(block) ? block : [block]));
      i = close + 1;
    }
    return out;
  }

  private block(token: Token, open: number, close: number): Block | Block[] | undefined {
    switch (token.type) {
      case 'heading_open':
        return this.heading(token, this.tokens[open + 1]!);
      case 'paragraph_open':
        return this.paragraph(this.tokens[open + 1]!);
      case 'bullet_list_open':
      case 'ordered_list_open':
        return {
          type: 'list',
          ordered: token.type === 'ordered_list_open',
          start: Number(token.attrGet('start') ?? 1),
          items: this.listItems(open + 1, close),
        };
      case 'blockquote_open':
        return this.blockquote(open, close);
      case 'table_open':
        return this.table(open, close);
      case 'hr':
        return { type: 'rule' };
      case 'fence':
      case 'code_block':
        return { type: 'code', text: shownColons(token.content.replace(/\n$/, '')) };
      case 'container_brief_open':
        return this.container(token, open, close);
      case 'html_block':
        return undefined;
      case 'footnote_anchor':
        return undefined;
      case 'footnote_block_open':
        this.footnoteBlock(open, close);
        return undefined;
      default:
        throw this.error(`unexpected ${token.type}`, token);
    }
  }

  /**
   * A Markdown block quote. A last line that starts with a dash ("— Speaker,
   * role") is its attribution, set on a line of its own under the quotation
   * rather than run on inside it.
   */
  private blockquote(open: number, close: number): Block {
    const blocks = this.blocks(open + 1, close);
    // The quote's last direct paragraph: its inline token sits right after paragraph_open.
    let last = close - 1;
    if (this.tokens[last]?.type !== 'paragraph_close') return { type: 'quote', blocks };
    while (last > open && this.tokens[last]?.type !== 'inline') last--;
    const children = this.tokens[last]?.children ?? [];
    for (let k = children.length - 1; k >= 0; k--) {
      const child = children[k] as Token;
      const startsLine = k === 0 || children[k - 1]?.type === 'softbreak' || children[k - 1]?.type === 'hardbreak';
      if (child.type !== 'text' || !startsLine) continue;
      const dash = /^\s*(?:—|―|–|--)\s*/.exec(child.content);
      if (!dash) break;
      const tail = [Object.assign(Object.create(Object.getPrototypeOf(child) as object) as Token, child, { content: child.content.slice(dash[0].length) }), ...children.slice(k + 1)];
      const attribution = this.inlines({ children: tail } as Token);
      const head = children.slice(0, Math.max(0, k - 1));
      const kept = blocks.slice(0, -1);
      if (head.length > 0) kept.push({ ...(blocks[blocks.length - 1] as Block & { type: 'paragraph' }), runs: this.inlines({ children: head } as Token) });
      return attribution.length > 0 && kept.length > 0 ? { type: 'quote', blocks: kept, attribution } : { type: 'quote', blocks };
    }
    return { type: 'quote', blocks };
  }

  private heading(open: Token, inline: Token): HeadingBlock {
    const level = Number(open.tag.slice(1));
    // Attributes count only when written as such, not when a value was escaped into the heading.
    const raw = hasAttributeBlock(inline.content);
    const { runs, attributes } = raw ? splitHeadingAttributes(this.inlines(inline)) : { runs: this.inlines(inline), attributes: {} };
    if (level > 3) {
      throw this.error(`heading level ${level} is not supported (use #, ## or ###)`, open);
    }
    const requested = attributes.id ?? slugOf(runs.map((r) => r.text).join(''));
    const heading: HeadingBlock = { type: 'heading', level: level as 1 | 2 | 3, runs, id: this.uniqueId(requested) };
    if (attributes.unlisted) heading.outline = false;
    return heading;
  }

  private paragraph(inline: Token): Block | Block[] {
    const children = inline.children ?? [];
    const only = children.filter((c) => !(c.type === 'text' && c.content.trim() === '') && c.type !== 'softbreak');
    if (only.length === 1 && only[0]!.type === 'image') return this.image(only[0]!, inline);
    if (children.some((c) => c.type === 'image')) return this.paragraphWithFigures(children, inline);
    return { type: 'paragraph', runs: this.inlines(inline) };
  }

  /**
   * A picture written inside a paragraph's text ("…and figures: ![A chart](chart.png)")
   * is set as a figure of its own between the text before and after it: a
   * brief sets pictures as figures, never as glyphs in a line. Emphasis and
   * links open at the picture go on after it; a picture inside a link also
   * keeps its alt text there, so the link keeps its text.
   */
  private paragraphWithFigures(children: Token[], inline: Token): Block[] {
    const out: Block[] = [];
    const open: Token[] = [];
    let part: Token[] = [];
    const flushText = (): void => {
      const runs = trimRuns(this.runsOf(part));
      if (runs.length > 0) out.push({ type: 'paragraph', runs });
    };
    for (const child of children) {
      if (child.type !== 'image') {
        part.push(child);
        if (child.nesting === 1) open.push(child);
        else if (child.nesting === -1) open.pop();
        continue;
      }
      if (open.some((token) => token.type === 'link_open')) part.push(child);
      flushText();
      out.push(this.image(child, inline));
      part = [...open];
    }
    flushText();
    return out;
  }

  /** `inline`: the paragraph's token, which knows the line. */
  private image(token: Token, inline: Token): Block {
    const src = token.attrGet('src') ?? '';
    const { width, height, align, caption, problem } = parseImageTitle(token.attrGet('title') ?? '');
    if (problem) throw this.errorAtText(problem, inline, inline.content.indexOf(`](${src}`));
    const alt = (token.children ?? []).map((c) => c.content).join('') || token.content;
    const image: ImageBlock = { type: 'image', src, alt };
    if (width !== undefined) image.width = width;
    if (height !== undefined) image.height = height;
    if (align) image.align = align;
    if (caption) image.caption = [{ text: caption }];
    return image;
  }

  /** The definitions markdown-it-footnote gathers at the end of the token stream. */
  private footnoteBlock(open: number, close: number): void {
    let i = open + 1;
    while (i < close) {
      const token = this.tokens[i]!;
      const end = this.closingIndex(i);
      if (token.type === 'footnote_open') {
        const id = (token.meta as { id: number }).id;
        this.footnotes.push({ number: id + 1, blocks: this.blocks(i + 1, end) });
      }
      i = end + 1;
    }
  }

  private listItems(start: number, end: number): Block[][] {
    const items: Block[][] = [];
    let i = start;
    while (i < end) {
      const token = this.tokens[i]!;
      const close = this.closingIndex(i);
      if (token.type === 'list_item_open') items.push(this.blocks(i + 1, close));
      i = close + 1;
    }
    return items;
  }

  private table(open: number, close: number): Block {
    const header: Inline[][] = [];
    const rows: Inline[][][] = [];
    const align: (CellAlign | undefined)[] = [];
    let row: Inline[][] | undefined;
    let inHead = false;
    for (let i = open + 1; i < close; i++) {
      const token = this.tokens[i]!;
      if (token.type === 'thead_open') inHead = true;
      else if (token.type === 'thead_close') inHead = false;
      else if (token.type === 'tr_open') row = [];
      else if (token.type === 'tr_close' && row) {
        if (inHead) header.push(...row);
        else rows.push(row);
        row = undefined;
      } else if ((token.type === 'th_open' || token.type === 'td_open') && row) {
        if (inHead) align.push(cellAlign(token.attrGet('style')));
        row.push(this.inlines(this.tokens[i + 1]!));
      }
    }
    return { type: 'table', align: alignNumbers(align, rows), header, rows };
  }

  private container(token: Token, open: number, close: number): Block | Block[] {
    // Like a code fence's info string, the text after the name may carry
    // backslash escapes (templates escape values): show them literally.
    const info = unescapeMarkdown(token.info.trim());
    const name = info.split(/\s+/, 1)[0]!;
    const rest = info.slice(name.length).trim();
    if (!(CONTAINERS as readonly string[]).includes(name)) {
      throw this.error(`unknown container \`::: ${name}\` (known: ${CONTAINERS.join(', ')})`, token);
    }
    const inner = (): Block[] => this.blocks(open + 1, close);
    switch (name as ContainerName) {
      case 'section': {
        if (!rest) throw this.error('`::: section` needs a section id', token);
        const [id, ...options] = rest.split(/\s+/);
        // `::: section ID columns=2`: the section's blocks in text columns.
        const columns = options.find((option) => option.startsWith('columns='));
        const blocks = inner();
        if (!columns) return { type: 'section', id: id!, blocks };
        return { type: 'section', id: id!, blocks: [{ type: 'columns', count: this.columnCount(columns.slice('columns='.length), token), blocks }] };
      }
      case 'columns':
        return { type: 'columns', count: this.columnCount(rest, token), blocks: inner() };
      case 'callout': {
        const kind = rest.split(/\s+/, 1)[0] ?? '';
        if (!kind) throw this.error('`::: callout` needs a kind, e.g. `::: callout key-facts Key facts`', token);
        const title = rest.slice(kind.length).trim();
        return title ? { type: 'callout', kind, title, blocks: inner() } : { type: 'callout', kind, blocks: inner() };
      }
      case 'quote':
        return rest
          ? { type: 'quote', blocks: inner(), attribution: [{ text: rest }] }
          : { type: 'quote', blocks: inner() };
      case 'style': {
        if (!rest) throw this.error('`::: style` needs a style name, e.g. `::: style subtitle`', token);
        return inner().map((block) => (block.type === 'paragraph' ? { ...block, style: rest } : block));
      }
      case 'page-break':
        return { type: 'page-break' };
      case 'toc':
        return rest ? { type: 'toc', title: rest } : { type: 'toc' };
      case 'space': {
        const height = Number(rest);
        if (!Number.isFinite(height) || height < 0 || height > 1000) {
          throw this.error('`::: space` needs a height in points between 0 and 1000', token);
        }
        return { type: 'space', height };
      }
    }
  }

  private columnCount(text: string, token: Token): number {
    const count = Number(text);
    if (!Number.isInteger(count) || count < 1 || count > 3) throw this.error('text columns are 1, 2 or 3, e.g. `::: columns 2` or `::: section ID columns=2`', token);
    return count;
  }

  /** Inline tokens → styled runs; adjacent runs with equal styles are merged. */
  private inlines(inline: Token): TextRun[] {
    const children = inline.children;
    // Children served by the inline memo are the same array each time: so are their runs (handed out as copies).
    const known = memoOn && children ? runsOf.get(children) : undefined;
    if (known) return known.map((run) => ({ ...run }));
    const runs = this.runsOf(children ?? []);
    if (memoOn && children) runsOf.set(children, runs.map((run) => ({ ...run })));
    return runs;
  }

  private runsOf(children: Token[]): TextRun[] {
    const runs: TextRun[] = [];
    let bold = 0;
    let italic = 0;
    const links: string[] = [];
    const push = (text: string, extra: Partial<TextRun> = {}): void => {
      if (!text) return;
      const run: TextRun = { text };
      if (bold > 0) run.bold = true;
      if (italic > 0) run.italic = true;
      const href = links[links.length - 1];
      if (href) run.href = href;
      Object.assign(run, extra);
      const last = runs[runs.length - 1];
      if (last && sameStyle(last, run)) last.text += run.text;
      else runs.push(run);
    };
    for (const child of children) {
      switch (child.type) {
        case 'text':
          push(child.content);
          break;
        case 'softbreak':
          push(' ');
          break;
        case 'hardbreak':
          push('\n');
          break;
        case 'strong_open':
          bold++;
          break;
        case 'strong_close':
          bold--;
          break;
        case 'em_open':
          italic++;
          break;
        case 'em_close':
          italic--;
          break;
        case 'code_inline':
          push(child.content, { code: true });
          break;
        case 'link_open':
          links.push(child.attrGet('href') ?? '');
          break;
        case 'link_close':
          links.pop();
          break;
        case 'image':
          push((child.children ?? []).map((c) => c.content).join(''));
          break;
        case 'footnote_ref': {
          const number = (child.meta as { id: number }).id + 1;
          links.push(`#fn-${number}`);
          push(superscriptNumber(number));
          links.pop();
          break;
        }
        default:
          // s_open/s_close (strikethrough) and html_inline carry no text of their own.
          break;
      }
    }
    return runs;
  }

  /** Each opening token's closing token, found in one pass (a scan per block was quadratic in the nesting). */
  private closers: Int32Array | undefined;

  private closingIndex(open: number): number {
    if (this.tokens[open]!.nesting === 0) return open;
    if (this.tokens[open]!.nesting === 1) {
      if (!this.closers) this.closers = matchClosers(this.tokens);
      return this.closers[open]!;
    }
    let depth = 0;
    for (let i = open; i < this.tokens.length; i++) {
      depth += this.tokens[i]!.nesting;
      if (depth === 0) return i;
    }
    return this.tokens.length - 1;
  }

  /** Refuse nesting markdown-it would cut off (see MAX_MARKUP_NESTING). */
  checkNesting(): void {
    for (const token of this.tokens) {
      const inlineDepth = token.children?.reduce((max, child) => Math.max(max, child.level), 0) ?? 0;
      if (token.level > MAX_MARKUP_NESTING || inlineDepth > MAX_MARKUP_NESTING) {
        throw this.error(`quotations, lists, containers or emphasis are nested more than ${MAX_MARKUP_NESTING} levels deep here; flatten the structure`, token);
      }
    }
  }

  private uniqueId(base: string): string {
    if (this.piece) return base;
    const id = base || 'section';
    const seen = this.usedIds.get(id) ?? 0;
    this.usedIds.set(id, seen + 1);
    return seen === 0 ? id : `${id}-${seen + 1}`;
  }

  private error(message: string, token: Token): BriefError {
    const location: SourceLocation = { file: this.file };
    if (token.map) {
      location.line = token.map[0] + 1 + this.lineOffset;
      location.column = 1;
    }
    return new BriefError('MARKUP_INVALID', `Brief markup: ${message}`, { location });
  }

  /** An error at `offset` in an inline token's text (a paragraph's lines, their block indentation left out), else at its first line. */
  private errorAtText(message: string, inline: Token, offset: number): BriefError {
    const error = this.error(message, inline);
    if (offset < 0 || !error.location?.line) return error;
    const before = inline.content.slice(0, offset);
    const lineStart = before.lastIndexOf('\n') + 1;
    error.location.line += before.split('\n').length - 1;
    // The picture's `![` on that line (its path follows the alt text, which has no line break of its own here).
    const opener = before.lastIndexOf('![');
    error.location.column = (opener >= lineStart ? opener : offset) - lineStart + 1;
    return error;
  }
}

/** For every opening token, the index of the token that closes it (the last index when none does). */
function matchClosers(tokens: readonly Token[]): Int32Array {
  const closers = new Int32Array(tokens.length).fill(tokens.length - 1);
  const open: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const nesting = tokens[i]!.nesting;
    if (nesting === 1) open.push(i);
    else if (nesting === -1 && open.length > 0) closers[open.pop()!] = i;
  }
  return closers;
}

/** Runs per array of inline tokens (see InlineMemo: a paragraph seen before brings the same array). */
const runsOf = new WeakMap<Token[], TextRun[]>();

const MAX_SLUGS = 2000;
const slugs = new Map<string, string>();

/** slugify, remembered: headings are slugged on every parse of a document. */
function slugOf(text: string): string {
  if (!memoOn) return slugify(text);
  let slug = slugs.get(text);
  if (slug === undefined) {
    slug = slugify(text);
    if (slugs.size >= MAX_SLUGS) slugs.clear();
    slugs.set(text, slug);
  }
  return slug;
}

function sameStyle(a: TextRun, b: TextRun): boolean {
  return a.bold === b.bold && a.italic === b.italic && a.code === b.code && a.href === b.href && !a.code;
}

function cellAlign(style: string | null): CellAlign | undefined {
  const match = /text-align:\s*(left|center|right)/.exec(style ?? '');
  return match?.[1] as CellAlign | undefined;
}

/** A number, amount or percentage: "1,550", "-3.2", "+1,550%", "$4.5", "12 bn", "—". */
const NUMERIC_CELL = /^[(]?[-+−±]?[$€£¥]?\d[\d,. \u00a0]*(?:%|\s?(?:bn|m|k|pp|pts?))?[)]?$|^[—–-]$/u;

/**
 * Columns without an alignment of their own whose cells are all numbers are
 * set flush right, so the digits line up (equal decimals line up on the point).
 */
function alignNumbers(align: (CellAlign | undefined)[], rows: readonly Inline[][][]): CellAlign[] {
  const columns = Math.max(align.length, ...rows.map((row) => row.length), 0);
  return Array.from({ length: columns }, (_, c) => {
    const own = align[c];
    if (own) return own;
    let numbers = 0;
    for (const row of rows) {
      const text = (row[c] ?? []).map((run) => run.text).join('').trim();
      if (!text) continue;
      if (!NUMERIC_CELL.test(text)) return 'left';
      if (text.length > 1) numbers++;
    }
    return numbers > 0 ? 'right' : 'left';
  });
}

const CAPTION_PREFIX = /^\s*Table:\s*/;

/** `Table: Caption` as a paragraph right before a table (or right after one without a caption). */
function isCaption(block: Block | undefined): block is ParagraphBlock {
  return block?.type === 'paragraph' && !block.style && CAPTION_PREFIX.test(block.runs[0]?.text ?? '');
}

function attachTableCaptions(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    const next = blocks[i + 1];
    const previous = out[out.length - 1];
    if (isCaption(block) && next?.type === 'table' && !next.caption) {
      next.caption = captionRuns(block.runs);
      continue;
    }
    if (isCaption(block) && previous?.type === 'table' && !previous.caption) {
      previous.caption = captionRuns(block.runs);
      continue;
    }
    if (isFigureCaption(block) && previous?.type === 'image' && !previous.caption) {
      previous.caption = captionRuns(block.runs, FIGURE_PREFIX);
      continue;
    }
    out.push(block);
  }
  return out;
}

const FIGURE_PREFIX = /^\s*Figure:\s*/;

function isFigureCaption(block: Block | undefined): block is ParagraphBlock {
  return block?.type === 'paragraph' && !block.style && FIGURE_PREFIX.test(block.runs[0]?.text ?? '');
}

function captionRuns(runs: readonly TextRun[], prefix = CAPTION_PREFIX): TextRun[] {
  const [first, ...rest] = runs;
  const text = first!.text.replace(prefix, '');
  return text ? [{ ...first!, text }, ...rest] : rest;
}

/** `Heading text {#id .unlisted}` → the runs without the braces, plus the attributes. */
function splitHeadingAttributes(runs: TextRun[]): { runs: TextRun[]; attributes: { id?: string; unlisted?: boolean } } {
  const last = runs[runs.length - 1];
  const match = last ? /\s*\{([^{}]*)\}\s*$/.exec(last.text) : null;
  if (!last || !match) return { runs, attributes: {} };
  const attributes: { id?: string; unlisted?: boolean } = {};
  for (const part of match[1]!.trim().split(/\s+/)) {
    if (part.startsWith('#') && part.length > 1) attributes.id = part.slice(1);
    else if (part === '.unlisted' || part === '-') attributes.unlisted = true;
    else return { runs, attributes: {} }; // not an attribute block: keep the braces as text
  }
  const text = last.text.slice(0, match.index);
  const kept = text ? [...runs.slice(0, -1), { ...last, text }] : runs.slice(0, -1);
  return { runs: kept, attributes };
}

function hasAttributeBlock(rawHeading: string): boolean {
  const match = /\{([^{}\\]*)\}\s*$/.exec(rawHeading);
  if (!match || rawHeading[match.index - 1] === '\\') return false;
  return match[1]!.trim().split(/\s+/).every((part) => (part.startsWith('#') && part.length > 1) || part === '.unlisted' || part === '-');
}

/** CommonMark backslash escapes: a backslash before ASCII punctuation stands for the punctuation. */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** GitHub-style slug: lowercase letters and digits (any script), words joined by hyphens. */
export function slugify(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s+/g, '-')
    .replace(/-+/g, '-');
}

/** Runs of a paragraph's piece, without the spaces left where a figure was taken out. */
function trimRuns(runs: TextRun[]): TextRun[] {
  const kept = runs.map((run) => ({ ...run }));
  if (kept.length > 0) kept[0]!.text = kept[0]!.text.trimStart();
  if (kept.length > 0) kept[kept.length - 1]!.text = kept[kept.length - 1]!.text.trimEnd();
  return kept.filter((run) => run.text !== '');
}
