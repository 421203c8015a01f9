/**
 * The pipeline, one stage per module:
 * spec → sections → template → markup → document model → typeset → PDF bytes.
 */
import { resolveBriefFields, type FieldSources } from './brief-fields.js';
import { contentLeftOut } from './content-coverage.js';
import type { BriefWarning } from './errors.js';
import { parseMarkup } from './markup.js';
import type { BuildInputs } from './output-guard.js';
import type { DocumentInfo } from './model.js';
import { applyPortionMarks } from './portion-marks.js';
import { builtInSectionsDir, builtInTemplatesDir } from './paths.js';
import { loadSectionLibrary, pickSections } from './sections.js';
import { withBuildDate, type BriefSpec, type DatedBriefSpec } from './spec-schema.js';
import { buildTemplateContext, loadTemplate, type RenderLimits } from './template/index.js';
import { typeset } from './typeset/index.js';

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
  /** YYYY-MM-DD for a spec without a date (default: today on the local calendar). */
  today?: string;
  /** Where the spec's field values came from, so a bad one is reported at its line. */
  fieldSources?: FieldSources;
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

export async function buildBrief(undated: BriefSpec, options: BuildOptions = {}): Promise<BuildResult> {
  const spec = withBuildDate(undated, options.today);
  const library = await loadSectionLibrary({ builtInDir: builtInSectionsDir(), userDirs: options.sectionDirs ?? [] });
  const sections = pickSections(library, spec.sections);
  const template = await loadTemplate(spec.template, { builtInDir: builtInTemplatesDir(), userDirs: options.templateDirs ?? [] });
  options.signal?.throwIfAborted();

  const fields = resolveBriefFields(spec, template, options.fieldSources);
  const context = buildTemplateContext(spec, sections, template, fields);
  const markup = template.renderMarkup(context, options.limits);
  const parsed = parseMarkup(markup, { file: `${template.id} (template output)` });
  const mark = template.manifest.portionMarks ? spec.options.portionMark : undefined;
  const model = mark ? { blocks: applyPortionMarks(parsed.blocks, mark) } : parsed;
  const leftOut = contentLeftOut({ templateId: template.id, sections, sourceTitles: context.sources.map((s) => s.title), model: parsed });
  options.signal?.throwIfAborted();

  const result = await typeset({
    model,
    info: documentInfo(spec, sections.map((s) => s.tags).flat()),
    manifest: template.manifest,
    templateDir: template.dir,
    resolveAsset: (path) => template.resolveAsset(path),
    maxPages: options.maxPages,
    signal: options.signal,
  });
  const inputs = { files: sections.map((s) => s.file), folders: [template.dir] };
  // Handout imposition is a stage after the PDF bytes: finished pages placed on sheets.
  const handout = spec.options.handout;
  // Loaded only for handouts: pdf-lib stays out of the preview worker's start-up.
  const sheets = handout
    ? await (await import('./handout/impose-pdf.js')).imposeHandout(result.pdf, { ...handout, paper: handout.paper ?? (template.manifest.page.size === 'A4' ? 'a4' : 'letter'), outline: result.outline })
    : undefined;
  const warnings = [...library.warnings, ...leftOut, ...unsupportedOptions(spec), ...result.warnings];
  return { ...result, pdf: sheets?.pdf ?? result.pdf, sheetCount: sheets?.sheetCount ?? result.pageCount, warnings, markup, inputs };
}

/**
 * Options the spec format already carries but this version does not act on
 * yet: say so rather than let the user believe the PDF has them.
 */
function unsupportedOptions(spec: BriefSpec): BriefWarning[] {
  const warnings: BriefWarning[] = [];
  const { pdfStandard } = spec.options;
  if (pdfStandard !== 'none') {
    warnings.push({ code: 'OPTION_NOT_SUPPORTED', message: `options.pdfStandard: ${pdfStandard} output is not available yet; the file is a standard PDF 1.7.` });
  }
  return warnings;
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
    lang: 'en-US',
  };
}
