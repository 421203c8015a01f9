/**
 * The template operations of the IPC contract: duplicate, rename, delete,
 * reveal, the editor's file access and its live check. Built-in templates
 * can be read, checked and copied, never changed. Every outcome comes back
 * as data; nothing is thrown at the page.
 */
import { rename, rm } from 'node:fs/promises';
import { readInputText } from '../engine/read-input.js';
import { join } from 'node:path';
import { toErrorData, type BriefErrorData } from '../engine/errors.js';
import { writeFileAtomic } from '../engine/write-atomic.js';
import type { TemplateEdit } from '../shared/ipc-contract.js';
import type { CheckOutcome } from './render-client.js';
import type { DesktopShell, Dialogs, IpcHandlers } from './ipc-handlers.js';
import { copyTemplate } from './template-copy.js';
import { toEditorDiagnostics, relocateError } from './template-diagnostics.js';
import { editablePath, listEditableFiles, readEditableFile, writeEditableFile } from './template-files.js';
import { assertTemplateIdFree, findTemplateFolder, templateNameAndId, userTemplateFolder, type TemplateFolderRoots } from './template-folders.js';
import { withTemplateName } from './template-manifest-name.js';
import { scratchFailure, type TemplateScratch } from './template-scratch.js';
import { readTemplateSummary } from './template-summary.js';

export interface TemplateChecker {
  check(dir: string): Promise<CheckOutcome>;
}

export interface TemplateHandlerDeps {
  folders: TemplateFolderRoots;
  dialogs: Pick<Dialogs, 'confirmDeleteTemplate'>;
  shell: Pick<DesktopShell, 'showItemInFolder'>;
  templateChecker: TemplateChecker;
  scratch: TemplateScratch;
}

export type TemplateOperation =
  | 'duplicateTemplate'
  | 'renameTemplate'
  | 'deleteTemplate'
  | 'revealTemplate'
  | 'listTemplateFiles'
  | 'readTemplateFile'
  | 'writeTemplateFile'
  | 'checkTemplate';

const failed = (error: unknown) => ({ status: 'error' as const, error: toErrorData(error) });

export function createTemplateHandlers(deps: TemplateHandlerDeps): Pick<IpcHandlers, TemplateOperation> {
  const { folders, scratch } = deps;

  return {
    async duplicateTemplate({ sourceId, name }) {
      try {
        const source = findTemplateFolder(folders, sourceId);
        const chosen = templateNameAndId(name);
        assertTemplateIdFree(folders, chosen.id);
        const copy = await copyTemplate(source.dir, join(folders.userTemplatesDir, chosen.id), chosen.name);
        const template = await readTemplateSummary(findTemplateFolder(folders, chosen.id));
        return { status: 'done', template, skipped: copy.skipped.map((s) => `${s.path}: ${s.reason}`) };
      } catch (error) {
        return failed(error);
      }
    },

    async renameTemplate({ id, name }) {
      try {
        const folder = userTemplateFolder(folders, id, 'renamed');
        const chosen = templateNameAndId(name);
        const manifest = editablePath(folder.dir, 'template.yaml');
        const renamed = withTemplateName(await readInputText(manifest, { what: 'template manifest' }), chosen.name);
        if (chosen.id === id) {
          await writeFileAtomic(manifest, renamed);
        } else {
          assertTemplateIdFree(folders, chosen.id);
          // The folder entry is renamed (a link stays a link); then the name inside follows it.
          const from = join(folders.userTemplatesDir, id);
          const to = join(folders.userTemplatesDir, chosen.id);
          await rename(from, to);
          try {
            await writeFileAtomic(editablePath(findTemplateFolder(folders, chosen.id).dir, 'template.yaml'), renamed);
          } catch (error) {
            await rename(to, from).catch(() => undefined);
            throw error;
          }
        }
        return { status: 'done', template: await readTemplateSummary(findTemplateFolder(folders, chosen.id)), skipped: [] };
      } catch (error) {
        return failed(error);
      }
    },

    async deleteTemplate({ id }) {
      try {
        const folder = userTemplateFolder(folders, id, 'deleted');
        const { name } = await readTemplateSummary(folder);
        if (!(await deps.dialogs.confirmDeleteTemplate(name))) return { status: 'cancelled' };
        // The entry in the user's folder goes; when it is a link, only the link (rm does not follow it).
        await rm(join(folders.userTemplatesDir, id), { recursive: true });
        return { status: 'deleted' };
      } catch (error) {
        return failed(error);
      }
    },

    revealTemplate({ id }) {
      try {
        const folder = findTemplateFolder(folders, id);
        // Selecting template.yaml opens the template's own folder, showing all of its files.
        deps.shell.showItemInFolder(join(folder.dir, 'template.yaml'));
        return Promise.resolve({ ok: true });
      } catch (error) {
        return Promise.resolve({ ok: false, message: toErrorData(error).message });
      }
    },

    async listTemplateFiles({ id }) {
      try {
        const folder = findTemplateFolder(folders, id);
        return { status: 'listed', template: await readTemplateSummary(folder), files: listEditableFiles(folder.dir) };
      } catch (error) {
        return failed(error);
      }
    },

    async readTemplateFile({ id, path }) {
      try {
        return { status: 'read', text: await readEditableFile(findTemplateFolder(folders, id).dir, path) };
      } catch (error) {
        return failed(error);
      }
    },

    async writeTemplateFile({ id, path, text }) {
      try {
        await writeEditableFile(userTemplateFolder(folders, id, 'changed').dir, path, text);
        return { status: 'written' };
      } catch (error) {
        return failed(error);
      }
    },

    async checkTemplate({ id, overlay }) {
      let dir: string;
      try {
        const folder = findTemplateFolder(folders, id);
        dir = overlay.length ? await scratch.prepare('check', id, folder.dir, overlay) : folder.dir;
      } catch (error) {
        return failed(scratchFailure(error));
      }
      const outcome = await deps.templateChecker.check(dir);
      if (outcome.status !== 'checked') return outcome;
      return { status: 'checked', diagnostics: toEditorDiagnostics(outcome.diagnostics, dir, id) };
    },
  };
}

/**
 * The template a preview uses while the editor is open: the edited one by
 * id, or its scratch copy when there are unsaved buffers. `relocate` points
 * errors found in the copy back at the template's own files.
 */
export async function previewTemplate(
  deps: Pick<TemplateHandlerDeps, 'folders' | 'scratch'>,
  edit: TemplateEdit,
): Promise<{ ref: string; relocate: (error: BriefErrorData) => BriefErrorData }> {
  const folder = findTemplateFolder(deps.folders, edit.id);
  if (!edit.overlay.length) return { ref: edit.id, relocate: (error) => error };
  const dir = await deps.scratch.prepare('preview', edit.id, folder.dir, edit.overlay).catch((error: unknown) => {
    throw scratchFailure(error);
  });
  return { ref: dir, relocate: (error) => relocateError(error, dir, folder.dir, edit.id) };
}
