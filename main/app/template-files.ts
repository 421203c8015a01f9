/**
 * The files of a template the editor may open and save: template.yaml,
 * brief.hbs and the partials. Every path the page sends goes through the
 * engine's confinement before anything is opened, so `..`, absolute paths
 * and links out of the folder are refused with the engine's own message.
 */
import { lstat, mkdir, stat } from 'node:fs/promises';
import { BriefError, confinedPath, listPartialFiles, readInputText, writeFileAtomic } from '../engine/index.js';
import { dirname } from 'node:path';
import { PRIVATE_FILE, PRIVATE_FOLDER } from './json-store.js';
import { MAX_TEMPLATE_FILE_CHARS, type TemplateFileEntry, type TemplateFileKind } from '../shared/ipc-contract.js';

/** What kind of file an editable path is, or undefined when the editor does not open it. */
export function editableKind(path: string): TemplateFileKind | undefined {
  if (path === 'template.yaml') return 'yaml';
  if (path === 'brief.hbs') return 'handlebars';
  // Folders and names of partials: no hidden files, no control characters, no backslashes.
  if (/^partials\/(?:[^/\\.\p{Cc}][^/\\\p{Cc}]*\/)*[^/\\.\p{Cc}][^/\\\p{Cc}]*\.hbs$/u.test(path)) return 'handlebars';
  return undefined;
}

/** The editable files of the template at `root` (a real path), in the order the editor lists them. */
export function listEditableFiles(root: string): TemplateFileEntry[] {
  const partials = listPartialFiles(root, () => undefined)
    .map((partial) => `partials/${partial.name}.hbs`)
    .filter((path) => editableKind(path) !== undefined);
  return [
    { path: 'template.yaml', kind: 'yaml' },
    { path: 'brief.hbs', kind: 'handlebars' },
    ...partials.map((path): TemplateFileEntry => ({ path, kind: 'handlebars' })),
  ];
}

/** The real path of an editable file inside `root`, after the engine's confinement check. */
export function editablePath(root: string, path: string): string {
  const real = confinedPath(root, path, 'Template file');
  if (!editableKind(path.replace(/\\/g, '/'))) {
    throw new BriefError('TEMPLATE_CONFINEMENT', `\`${path}\` is not a template file the editor opens (template.yaml, brief.hbs or partials/….hbs).`);
  }
  return real;
}

export async function readEditableFile(root: string, path: string): Promise<string> {
  const file = editablePath(root, path);
  let info;
  try {
    info = await stat(file);
  } catch {
    // brief.hbs or template.yaml may be missing in a broken template: the editor starts it empty.
    return '';
  }
  if (!info.isFile()) throw new BriefError('IO', `${path} is not a file.`, { location: { file } });
  if (info.size > MAX_TEMPLATE_FILE_CHARS * 4) throw new BriefError('IO', `${path} is too large to edit here.`, { location: { file } });
  const text = await readInputText(file, { what: 'template file' });
  if (text.length > MAX_TEMPLATE_FILE_CHARS) throw new BriefError('IO', `${path} is too large to edit here.`, { location: { file } });
  return text;
}

export async function writeEditableFile(root: string, path: string, text: string): Promise<void> {
  const file = editablePath(root, path);
  const existing = await lstat(file).catch(() => undefined);
  if (existing?.isDirectory()) throw new BriefError('OUTPUT_UNWRITABLE', `${path} is a folder.`, { location: { file } });
  // A new partial may need its folder; the folders on the way were confined above.
  await mkdir(dirname(file), { recursive: true, mode: PRIVATE_FOLDER });
  await writeFileAtomic(file, text, { mode: PRIVATE_FILE });
}
