/**
 * The typesetter: document model → PDF bytes.
 *
 * layout (blocks → flow items, fonts chosen per character, lines broken)
 * → paginate (items → pages, keep rules) → draw pages block by block
 * → furniture on every page (second pass: banner, header, footer, notes)
 * → outline, document info → bytes.
 */
import type { BriefWarning } from '../errors.js';
import { claimKeptBlocks, type KeptBlocks } from './block-memo.js';
import { diskFiles, type FileProvider } from '../file-provider.js';
import type { DocumentInfo, DocumentModel } from '../model.js';
import type { TemplateManifest } from '../template-manifest.js';
import { tocEntriesFor } from './block-toc.js';
import { infoDictionary } from './doc-info.js';
import type { FlowItem } from './flow.js';
import type { LayoutEnv, LayoutEvents } from './flow-builder.js';
import { FontBook } from './font-book.js';
import { placeFurnitureImages, type FurnitureEnv } from './furniture.js';
import { drawFurniture } from './furniture-replay.js';
import { sharedHyphenator, type Hyphenator } from './hyphenation.js';
import { installStreamCache, precompressPages, renderCachesEnabled } from './render-caches.js';
import { documentKey, recall, remember, trackFiles, trackModelFiles } from './document-memo.js';
import { collectHeadings, layoutDocument } from './layout.js';
import { columnSetup } from './columns.js';
import { paginateWithRuns } from './column-runs.js';
import { MissingGlyphs, type CharacterLocator } from './missing-glyphs.js';
import { buildOutline } from './outline.js';
import { overflowWarning } from './overflow.js';
import { Pacer } from './pacer.js';
import { displayLinks } from './link-display.js';
import { pageGeometry } from './page-geometry.js';
import { DEFAULT_MAX_PAGES, pageLimitError, paginate } from './paginate.js';
import { tint } from './pdf-format.js';
import { collectBytes, createDocument } from './pdfkit-internals.js';
import { renderPages } from './render-pages.js';
import { extraXmp, standardSetup, type PdfStandard } from './pdfa.js';
import { styleSheet } from './styles.js';
import { StructureTagger } from './tagging.js';
import { SpanBuilder, type LinkTarget } from './text-runs.js';
import { prepareWebFonts } from './web-fonts.js';

export interface TypesetInput {
  model: DocumentModel;
  info: DocumentInfo;
  /** Already validated and defaulted. */
  manifest: TemplateManifest;
  /** Images and custom fonts are resolved inside it. */
  templateDir: string;
  /** Returns a confined absolute path or throws BriefError; used for images and template font files. */
  resolveAsset: (relativePath: string) => string;
  /** Where template fonts and images are read from (default: the disk). */
  files?: FileProvider;
  /** Hard limit (default 500): exceeding it throws BriefError 'TEMPLATE_LIMIT'. */
  maxPages?: number;
  /** A newer preview request aborts an older one. */
  signal?: AbortSignal;
  /** Language per section id, for sections written in another language than the brief. */
  sectionLangs?: ReadonlyMap<string, string>;
  /** 'none' and 'PDF/UA' give the default tagged PDF/UA file; a PDF/A part on request. */
  pdfStandard?: PdfStandard;
  /** Places a section's missing characters in its file, for the MISSING_GLYPHS warning. */
  locateCharacters?: CharacterLocator;
}

export interface TypesetResult {
  pdf: Uint8Array;
  pageCount: number;
  warnings: BriefWarning[];
  outline: { title: string; level: number; page: number }[];
}

export { DEFAULT_MAX_PAGES } from './paginate.js';
export { setShapingMemoEnabled, resetShapingMemo } from './shaping-memo.js';
export { setHarfBuzzShapingEnabled } from './harfbuzz-shaper.js';
export { resetRenderCaches, setRenderCachesEnabled } from './render-caches.js';

export async function typeset(input: TypesetInput): Promise<TypesetResult> {
  input.signal?.throwIfAborted();
  // Nothing is kept between builds (the command line): no key to make, no files to watch.
  if (!renderCachesEnabled()) return typesetAfresh(input);
  const key = documentKey(input);
  const provider = input.files ?? diskFiles;
  const earlier = recall(key, provider);
  if (earlier) return earlier;
  const tracked = trackFiles(input.resolveAsset, provider);
  trackModelFiles(input.model, tracked.files, provider);
  const result = await typesetAfresh({ ...input, resolveAsset: tracked.resolve });
  remember(key, result, tracked.files);
  return result;
}

async function typesetAfresh(input: TypesetInput): Promise<TypesetResult> {
  // Items of kept blocks are this render's until it ends: one render at a time uses them.
  const keptBlocks = claimKeptBlocks(input.manifest, input.resolveAsset, input.files ?? diskFiles);
  try {
    const result = await typesetWith(input, keptBlocks);
    // A template font replaced while this render laid out: kept and fresh blocks may use two versions of it, so lay out afresh.
    return keptBlocks?.fontsChanged() ? await typesetWith(input, undefined) : result;
  } finally {
    keptBlocks?.release();
  }
}

