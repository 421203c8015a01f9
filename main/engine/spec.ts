/**
 * Reading and writing brief specs (`*.brief.yaml`). The app saves the same
 * text the CLI reads, so writing must read back to an equal spec.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Document } from 'yaml';
import { BriefError, type SourceLocation } from './errors.js';
import { diskFiles, readText, type FileProvider } from './file-provider.js';
import { briefOptionsSchema, briefSpecSchema, isTemplatePath, type BriefOptions, type BriefSpec } from './spec-schema.js';
import { locateField, parseYamlWithSchema } from './yaml-load.js';

/** Keys in the order a person reads a brief spec: title block, then what to build. */
export const SPEC_KEY_ORDER = ['title', 'subtitle', 'date', 'author', 'audience', 'classification', 'classificationAuthority', 'cuiDesignation', 'lang', 'template', 'sectionFolders', 'sections', 'fields', 'options'] as const satisfies readonly (keyof BriefSpec)[];

const OPTION_DEFAULTS: BriefOptions = briefOptionsSchema.parse({});

// Editors on Windows may start the file with a byte-order mark; YAML positions
// are counted without it, as editors show them.
const withoutBom = (text: string): string => text.replace(/^\uFEFF/, '');

export function parseSpec(text: string, file: string): BriefSpec {
  // A section file handed over where a spec goes: say what it is, not what YAML makes of its markdown.
  if (/\.(md|markdown)$/i.test(file)) {
    throw new BriefError('SPEC_INVALID', `this is a section file, not a brief spec (a *.brief.yaml file): give its folder with --sections-dir and its id with --sections, or list it in a spec's sections`, { location: { file } });
  }
  return parseYamlWithSchema(withoutBom(text), file, briefSpecSchema, { code: 'SPEC_INVALID', what: 'brief spec' });
}

/** A spec file as read: errors about what it names (a section id, a template) point at its lines. */
export interface SpecSource {
  file: string;
  text: string;
}

export async function loadSpecFile(path: string, files: FileProvider = diskFiles): Promise<BriefSpec> {
  return (await readSpecFile(path, files)).spec;
}

export async function readSpecFile(path: string, files: FileProvider = diskFiles): Promise<{ spec: BriefSpec; source: SpecSource }> {
  let text: string;
  try {
    text = await readText(files, path, { what: 'brief spec' });
  } catch (error) {
    if (error instanceof BriefError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code ?? 'unknown error'})`;
    throw new BriefError('IO', `the brief spec ${path} ${reason}`, { location: { file: path }, cause: error });
  }
  return { spec: parseSpec(text, path), source: { file: path, text } };
}

/**
 * A spec's paths are written from where the spec lives, as a writer reads
 * them (`template: ./house-style` beside the spec), not from wherever the
 * build happens to be started.
 */
export function resolveSpecPaths(spec: BriefSpec, specFile: string): BriefSpec {
  const folder = dirname(resolve(specFile));
  const template = isTemplatePath(spec.template) && !isAbsolute(spec.template) ? resolve(folder, spec.template) : spec.template;
  const sectionFolders = spec.sectionFolders?.map((dir) => resolve(folder, dir));
  return { ...spec, template, ...(sectionFolders ? { sectionFolders } : {}) };
}

/** A tidy YAML document for `spec`: fixed key order, no empty fields, options only where they differ from the defaults. */
export function stringifySpec(spec: BriefSpec): string {
  const out: Record<string, unknown> = {};
  for (const key of SPEC_KEY_ORDER) {
    const value = key === 'options' ? tidyOptions(spec.options) : spec[key];
    if (key === 'fields' && value && Object.keys(value).length === 0) continue;
    if (value !== undefined) out[key] = value;
  }
  // lineWidth 0: never fold long titles across lines, so diffs stay readable.
  return new Document(out).toString({ lineWidth: 0 });
}

function tidyOptions(options: BriefOptions): Record<string, unknown> | undefined {
  const kept: Record<string, unknown> = {};
  for (const key of Object.keys(briefOptionsSchema.shape) as (keyof BriefOptions)[]) {
    const value = options[key];
    if (value !== undefined && !isDeepStrictEqual(value, OPTION_DEFAULTS[key])) kept[key] = value;
  }
  return Object.keys(kept).length ? kept : undefined;
}

/** Where the spec's `template:` value sits, so an unknown template is reported at its line. */
export function specTemplateLocation(text: string, file: string): SourceLocation {
  return specFieldLocation(text, file, ['template']);
}

/** Where `sections[index]` sits in a spec file, so an unknown section id is reported at its line. */
export function specSectionLocation(text: string, file: string, index: number): SourceLocation {
  return specFieldLocation(text, file, ['sections', index]);
}

/** Where `sectionFolders[index]` sits in a spec file, so a folder that cannot be read is reported at its line. */
export function specSectionFolderLocation(text: string, file: string, index: number): SourceLocation {
  return specFieldLocation(text, file, ['sectionFolders', index]);
}

function specFieldLocation(text: string, file: string, path: readonly (string | number)[]): SourceLocation {
  const { line, column } = locateField(withoutBom(text), path);
  return { file, line, column };
}
