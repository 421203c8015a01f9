/**
 * In-memory caches of the last steps of writing a PDF, for re-renders in a
 * long-lived process (the app's preview): a compressed stream is reused when
 * the same bytes are compressed again (an unchanged page), and a font subset
 * when a document uses the same glyphs of a font in the same order.
 *
 * Both give exactly the bytes the work itself would give (deflate and
 * subsetting are deterministic); tests compare output with the caches on and
 * off. Held in memory only and bounded; nothing is written anywhere.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { deflate, deflateSync } from 'node:zlib';
import type { Font } from 'fontkit';
import { bufferedPageContents, referencePrototype, subsetOf, type DocumentInternals, type EmbeddedFont } from './pdfkit-internals.js';

let enabled = true;

/** Tests and benchmarks switch the caches off to compare output and timing. */
export function setRenderCachesEnabled(on: boolean): void {
  enabled = on;
  if (!on) resetRenderCaches();
}

export function renderCachesEnabled(): boolean {
  return enabled;
}

/** Least recently used entries go first once the total size passes a bound. */
class BoundedCache<V> {
  private readonly entries = new Map<string, { value: V; size: number }>();
  private total = 0;

  constructor(private readonly maxSize: number) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V, size: number): void {
    if (size > this.maxSize) return;
    const old = this.entries.get(key);
    if (old) this.total -= old.size;
    this.entries.delete(key);
    this.entries.set(key, { value, size });
    this.total += size;
    for (const [oldest, entry] of this.entries) {
      if (this.total <= this.maxSize) break;
      this.entries.delete(oldest);
      this.total -= entry.size;
    }
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }
}

/** Compressed streams by a digest of their uncompressed bytes (a preview of a few hundred pages fits). */
const streams = new BoundedCache<Uint8Array>(48 * 2 ** 20);
/** Encoded subsets per font, by their glyph list. */
let subsets = new WeakMap<Font, BoundedCache<Uint8Array>>();

export function resetRenderCaches(): void {
  streams.clear();
  subsets = new WeakMap();
  for (const reset of resets) reset();
}

const resets: (() => void)[] = [];

/** Other in-memory render caches (the document memo) are emptied along with these. */
export function onRenderCachesReset(reset: () => void): void {
  resets.push(reset);
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  return Buffer.concat(chunks);
}

/**
 * Digests kept with bytes that are never changed, so they are not hashed
 * again: pages precompressed before writing, and font subsets (the subset
 * cache hands out the same bytes for the same glyphs).
 */
const digests = new WeakMap<Uint8Array, string>();

function digestOf(raw: Uint8Array): string {
  return digests.get(raw) ?? createHash('sha256').update(raw).digest('base64');
}

function keepDigest(raw: Uint8Array): string {
  const key = digestOf(raw);
  digests.set(raw, key);
  return key;
}

function deflateCached(raw: Uint8Array): Uint8Array {
  const key = digestOf(raw);
  let deflated = streams.get(key);
  if (!deflated) {
    deflated = deflateSync(raw);
    streams.set(key, deflated, deflated.length + key.length);
  }
  return deflated;
}

const deflateAsync = promisify(deflate);

/**
 * Before the document is written: page contents not in the cache (the pages
 * an edit changed) are compressed on the thread pool, together, so writing
 * finds every page in the cache. The same zlib, the same settings: the same
 * bytes as compressing them while writing.
 */
export async function precompressPages(doc: DocumentInternals): Promise<void> {
  if (!enabled) return;
  const jobs: Promise<void>[] = [];
  for (const content of bufferedPageContents(doc)) {
    if (!content.compress || !Array.isArray(content.buffer) || content.buffer.length === 0) continue;
    const raw = concat(content.buffer);
    content.buffer = [raw];
    const key = keepDigest(raw);
    if (streams.get(key)) continue;
    jobs.push(
      deflateAsync(raw).then((deflated) => {
        streams.set(key, deflated, deflated.length + key.length);
      }),
    );
  }
  await Promise.all(jobs);
}

let installed = false;

/**
 * PDFKit deflates every stream as it writes it. In front of that: look the
 * bytes up first, and hand PDFKit the compressed bytes as they are (its
 * Filter entry is already set; only the compression step is skipped).
 */
export function installStreamCache(): void {
  if (installed) return;
  installed = true;
  const proto = referencePrototype();
  const finalize = proto.finalize;
  proto.finalize = function (this: typeof proto) {
    if (enabled && this.compress && Array.isArray(this.buffer) && this.buffer.length > 0) {
      this.buffer = [deflateCached(concat(this.buffer))];
      this.compress = false;
    }
    finalize.call(this);
  };
}

/** The document's subset of this font is encoded once per glyph list (fontkit's encoder is slow). */
export function cacheSubset(embedded: EmbeddedFont): void {
  const subset = subsetOf(embedded);
  const encode = subset.encode.bind(subset);
  subset.encode = () => {
    if (!enabled) return encode();
    let cache = subsets.get(embedded.font);
    if (!cache) {
      cache = new BoundedCache(16 * 2 ** 20);
      subsets.set(embedded.font, cache);
    }
    const key = subset.glyphs.join(',');
    let bytes = cache.get(key);
    if (!bytes) {
      bytes = encode();
      cache.set(key, bytes, bytes.length + key.length);
      keepDigest(bytes);
    }
    return bytes;
  };
}