async function typesetWith(input: TypesetInput, keptBlocks: KeptBlocks | undefined): Promise<TypesetResult> {
  const { info, manifest } = input;
  const model = displayLinks(input.model, manifest.links.show);
  const maxPages = input.maxPages ?? DEFAULT_MAX_PAGES;
  const pacer = new Pacer(input.signal);
  input.signal?.throwIfAborted();
  if (Object.keys(manifest.fonts.families).length > 0) await prepareWebFonts();
  installStreamCache();

  const warnings: BriefWarning[] = [];
  const geometry = pageGeometry(manifest);
  const columnCount = manifest.layout.columns;
  // Tables too wide for the text may turn to landscape pages (one-column templates; columns fit tables to the column).
  const turned = manifest.tables.tooWide === 'landscape' && columnCount <= 1 ? pageGeometry(manifest, 'landscape') : undefined;
  const infoEntries = infoDictionary(info);
  const doc = createDocument({ size: manifest.page.size, lang: info.lang ?? 'en-US', info: infoEntries, ...standardSetup(input.pdfStandard) });
  // PDF/A wants every Info entry in the XMP as well (PDFKit leaves out the modification date).
  doc.appendXML(extraXmp(infoEntries));
  const bytes = collectBytes(doc);

  const sheet = styleSheet(manifest);
  const files = input.files ?? diskFiles;
  const events: LayoutEvents = { notices: 0, links: [] };
  const book = new FontBook(manifest, input.resolveAsset, warnings, files, () => events.notices++);
  const missing = new MissingGlyphs();
  const headings = collectHeadings(model.blocks);
  const headingIds = new Set(headings.map((heading) => heading.id));
  const codeFamily = book.hasFamily('mono') ? 'mono' : 'sans';
  const spans = new SpanBuilder({
    book,
    linkColor: manifest.colors.link,
    codeFamily,
    onMissingGlyph: (codePoint) => {
      events.notices++;
      missing.record(codePoint);
    },
    resolveLink: noticed(linkResolver(new Set([...headingIds, ...footnoteTargets(model)]), warnings), events),
  });
  const codeTint = tint(manifest.colors.rule, 0.72);
  const hyphenators = new Map<string, Hyphenator | undefined>();
  const hyphenatorFor = (lang: string): Hyphenator | undefined => {
    if (!manifest.typography.hyphenate) return undefined;
    if (!hyphenators.has(lang)) hyphenators.set(lang, sharedHyphenator(lang, manifest.typography.noHyphenate));
    return hyphenators.get(lang);
  };

  const env: LayoutEnv = {
    manifest,
    sheet,
    book,
    spans,
    doc,
    resolveAsset: input.resolveAsset,
    files,
    warnings,
    contentHeight: geometry.text.height,
    codeFamily,
    codeTint,
    tocEntries: tocEntriesFor(headings, manifest.toc.depth),
    pageOf: new Map(),
    hyphenator: hyphenatorFor(info.lang ?? 'en-US'),
    sectionHyphenator: (id) => {
      const lang = input.sectionLangs?.get(id);
      return lang ? hyphenatorFor(lang) : undefined;
    },
    events,
    locateTableRow: (cellText) => input.locateCharacters?.locateTableRow?.(missing.current, cellText),
    ragged: !manifest.typography.justify,
    maxExtraEm: manifest.typography.maxSpaceStretch,
    landscape: turned ? { x: turned.text.x, width: turned.text.width, height: turned.text.height, tables: [] } : undefined,
  };
  const area = { top: geometry.text.y, bottom: geometry.text.y + geometry.text.height };
  const columns = columnSetup(geometry.text.width, manifest.layout.columns, manifest.layout.columnGap);
  const { items, notes, runs, runNotes } = await layoutDocument(model, env, { area: { x: geometry.text.x, width: columns.width }, maxPages, columns: columns.count, missing, pacer, authorityBlock: info.authorityBlock, keptBlocks });
  warnings.push(...unplacedNoteWarnings(items, notes));
  const separator = (width: number) => noteSeparator(geometry.text.x, width, manifest.colors.rule);
  const pageNotes = { byNumber: notes, separator: separator(columns.width) };
  // A template in columns is one run from start to end (its last page balanced); runs of a one-column template come from the markup.
  const landscapeRuns = (env.landscape?.tables ?? []).map((table) => ({ ...table, count: 1, width: env.landscape?.width ?? 0, step: 0, landscape: true }));
  const allRuns = columns.count > 1 ? [{ start: 0, end: items.length, count: columns.count, width: columns.width, step: columns.step }] : [...runs, ...landscapeRuns];
  const runPageNotes = new Map(allRuns.map((run) => [run.count, columns.count > 1 ? pageNotes : { byNumber: runNotes.get(run.count) ?? notes, separator: separator(run.width) }]));
  const landscapeArea = turned ? { top: turned.text.y, bottom: turned.text.y + turned.text.height } : undefined;
  const pages = allRuns.length > 0 ? paginateWithRuns(items, area, maxPages, allRuns, pageNotes, runPageNotes, landscapeArea) : paginate(items, area, maxPages, pageNotes);
  if (pages.length > maxPages) {
    throw pageLimitError(maxPages);
  }

  // The table of contents reads these when it is drawn (its size does not depend on them).
  pages.forEach((page, index) => {
    for (const { item } of page.placed) if (item.anchor && !env.pageOf.has(item.anchor.id)) env.pageOf.set(item.anchor.id, index + 1);
  });

  const tagger = new StructureTagger(doc);
  const placedHeadings = await renderPages(doc, pages, pacer, tagger, turned ? [turned.width, turned.height] : undefined);

  const furnitureBase = { manifest, info, sheet, spans, geometry, pageCount: pages.length, missing, codeTint };
  const furniture: FurnitureEnv = { ...furnitureBase, images: placeFurnitureImages(furnitureBase, { doc, resolveAsset: input.resolveAsset, warnings, files }) };
  // Drawn, or replayed where a page's furniture is as it was (furniture-replay.ts).
  drawFurniture(doc, tagger, pages, furniture, turned, { manifest, info, warnings });

  const outline = buildOutline(doc, placedHeadings, geometry.height);
  warnings.push(...missing.warnings(input.locateCharacters));
  if (manifest.maxPages !== undefined) {
    const body = sheet.style('body');
    const warning = overflowWarning(pages, manifest.maxPages, area, body.size * body.leading);
    if (warning) warnings.push(warning);
  }

  // Pages an edit changed are compressed off this thread before writing (render-caches.ts).
  await precompressPages(doc);
  input.signal?.throwIfAborted();
  doc.end();
  const pdf = await bytes;
  return { pdf, pageCount: pages.length, warnings, outline };
}

