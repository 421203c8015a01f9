/**
 * Incremental layout at the scale of a block. A one-word edit re-renders a
 * document whose other blocks are as they were; such a block is not laid out
 * again: its flow items from the last render are used once more, the same
 * objects, with the fields later blocks may change set back to what its own
 * layout left them.
 *
 * A block's entry is keyed by everything its layout reads: the block itself
 * (as JSON), the template (its manifest and its font files, by path, size
 * and time), the column, and the builder's state where it starts (the space pending above,
 * the lines to keep with what follows, the number of block tags so far, the
 * enclosing section's tag, the hyphenator). Only blocks whose layout touches
 * nothing but the flow are kept: no tables, images, table of contents, text
 * columns or page breaks inside, and no warning, missing glyph, unresolved
 * link or flattened nesting while they were laid out. The internal links a
 * block resolved are resolved again before its entry is used.
 *
 * Items are shared with the render that made them, so one render at a time
 * uses the memo (`claimKeptBlocks`). Memory only, bounded, emptied with the
 * other render caches and off when they are off.
 */
import type { FileProvider } from '../file-provider.js';
import type { Block } from '../model.js';
import type { TemplateManifest } from '../template-manifest.js';
import type { FlowItem } from './flow.js';
import { onRenderCachesReset, renderCachesEnabled } from './render-caches.js';

/** The fields of an item that later blocks (or the block around it) may set. */
export interface ItemFields {
  readonly keepWithNext: boolean;
  readonly gapBefore: number;
  readonly noteRefs: readonly number[] | undefined;
  readonly marks: readonly string[] | undefined;
}

export interface KeptBlock {
  readonly items: readonly FlowItem[];
  readonly fields: readonly ItemFields[];
  /** Where the block began units (list items, paragraphs of a box), from its first item. */
  readonly units: readonly number[];
  /** What it added to the builder's running height. */
  readonly height: number;
  /** Block tags it made. */
  readonly tags: number;
  /** It tied the item before it to its first (keep with previous). */
  readonly keepsPrevious: boolean;
  /** Internal links (`#id`) it resolved: they must resolve again. */
  readonly links: readonly string[];
  /** The builder's state after it. */
  readonly pendingSpace: number;
  readonly atBoxTop: boolean;
  readonly keepFollowing: number;
}

/** Enough for a book of several hundred pages, twice over. */
const MAX_ENTRIES = 20_000;
const entries = new Map<string, KeptBlock>();
let reused = 0;
let claimed = false;

onRenderCachesReset(() => entries.clear());

/** Blocks laid out from the memo so far in this process (tests check that reuse really happens). */
export function reusedBlocks(): number {
  return reused;
}

/** Block types whose layout reads and writes nothing but the flow. */
const KEEPABLE = new Set<Block['type']>(['heading', 'paragraph', 'list', 'quote', 'callout', 'code', 'rule', 'space']);

/** Whether a block and everything in it can be kept (see above). */
export function keepable(block: Block): boolean {
  if (!KEEPABLE.has(block.type)) return false;
  switch (block.type) {
    case 'list':
      return block.items.every((blocks) => blocks.every(keepable));
    case 'quote':
    case 'callout':
      return block.blocks.every(keepable);
    default:
      return true;
  }
}

/** The memo for one render, or undefined when render caches are off or another render holds it. */
export interface KeptBlocks {
  /** The key of `block` laid out under `state` (the builder's, as a string). */
  key(block: Block, state: string): string;
  recall(key: string): KeptBlock | undefined;
  keep(key: string, block: KeptBlock): void;
  /** A kept block was used (tests count them). */
  reused(): void;
  /** A font file of the template changed since the memo was claimed: what this render laid out may mix two versions of it. */
  fontsChanged(): boolean;
  /** Let the next render use the memo. */
  release(): void;
}

/**
 * The memo for a render of this template, if no other render is using it.
 * `resolveAsset` and `files` find the template's font files (fonts.families)
 * as the typesetter reads them, so a font replaced under the same name is a new key.
 */
export function claimKeptBlocks(manifest: TemplateManifest, resolveAsset: (path: string) => string, files: FileProvider): KeptBlocks | undefined {
  if (!renderCachesEnabled() || claimed) return undefined;
  claimed = true;
  const stamps = fontStamps(manifest, resolveAsset, files);
  const template = `${templateNumber(`${JSON.stringify(manifest)}\u0000${stamps}`)}\u0000`;
  let released = false;
  return {
    fontsChanged: () => fontStamps(manifest, resolveAsset, files) !== stamps,
    key: (block, state) => `${template}${state}\u0000${JSON.stringify(block)}`,
    recall: (key) => {
      const entry = entries.get(key);
      if (entry) {
        entries.delete(key);
        entries.set(key, entry);
      }
      return entry;
    },
    keep: (key, block) => {
      entries.delete(key);
      entries.set(key, block);
      if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
    },
    reused: () => {
      reused++;
    },
    release: () => {
      if (released) return;
      released = true;
      claimed = false;
    },
  };
}

/** A short number per template seen (keys stay short: a manifest is a few kilobytes, and a brief has a hundred blocks). */
const templates = new Map<string, number>();
/** Never given twice, even once the map is emptied: a number always means one template. */
let nextTemplate = 1;
function templateNumber(template: string): number {
  let number = templates.get(template);
  if (number === undefined) {
    if (templates.size >= 1000) templates.clear();
    templates.set(template, (number = nextTemplate++));
  }
  return number;
}

/** Size and time of each font file the template names, as the font loader checks them. */
function fontStamps(manifest: TemplateManifest, resolveAsset: (path: string) => string, files: FileProvider): string {
  const stamps: string[] = [];
  for (const family of Object.values(manifest.fonts.families)) {
    for (const path of Object.values(family)) {
      if (typeof path !== 'string') continue;
      try {
        // The path too: a copy of a template folder has the same manifest and files, but other font objects.
        const file = resolveAsset(path);
        const info = files.statSync(file);
        stamps.push(info ? `${file}:${info.size}:${info.mtimeMs}` : `${file}:-`);
      } catch {
        stamps.push('!');
      }
    }
  }
  return stamps.join(',');
}

/** A number per object, for keys (hyphenators, section tags). */
const ids = new WeakMap<object, number>();
let nextId = 1;
export function objectId(value: object | undefined): string {
  if (!value) return '-';
  let id = ids.get(value);
  if (id === undefined) ids.set(value, (id = nextId++));
  return String(id);
}
