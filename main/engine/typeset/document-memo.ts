/**
 * Incremental reuse at the scale of a whole document: a re-render whose
 * input is unchanged (the same model, document info, template manifest and
 * options, and the same template files on disk) hands back the bytes of the
 * last render instead of laying out, drawing and writing every page again,
 * the way a compiler that keeps its cache does.
 *
 * The key is a digest of everything the typesetter reads from its input;
 * files it read through `resolveAsset` (images, template fonts) are checked
 * again by size and modification time on every hit. Entries live in memory
 * only, a few at a time, and vanish with the process (nothing of a brief is
 * written anywhere). Output is the same with or without it (see the tests).
 */
import { createHash } from 'node:crypto';
import type { BriefWarning } from '../errors.js';
import type { FileProvider } from '../file-provider.js';
import { derivedFrom } from '../kept-model.js';
import { onRenderCachesReset, renderCachesEnabled } from './render-caches.js';

export interface MemoInput {
  model: unknown;
  info: unknown;
  manifest: unknown;
  templateDir: string;
  maxPages?: number;
  sectionLangs?: ReadonlyMap<string, string>;
  pdfStandard?: string;
  /** The source lines warnings point at (missing-glyphs.ts). */
  locateCharacters?: { readonly key: string };
}

export interface MemoResult {
  pdf: Uint8Array;
  pageCount: number;
  warnings: BriefWarning[];
  outline: { title: string; level: number; page: number }[];
}

interface Entry {
  result: MemoResult;
  /** Files read while typesetting, with the stamp they had. */
  files: Map<string, string>;
}

/** The last few documents (a preview, its handout, a second window): enough to hit, small enough to forget. */
const MAX_ENTRIES = 4;
/** Bigger documents are not kept (a few of them would hold too much memory). */
const MAX_PDF_BYTES = 16 * 2 ** 20;
const entries = new Map<string, Entry>();

onRenderCachesReset(() => entries.clear());

export function documentKey(input: MemoInput): string {
  const sectionLangs = input.sectionLangs ? [...input.sectionLangs] : [];
  // The model is most of the input: a kept model (the same object as last build's, frozen) has its digest already.
  const model = typeof input.model === 'object' && input.model !== null ? derivedFrom(input.model, 'document-key', () => digest(input.model)) : digest(input.model);
  return digest([model, input.info, input.manifest, input.templateDir, input.maxPages ?? null, sectionLangs, input.pdfStandard ?? null, input.locateCharacters?.key ?? null]);
}

const digest = (value: unknown): string => createHash('sha256').update(JSON.stringify(value) ?? 'undefined').digest('base64');

// Through the build's provider, so an unsaved buffer over a template image or font counts as a change.
function stamp(path: string, files: FileProvider): string {
  try {
    const info = files.statSync(path);
    return info ? `${info.size}:${info.mtimeMs}` : 'missing';
  } catch {
    return 'missing';
  }
}

const copy = (result: MemoResult): MemoResult => ({
  pdf: result.pdf.slice(),
  pageCount: result.pageCount,
  warnings: result.warnings.map((warning) => ({ ...warning })),
  outline: result.outline.map((entry) => ({ ...entry })),
});

/** The earlier result for this key, if every file it read is as it was. */
export function recall(key: string, files: FileProvider): MemoResult | undefined {
  if (!renderCachesEnabled()) return undefined;
  const entry = entries.get(key);
  if (!entry) return undefined;
  for (const [path, was] of entry.files) {
    if (stamp(path, files) !== was) {
      entries.delete(key);
      return undefined;
    }
  }
  entries.delete(key);
  entries.set(key, entry);
  return copy(entry.result);
}

/** Wraps `resolveAsset` so the files a render reads are known (and re-checked before reuse). */
export function trackFiles(resolve: (relativePath: string) => string, provider: FileProvider): { resolve: (relativePath: string) => string; files: Map<string, string> } {
  const files = new Map<string, string>();
  return {
    files,
    resolve: (relativePath) => {
      const path = resolve(relativePath);
      if (!files.has(path)) files.set(path, stamp(path, provider));
      return path;
    },
  };
}

/** Files the model names directly (a section's own images, resolved before typesetting): stamped like the rest. */
export function trackModelFiles(model: unknown, files: Map<string, string>, provider: FileProvider): void {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
    } else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'image' && typeof record.file === 'string' && !files.has(record.file)) files.set(record.file, stamp(record.file, provider));
      for (const child of Object.values(record)) visit(child);
    }
  };
  visit(model);
}

export function remember(key: string, result: MemoResult, files: Map<string, string>): void {
  if (!renderCachesEnabled() || result.pdf.length > MAX_PDF_BYTES) return;
  entries.delete(key);
  entries.set(key, { result: copy(result), files });
  for (const oldest of entries.keys()) {
    if (entries.size <= MAX_ENTRIES) break;
    entries.delete(oldest);
  }
}
