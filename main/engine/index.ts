/**
 * The engine's one door: everything the command line (main/cli*.ts,
 * main/print) and the app (main/app) use, nothing from Electron. Each stage
 * lives in its own module; the faces import only this file (eslint.config.js
 * enforces it), so a rule such as an id's syntax or a template's confinement
 * is written once, here below.
 */

// Building a brief: spec → sections → template → markup → model → PDF bytes.
// The typesetter (PDFKit, fontkit, the hyphenation patterns) loads on first use,
// so a face that only lists, checks or saves starts without it.
export type { BuildOptions, BuildResult, SpecLocator } from './render.js';
export type { ShapingCache } from './typeset/shaping-disk-cache.js';
export { removeLegacyShapingCache } from './typeset/shaping-disk-cache.js';

// Where the engine reads every input from: the disk, or unsaved buffers over it.
export { diskFiles, overlayFiles, readText, unreadableFolderError, type FileProvider, type FileInfo, type OverlayEntry } from './file-provider.js';
// Reading a user's file as the engine does (regular files only, size limits), for faces that read one themselves.
export { readInputFile, readInputFileSync, readInputText, MAX_TEXT_BYTES, type ReadInputOptions } from './read-input.js';

// Errors and warnings: a code, a plain sentence and a location.
export { BriefError, toErrorData, formatLocation, SPOOLER_FAILURE_CODES, type BriefErrorCode, type BriefErrorData, type BriefWarning, type SourceLocation } from './errors.js';

// Specs (`*.brief.yaml`).
export { briefSpecSchema, defaultSpec, DEFAULT_SECTIONS, type BriefSpec } from './spec-schema.js';
export { loadSpecFile, readSpecFile, parseSpec, stringifySpec, resolveSpecPaths, specSectionFolderLocation, specSectionLocation, specTemplateLocation, type SpecSource } from './spec.js';
export { MAX_ALIAS_EXPANSIONS } from './yaml-load.js';

// Id rules.
export { isSectionId, isTemplateId, isTemplatePath, SECTION_ID_PATTERN, TEMPLATE_ID_PATTERN } from './ids.js';

// The section library.
export { loadSectionLibrary, parseSectionFile, type SectionLibrary, type SectionLibraryOptions } from './sections.js';
export { listSectionLibrary, type SectionListing } from './section-listing.js';
export type { Section } from './section-schema.js';
export { sectionBodyWarnings } from './section-body-check.js';

// Templates: lookup, listing, checking, and keeping one inside its own folder.
export { loadTemplate, listTemplates, findTemplateById, checkTemplate, whyTemplateUnusable, type LoadedTemplate, type LoadTemplateOptions, type TemplateList, type TemplateListing, type TemplateSummary, type TemplateDiagnostic } from './template/index.js';
export type { FieldDeclaration } from './template/fields.js';
export { confinedPath, isInside, listPartialFiles, type PartialFile } from './template/confine.js';

// Where the program's own files are.
export { builtInSectionsDir, builtInTemplatesDir, hyphenationSeedFile, resourceRoot, shapingSeedDir, userCacheDir, yamlSeedFile } from './paths.js';
export { disableHyphenationSeed, recordHyphenationSeed, saveHyphenationSeed, useHyphenationSeed } from './typeset/hyphenation.js';
export { disableYamlSeed, recordYamlSeed, useYamlSeed } from './yaml-seed.js';

// Writing output: never over an input, never half a file.
export { writeFileAtomic, type WriteOptions } from './write-atomic.js';
export type { BuildInputs } from './output-guard.js';
export { PDF_STANDARDS, type PdfStandard } from './typeset/pdfa.js';

// Handouts: finished pages placed on sheets.
export type { HandoutOptions, HandoutResult } from './handout/impose-pdf.js';
export { HANDOUT_LAYOUTS, type HandoutLayout } from './handout/imposition.js';
export { PAPER_SIZES, type Paper } from './handout/sheet-geometry.js';
export { loadRecipientsFile, parseRecipients } from './handout/recipients.js';

type Render = typeof import('./render.js');

export async function buildBrief(...args: Parameters<Render['buildBrief']>): ReturnType<Render['buildBrief']> {
  return (await loadBuildStages()).buildBrief(...args);
}

/** Load the stages that build a brief now (the render worker does, before it says it is ready). */
export function loadBuildStages(): Promise<Render> {
  return import('./render.js');
}

/** Loaded on first use: pdf-lib stays out of the preview worker's start-up. */
export async function imposeHandout(...args: Parameters<typeof import('./handout/impose-pdf.js').imposeHandout>): ReturnType<typeof import('./handout/impose-pdf.js').imposeHandout> {
  return (await import('./handout/impose-pdf.js')).imposeHandout(...args);
}
export { splitFrontMatter, type FrontMatterParts } from './front-matter.js';
export { describeIssue, everyProblem } from './yaml-load.js';
export { setReuseAcrossBuilds } from './reuse.js';
export { setCooperativePauses } from './typeset/pacer.js';
export { closestName } from './template/suggest.js';