/** Footnotes and their references are link targets too (`#fn-N`, `#fnref-N`). */
function footnoteTargets(model: DocumentModel): string[] {
  return (model.footnotes ?? []).flatMap((note) => [`fn-${note.number}`, `fnref-${note.number}`]);
}

/** A note whose reference sits where notes cannot follow it (never expected): say so rather than drop it. */
function unplacedNoteWarnings(items: readonly FlowItem[], notes: ReadonlyMap<number, readonly FlowItem[]>): BriefWarning[] {
  const referenced = new Set<number>();
  for (const item of items) for (const number of item.noteRefs ?? []) referenced.add(number);
  return [...notes.keys()]
    .filter((number) => !referenced.has(number))
    .map((number) => ({ code: 'CONTENT_LEFT_OUT' as const, message: `Footnote ${number} is referenced where its note cannot be placed (e.g. a box title); it is left out. Move the reference into the text.` }));
}

/** The short rule between the text and the footnotes of a page. */
function noteSeparator(x: number, width: number, color: string): FlowItem {
  const height = 10;
  return {
    height,
    gapBefore: 0,
    keepWithNext: false,
    chain: [],
    block: { role: 'Artifact', index: -1 },
    drawKey: `separator|${x}|${width}|${color}`,
    draw: (canvas, top) => canvas.line(x, top + height / 2, x + Math.min(width / 4, 120), top + height / 2, 0.5, color),
  };
}

/** A link resolver that tells `events` of each link: internal ones that resolved, and any that did not. */
function noticed(resolve: (href: string) => LinkTarget | undefined, events: LayoutEvents): (href: string) => LinkTarget | undefined {
  return (href) => {
    const target = resolve(href);
    if (!target) events.notices++;
    else if (target.kind === 'dest') events.links.push(href);
    return target;
  };
}

/** External links must be http(s) or mailto; internal ones must name a heading. */
function linkResolver(headingIds: ReadonlySet<string>, warnings: BriefWarning[]): (href: string) => LinkTarget | undefined {
  const reported = new Set<string>();
  const warnOnce = (href: string, message: string) => {
    if (reported.has(href)) return;
    reported.add(href);
    warnings.push({ code: 'TEMPLATE', message });
  };
  return (href) => {
    const trimmed = href.trim();
    if (trimmed.startsWith('#')) {
      const id = trimmed.slice(1);
      if (headingIds.has(id)) return { kind: 'dest', name: id };
      warnOnce(trimmed, `The link to "${trimmed}" points at no heading in the brief; it is printed as plain text.`);
      return undefined;
    }
    if (/^(https?:\/\/|mailto:)/i.test(trimmed)) return { kind: 'uri', uri: trimmed };
    warnOnce(trimmed, `The link "${trimmed}" is not an http, https or mailto address; it is printed as plain text.`);
    return undefined;
  };
}
