/**
 * Finding a template by id or path and handing out a ready-to-render
 * LoadedTemplate. Compiled folders are cached by the modification times of
 * their files, so the live preview does not recompile an unchanged template.
 */
import { basename, join, resolve } from 'node:path';
import { diskFiles, readText, type FileProvider } from '../file-provider.js';
import type { FieldDeclaration } from './fields.js';
import { BriefError, formatLocation, type SourceLocation } from '../errors.js';
import { isTemplateId, isTemplatePath } from '../ids.js';
import { templateManifestSchema, type TemplateManifest } from '../template-manifest.js';
import { parseYamlWithSchema } from '../yaml-load.js';
import { buildTemplate, MAIN_FILE, MANIFEST_FILE, templateSignature, type TemplateBuild } from './build-template.js';
import { confinedPath, decodePath, isInside } from './confine.js';
import type { TemplateContext } from './context.js';
import { diagnosticToError } from './diagnostics.js';
import { didYouMean } from './suggest.js';
import type { RenderLimits } from './limits.js';
import { outputLineOrigin } from './output-origin.js';
import { templateImagePlace } from './template-images.js';

export interface LoadTemplateOptions {
  /** Folder holding the built-in templates (one sub-folder each). */
  builtInDir: string;
  /** Users' template folders, searched before the built-ins, in order. */
  userDirs?: string[];
  /** Where the template was named (a spec's `template:` line): an unknown template is reported there. */
  refLocation?: SourceLocation;
  /** Where the template's files are read from (default: the disk). */
  files?: FileProvider;
}

export interface LoadedTemplate {
  /** Folder name. */
  id: string;
  /** Real path of the template folder. */
  dir: string;
  builtIn: boolean;
  manifest: TemplateManifest;
  /** Fill in brief.hbs; throws BriefError TEMPLATE_RENDER or TEMPLATE_LIMIT. */
  renderMarkup(context: TemplateContext, limits?: RenderLimits): string;
  /** Real path of a file inside the template folder; throws TEMPLATE_CONFINEMENT for anything outside. */
  resolveAsset(relativePath: string): string;
  /** The line of brief.hbs or a partial that wrote this line of output, when one alone could have (output-origin.ts). */
  originOf(outputLine: string): SourceLocation | undefined;
  /** Where brief.hbs or a partial names the image `src` (template-images.ts). */
  placeOfImage(src: string): SourceLocation;
}

export interface TemplateListing {
  id: string;
  dir: string;
  builtIn: boolean;
}

const cache = new Map<string, { signature: string; build: TemplateBuild }>();

export async function loadTemplate(ref: string, options: LoadTemplateOptions): Promise<LoadedTemplate> {
  const files = options.files ?? diskFiles;
  const found = await findTemplate(ref, options, files);
  const build = await cachedBuild(found.dir, files);
  const firstError = build.diagnostics.find((d) => d.severity === 'error');
  if (firstError || !build.render || !build.manifest) {
    if (!firstError) throw new BriefError('TEMPLATE_INVALID', `Template ${found.id} could not be built.`);
    // Every problem at once, so a writer fixes them in one pass rather than one build at a time.
    const others = build.diagnostics.filter((d) => d.severity === 'error' && d !== firstError);
    const first = diagnosticToError(firstError);
    if (!others.length) throw first;
    const more = others.map((d) => `\n  also ${formatLocation(d.location) || found.id}: ${d.message}`).join('');
    throw new BriefError(first.code, `${first.message}${more}`, first.location ? { location: first.location } : {});
  }
  const render = build.render;
  const root = build.root;
  return {
    id: found.id,
    dir: root,
    builtIn: found.builtIn,
    manifest: build.manifest,
    renderMarkup: (context, limits) => render(context, limits),
    resolveAsset: (relativePath) => confinedPath(root, decodePath(relativePath), 'Asset path', files),
    originOf: (outputLine) => outputLineOrigin(build.sources ?? [], outputLine),
    placeOfImage: (src) => templateImagePlace(build.sources ?? [], src, { file: join(root, MAIN_FILE) }),
  };
}

/** Build a folder, or reuse the last build if none of its files changed. */
export async function cachedBuild(dir: string, files: FileProvider = diskFiles): Promise<TemplateBuild> {
  const root = files.realpathSync(dir);
  const signature = await templateSignature(root, files);
  const cached = cache.get(root);
  if (cached && cached.signature === signature) return cached.build;
  const build = await buildTemplate(root, files);
  if (build.render) cache.set(root, { signature, build });
  else cache.delete(root);
  return build;
}

