/**
 * Incremental reuse at the scale of a page. A one-word edit re-renders a
 * document whose other pages are as they were: the same items (lines of the
 * same memo entries, the same boxes and list markers) at the same places,
 * under structure tags of the same shape. Such a page is not drawn again:
 * what the canvas handed to PDFKit the last time (operators block by block,
 * the fonts they name, marked-content switches, link annotations) and the
 * glyphs it used are replayed through the same calls, so structure elements,
 * MCIDs, annotations, object numbers, font subsets and the content stream
 * (hence its cached compressed bytes) come out as a fresh drawing makes them.
 *
 * A page's key is everything its drawing reads: each item's draw key
 * (flow.ts) with its top, column, tag and boxes, the boxes' fragments, and
 * the shape of the tags. A page with an item or a box without a draw key
 * (images, tables, the table of contents), or that draws an image, is drawn
 * every time. Tapes hold no document objects (fonts by resource name and
 * fontkit font, tags by their number on the page), live in memory only,
 * bounded, are emptied with the other render caches and are off when they are off.
 */
import type { Font } from 'fontkit';
import { writeContent, writeLink, type CanvasRecorder } from './canvas.js';
import type { BlockTag, Container, FlowItem } from './flow.js';
import type { PageLayout } from './paginate.js';
import { documentFont } from './document-fonts.js';
import type { DocumentInternals, EmbeddedFont } from './pdfkit-internals.js';
import { onRenderCachesReset, renderCachesEnabled } from './render-caches.js';
import { hasStableGlyphIds, setCodeListener, useCodes, type CodeEntry } from './stable-glyph-ids.js';
import type { Marking, StructureTagger } from './tagging.js';
import type { LinkTarget } from './text-runs.js';

/** Tag numbers in a tape besides a page's own tags. */
const NO_MARKING = -1;
const ARTIFACT = -2;

type Op =
  | { readonly kind: 'content'; readonly bytes: Uint8Array; readonly fonts: readonly number[] }
  | { readonly kind: 'switch'; readonly tag: number; readonly link: LinkTarget | undefined }
  | { readonly kind: 'close' }
  | { readonly kind: 'link'; readonly x: number; readonly y: number; readonly width: number; readonly height: number; readonly target: LinkTarget };

interface TapeFont {
  readonly id: string;
  readonly font: Font;
  /** What the page draws under each code, the first text drawn for a code first. */
  readonly codes: Map<number, CodeEntry>;
}

interface Tape {
  readonly ops: readonly Op[];
  readonly fonts: readonly TapeFont[];
  /** The font files the page's text asked the document for, in the order first asked (what drawing it afresh embeds). */
  readonly asked: readonly Font[];
}

/** What a page's drawing reads, and its tags by their number in the key. */
export interface PagePlan {
  /** A page's content, or its furniture (drawn in a pass of its own: furniture-replay.ts). */
  readonly kind: 'page' | 'furniture';
  readonly key: string;
  readonly tags: readonly BlockTag[];
  readonly tagNumbers: ReadonlyMap<BlockTag, number>;
}

/** Memory kept for tapes, roughly in bytes: a preview of several hundred pages (a page is some 20 kB), or several briefs. */
const MAX_BYTES = 16 * 2 ** 20;
/** What an operation and a glyph code of a tape hold besides page content, roughly. */
const OP_BYTES = 64;
const CODE_BYTES = 48;
const tapes = new Map<string, { tape: Tape; size: number }>();
let keptBytes = 0;
let replayed = 0;
let replayedFurniture = 0;

onRenderCachesReset(() => {
  tapes.clear();
  keptBytes = 0;
});

/** Pages replayed so far in this process (tests check that reuse really happens). */
export function replayedPages(): number {
  return replayed;
}

/** Pages whose furniture (banners, running heads, page numbers) was replayed so far. */
export function replayedFurniturePages(): number {
  return replayedFurniture;
}

