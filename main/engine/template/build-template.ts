/**
 * Reading and compiling one template folder: template.yaml, brief.hbs and
 * partials/**.hbs. Everything is checked before anything runs, and every
 * problem found is kept (an editor shows them all), so a folder either
 * builds into a render function or yields a list of diagnostics.
 */
import Handlebars from 'handlebars';
import { buildMemosEnabled } from '../build-memos.js';
import { BriefError } from '../errors.js';
import { diskFiles, readText, type FileProvider } from '../file-provider.js';
import { templateManifestSchema, type TemplateManifest } from '../template-manifest.js';
import { pageGeometry } from '../typeset/page-geometry.js';
import { everyProblem, locateField, parseYamlWithSchema, plainYaml } from '../yaml-load.js';
import { analyzeTemplate } from './analyze.js';
import { confinedPath, listPartialFiles, partialFilesWithoutLinks, type PartialFile } from './confine.js';
import { errorDiagnostic, type TemplateDiagnostic } from './diagnostics.js';
import { COMPILE_OPTIONS, compileFile, createTemplateEnvironment, registerPartial, type RenderState } from './handlebars-env.js';
import { recordTemplateCode, seededTemplateCode } from '../yaml-seed.js';
import { RenderBudget, type RenderLimits } from './limits.js';
import { unknownFontFamilies } from './font-families.js';
import { checkManifestFiles, yamlLocator } from './manifest-files.js';
import { parseTemplate, syntaxError } from './parse.js';
import { plainCopy, samePlainData, type PlainData } from './plain-data.js';
import { checkTemplatePaths } from './path-check.js';
import { runInFile, toRenderError } from './render-errors.js';
import type { TemplateSource } from './output-origin.js';

export const MANIFEST_FILE = 'template.yaml';
export const MAIN_FILE = 'brief.hbs';

export interface TemplateBuild {
  /** Real path of the template folder. */
  root: string;
  manifest?: TemplateManifest;
  /** Errors first, then warnings; empty when all is well. */
  diagnostics: TemplateDiagnostic[];
  /** Present when there are no errors. */
  render?: (context: unknown, limits?: RenderLimits) => string;
  /** brief.hbs and the partials as read: an error in the output is traced back to them (output-origin.ts). */
  sources?: readonly TemplateSource[];
}

interface SourceFile {
  file: string;
  source: string;
  ast?: hbs.AST.Program;
}

export async function buildTemplate(root: string, files: FileProvider = diskFiles): Promise<TemplateBuild> {
  const diagnostics: TemplateDiagnostic[] = [];
  const report = (error: unknown): void => {
    diagnostics.push(errorDiagnostic(error));
  };

  const manifest = await readManifest(root, diagnostics, report, files);
  const main = await readSource(root, MAIN_FILE, report, files);
  const partialFiles = listPartialFiles(root, report, files);
  const partials = await Promise.all(partialFiles.map(async (partial) => ({ ...partial, ...(await readPartial(partial, report, files)) })));

  const partialNames = new Set(partialFiles.map((p) => p.name));
  for (const unit of [main, ...partials]) {
    if (!unit?.ast) continue;
    diagnostics.push(...analyzeTemplate(unit.ast, { file: unit.file, partials: partialNames }));
  }
  // Every name read anywhere, against the documented context and the declared fields.
  if (manifest && main?.ast && !diagnostics.some((d) => d.severity === 'error')) {
    const units = new Map(partials.flatMap((p) => (p.ast && p.file ? [[p.name, { file: p.file, ast: p.ast }] as const] : [])));
    diagnostics.push(...checkTemplatePaths({ file: main.file, ast: main.ast }, units, manifest));
  }
  // Compile-time errors (beyond parsing) surface now rather than at first render;
  // the compiled code is kept, so rendering does not compile the file again.
  const compiled = new Map<string, string>();
  for (const unit of [main, ...partials]) {
    if (!unit?.ast || unit.file === undefined || unit.source === undefined) continue;
    try {
      // The built-in templates come compiled with the command line (yaml-seed.ts).
      const code = seededTemplateCode(unit.source) ?? (Handlebars.precompile(unit.ast, { ...COMPILE_OPTIONS }) as string);
      recordTemplateCode(unit.file, unit.source, code);
      compiled.set(unit.file, code);
    } catch (error) {
      report(syntaxError(error, unit.file));
    }
  }

  const hasErrors = diagnostics.some((d) => d.severity === 'error');
  if (hasErrors || !manifest || !main) return { root, manifest, diagnostics: sortDiagnostics(diagnostics) };

  const state: RenderState = {};
  const env = createTemplateEnvironment(manifest, state);
  for (const partial of partials) {
    const code = compiled.get(partial.file);
    if (code !== undefined) registerPartial(env, partial.name, compileFile(env, code, partial.file), state);
  }
  const renderMain = compileFile(env, compiled.get(main.file)!, main.file);

  // The last output, by its data and limits: the helpers are pure, so the same
  // data fills the template in the same way (a preview re-rendering an unchanged brief).
  let last: { limits: string; data: PlainData; out: string } | undefined;
  const render = (context: unknown, limits?: RenderLimits): string => {
    const budget = new RenderBudget(limits);
    state.budget = budget;
    try {
      // Only plain data reaches the template: no functions, no prototypes of our making (as a JSON round trip gives).
      const data = plainCopy(context ?? {});
      const limitsKey = JSON.stringify(limits ?? {});
      if (last && buildMemosEnabled() && last.limits === limitsKey && samePlainData(last.data, data)) return last.out;
      const out = runInFile(main.file, () => budget.measure(() => renderMain(plainCopy(data))));
      budget.checkOutput(out.length);
      last = { limits: limitsKey, data, out };
      return out;
    } catch (error) {
      throw toRenderError(error, main.file);
    } finally {
      state.budget = undefined;
    }
  };
  const sources = [main, ...partials].flatMap((unit) => (unit?.file !== undefined && unit.source !== undefined ? [{ file: unit.file, source: unit.source }] : []));
  return { root, manifest, diagnostics: sortDiagnostics(diagnostics), render, sources };
}

