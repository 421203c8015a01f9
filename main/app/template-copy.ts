/**
 * Copying a template folder under a new id. The copy is assembled in a
 * hidden staging folder beside its final place and renamed into place in
 * one step, template.yaml last, so the template list (and the folder
 * watcher) never sees half a template.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { BriefError, readInputFile, readInputText } from '../engine/index.js';
import { dirname, join } from 'node:path';
import { PRIVATE_FILE, PRIVATE_FOLDER } from './json-store.js';
import { withTemplateName } from './template-manifest-name.js';
import { TemplateTooLarge, walkTemplate } from './template-walk.js';

const MANIFEST_FILE = 'template.yaml';

export interface CopyResult {
  /** Relative paths of the files copied. */
  copied: string[];
  /** Relative paths left behind (links leading out of the folder, special files), each with why. */
  skipped: { path: string; reason: string }[];
}

/**
 * Copy the template at `sourceRoot` (a real path) to `target`, which must not
 * exist, naming the copy `name` in its template.yaml.
 */
export async function copyTemplate(sourceRoot: string, target: string, name: string): Promise<CopyResult> {
  let walk;
  try {
    walk = await walkTemplate(sourceRoot);
  } catch (error) {
    throw new BriefError('IO', error instanceof TemplateTooLarge ? `${error.message} It was not copied.` : `The template could not be read: ${String(error)}`, { cause: error });
  }
  const manifest = walk.files.find((f) => f.path === MANIFEST_FILE);
  if (!manifest) throw new BriefError('TEMPLATE_INVALID', `The template has no ${MANIFEST_FILE} to copy.`);

  const staging = join(dirname(target), `.${randomBytes(6).toString('hex')}.copying`);
  try {
    await mkdir(staging, { recursive: false, mode: PRIVATE_FOLDER });
    for (const file of walk.files) {
      if (file === manifest) continue;
      const destination = join(staging, ...file.path.split('/'));
      await mkdir(dirname(destination), { recursive: true, mode: PRIVATE_FOLDER });
      // Read and write rather than copyFile: built-ins may live inside the app's archive.
      await writeFile(destination, await readInputFile(file.real), { flag: 'wx', mode: PRIVATE_FILE });
    }
    const yaml = await readInputText(manifest.real, { what: 'template manifest' });
    await writeFile(join(staging, MANIFEST_FILE), withTemplateName(yaml, name), { flag: 'wx', mode: PRIVATE_FILE });
    await rename(staging, target);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (error instanceof BriefError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTEMPTY') throw new BriefError('OUTPUT_UNWRITABLE', `${target} already exists; choose another name.`, { cause: error });
    throw new BriefError('OUTPUT_UNWRITABLE', `The copy could not be written to ${dirname(target)}: ${(error as Error).message}`, { cause: error });
  }
  return { copied: walk.files.map((f) => f.path), skipped: walk.skipped };
}
