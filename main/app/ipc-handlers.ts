/**
 * What each IPC operation does. No Electron here: dialogs, the shell and the
 * window are handed in, so the same handlers serve the app and the browser
 * end-to-end test (which runs them under plain Node with the real engine).
 * Every outcome a user can cause comes back as data (`status: 'error'` with
 * the engine's code, message and location); nothing is thrown at the page.
 */
import { mkdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { BriefError, DEFAULT_SECTIONS, isTemplateId, stringifySpec, toErrorData, writeFileAtomic, type BriefSpec } from '../engine/index.js';
import type { BriefDraft, InvokeName, RequestOf, ResponseOf, TemplateEdit } from '../shared/ipc-contract.js';
import { specFromDraft } from './brief-draft.js';
import { BRIEF_EXTENSION, slugify, withBriefExtension, withPdfExtension, type DocumentSession } from './document-session.js';
import { describeExportFailure } from './export-failure.js';
import { isSafeExternalUrl } from './external-url.js';
import { templateForOutput, unsavedInputs } from './output-inputs.js';
import { createPrintHandlers } from './print-handlers.js';
import type { RecentFiles } from './recent-files.js';
import { createRecoveryHandlers, forgetBrief, openBriefFile } from './recovery-handlers.js';
import type { RecoveryStore } from './recovery-store.js';
import type { RenderFolders, RenderOutcome } from './render-client.js';
import { createSectionHandlers } from './section-handlers.js';
import { listSections } from './section-listing.js';
import type { SettingsStore } from './settings.js';
import { createTemplateHandlers, endTemplateEdit, previewTemplate, type TemplateChecker } from './template-handlers.js';
import { listTemplateSummaries } from './template-listing.js';
import { EditBuffers, type BufferList } from './edit-buffers.js';
import { createViewHandlers } from './view-handlers.js';

export type UnsavedChoice = 'save' | 'discard' | 'cancel';

export interface Dialogs {
  chooseBriefToOpen(defaultFolder: string): Promise<string | undefined>;
  chooseBriefSavePath(defaultPath: string): Promise<string | undefined>;
  choosePdfSavePath(defaultPath: string): Promise<string | undefined>;
  confirmUnsavedChanges(documentName: string): Promise<UnsavedChoice>;
  /** True when the user confirms deleting their template. */
  confirmDeleteTemplate(templateName: string): Promise<boolean>;
}

export interface DesktopShell {
  /** Resolves to an error message, empty on success (Electron's shell.openPath contract). */
  openPath(path: string): Promise<string>;
  showItemInFolder(path: string): void;
  /** Open an http(s) page in the system browser; false when the address was refused. */
  openWebLink(url: string): Promise<boolean>;
}

/** Paper size in microns, the unit Electron's print options use. */
export interface PrintRequest {
  pageSize: { width: number; height: number };
}

/** The window the request came from, as far as handlers need it. */
export interface WindowActions {
  setDocumentState(title: string, edited: boolean): void;
  close(): void;
  print(request: PrintRequest): Promise<{ printed: boolean; failureReason?: string }>;
}

export interface HandlerContext {
  session: DocumentSession;
  window: WindowActions;
}

export interface Renderer {
  render(spec: BriefSpec, folders: RenderFolders, buffers?: BufferList): Promise<RenderOutcome>;
}

export interface AppFolders {
  builtInSectionsDir: string;
  builtInTemplatesDir: string;
  userSectionsDir: string;
  userTemplatesDir: string;
  /** Where save and export dialogs start the first time. */
  documentsDir: string;
}

export interface HandlerDeps {
  folders: AppFolders;
  previewRenderer: Renderer;
  exportRenderer: Renderer;
  /** Runs the template editor's checks off the main thread (a worker of its own, so checks and previews never supersede each other). */
  templateChecker: TemplateChecker;
  /**
   * The editors' unsaved text, laid over the disk for previews and checks
   * (never saved by it). The template editor's files are put in per request;
   * other editors put theirs in with set()/discard().
   */
  editBuffers?: EditBuffers;
  dialogs: Dialogs;
  shell: DesktopShell;
  settings: SettingsStore;
  recent: RecentFiles;
  /** Unsaved work kept in the user-data folder; without one, nothing is kept. */
  recovery?: RecoveryStore;
  /** Today as YYYY-MM-DD, for new briefs. */
  today(): string;
}

export type IpcHandlers = {
  [N in InvokeName]: (request: RequestOf<N>, context: HandlerContext) => Promise<ResponseOf<N>>;
};

const DEFAULT_TEMPLATE = 'memo';

/**
 * The engine also accepts a folder path as a template; the page may only name
 * a template of the library by id, so a draft cannot make main load a
 * template from anywhere on disk.
 */
function libraryTemplate(draft: BriefDraft): BriefDraft {
  if (isTemplateId(draft.template)) return draft;
  throw new BriefError('TEMPLATE_UNKNOWN', `Template: \`${draft.template}\` is not a template of the library; choose one from the list.`, { field: 'template' });
}
const POINTS_TO_MICRONS = 25_400 / 72;

export function createIpcHandlers(deps: HandlerDeps): IpcHandlers {
  const { folders, dialogs, settings, recent } = deps;
  const renderFolders: RenderFolders = { sectionDirs: [folders.userSectionsDir], templateDirs: [folders.userTemplatesDir] };
  // The open brief and the template folders are read by every build: an export never replaces one of their files.
  // (A section is a `.md` file, and an export is always named `.pdf`.)
  const exportInputs = (session: DocumentSession) => ({
    files: session.filePath ? [session.filePath] : [],
    folders: [folders.userTemplatesDir, folders.builtInTemplatesDir, folders.builtInSectionsDir],
  });
  const buffers = deps.editBuffers ?? new EditBuffers();
  const outputDeps = { folders, buffers };
  /** The spec Export and Print build: the draft in the template the preview uses (the one being edited, if any). */
  const outputSpec = (draft: BriefDraft, templateEdit?: TemplateEdit): BriefSpec =>
    specFromDraft(libraryTemplate({ ...draft, template: templateForOutput(outputDeps, draft.template, templateEdit) }));
  // Only files this app wrote may be opened or revealed on the page's request.
  const exported = new Set<string>();

  const render = async (renderer: Renderer, draft: BriefDraft, unsaved?: BufferList): Promise<RenderOutcome> => {
    try {
      return await renderer.render(specFromDraft(libraryTemplate(draft)), renderFolders, unsaved);
    } catch (error) {
      return { status: 'error', error: toErrorData(error) };
    }
  };

  return {
    // Unsaved sections are listed too (a new one shows before it is first saved).
    listSections: () => listSections(folders, buffers.files()),

    listTemplates: () => listTemplateSummaries(folders),

    async renderPreview({ draft, templateEdit }) {
      if (!templateEdit) {
        // No template editor open: its unsaved files no longer count, other editors' buffers still do.
        endTemplateEdit(buffers);
        return render(deps.previewRenderer, draft, buffers.list());
      }
      // While a template is being edited, the preview shows the brief in that template, unsaved edits included.
      let edited;
      try {
        edited = previewTemplate({ folders, buffers }, templateEdit);
      } catch (error) {
        return { status: 'error', error: toErrorData(error) };
      }
      // A brief with no sections yet still shows the template, filled with the built-in sample sections.
      const sections = draft.sections.length ? draft.sections : [...DEFAULT_SECTIONS];
      try {
        return await deps.previewRenderer.render(specFromDraft({ ...draft, sections, template: edited.ref }), renderFolders, buffers.list());
      } catch (error) {
        return { status: 'error', error: toErrorData(error) };
      }
    },

    listUnsavedInputs({ draft, templateEdit }) {
      try {
        return Promise.resolve({ files: unsavedInputs(outputDeps, outputSpec(draft, templateEdit)) });
      } catch {
        // A draft that cannot be built reads nothing: the export says what is wrong with it.
        return Promise.resolve({ files: [] });
      }
    },

    async exportPdf({ draft, pdfStandard, templateEdit, unsaved }, { session }) {
      let spec: BriefSpec;
      try {
        spec = outputSpec(draft, templateEdit);
        if (pdfStandard) spec = { ...spec, options: { ...spec.options, pdfStandard } };
      } catch (error) {
        return { status: 'error', error: toErrorData(error) };
      }
      // What the preview shows, unsaved edits included; built only once the user has been told of them.
      const pending = unsavedInputs(outputDeps, spec);
      if (pending.length && unsaved !== 'include') return { status: 'unsaved', files: pending };
      const overlay = buffers.list();
      const baseName = session.fileName?.replace(BRIEF_EXTENSION, '') ?? slugify(spec.title);
      const folder = settings.get().lastExportFolder ?? folders.documentsDir;
      const chosen = await dialogs.choosePdfSavePath(join(folder, `${baseName}.pdf`));
      if (!chosen) return { status: 'cancelled' };
      const target = withPdfExtension(chosen);
      let outcome: RenderOutcome;
      try {
        outcome = await deps.exportRenderer.render(spec, renderFolders, overlay);
      } catch (error) {
        // A renderer that cannot start (its worker failed to spawn) is an error to show, not a rejected call.
        return { status: 'error', error: toErrorData(error) };
      }
      if (outcome.status !== 'rendered') {
        return outcome.status === 'error' ? outcome : { status: 'error', error: { code: 'IO', message: 'The export was interrupted; please try again.' } };
      }
      try {
        await writeFileAtomic(target, outcome.pdf, { inputs: exportInputs(session) });
      } catch (error) {
        return { status: 'error', error: describeExportFailure(error, target) };
      }
      exported.add(target);
      await settings.update({ lastExportFolder: dirname(target) });
      return { status: 'exported', path: target, fileName: basename(target), pageCount: outcome.pageCount, warnings: outcome.warnings };
    },

    async revealExport({ path, action }) {
      if (!exported.has(path)) return { ok: false, message: 'Only files exported in this session can be opened from here.' };
      if (action === 'show-in-folder') {
        deps.shell.showItemInFolder(path);
        return { ok: true };
      }
      const problem = await deps.shell.openPath(path);
      return problem ? { ok: false, message: problem } : { ok: true };
    },

    async newBrief(_request, { session, window }) {
      // The page asked first whether to discard the unsaved brief.
      await forgetBrief(deps.recovery, session);
      session.reset();
      session.title = 'Untitled brief';
      window.setDocumentState(session.windowTitle(), false);
      return {
        draft: { title: 'Untitled brief', subtitle: '', date: deps.today(), author: '', audience: '', classification: 'UNCLASSIFIED', template: DEFAULT_TEMPLATE, sections: [], options: {} },
      };
    },

    async openBrief({ recentPath }, context) {
      let path: string | undefined = recentPath;
      if (path !== undefined && !recent.has(path)) {
        return { status: 'error', error: { code: 'IO', message: 'That brief is not in the recent list.' } };
      }
      path ??= await dialogs.chooseBriefToOpen(settings.get().lastBriefFolder ?? folders.documentsDir);
      if (!path) return { status: 'cancelled' };
      try {
        return await openBriefFile(path, context, { recovery: deps.recovery, recent, settings });
      } catch (error) {
        const data = toErrorData(error);
        // A recent brief that is gone should not stay in the menu.
        if (recentPath && data.code === 'IO') await recent.remove(recentPath);
        return { status: 'error', error: data };
      }
    },

    async saveBrief({ draft, saveAs }, { session, window }) {
      let spec: BriefSpec;
      try {
        spec = specFromDraft(draft);
      } catch (error) {
        return { status: 'error', error: toErrorData(error) };
      }
      let target = saveAs ? undefined : session.filePath;
      if (!target) {
        const folder = session.filePath ? dirname(session.filePath) : (settings.get().lastBriefFolder ?? folders.documentsDir);
        const chosen = await dialogs.chooseBriefSavePath(join(folder, `${slugify(spec.title)}${BRIEF_EXTENSION}`));
        if (!chosen) return { status: 'cancelled' };
        target = withBriefExtension(chosen);
      }
      try {
        await writeFileAtomic(target, stringifySpec(spec));
      } catch (error) {
        return { status: 'error', error: toErrorData(error) };
      }
      await forgetBrief(deps.recovery, session);
      session.reset(target);
      session.title = spec.title;
      window.setDocumentState(session.windowTitle(), false);
      await Promise.all([recent.add(target), settings.update({ lastBriefFolder: dirname(target) })]);
      return { status: 'saved', fileName: basename(target) };
    },

    async setDocumentState({ dirty, title }, { session, window }) {
      session.dirty = dirty;
      session.title = title;
      window.setDocumentState(session.windowTitle(), dirty);
      // Undone back to what is on disk: nothing left to recover.
      if (!dirty) await forgetBrief(deps.recovery, session);
      return { ok: true };
    },

    async confirmDiscard(_request, { session }) {
      if (!session.dirty) return { choice: 'discard' };
      return { choice: await dialogs.confirmUnsavedChanges(session.fileName ?? (session.title.trim() || 'Untitled brief')) };
    },

    closeWindow(_request, { window }) {
      window.close();
      return Promise.resolve({ ok: true });
    },

    async printPages({ pageWidth, pageHeight }, { window }) {
      const pageSize = { width: Math.round(pageWidth * POINTS_TO_MICRONS), height: Math.round(pageHeight * POINTS_TO_MICRONS) };
      const result = await window.print({ pageSize });
      if (result.printed) return { status: 'printed' };
      // Electron reports a user who closes the dialog as the failure "cancelled".
      if (!result.failureReason || /cancel/i.test(result.failureReason)) return { status: 'cancelled' };
      return { status: 'error', error: { code: 'IO', message: `Printing failed: ${result.failureReason}` } };
    },

    async openUserFolder({ folder }) {
      const dir = folder === 'sections' ? folders.userSectionsDir : folders.userTemplatesDir;
      try {
        await mkdir(dir, { recursive: true });
      } catch (error) {
        return { ok: false, message: toErrorData(error).message };
      }
      const problem = await deps.shell.openPath(dir);
      return problem ? { ok: false, message: problem } : { ok: true };
    },

    ...createViewHandlers(settings),

    ...createSectionHandlers({ folders, buffers }),

    ...createTemplateHandlers({ folders, dialogs, shell: deps.shell, templateChecker: deps.templateChecker, buffers }),

    ...createPrintHandlers({
      specFor: outputSpec,
      unsavedInputs: (spec) => unsavedInputs(outputDeps, spec),
      overlay: () => buffers.list(),
      renderer: deps.exportRenderer,
      renderFolders,
      dialogs,
      settings,
      documentsDir: folders.documentsDir,
      exported,
      exportInputs,
    }),

    ...createRecoveryHandlers({ recovery: deps.recovery, recent, settings }),

    async openExternal({ url }) {
      // Checked here and again at the door (web-links.ts): the page is never trusted with a scheme.
      if (!isSafeExternalUrl(url) || !(await deps.shell.openWebLink(url))) return { ok: false, message: 'Only http and https links open outside the app.' };
      return { ok: true };
    },
  };
}
