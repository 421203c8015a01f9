/**
 * What Export and Print build from: exactly what the preview shows. The
 * same draft, the template being edited (when the template editor is open)
 * and the editors' unsaved buffers, laid over the disk in memory as for the
 * preview; no file is written for them. Before a build reads unsaved text,
 * the page must have told the user which files it comes from (`unsavedInputs`).
 */
import { join, relative, sep } from 'node:path';
import type { BriefSpec } from '../engine/index.js';
import type { TemplateEdit, UnsavedInput } from '../shared/ipc-contract.js';
import type { EditBuffers } from './edit-buffers.js';
import { endTemplateEdit, previewTemplate } from './template-handlers.js';
import { findTemplateFolder, type TemplateFolderRoots } from './template-folders.js';

export interface OutputInputDeps {
  folders: TemplateFolderRoots & { userSectionsDir: string };
  buffers: EditBuffers;
}

/**
 * Lay the template editor's unsaved files into the buffers, as a preview
 * does, and answer the template the build uses: the one being edited, or
 * the draft's own when the editor is closed (its buffers are dropped then).
 */
export function templateForOutput(deps: OutputInputDeps, draftTemplate: string, edit: TemplateEdit | undefined): string {
  if (!edit) {
    endTemplateEdit(deps.buffers);
    return draftTemplate;
  }
  return previewTemplate(deps, edit).ref;
}

/** The files a build of `spec` would read from unsaved buffers: its sections in the user's folder, its template's files. */
export function unsavedInputs(deps: OutputInputDeps, spec: BriefSpec): UnsavedInput[] {
  const found: UnsavedInput[] = [];
  for (const id of new Set(spec.sections)) {
    // Only the user's sections are edited; a user's section takes the place of a built-in of the same id.
    if (deps.buffers.has(join(deps.folders.userSectionsDir, `${id}.md`))) found.push({ kind: 'section', id, fileName: `${id}.md` });
  }
  let templateDir: string | undefined;
  try {
    templateDir = findTemplateFolder(deps.folders, spec.template).dir;
  } catch {
    // An unknown template: the build itself says so.
  }
  if (templateDir) {
    for (const [path] of deps.buffers.list() ?? []) {
      const inside = relative(templateDir, path);
      if (!inside || inside === '..' || inside.startsWith(`..${sep}`) || inside.startsWith(sep)) continue;
      found.push({ kind: 'template', id: spec.template, fileName: `${spec.template}/${inside.split(sep).join('/')}` });
    }
  }
  return found;
}
