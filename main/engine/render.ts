/**
 * The pipeline, one stage per module:
 * spec → sections → template → markup → document model → typeset → PDF bytes.
 */
import { diskFiles, type FileProvider } from './file-provider.js';
import { resolveBriefFields, type FieldSources } from './brief-fields.js';
import { contentLeftOutKept } from './content-coverage.js';
import { BriefError, type BriefWarning, type SourceLocation } from './errors.js';
import { sectionCharacterLocator, sectionMarkLocator } from './character-location.js';
import { bilingualSections, loadGlossary } from './glossary.js';
import { sectionBodyWarnings } from './section-body-check.js';
import { headingRankWarnings } from './heading-check.js';
import { derivedFrom, parseMarkupKept } from './kept-model.js';
import { attachSectionImages } from './section-images.js';
import type { BuildInputs } from './output-guard.js';
import type { DocumentInfo, DocumentModel } from './model.js';
import { applyPortionMarks, markingWarning, marksAboveBanner } from './portion-marks.js';
import { builtInSectionsDir, builtInTemplatesDir } from './paths.js';
import { loadSectionLibrary, pickSections } from './sections.js';
import type { Section } from './section-schema.js';
import { withBuildDate, type BriefSpec, type DatedBriefSpec } from './spec-schema.js';
import { loadTemplate, type LoadedTemplate, type RenderLimits } from './template/index.js';
import { assertTemplateImages } from './template/template-images.js';
import { fillTemplate } from './template-output.js';
import { lineOfText } from './template/output-origin.js';
import { typeset, type TypesetInput } from './typeset/index.js';
import { applyShapingCache, saveShapingSeed, type ShapingCache } from './typeset/shaping-disk-cache.js';
import type { PdfStandard } from './typeset/pdfa.js';

export interface BuildOptions {
  /** Users' section folders, read after the built-in library (later ids win). */
  sectionDirs?: string[];
  /** Users' template folders, searched before the built-in templates. */
  templateDirs?: string[];
  /** A newer preview request aborts an older one. */
  signal?: AbortSignal;
  /** Hard page limit for runaway templates (default 500). */
  maxPages?: number;
  /** Bounds for the Handlebars render. */
  limits?: RenderLimits;
  /** Where the spec's section ids and template were written, when they come from a file: their errors point there. */
  locate?: SpecLocator;
  /** YYYY-MM-DD for a spec without a date (default: today on the local calendar). */
  today?: string;
  /** Where the spec's field values came from, so a bad one is reported at its line. */
  fieldSources?: FieldSources;
  /** The shaping cache on disk (the CLI's shipped seed); unset, shaping stays in the process's memory. */
  shaping?: ShapingCache;
  /** Where every input (sections, template files, fonts, images) is read from: the disk by default, or the app's unsaved buffers over it. */
  files?: FileProvider;
}

export interface SpecLocator {
  section?: (index: number) => SourceLocation | undefined;
  template?: SourceLocation;
  /** Where a folder of `sectionDirs` is named, by the path as given there. */
  sectionFolder?: (dir: string) => SourceLocation | undefined;
}

export interface BuildResult {
  pdf: Uint8Array;
  /** Pages of the brief (logical pages). */
  pageCount: number;
  /** Pages of `pdf`: the sheet sides of every copy when `options.handout` imposes the brief, else pageCount. */
  sheetCount: number;
  warnings: BriefWarning[];
  outline: { title: string; level: number; page: number }[];
  /** The brief markup the template produced (shown by `--markup` and the template editor). */
  markup: string;
  /** What the build read, so a face never writes its output over one of them. */
  inputs: BuildInputs;
}

/** Everything a build knows before typesetting: the typesetter's input and what the rest of the build needs. */
export interface PreparedBrief {
  spec: DatedBriefSpec;
  sections: Section[];
  template: LoadedTemplate;
  pdfStandard: PdfStandard;
  markup: string;
  typesetInput: TypesetInput;
  /** Library and coverage warnings (typesetting adds its own). */
  warnings: BriefWarning[];
}

