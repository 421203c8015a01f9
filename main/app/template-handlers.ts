/**
 * The template operations of the IPC contract: duplicate, rename, delete,
 * reveal, the editor's file access and its live check. Built-in templates
 * can be read, checked and copied, never changed. Every outcome comes back
 * as data; nothing is thrown at the page.
 */
import { rename, rm } from 'node:fs/promises';
import { readInputText, toErrorData, writeFileAtomic } from '../engine/index.js';
import { join } from 'node:path';
import type { TemplateEdit, TemplateOverlay } from '../shared/ipc-contract.js';
import type { BufferList, EditBuffers } from './edit-buffers.js';
import type { CheckOutcome } from './render-client.js';
import type { DesktopShell, Dialogs, IpcHandlers } from './ipc-handlers.js';
import { copyTemplate } from './template-copy.js';
import { toEditorDiagnostics } from './template-diagnostics.js';
import { editablePath, listEditableFiles, readEditableFile, writeEditableFile } from './template-files.js';
import { assertTemplateIdFree, findTemplateFolder, templateNameAndId, userTemplateFolder, type TemplateFolderRoots } from './template-folders.js';
import { withTemplateName } from './template-manifest-name.js';
import { readTemplateSummary } from './template-summary.js';

export interface TemplateChecker {
  check(dir: string, buffers?: BufferList): Promise<CheckOutcome>;
}

export interface TemplateHandlerDeps {
  folders: TemplateFolderRoots;
  dialogs: Pick<Dialogs, 'confirmDeleteTemplate'>;
  shell: Pick<DesktopShell, 'showItemInFolder'>;
  templateChecker: TemplateChecker;
  /** The editors' unsaved text; the template editor's overlay is laid into it for each check and preview. */
  buffers: EditBuffers;
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
  const { folders } = deps;

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
        dir = editTemplate(deps, { id, overlay });
      } catch (error) {
        return failed(error);
      }
      const outcome = await deps.templateChecker.check(dir, deps.buffers.list());
      if (outcome.status !== 'checked') return outcome;
      return { status: 'checked', diagnostics: toEditorDiagnostics(outcome.diagnostics, dir, id) };
    },
  };
}

/**
 * Lay the template editor's unsaved files over the template `edit.id` (and
 * drop the buffers of any template edited before it); returns the
 * template's real folder. Each path goes through the same confinement as
 * saving: an overlay names a file the editor may save, nothing else.
 */
export function editTemplate(deps: Pick<TemplateHandlerDeps, 'folders' | 'buffers'>, edit: { id: string; overlay: TemplateOverlay }): string {
  const folder = findTemplateFolder(deps.folders, edit.id);
  const texts = new Map(edit.overlay.map((buffer) => [editablePath(folder.dir, buffer.path.replace(/\\/g, '/')), buffer.text]));
  const previous = editedTemplates.get(deps.buffers);
  if (previous && previous !== folder.dir) deps.buffers.discardUnder(previous);
  deps.buffers.replaceUnder(folder.dir, texts);
  editedTemplates.set(deps.buffers, folder.dir);
  return folder.dir;
}

/** The template editor has closed: its unsaved files no longer reach a preview. */
export function endTemplateEdit(buffers: EditBuffers): void {
  const previous = editedTemplates.get(buffers);
  if (previous) buffers.discardUnder(previous);
  editedTemplates.delete(buffers);
}

/** The template whose editor's buffers are laid into each set of buffers. */
const editedTemplates = new WeakMap<EditBuffers, string>();

/** The template a preview uses while the editor is open: `edit.id` with its unsaved files. */
export function previewTemplate(deps: Pick<TemplateHandlerDeps, 'folders' | 'buffers'>, edit: TemplateEdit): { ref: string } {
  editTemplate(deps, edit);
  return { ref: edit.id };
}
