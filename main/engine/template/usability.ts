/**
 * Whether a template folder whose template.yaml reads can be used: its files
 * are compiled (and the build cached, as a brief's build would), but no
 * brief is filled in, so a listing stays quick. The reason it cannot is the
 * first error a build with it would stop at (a brief.hbs that does not
 * compile, a partial that is not there, a header image that is missing).
 */
import { basename } from 'node:path';
import { BriefError } from '../errors.js';
import { diskFiles, type FileProvider } from '../file-provider.js';
import { diagnosticToError } from './diagnostics.js';
import { cachedBuild } from './load-template.js';

export async function whyTemplateUnusable(dir: string, files: FileProvider = diskFiles): Promise<BriefError | undefined> {
  let build;
  try {
    build = await cachedBuild(dir, files);
  } catch (error) {
    return error instanceof BriefError ? error : new BriefError('IO', `Template ${basename(dir)} cannot be read: ${error instanceof Error ? error.message : String(error)}`, { location: { file: dir } });
  }
  const firstError = build.diagnostics.find((d) => d.severity === 'error');
  if (firstError) return diagnosticToError(firstError);
  return build.render ? undefined : new BriefError('TEMPLATE_INVALID', `Template ${basename(dir)} could not be built.`, { location: { file: dir } });
}