function keep(key: string, tape: Tape, size: number): void {
  const old = tapes.get(key);
  if (old) keptBytes -= old.size;
  tapes.delete(key);
  if (size > MAX_BYTES) return;
  tapes.set(key, { tape, size });
  keptBytes += size;
  for (const [oldest, entry] of tapes) {
    if (keptBytes <= MAX_BYTES) break;
    tapes.delete(oldest);
    keptBytes -= entry.size;
  }
}

function recall(key: string): Tape | undefined {
  const entry = tapes.get(key);
  if (!entry) return undefined;
  tapes.delete(key);
  tapes.set(key, entry);
  return entry.tape;
}

/**
 * The key of a page as render-pages.ts would draw it (`drawn`: items drawn
 * on earlier pages, whose repeats are artifacts); undefined when something
 * on it has no draw key or the caches are off.
 */
export function planPage(page: PageLayout, drawn: ReadonlySet<FlowItem>, size: readonly [number, number]): PagePlan | undefined {
  if (!renderCachesEnabled()) return undefined;
  const tags: BlockTag[] = [];
  const tagNumbers = new Map<BlockTag, number>();
  const containers = new Map<Container, number>();
  const parts: string[] = [`${size[0]}x${size[1]}${page.landscape ? 'L' : ''}`];
  const tagNumber = (tag: BlockTag): number => {
    let number = tagNumbers.get(tag);
    if (number === undefined) {
      const parent = tag.parent ? tagNumber(tag.parent) : -1;
      number = tags.length;
      tags.push(tag);
      tagNumbers.set(tag, number);
      // Roles and scopes are the typesetter's own words; alt text and languages may hold anything.
      parts.push(`t${number}=${tag.role}|${tag.scope ?? ''}|${parent}|${tag.alt === undefined ? '' : JSON.stringify(tag.alt)}|${tag.lang === undefined ? '' : JSON.stringify(tag.lang)}`);
    }
    return number;
  };
  const containerNumber = (container: Container): number | undefined => {
    let number = containers.get(container);
    if (number === undefined) {
      if (container.decorate && container.drawKey === undefined) return undefined;
      number = containers.size;
      containers.set(container, number);
      parts.push(`c${number}=${container.decorate ? container.drawKey : '-'}`);
    }
    return number;
  };
  const seen = new Set<FlowItem>();
  let block = -1;
  for (const entries of [page.placed, page.notes]) {
    for (const { item, top, dx = 0 } of entries) {
      if (item.drawKey === undefined) return undefined;
      const repeated = drawn.has(item) || seen.has(item);
      seen.add(item);
      let line = item.block.index !== block ? `|${tagNumber(item.block)}` : `${tagNumber(item.block)}`;
      block = item.block.index;
      if (item.tags) for (const tag of item.tags) line += `/${tagNumber(tag)}`;
      line += `@${top}+${dx}${repeated ? 'r' : ''}`;
      for (const container of item.chain) {
        const number = containerNumber(container);
        if (number === undefined) return undefined;
        line += `,${number}`;
      }
      if (item.owner) {
        const number = containerNumber(item.owner);
        if (number === undefined) return undefined;
        line += `,${number}`;
      }
      parts.push(`${line}:${item.drawKey}`);
    }
  }
  for (const fragment of page.fragments) {
    const number = containerNumber(fragment.container);
    if (number === undefined) return undefined;
    parts.push(`f${number}@${fragment.dx ?? 0}:${fragment.top}:${fragment.bottom}:${fragment.first}:${fragment.last}`);
  }
  return { kind: 'page', key: parts.join('\n'), tags, tagNumbers };
}

/**
 * Replay the page drawn last time under this plan's key onto the current
 * page, if there is one and its fonts are this document's under the same
 * names; false (and nothing written) otherwise.
 */