/** The stages before typesetting: spec → sections → template → markup → document model (and the coverage check). */
export async function prepareBrief(undated: BriefSpec, options: BuildOptions = {}): Promise<PreparedBrief> {
  const spec = withBuildDate(undated, options.today);
  const files = options.files ?? diskFiles;
  if (options.shaping) applyShapingCache(options.shaping);
  // Only the sections this brief uses are parsed from the built-in library.
  const library = await loadSectionLibrary({ builtInDir: builtInSectionsDir(), userDirs: options.sectionDirs ?? [], files, only: spec.sections, locateFolder: options.locate?.sectionFolder });
  const picked = pickSections(library, spec.sections, options.locate?.section);
  const template = await loadTemplate(spec.template, { builtInDir: builtInTemplatesDir(), userDirs: options.templateDirs ?? [], refLocation: options.locate?.template, files });
  // A bilingual brief shows the glossary's Japanese forms beside the English (coverage checks see the same text).
  const sections = (spec.options.bilingual ?? template.manifest.bilingual) ? bilingualSections(picked, loadGlossary()) : picked;
  options.signal?.throwIfAborted();

  const pdfStandard = spec.options.pdfStandard !== 'none' ? spec.options.pdfStandard : (template.manifest.pdfStandard ?? 'none');
  const fields = resolveBriefFields(spec, template, options.fieldSources, files);
  const { context, markup } = fillTemplate(spec, sections, template, fields, options.limits);
  const parsed = parseTemplateOutput(markup, template, spec.lang);
  const mark = template.manifest.portionMarks ? spec.options.portionMark : undefined;
  const sectionMarks = new Map(sections.flatMap((s) => (s.portionMark ? [[s.id, s.portionMark] as const] : [])));
  const markOptions = { parts: template.manifest.portionMarkParts, sectionMarks };
  // Images a section body draws come from that section's folder; the template's own, from its folder, checked before anything is typeset.
  const withImages = attachSectionImages(parsed, sections);
  assertTemplateImages(withImages, template, files);
  const model = mark ? { ...withImages, blocks: applyPortionMarks(withImages.blocks, mark, markOptions) } : withImages;
  const leftOut = contentLeftOutKept({ templateId: template.id, sections, sourceTitles: context.sources.map((s) => s.title), model: parsed }, `${spec.lang}\u0000${markup}`);
  options.signal?.throwIfAborted();

  const typesetInput: TypesetInput = {
    model,
    info: documentInfo(spec, sections.map((s) => s.tags).flat()),
    manifest: template.manifest,
    templateDir: template.dir,
    resolveAsset: (path) => template.resolveAsset(path),
    files,
    maxPages: options.maxPages,
    signal: options.signal,
    sectionLangs: new Map(sections.flatMap((s) => (s.lang ? [[s.id, s.lang] as const] : []))),
    pdfStandard,
    locateCharacters: sectionCharacterLocator(sections),
  };
  return { spec, sections, template, pdfStandard, markup, typesetInput, warnings: [...library.warnings, ...sectionBodyWarnings(picked), ...headingRankWarnings(parsed, sections), ...leftOut] };
}