async function findTemplate(ref: string, options: LoadTemplateOptions, files: FileProvider): Promise<TemplateListing> {
  if (isTemplatePath(ref)) {
    const builtInRoot = safeRealpath(options.builtInDir, files);
    const dir = resolve(ref);
    if (!exists(join(dir, MANIFEST_FILE), files)) {
      throw new BriefError('TEMPLATE_UNKNOWN', `No template at ${dir}: a template folder holds ${MANIFEST_FILE} and brief.hbs.`, { location: options.refLocation ?? { file: dir } });
    }
    const real = files.realpathSync(dir);
    return { id: basename(real), dir: real, builtIn: builtInRoot !== undefined && isInside(builtInRoot, real) };
  }
  const found = findTemplateById(ref, { ...options, files });
  if (found) return found;
  const ids = [...new Set((await templateFolders(options, files)).map((t) => t.id))].sort();
  throw new BriefError(
    'TEMPLATE_UNKNOWN',
    `Unknown template \`${ref}\`${didYouMean(ref, ids)}. ${ids.length ? `Templates available: ${ids.join(', ')}.` : 'No templates were found.'}`,
    { location: options.refLocation },
  );
}

/**
 * The lookup order, written once: the template `id` in the users' folders
 * (in order), then among the built-ins. undefined when there is none (or
 * `id` is not a template id).
 */
export function findTemplateById(id: string, options: LoadTemplateOptions): TemplateListing | undefined {
  if (!isTemplateId(id)) return undefined;
  const files = options.files ?? diskFiles;
  for (const [dir, builtIn] of searchOrder(options)) {
    const candidate = join(dir, id);
    if (exists(join(candidate, MANIFEST_FILE), files)) return { id, dir: candidate, builtIn };
  }
  return undefined;
}

export interface TemplateSummary extends TemplateListing {
  name: string;
  description: string;
  /** Fields the template declares (template.yaml `fields:`). */
  fields: FieldDeclaration[];
}

export interface TemplateList {
  /** Users' templates first; an id may appear twice (a user's copy shadows the built-in: the faces list the first). */
  templates: TemplateSummary[];
  /** Folders that look like templates but whose template.yaml is broken. */
  problems: BriefError[];
}

/** Every template folder with its name and description, for pickers and `brief-studio list templates`. */
export async function listTemplates(options: LoadTemplateOptions): Promise<TemplateList> {
  const files = options.files ?? diskFiles;
  const templates: TemplateSummary[] = [];
  const problems: BriefError[] = [];
  for (const folder of await templateFolders(options, files)) {
    try {
      const file = confinedPath(files.realpathSync(folder.dir), MANIFEST_FILE, 'Template file', files);
      const manifest = parseYamlWithSchema(await readText(files, file, { what: 'template manifest' }), file, templateManifestSchema, { code: 'TEMPLATE_INVALID', what: MANIFEST_FILE });
      templates.push({ ...folder, name: manifest.name, description: manifest.description, fields: manifest.fields });
    } catch (error) {
      problems.push(error instanceof BriefError ? error : new BriefError('IO', `Template ${folder.id} cannot be read: ${String(error)}`, { location: { file: folder.dir } }));
    }
  }
  return { templates, problems };
}

async function templateFolders(options: LoadTemplateOptions, files: FileProvider): Promise<TemplateListing[]> {
  const listing: TemplateListing[] = [];
  for (const [dir, builtIn] of searchOrder(options)) {
    let names: string[];
    try {
      names = await files.listFolder(dir);
    } catch {
      continue; // a user folder that does not exist yet
    }
    for (const name of names.sort()) {
      const kind = files.statSync(join(dir, name), { noFollow: true });
      if (!kind?.isDirectory && !kind?.isSymbolicLink) continue;
      if (exists(join(dir, name, MANIFEST_FILE), files)) listing.push({ id: name, dir: join(dir, name), builtIn });
    }
  }
  return listing;
}

function searchOrder(options: LoadTemplateOptions): [string, boolean][] {
  return [...(options.userDirs ?? []).map((dir): [string, boolean] => [dir, false]), [options.builtInDir, true]];
}

function safeRealpath(path: string, files: FileProvider): string | undefined {
  try {
    return files.realpathSync(path);
  } catch {
    return undefined;
  }
}

/** Something is at `path` (links followed), as existsSync says. */
function exists(path: string, files: FileProvider): boolean {
  try {
    return files.statSync(path) !== undefined;
  } catch {
    return false;
  }
}