export function replayPage(plan: PagePlan, doc: DocumentInternals, tagger: StructureTagger): boolean {
  const tape = recall(plan.key);
  if (!tape) return false;
  // Asked for as drawing the page afresh asks (the same files, in the same order): a page that then cannot be replayed loses nothing by it.
  const embedded = tape.asked.map((font) => documentFont(doc, font));
  const fonts: EmbeddedFont[] = [];
  for (const used of tape.fonts) {
    const font = embedded.find((candidate) => candidate.id === used.id);
    if (!font || font.font !== used.font || !hasStableGlyphIds(font)) return false;
    fonts.push(font);
  }
  tape.fonts.forEach((used, index) => useCodes(fonts[index]!, used.codes));
  for (const op of tape.ops) {
    switch (op.kind) {
      case 'content':
        writeContent(doc, op.bytes, op.fonts.map((index) => fonts[index]!));
        break;
      case 'switch':
        tagger.switchTo(op.tag === NO_MARKING ? null : op.tag === ARTIFACT ? 'Artifact' : plan.tags[op.tag]!, op.link);
        break;
      case 'close':
        tagger.close();
        break;
      case 'link':
        writeLink(doc, tagger, op.x, op.y, op.width, op.height, op.target);
        break;
    }
  }
  if (plan.kind === 'page') replayed++;
  else replayedFurniture++;
  return true;
}

/** Records a page as it is drawn (the canvas's recorder, and the glyphs it uses); `finish` keeps the tape. */
export class PageRecording implements CanvasRecorder {
  private readonly ops: Op[] = [];
  private readonly fonts: TapeFont[] = [];
  private readonly fontIndex = new Map<EmbeddedFont, number>();
  private readonly asked: Font[] = [];
  private size = 0;
  private replayable = true;

  constructor(private readonly plan: PagePlan) {
    // Told of the glyphs drawn until `finish` (the page is drawn at once, with no pause in between).
    setCodeListener((font, code, entry) => {
      const codes = this.font(font).codes;
      if (!codes.has(code)) codes.set(code, entry);
    });
  }

  private font(font: EmbeddedFont): TapeFont {
    let index = this.fontIndex.get(font);
    if (index === undefined) {
      if (!hasStableGlyphIds(font)) this.replayable = false;
      index = this.fonts.length;
      this.fonts.push({ id: font.id, font: font.font, codes: new Map() });
      this.fontIndex.set(font, index);
    }
    return this.fonts[index]!;
  }

  content(bytes: Uint8Array, fonts: ReadonlySet<EmbeddedFont>): void {
    const indexes: number[] = [];
    for (const font of fonts) {
      this.font(font);
      indexes.push(this.fontIndex.get(font)!);
    }
    this.ops.push({ kind: 'content', bytes, fonts: indexes });
    this.size += bytes.length;
  }

  fontAsked(font: Font): void {
    if (!this.asked.includes(font)) this.asked.push(font);
  }

  switchTo(marking: Marking | null, link: LinkTarget | undefined): void {
    let tag = marking === null ? NO_MARKING : marking === 'Artifact' ? ARTIFACT : this.plan.tagNumbers.get(marking);
    if (tag === undefined) {
      this.replayable = false;
      tag = NO_MARKING;
    }
    this.ops.push({ kind: 'switch', tag, link });
  }

  close(): void {
    this.ops.push({ kind: 'close' });
  }

  link(x: number, y: number, width: number, height: number, target: LinkTarget): void {
    this.ops.push({ kind: 'link', x, y, width, height, target });
  }

  unreplayable(): void {
    this.replayable = false;
  }

  /** Stop listening; keep the tape if everything drawn can be replayed. */
  finish(completed: boolean): void {
    setCodeListener(undefined);
    if (!completed || !this.replayable) return;
    let codes = 0;
    for (const font of this.fonts) codes += font.codes.size;
    keep(this.plan.key, { ops: this.ops, fonts: this.fonts, asked: this.asked }, this.size + this.plan.key.length * 2 + this.ops.length * OP_BYTES + codes * CODE_BYTES);
  }
}