export async function buildBrief(undated: BriefSpec, options: BuildOptions = {}): Promise<BuildResult> {
  const { spec, sections, template, pdfStandard, markup, typesetInput, warnings: before } = await prepareBrief(undated, options);
  const model = typesetInput.model;
  const result = await typeset(typesetInput);
  // Install time only: the built-in content just shaped becomes the shipped seed.
  if (options.shaping && 'recordDir' in options.shaping) saveShapingSeed();
  const inputs = { files: sections.map((s) => s.file), folders: [template.dir] };
  // Handout imposition is a stage after the PDF bytes: finished pages placed on sheets.
  const handout = spec.options.handout;
  // Loaded only for handouts: pdf-lib stays out of the preview worker's start-up.
  const sheets = handout
    ? await (await import('./handout/impose-pdf.js')).imposeHandout(result.pdf, {
        ...handout,
        paper: handout.paper ?? (template.manifest.page.size === 'A4' ? 'a4' : 'letter'),
        outline: result.outline,
        pdfStandard,
      })
    : undefined;
  // Once per kept model: an unchanged brief's model is the same object as last time.
  const marks = derivedFrom(model, `marking\u0000${spec.classification}`, () => marksAboveBanner(model.blocks, spec.classification));
  // Located afresh each build: a kept model outlives the lines of its sections (a line added above a mark).
  const locateMark = sectionMarkLocator(sections);
  const marking = marks.map((found) => markingWarning(found, spec.classification, found.sectionId === undefined ? undefined : locateMark(found.sectionId, found.mark)));
  const warnings = [...before, ...standardWarnings(pdfStandard, sheets !== undefined && sheets.pdf !== result.pdf), ...marking, ...result.warnings];
  return { ...result, pdf: sheets?.pdf ?? result.pdf, sheetCount: sheets?.sheetCount ?? result.pageCount, warnings, markup, inputs };
}

/**
 * The template's output as a document model. A markup mistake is reported at
 * the line of brief.hbs (or a partial) that wrote it when that line can be
 * told (output-origin.ts), else at its line in the output.
 */
function parseTemplateOutput(markup: string, template: LoadedTemplate, lang: string | undefined): DocumentModel {
  const file = `${template.id} (template output)`;
  try {
    return parseMarkupKept(markup, { file, lang });
  } catch (error) {
    const line = error instanceof BriefError && error.location?.file === file ? error.location.line : undefined;
    const origin = line === undefined ? undefined : template.originOf(lineOfText(markup, line));
    if (!origin || !(error instanceof BriefError)) throw error;
    throw new BriefError(error.code, `${error.message} (line ${line} of the template's output)`, { location: origin, field: error.field, cause: error });
  }
}

/**
 * Imposed handout sheets are new pages built from the brief's pages: they keep
 * its PDF/A part (sheet-pdfa.ts) but not its structure tree, so PDF/A-2a sheets
 * are PDF/A-2u. Say so rather than let the user believe the sheets are tagged.
 */
function standardWarnings(pdfStandard: PdfStandard, imposed: boolean): BriefWarning[] {
  if (!imposed || pdfStandard !== 'PDF/A-2a') return [];
  return [{ code: 'OPTION_NOT_SUPPORTED', message: "PDF/A-2a (the brief's PDF standard, or its template's): handout sheets are not tagged, so they are PDF/A-2u rather than PDF/A-2a; build the brief without a handout layout for the tagged archival copy." }];
}

/** Classification authority and CUI designation indicator lines, from the spec. */
function authorityBlock(spec: BriefSpec): string[] | undefined {
  const lines: string[] = [];
  const cab = spec.classificationAuthority;
  if (cab) {
    lines.push(`Classified By: ${cab.classifiedBy}`);
    if (cab.reason) lines.push(`Reason: ${cab.reason}`);
    if (cab.derivedFrom) lines.push(`Derived From: ${cab.derivedFrom}`);
    lines.push(`Declassify On: ${cab.declassifyOn}`);
  }
  const cui = spec.cuiDesignation;
  if (cui) {
    cui.controlledBy.forEach((by) => lines.push(`Controlled by: ${by}`));
    lines.push(`CUI Category: ${cui.category}`);
    if (cui.distribution) lines.push(`Distribution/Dissemination Control: ${cui.distribution}`);
    if (cui.poc) lines.push(`POC: ${cui.poc}`);
  }
  return lines.length > 0 ? lines : undefined;
}

function documentInfo(spec: DatedBriefSpec, tags: string[]): DocumentInfo {
  return {
    title: spec.title,
    subtitle: spec.subtitle,
    author: spec.author,
    subject: spec.subtitle ?? spec.title,
    keywords: [...new Set(tags)],
    date: spec.date,
    classification: spec.classification,
    lang: spec.lang ?? 'en-US',
    authorityBlock: authorityBlock(spec),
  };
}
