/**
 * The brief's values for its template's fields, checked against the
 * declarations, with problems shown where the writer gave the value: the
 * spec's line, the command line, or (for a required field nobody gave) the
 * template's declaration.
 */
import { join } from 'node:path';
import type { SourceLocation } from './errors.js';
import { diskFiles, type FileProvider } from './file-provider.js';
import { MAX_TEXT_BYTES } from './read-input.js';
import type { BriefSpec } from './spec-schema.js';
import type { TemplateManifest } from './template-manifest.js';
import { resolveFieldValues, type FieldValue } from './template/fields.js';
import { locateField, locateKeyOf } from './yaml-load.js';

export interface FieldSources {
  /** The spec file the values came from, if any. */
  specFile?: string;
  /** Names given with --field on the command line (they win over the spec's). */
  commandLineFields?: readonly string[];
}

export function resolveBriefFields(
  spec: BriefSpec,
  template: { id: string; dir: string; manifest: TemplateManifest },
  sources: FieldSources = {},
  files: FileProvider = diskFiles,
): Record<string, FieldValue> {
  const readQuietly = (file: string): string | undefined => {
    try {
      return files.readFileSync(file, { maxBytes: MAX_TEXT_BYTES }).toString('utf8');
    } catch {
      return undefined;
    }
  };
  const specText = sources.specFile ? readQuietly(sources.specFile) : undefined;
  const manifestFile = join(template.dir, 'template.yaml');
  const locateIn = (file: string, text: string | undefined, path: (string | number)[]): SourceLocation | undefined => {
    if (text === undefined) return undefined;
    const { line, column } = locateField(text.replace(/^\uFEFF/, ''), path);
    return { file, line, column };
  };
  const locateName = (file: string, text: string, name: string): SourceLocation => {
    const { line, column } = locateKeyOf(text.replace(/^\uFEFF/, ''), ['fields'], name);
    return { file, line, column };
  };
  const specHasFields = specText !== undefined && /^fields\s*:/m.test(specText);
  return resolveFieldValues(template.manifest.fields, spec.fields, template.id, {
    given: (name) => {
      if (name !== undefined && sources.commandLineFields?.includes(name)) return { file: 'command line' };
      if (!specHasFields || !sources.specFile) return undefined;
      return name === undefined ? locateIn(sources.specFile, specText, ['fields']) : locateName(sources.specFile, specText, name);
    },
    declared: (name) => {
      const index = template.manifest.fields.findIndex((field) => field.name === name);
      return locateIn(manifestFile, readQuietly(manifestFile), ['fields', index]) ?? { file: manifestFile };
    },
  });
}
