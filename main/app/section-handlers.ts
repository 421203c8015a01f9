/**
 * The section operations of the IPC contract: open, new, live update (kept
 * in memory for the preview), save, duplicate, rename, delete, and copying
 * an image into a section's folder. Only the user's sections folder is ever
 * written, and only at `<id>.md` and `<id>.assets/` for a valid id; built-in
 * sections are read and copied, never changed. Every outcome comes back as
 * data; nothing is thrown at the page.
 */
import { createHash } from 'node:crypto';
import { cp, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { BriefError, everyProblem, parseSectionFile, readInputFile, readInputText, sectionBodyWarnings, splitFrontMatter, toErrorData, writeFileAtomic, type SourceLocation } from '../engine/index.js';
import { MAX_SECTION_IMAGE_BYTES, type SectionCheck, type SectionDiagnostic, type SectionDocument, type SectionFields } from '../shared/ipc-contract.js';
import { slugify } from './document-session.js';
import type { EditBuffers } from './edit-buffers.js';
import type { IpcHandlers } from './ipc-handlers.js';
import { ensurePrivateFolder, PRIVATE_FILE } from './json-store.js';
import { composeSectionFile, emptySectionFields, readSectionForEdit, withSectionId } from './section-file.js';

export interface SectionHandlerDeps {
  folders: { builtInSectionsDir: string; userSectionsDir: string };
  buffers: EditBuffers;
}

export type SectionOperation =
  | 'openSection'
  | 'newSection'
  | 'updateSection'
  | 'saveSection'
  | 'updateSectionText'
  | 'saveSectionText'
  | 'discardSection'
  | 'duplicateSection'
  | 'renameSection'
  | 'deleteSection'
  | 'addSectionImage';

/** The engine's rule for a section id (spec-schema.ts `sectionId`). */
export const SECTION_ID = /^[a-z0-9][a-z0-9-]*$/;
const MAX_TITLE = 200;

/** Where a section's images go: `<id>.assets/` beside `<id>.md`, referenced from the body as `<id>.assets/name.png`. */
export const assetsFolderName = (id: string): string => `${id}.assets`;

const failed = (error: unknown) => ({ status: 'error' as const, error: toErrorData(error) });

export function createSectionHandlers(deps: SectionHandlerDeps): Pick<IpcHandlers, SectionOperation> {
  const { folders, buffers } = deps;
  const userFile = (id: string) => join(folders.userSectionsDir, `${id}.md`);
  const builtInFile = (id: string) => join(folders.builtInSectionsDir, `${id}.md`);
  const assetsDir = (id: string) => join(folders.userSectionsDir, assetsFolderName(id));

  /** The file a section id reads from: the user's own first (it replaces a built-in of the same id). */
  async function locate(id: string): Promise<{ file: string; builtIn: boolean } | undefined> {
    if (await isFile(userFile(id))) return { file: userFile(id), builtIn: false };
    if (await isFile(builtInFile(id))) return { file: builtInFile(id), builtIn: true };
    return undefined;
  }

  async function mustLocate(id: string): Promise<{ file: string; builtIn: boolean }> {
    const found = await locate(id);
    if (!found) throw new BriefError('SECTION_UNKNOWN', `There is no section \`${id}\`.`);
    return found;
  }

  /** A section the user owns (on disk or only in the editor); built-ins are refused with what to do instead. */
  async function writableFile(id: string, action: string): Promise<string> {
    const found = await locate(id);
    if (found?.builtIn) throw new BriefError('OUTPUT_UNWRITABLE', `“${id}” is a built-in section, which cannot be ${action}. Duplicate it to make a copy of your own.`);
    return userFile(id);
  }

  async function idTaken(id: string): Promise<boolean> {
    return (await locate(id)) !== undefined || buffers.has(userFile(id));
  }

  async function assertIdFree(id: string): Promise<void> {
    if (await idTaken(id)) throw new BriefError('OUTPUT_UNWRITABLE', `A section with the id “${id}” already exists; choose another.`);
  }

  /**
   * The title the user typed and a free id for it. An id made from the title
   * that is taken is refused (the user picks another title); a title without
   * Latin letters or digits (日米同盟の概要) gets the first free
   * `section`, `section-2`, … since no other title would help.
   */
  async function titleAndFreeId(typed: string): Promise<{ name: string; id: string }> {
    const { name, id } = titleAndId(typed);
    if (id !== undefined) {
      await assertIdFree(id);
      return { name, id };
    }
    for (let n = 1; ; n++) {
      const numbered = n === 1 ? 'section' : `section-${n}`;
      if (!(await idTaken(numbered))) return { name, id: numbered };
    }
  }

  async function compose(id: string, fields: SectionFields, body: string): Promise<{ file: string; text: string }> {
    const file = await writableFile(id, 'changed');
    const existing = (await isFile(file)) ? await readInputText(file, { what: 'section file' }) : undefined;
    return { file, text: composeSectionFile(id, fields, body, existing) };
  }

  const readDisk = async (file: string): Promise<string | undefined> => ((await isFile(file)) ? readInputText(file, { what: 'section file' }) : undefined);

  /** True when the file on disk is no longer the one the editor's text was based on (`expected`: its stamp, null for none). */
  async function changedOnDisk(file: string, expected: string | null | undefined): Promise<boolean> {
    if (expected === undefined) return false;
    const disk = await readDisk(file);
    return (disk === undefined ? null : diskStampOf(disk)) !== expected;
  }

  async function write(file: string, text: string) {
    await ensurePrivateFolder(folders.userSectionsDir);
    // A user's section may be classified: readable by its owner only.
    await writeFileAtomic(file, text, { mode: PRIVATE_FILE });
    buffers.discard(file);
    return { status: 'saved' as const, fileName: basename(file), diskStamp: diskStampOf(text), formReady: readsAsForm(text, file), ...checkSection(text, file) };
  }

  return {
    async openSection({ id, text: unsaved }) {
      try {
        const found = unsaved === undefined ? await mustLocate(id) : await locate(id);
        if (found?.builtIn && unsaved !== undefined) await writableFile(id, 'changed');
        const file = found?.file ?? userFile(id);
        const disk = found ? await readInputText(found.file, { what: 'section file' }) : undefined;
        const text = unsaved ?? disk!;
        // Unsaved text (recovered, say) is laid over the file at once: the preview shows it.
        if (unsaved !== undefined) buffers.set(file, unsaved);
        const check = checkSection(text, file);
        const section: SectionDocument = {
          id,
          builtIn: found?.builtIn ?? false,
          fileName: basename(file),
          onDisk: disk !== undefined,
          ...sectionForEdit(text, file, check),
          ...(disk !== undefined ? { diskStamp: diskStampOf(disk) } : {}),
        };
        return { status: 'opened', section, ...check };
      } catch (error) {
        return failed(error);
      }
    },

    async newSection({ title }) {
      try {
        const { name, id } = await titleAndFreeId(title);
        const fields = emptySectionFields(name);
        const text = composeSectionFile(id, fields, '');
        buffers.set(userFile(id), text);
        const section: SectionDocument = { id, builtIn: false, fileName: `${id}.md`, onDisk: false, fields, body: '' };
        return { status: 'opened', section, ...checkSection(text, userFile(id)) };
      } catch (error) {
        return failed(error);
      }
    },

    async updateSection({ id, fields, body }) {
      try {
        const { file, text } = await compose(id, fields, body);
        buffers.set(file, text);
        return { status: 'checked', text, ...checkSection(text, file) };
      } catch (error) {
        return failed(error);
      }
    },

    async saveSection({ id, fields, body, diskStamp }) {
      try {
        const file = await writableFile(id, 'changed');
        if (await changedOnDisk(file, diskStamp)) return { status: 'changed-on-disk' };
        const { text } = await compose(id, fields, body);
        return await write(file, text);
      } catch (error) {
        return failed(error);
      }
    },

    async updateSectionText({ id, text }) {
      try {
        const file = await writableFile(id, 'changed');
        buffers.set(file, text);
        return { status: 'checked', formReady: readsAsForm(text, file), ...checkSection(text, file) };
      } catch (error) {
        return failed(error);
      }
    },

    async saveSectionText({ id, text, diskStamp }) {
      try {
        const file = await writableFile(id, 'changed');
        if (await changedOnDisk(file, diskStamp)) return { status: 'changed-on-disk' };
        return await write(file, text);
      } catch (error) {
        return failed(error);
      }
    },

    discardSection({ id }) {
      buffers.discard(userFile(id));
      return Promise.resolve({ ok: true });
    },

    async duplicateSection({ sourceId, title }) {
      try {
        const source = await mustLocate(sourceId);
        const { name, id } = await titleAndFreeId(title);
        let text = withSectionId(await readInputText(source.file, { what: 'section file' }), id, name);
        const sourceAssets = join(source.builtIn ? folders.builtInSectionsDir : folders.userSectionsDir, assetsFolderName(sourceId));
        if (await isFolder(sourceAssets)) {
          await cp(sourceAssets, assetsDir(id), { recursive: true, errorOnExist: true, force: false });
          text = moveAssetReferences(text, sourceId, id);
        }
        await ensurePrivateFolder(folders.userSectionsDir);
        await writeFileAtomic(userFile(id), text, { mode: PRIVATE_FILE });
        return { status: 'done', id };
      } catch (error) {
        return failed(error);
      }
    },

    async renameSection({ id, newId }) {
      try {
        const wanted = newId.trim();
        if (!SECTION_ID.test(wanted) || wanted.length > 100) {
          throw new BriefError('SECTION_INVALID', 'A section id is lowercase letters, digits and hyphens, starting with a letter or digit (e.g. my-notes).');
        }
        const file = await writableFile(id, 'renamed');
        if (!(await isFile(file))) throw new BriefError('SECTION_UNKNOWN', `There is no section \`${id}\` in your sections folder.`);
        if (wanted === id) return { status: 'done', id };
        await assertIdFree(wanted);
        let text = withSectionId(await readInputText(file, { what: 'section file' }), wanted);
        if (await isFolder(assetsDir(id))) {
          await rename(assetsDir(id), assetsDir(wanted));
          text = moveAssetReferences(text, id, wanted);
        }
        await writeFileAtomic(userFile(wanted), text, { mode: PRIVATE_FILE });
        await rm(file);
        buffers.discard(file);
        return { status: 'done', id: wanted };
      } catch (error) {
        return failed(error);
      }
    },

    async deleteSection({ id }) {
      try {
        const file = await writableFile(id, 'deleted');
        buffers.discard(file);
        await rm(file, { force: true });
        await rm(assetsDir(id), { recursive: true, force: true });
        return { ok: true };
      } catch (error) {
        return { ok: false, message: toErrorData(error).message };
      }
    },

    async addSectionImage({ id, name, base64 }) {
      try {
        await writableFile(id, 'changed');
        const bytes = Buffer.from(base64, 'base64');
        if (bytes.length > MAX_SECTION_IMAGE_BYTES) throw new BriefError('IMAGE_INVALID', `The image is larger than ${MAX_SECTION_IMAGE_BYTES / 2 ** 20} MB.`);
        const extension = imageExtension(bytes);
        if (!extension) throw new BriefError('IMAGE_INVALID', 'Only PNG and JPEG images can be added to a section.');
        const folder = assetsDir(id);
        await ensurePrivateFolder(folder);
        const fileName = await freeName(folder, `${slugify(basename(name, extname(name))) || 'image'}`, extension, bytes);
        await writeFileAtomic(join(folder, fileName), bytes, { mode: PRIVATE_FILE });
        return { status: 'added', path: `${assetsFolderName(id)}/${fileName}` };
      } catch (error) {
        return failed(error);
      }
    },
  };
}

/** A stamp of a section file's text, to tell whether another program changed it since the editor read it. */
export function diskStampOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/** Whether the form can show `text` (its front matter reads as a YAML mapping). */
function readsAsForm(text: string, file: string): boolean {
  try {
    readSectionForEdit(text, file);
    return true;
  } catch {
    return false;
  }
}

/**
 * The form's fields and the body; or, when the front matter cannot be read, the
 * whole text to edit raw, with the engine's located problem (its own line and column).
 */
function sectionForEdit(text: string, file: string, check: SectionCheck): Pick<SectionDocument, 'fields' | 'body' | 'raw'> {
  try {
    return readSectionForEdit(text, file);
  } catch (error) {
    const own = toDiagnostic(error, basename(file));
    const problem = check.diagnostics.find((d) => d.code === own.code && d.line !== undefined) ?? own;
    return { fields: emptySectionFields(), body: '', raw: { text, problem } };
  }
}

/**
 * The engine's own check of a section's text, as the editor shows it: every
 * problem at its line and column, and the warnings a build of any brief with
 * it gives for its body (sectionBodyWarnings), so the editor and the preview
 * agree.
 */
export function checkSection(text: string, file: string): SectionCheck {
  let bodyLine = 1;
  try {
    bodyLine = splitFrontMatter(text, file).bodyLine;
  } catch {
    // Reported below by the same check.
  }
  try {
    const section = parseSectionFile(text, file, false);
    return { diagnostics: sectionBodyWarnings([section]).map((warning) => diagnostic(warning, 'warning', basename(file))), bodyLine };
  } catch (error) {
    return { diagnostics: everyProblem(error).map((problem) => toDiagnostic(problem, basename(file))), bodyLine };
  }
}

/** A problem as the editor lists it: an error that stops a build, or a warning that a build gives too. */
function diagnostic(problem: { code: string; message: string; location?: SourceLocation; field?: string }, severity: SectionDiagnostic['severity'], fileName: string): SectionDiagnostic {
  return {
    severity,
    code: problem.code,
    message: problem.message,
    path: fileName,
    ...(problem.location?.line !== undefined ? { line: problem.location.line } : {}),
    ...(problem.location?.column !== undefined ? { column: problem.location.column } : {}),
    ...(problem.field ? { field: problem.field } : {}),
  };
}

function toDiagnostic(error: unknown, fileName: string): SectionDiagnostic {
  return diagnostic(toErrorData(error), 'error', fileName);
}

/** A title the user typed, and the id made from it by the engine's rule (none when the title has no Latin letter or digit to make it from: 日米同盟の概要). */
function titleAndId(typed: string): { name: string; id: string | undefined } {
  const name = typed.trim();
  if (!name) throw new BriefError('SECTION_INVALID', 'Give the section a title.');
  if (name.length > MAX_TITLE || /[\r\n]/.test(name)) throw new BriefError('SECTION_INVALID', `A section title is one line of at most ${MAX_TITLE} characters.`);
  if (!/[\p{L}\p{N}]/u.test(name)) throw new BriefError('SECTION_INVALID', 'A section title needs at least one letter or digit.');
  const id = /[A-Za-z0-9]/.test(name.normalize('NFKD')) ? slugify(name) : '';
  return { name, id: SECTION_ID.test(id) ? id : undefined };
}

/** Links into `<from>.assets/` follow the folder to `<to>.assets/`. */
function moveAssetReferences(text: string, from: string, to: string): string {
  return text.split(`](${assetsFolderName(from)}/`).join(`](${assetsFolderName(to)}/`).split(`](<${assetsFolderName(from)}/`).join(`](<${assetsFolderName(to)}/`);
}

function imageExtension(bytes: Buffer): '.png' | '.jpg' | undefined {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return '.png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return '.jpg';
  return undefined;
}

/** `base.ext`, or `base-2.ext`…; the same picture dropped twice reuses its file. */
async function freeName(folder: string, base: string, extension: string, bytes: Buffer): Promise<string> {
  const taken = new Set(await readdir(folder));
  for (let n = 1; ; n++) {
    const candidate = `${base}${n === 1 ? '' : `-${n}`}${extension}`;
    if (!taken.has(candidate)) return candidate;
    const same = await readInputFile(join(folder, candidate), { what: 'image', maxBytes: MAX_SECTION_IMAGE_BYTES }).then(
      (existing) => existing.equals(bytes),
      () => false,
    );
    if (same) return candidate;
  }
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

async function isFolder(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}