async function readManifest(root: string, diagnostics: TemplateDiagnostic[], report: (e: unknown) => void, files: FileProvider): Promise<TemplateManifest | undefined> {
  const loaded = await readSource(root, MANIFEST_FILE, report, files, false);
  if (!loaded) return undefined;
  let manifest: TemplateManifest;
  try {
    manifest = parseYamlWithSchema(loaded.source, loaded.file, templateManifestSchema, { code: 'TEMPLATE_INVALID', what: MANIFEST_FILE });
  } catch (error) {
    for (const problem of everyProblem(error)) report(problem);
    // The schema's problems do not hide an unknown font family: all are fixed in one pass.
    if (error instanceof BriefError && error.code === 'TEMPLATE_INVALID') diagnostics.push(...unknownFontFamilies(plainYaml(loaded.source), yamlLocator(loaded.source, loaded.file)));
    return undefined;
  }
  diagnostics.push(...checkManifestFiles(root, manifest, loaded.source, loaded.file, files));
  try {
    pageGeometry(manifest); // margins (and a notes column) must leave room for text
  } catch (error) {
    if (!(error instanceof BriefError)) throw error;
    const field = manifest.notes.enabled && manifest.notes.width > 0 ? ['notes', 'width'] : ['page', 'margins'];
    report(new BriefError(error.code, error.message, { location: { file: loaded.file, ...locateField(loaded.source, field) }, field: field.join('.') }));
    return undefined;
  }
  return manifest;
}

/** A file at the top of the template folder, read only once it is known to be inside. */
async function readSource(root: string, name: string, report: (e: unknown) => void, files: FileProvider, parse = true): Promise<SourceFile | undefined> {
  let file: string;
  try {
    file = confinedPath(root, name, 'Template file', files);
  } catch (error) {
    report(error);
    return undefined;
  }
  let source: string;
  try {
    source = await readText(files, file, { what: 'template file' });
  } catch (error) {
    if (error instanceof BriefError) {
      report(error);
      return undefined;
    }
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    report(
      new BriefError('TEMPLATE_INVALID', missing ? `The template folder has no ${name}.` : `${name} cannot be read: ${(error as Error).message}`, {
        location: { file },
      }),
    );
    return undefined;
  }
  return parse ? parseUnit(file, source, report) : { file, source };
}

async function readPartial(partial: PartialFile, report: (e: unknown) => void, files: FileProvider): Promise<Partial<SourceFile>> {
  let source: string;
  try {
    source = await readText(files, partial.file, { what: 'partial' });
  } catch (error) {
    if (error instanceof BriefError) {
      report(error);
      return {};
    }
    report(new BriefError('IO', `Partial ${partial.name} cannot be read: ${(error as Error).message}`, { location: { file: partial.file } }));
    return {};
  }
  return parseUnit(partial.file, source, report);
}

function parseUnit(file: string, source: string, report: (e: unknown) => void): SourceFile {
  try {
    return { file, source, ast: parseTemplate(source, file) };
  } catch (error) {
    report(error);
    return { file, source };
  }
}

function sortDiagnostics(diagnostics: TemplateDiagnostic[]): TemplateDiagnostic[] {
  const rank = (d: TemplateDiagnostic): number => (d.severity === 'error' ? 0 : 1);
  return [...diagnostics].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.location?.file ?? '').localeCompare(b.location?.file ?? '') ||
      (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
      (a.location?.column ?? 0) - (b.location?.column ?? 0),
  );
}

/** Files whose change means the folder must be rebuilt, with their modification times. */
export function templateSignature(root: string, files: FileProvider = diskFiles): Promise<string> {
  const paths = [`${root}/${MANIFEST_FILE}`, `${root}/${MAIN_FILE}`];
  try {
    paths.push(...(partialFilesWithoutLinks(root, files) ?? listPartialFiles(root, () => undefined, files).map((p) => p.file)));
  } catch {
    // A broken partials folder shows up as a diagnostic when building.
  }
  // Synchronous: a handful of stats, each cheaper than a trip through the thread pool (this runs on every render).
  const parts = paths.map((file) => {
    try {
      const info = files.statSync(file);
      return info ? `${file}:${info.mtimeMs}:${info.size}` : `${file}:missing`;
    } catch {
      return `${file}:missing`;
    }
  });
  return Promise.resolve(parts.join('\n'));
}
