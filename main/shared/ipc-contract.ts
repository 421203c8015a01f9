/**
 * The one contract between the renderer and the main process: every channel,
 * the schema its request must pass in main, and the type of its response.
 * Main (ipc-main.ts), the preload bridge and the renderer all import it, so a
 * channel cannot drift between the three.
 */
import { z } from 'zod';
import { TEMPLATE_ID_PATTERN } from '../engine/ids.js';
import { PDF_STANDARDS } from '../engine/typeset/pdfa.js';
import type { BriefErrorData, BriefWarning } from '../engine/errors.js';
import type { FieldDeclaration } from '../engine/template/fields.js';

const text = (max: number) => z.string().max(max);

/**
 * A brief as the form holds it while the user types: structurally checked
 * here (sizes bounded), fully validated by the handler, so a half-filled form
 * gets a readable message instead of a rejected call.
 */
export const briefDraftSchema = z
  .object({
    title: text(2000),
    subtitle: text(2000).optional(),
    date: text(40),
    author: text(2000).optional(),
    audience: text(2000).optional(),
    classification: text(1000).optional(),
    template: text(200),
    sections: z.array(text(200)).max(500),
    /** Section folders named by the opened file, kept as written when it is saved (the app reads sections from its own library). */
    sectionFolders: z.array(text(1000)).max(20).optional(),
    /** Options the form does not edit (TOC, handout…) kept from the opened file. */
    options: z.record(z.string(), z.unknown()).optional(),
    /** Values for the fields the chosen template declares; checked against its declarations by the handler. */
    fields: z
      .record(
        text(100),
        z.union([text(10_000), z.array(text(2000)).max(500), z.array(z.record(text(100), text(2000))).max(500)]),
      )
      .optional(),
  })
  .strict();
export type BriefDraft = z.infer<typeof briefDraftSchema>;

const empty = z.object({}).strict();

/** UI text size steps (View → Text size): a root font size factor, apart from the preview's zoom. */
export const TEXT_SCALES = [0.85, 1, 1.15, 1.3, 1.5, 1.75, 2] as const;
/** The window's layout and text size, kept in the settings between runs. */
export const viewSettingsSchema = z
  .object({
    libraryCollapsed: z.boolean(),
    briefCollapsed: z.boolean(),
    textScale: z.number().min(TEXT_SCALES[0]).max(TEXT_SCALES[TEXT_SCALES.length - 1]!),
  })
  .strict();
export type ViewSettings = z.infer<typeof viewSettingsSchema>;
export const DEFAULT_VIEW_SETTINGS: ViewSettings = { libraryCollapsed: false, briefCollapsed: false, textScale: 1 };
const draftRequest = z.object({ draft: briefDraftSchema }).strict();

/** A template's id: its folder name (the engine's own rule for ids). */
const templateId = z.string().max(100).regex(TEMPLATE_ID_PATTERN, 'a template id');
/** A name the user types for a template; the handler checks it and answers with a readable message. */
const templateName = text(200);
/** A file inside a template folder, relative to it; confinement is checked again in main. */
const templatePath = text(300);
/** Largest template file the editor reads or writes (characters). */
export const MAX_TEMPLATE_FILE_CHARS = 1_000_000;

/** Unsaved editor buffers laid over a template's files for checking and previewing. */
const templateOverlay = z.array(z.object({ path: templatePath, text: text(MAX_TEMPLATE_FILE_CHARS) }).strict()).max(50);
export type TemplateOverlay = z.infer<typeof templateOverlay>;

/** The template being edited: the preview uses it (with its unsaved buffers) instead of the brief's own. */
const templateEdit = z.object({ id: templateId, overlay: templateOverlay }).strict();
export type TemplateEdit = z.infer<typeof templateEdit>;

/** Most numbered copies one handout makes (the Print dialog says so before asking main). */
export const MAX_HANDOUT_COPIES = 999;
/** The Print / Handout dialog's choices; recipients are the lines the user typed (checked in main like a recipients file). */
const handoutSettings = z
  .object({
    layout: z.enum(['1-up', '2-up', '4-up', 'booklet']),
    notes: z.boolean(),
    /** Absent: the template's page size. */
    paper: z.enum(['letter', 'a4']).optional(),
    copies: z.number().int().min(1).max(MAX_HANDOUT_COPIES),
    recipients: text(200_000).optional(),
  })
  .strict();
export type HandoutSettings = z.infer<typeof handoutSettings>;
const printRequestId = z.string().regex(/^[\w-]{1,100}$/);
/**
 * Export and Print build what the preview shows: the same draft, the same template edit, and
 * main's unsaved editor buffers. `unsaved: 'include'` says the user has been told the build reads
 * unsaved edits and chose to go on without saving; without it, main answers `unsaved` instead of building.
 */
const outputRequest = { templateEdit: templateEdit.optional(), unsaved: z.literal('include').optional() };
const handoutRequest = z.object({ draft: briefDraftSchema, handout: handoutSettings, ...outputRequest }).strict();

/** Kinds of unsaved work the recovery folder keeps; each editor keeps its own buffers under its kind. */
export const RECOVERY_KINDS = ['brief', 'section', 'template'] as const;
export type RecoveryKind = (typeof RECOVERY_KINDS)[number];
/** Largest section file text kept for recovery (characters); the page says so when a section is larger. */
export const MAX_RECOVERY_TEXT_CHARS = MAX_TEMPLATE_FILE_CHARS;
/** What is kept: the brief's draft, a section file's text, or a template's edited files. */
const recoveryContent = z.union([
  z.object({ draft: briefDraftSchema }).strict(),
  z.object({ text: text(MAX_RECOVERY_TEXT_CHARS) }).strict(),
  z.object({ files: templateOverlay }).strict(),
]);
export type RecoveryContent = z.infer<typeof recoveryContent>;
/** Key of a piece of work within its kind: a section id, a template id; the brief of a window is `brief`. */
const recoveryKey = z.string().min(1).max(300);
const recoveryId = z.string().regex(/^[0-9a-f-]{36}-[0-9a-f]{24}\.json$/);
/** A section's id: the engine's rule (lowercase letters, digits, hyphens); the file is `<id>.md` in the user's sections folder. */
const sectionIdSchema = z.string().max(100).regex(/^[a-z0-9][a-z0-9-]*$/, 'a section id');
/** Largest section body the editor sends (characters). */
export const MAX_SECTION_BODY_CHARS = 1_000_000;
/** Largest image the editor copies into a section's folder (bytes, before base64). */
export const MAX_SECTION_IMAGE_BYTES = 20 * 1024 * 1024;
const shortText = text(2000);
/** The section editor's form: the front matter it shows (other fields of the file are kept as they are). */
export const sectionFieldsSchema = z
  .object({
    title: shortText,
    summary: text(20_000),
    tags: z.array(text(200)).max(200),
    key_facts: z.array(z.object({ text: text(20_000), source: text(200).optional(), locator: text(500).optional() }).strict()).max(500),
    quotes: z
      .array(
        z
          .object({ text: text(20_000), speaker: shortText, role: shortText, date: text(40), source: text(200).optional(), locator: text(500).optional() })
          .strict(),
      )
      .max(500),
    sources: z
      .array(
        z
          .object({ id: text(200), title: shortText, publisher: shortText, date: text(40), url: text(2048).optional(), locator: text(500).optional() })
          .strict(),
      )
      .max(500),
  })
  .strict();
export type SectionFields = z.infer<typeof sectionFieldsSchema>;
const sectionEdit = z.object({ id: sectionIdSchema, fields: sectionFieldsSchema, body: text(MAX_SECTION_BODY_CHARS) }).strict();
/** A whole section file as text (front matter and body): how a file whose front matter cannot be read is edited, and how unsaved work comes back. */
const sectionText = text(MAX_SECTION_BODY_CHARS + 200_000);
/**
 * The file on disk the editor's text was based on (`diskStamp` of the open or save answer); null: there was none.
 * A save whose file changed on disk since is refused (`changed-on-disk`), so another program's version is never lost silently.
 */
const diskStamp = z.string().max(100).nullable().optional();

/** Invoke channels: renderer asks, main answers. */
export const invokeChannels = {
  listSections: { channel: 'library:list-sections', request: empty },
  listTemplates: { channel: 'library:list-templates', request: empty },
  renderPreview: { channel: 'brief:render-preview', request: z.object({ draft: briefDraftSchema, templateEdit: templateEdit.optional() }).strict() },
  /** pdfStandard: an archival PDF/A copy instead of the default tagged PDF (Export PDF/A…). */
  exportPdf: { channel: 'brief:export-pdf', request: draftRequest.extend({ pdfStandard: z.enum(PDF_STANDARDS).optional(), ...outputRequest }) },
  /** The unsaved section and template edits an export or print of this request would read (asked before exporting or printing). */
  listUnsavedInputs: { channel: 'brief:list-unsaved-inputs', request: z.object({ draft: briefDraftSchema, templateEdit: templateEdit.optional() }).strict() },
  revealExport: {
    channel: 'brief:reveal-export',
    request: z.object({ path: text(4096), action: z.enum(['open', 'show-in-folder']) }).strict(),
  },
  newBrief: { channel: 'brief:new', request: empty },
  openBrief: { channel: 'brief:open', request: z.object({ recentPath: text(4096).optional() }).strict() },
  saveBrief: { channel: 'brief:save', request: z.object({ draft: briefDraftSchema, saveAs: z.boolean() }).strict() },
  setDocumentState: { channel: 'document:set-state', request: z.object({ dirty: z.boolean(), title: text(2000) }).strict() },
  confirmDiscard: { channel: 'document:confirm-discard', request: empty },
  closeWindow: { channel: 'window:close', request: empty },
  printPages: {
    channel: 'window:print',
    request: z
      .object({
        /** Size of the brief's pages in PostScript points, so the printer gets the same paper. */
        pageWidth: z.number().min(72).max(5000),
        pageHeight: z.number().min(72).max(5000),
      })
      .strict(),
  },
  openUserFolder: { channel: 'app:open-user-folder', request: z.object({ folder: z.enum(['sections', 'templates']) }).strict() },
  openExternal: { channel: 'app:open-external', request: z.object({ url: text(2048) }).strict() },
  duplicateTemplate: { channel: 'template:duplicate', request: z.object({ sourceId: templateId, name: templateName }).strict() },
  renameTemplate: { channel: 'template:rename', request: z.object({ id: templateId, name: templateName }).strict() },
  deleteTemplate: { channel: 'template:delete', request: z.object({ id: templateId }).strict() },
  revealTemplate: { channel: 'template:reveal', request: z.object({ id: templateId }).strict() },
  listTemplateFiles: { channel: 'template:list-files', request: z.object({ id: templateId }).strict() },
  readTemplateFile: { channel: 'template:read-file', request: z.object({ id: templateId, path: templatePath }).strict() },
  writeTemplateFile: {
    channel: 'template:write-file',
    request: z.object({ id: templateId, path: templatePath, text: text(MAX_TEMPLATE_FILE_CHARS) }).strict(),
  },
  checkTemplate: { channel: 'template:check', request: z.object({ id: templateId, overlay: templateOverlay }).strict() },
  listPrinters: { channel: 'print:list-printers', request: empty },
  previewHandout: { channel: 'print:preview-handout', request: handoutRequest },
  /** requestId: the page's name for this request, so Cancel can stop it (cancelPrintRequest). */
  printHandout: { channel: 'print:print-handout', request: handoutRequest.extend({ printer: text(200).optional(), requestId: printRequestId.optional() }).strict() },
  exportHandout: { channel: 'print:export-handout', request: handoutRequest },
  /** Stop a printHandout still building or sending; its own answer says whether anything reached the printer. */
  cancelPrintRequest: { channel: 'print:cancel-request', request: z.object({ requestId: printRequestId }).strict() },
  /** Cancel a job this app sent, while it is still queued. */
  cancelPrintJob: { channel: 'print:cancel-job', request: z.object({ jobId: z.string().regex(/^[A-Za-z0-9][\w.@-]*-\d+$/).max(300) }).strict() },
  getViewSettings: { channel: 'view:get-settings', request: empty },
  /** Changes to the layout or text size; the rest is kept. */
  setViewSettings: { channel: 'view:set-settings', request: viewSettingsSchema.partial().strict() },
  /** Unsaved work, kept in the user-data folder as the user types (the page debounces). */
  keepRecovery: { channel: 'recovery:keep', request: z.object({ kind: z.enum(RECOVERY_KINDS), key: recoveryKey, label: text(2000), content: recoveryContent }).strict() },
  /** The work was saved or discarded. */
  forgetRecovery: { channel: 'recovery:forget', request: z.object({ kind: z.enum(RECOVERY_KINDS), key: recoveryKey }).strict() },
  /** Work a crashed or killed run left behind. */
  listRecovery: { channel: 'recovery:list', request: empty },
  restoreRecovery: { channel: 'recovery:restore', request: z.object({ id: recoveryId }).strict() },
  discardRecovery: { channel: 'recovery:discard', request: z.object({ id: recoveryId }).strict() },
  /** Recent briefs for the start screen. */
  listRecent: { channel: 'brief:list-recent', request: empty },
  /** A file dropped on the window: main checks it is a brief before opening it. */
  openDroppedBrief: { channel: 'brief:open-dropped', request: z.object({ path: text(4096) }).strict() },
  /** The section editor: open a section (built-ins read-only), start a new one (nothing written until Save). */
  /** text: unsaved text to open the section with instead of its file (recovered work; a raw file whose front matter reads again). */
  openSection: { channel: 'section:open', request: z.object({ id: sectionIdSchema, text: sectionText.optional() }).strict() },
  newSection: { channel: 'section:new', request: z.object({ title: text(200) }).strict() },
  /** The form and body as typed: kept in main's memory for the preview, and checked. */
  updateSection: { channel: 'section:update', request: sectionEdit },
  saveSection: { channel: 'section:save', request: sectionEdit.extend({ diskStamp }).strict() },
  /** The raw editor (a front matter that cannot be read): the whole file's text, kept in memory and checked, or written as it is. */
  updateSectionText: { channel: 'section:update-text', request: z.object({ id: sectionIdSchema, text: sectionText }).strict() },
  saveSectionText: { channel: 'section:save-text', request: z.object({ id: sectionIdSchema, text: sectionText, diskStamp }).strict() },
  /** Forget the unsaved buffer of a section (the editor closed without saving). */
  discardSection: { channel: 'section:discard', request: z.object({ id: sectionIdSchema }).strict() },
  duplicateSection: { channel: 'section:duplicate', request: z.object({ sourceId: sectionIdSchema, title: text(200) }).strict() },
  renameSection: { channel: 'section:rename', request: z.object({ id: sectionIdSchema, newId: text(200) }).strict() },
  deleteSection: { channel: 'section:delete', request: z.object({ id: sectionIdSchema }).strict() },
  /** Copy a dropped or pasted image into the section's own folder; the answer is the path to write in the body. */
  addSectionImage: {
    channel: 'section:add-image',
    request: z
      .object({ id: sectionIdSchema, name: text(255), base64: z.string().max(Math.ceil(MAX_SECTION_IMAGE_BYTES / 3) * 4 + 4) })
      .strict(),
  },
} as const;

export type InvokeName = keyof typeof invokeChannels;
export type RequestOf<N extends InvokeName> = z.infer<(typeof invokeChannels)[N]['request']>;

export interface SectionSummary {
  id: string;
  title: string;
  summary: string;
  tags: string[];
  builtIn: boolean;
  /** File name only: enough for the user to find it, no full path to the renderer. */
  fileName: string;
}

export interface TemplateSummary {
  id: string;
  name: string;
  description: string;
  builtIn: boolean;
  /** The fields the template declares: the title block shows an input for each. */
  fields?: FieldDeclaration[];
}

/** A failure the UI shows in place, with its location; never a thrown IPC error. */
export interface Failure {
  status: 'error';
  error: BriefErrorData;
}
export interface Cancelled {
  status: 'cancelled';
}

export interface SectionListing {
  sections: SectionSummary[];
  /** Section files that could not be read (the rest of the library still loads). */
  problems: BriefErrorData[];
  warnings: BriefWarning[];
  /** The user's own section files among the problems: still open to editing (as text when the front matter cannot be read). */
  unreadable?: { id: string; error: BriefErrorData }[];
}

export interface TemplateListing {
  templates: TemplateSummary[];
  problems: BriefErrorData[];
  /** The user's templates whose template.yaml cannot be read: not offered for briefs, still open to editing. */
  unreadable?: { id: string; error: BriefErrorData }[];
}

/** The files of a template the editor opens: Handlebars (with Markdown) or YAML. */
export type TemplateFileKind = 'yaml' | 'handlebars';
export interface TemplateFileEntry {
  /** Relative to the template folder, `/`-separated: `template.yaml`, `brief.hbs`, `partials/section.hbs`. */
  path: string;
  kind: TemplateFileKind;
}

/** A problem the template editor shows inline: `path` is the file inside the template, lines and columns are 1-based. */
export interface EditorDiagnostic {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  path?: string;
  line?: number;
  column?: number;
}

export type TemplateChangeResponse = { status: 'done'; template: TemplateSummary; skipped: string[] } | Failure;
export type TemplateDeleteResponse = { status: 'deleted' } | Cancelled | Failure;
export type TemplateFilesResponse = { status: 'listed'; template: TemplateSummary; files: TemplateFileEntry[] } | Failure;
export type TemplateReadResponse = { status: 'read'; text: string } | Failure;
export type TemplateWriteResponse = { status: 'written' } | Failure;
export type TemplateCheckResponse = { status: 'checked'; diagnostics: EditorDiagnostic[] } | { status: 'superseded' } | Failure;

/** A section as the editor shows it. */
export interface SectionDocument {
  id: string;
  builtIn: boolean;
  fileName: string;
  /** False for a new section not yet saved. */
  onDisk: boolean;
  fields: SectionFields;
  body: string;
  /** A stamp of the file's text on disk (absent when it is not on disk): tells a change made by another program. */
  diskStamp?: string;
  /**
   * The front matter cannot be read (not YAML, not a mapping, no closing fence): the whole file is edited as
   * text, the form is off, and `problem` says where and why. `fields` and `body` are empty then.
   */
  raw?: { text: string; problem: SectionDiagnostic };
}
/** A problem of the section being edited, at its place in the `.md` file; `field` names the front-matter field (`sources.0.date`). */
export interface SectionDiagnostic extends EditorDiagnostic {
  field?: string;
}
/** The check of a section's text: its problems, and the line of the file where the body starts (to place body problems in the editor). */
export interface SectionCheck {
  diagnostics: SectionDiagnostic[];
  bodyLine: number;
}
export type SectionOpenResponse = ({ status: 'opened'; section: SectionDocument } & SectionCheck) | Failure;
/** text: the file as it would be saved (kept for recovery); formReady: the text's front matter reads, so the form can show it. */
export type SectionCheckResponse = ({ status: 'checked'; text?: string; formReady?: boolean } & SectionCheck) | Failure;
/** changed-on-disk: not written, the file changed on disk since the editor read it (see `diskStamp`). */
export type SectionSaveResponse = ({ status: 'saved'; fileName: string; diskStamp: string; formReady?: boolean } & SectionCheck) | { status: 'changed-on-disk' } | Failure;
export type SectionChangeResponse = { status: 'done'; id: string } | Failure;
export type SectionImageResponse = { status: 'added'; path: string } | Failure;

export type PreviewResponse =
  /** pageHashes: one signature per page; equal signatures draw the same picture (the preview keeps such pages). */
  | { status: 'rendered'; pdf: Uint8Array; pageCount: number; warnings: BriefWarning[]; renderMs: number; pageHashes?: string[] }
  /** A newer request arrived while this one ran: its result is stale and dropped. */
  | { status: 'superseded' }
  | Failure;

/** A file the build would read from an editor's unsaved text rather than from the disk. */
export interface UnsavedInput {
  kind: 'section' | 'template';
  /** The section's or the template's id. */
  id: string;
  /** As the user knows it: `my-notes.md`, `house-memo/brief.hbs`. */
  fileName: string;
}
/** The build would read unsaved edits and the request did not say to go on (`unsaved: 'include'`): nothing was built or written. */
export interface UnsavedAnswer {
  status: 'unsaved';
  files: UnsavedInput[];
}

export type ExportResponse =
  /** `pageCount`: pages of the file written (for a handout, its sheet sides); `pagesOnSheets`: a handout's brief pages placed on them, all copies. */
  | { status: 'exported'; path: string; fileName: string; pageCount: number; pagesOnSheets?: number; warnings: BriefWarning[] }
  | UnsavedAnswer
  | Cancelled
  | Failure;

export type SaveResponse = { status: 'saved'; fileName: string } | Cancelled | Failure;

export type OpenResponse = { status: 'opened'; draft: BriefDraft; fileName: string } | Cancelled | Failure;

export type PrintResponse = { status: 'printed' } | Cancelled | Failure;

/** A piece of unsaved work offered back after a crash. */
export interface RecoveryOfferSummary {
  id: string;
  kind: RecoveryKind;
  key: string;
  label: string;
  /** ISO time of the last keep. */
  savedAt: string;
  /** The saved file the work came from, when there was one (file name only). */
  fileName?: string;
}
export type RecoveryRestoreResponse =
  | { status: 'restored'; kind: RecoveryKind; key: string; content: RecoveryContent; fileName?: string }
  | Failure;

export interface RecentBrief {
  path: string;
  fileName: string;
  folder: string;
}

export interface PrinterSummary {
  name: string;
  isDefault: boolean;
  state: 'idle' | 'printing' | 'stopped' | 'unknown';
  accepting: boolean;
}
export type PrintersResponse = { status: 'listed'; printers: PrinterSummary[]; defaultPrinter?: string } | Failure;
/** The sheets as they will print. */
export type HandoutPreviewResponse = { status: 'rendered'; pdf: Uint8Array; pageCount: number; warnings: BriefWarning[] } | Failure;
/** `waiting`: queued, but the printer is paused. */
/** `cancelled`: stopped by cancelPrintRequest; with a jobId when it had already been sent and was then cancelled in the queue. */
export type HandoutPrintResponse =
  | { status: 'printed'; printer: string; jobId: string; sheets: number; waiting?: string }
  | { status: 'cancelled'; message: string; jobId?: string }
  | UnsavedAnswer
  | Failure;
/** `finished`: the job had already printed or left the queue, so there was nothing to cancel. */
export type PrintJobCancelResponse = { status: 'cancelled'; jobId: string } | { status: 'finished'; jobId: string; message: string } | Failure;

export interface Done {
  ok: boolean;
  message?: string;
}

export interface InvokeResponses {
  listSections: SectionListing;
  listTemplates: TemplateListing;
  renderPreview: PreviewResponse;
  exportPdf: ExportResponse;
  listUnsavedInputs: { files: UnsavedInput[] };
  revealExport: Done;
  newBrief: { draft: BriefDraft };
  openBrief: OpenResponse;
  saveBrief: SaveResponse;
  setDocumentState: Done;
  confirmDiscard: { choice: 'save' | 'discard' | 'cancel' };
  closeWindow: Done;
  printPages: PrintResponse;
  openUserFolder: Done;
  openExternal: Done;
  duplicateTemplate: TemplateChangeResponse;
  renameTemplate: TemplateChangeResponse;
  deleteTemplate: TemplateDeleteResponse;
  revealTemplate: Done;
  listTemplateFiles: TemplateFilesResponse;
  readTemplateFile: TemplateReadResponse;
  writeTemplateFile: TemplateWriteResponse;
  checkTemplate: TemplateCheckResponse;
  listPrinters: PrintersResponse;
  previewHandout: HandoutPreviewResponse;
  printHandout: HandoutPrintResponse;
  exportHandout: ExportResponse;
  cancelPrintRequest: Done;
  cancelPrintJob: PrintJobCancelResponse;
  getViewSettings: ViewSettings;
  setViewSettings: Done;
  keepRecovery: Done;
  forgetRecovery: Done;
  listRecovery: { offers: RecoveryOfferSummary[] };
  restoreRecovery: RecoveryRestoreResponse;
  discardRecovery: Done;
  listRecent: { briefs: RecentBrief[] };
  openDroppedBrief: OpenResponse;
  openSection: SectionOpenResponse;
  newSection: SectionOpenResponse;
  updateSection: SectionCheckResponse;
  saveSection: SectionSaveResponse;
  updateSectionText: SectionCheckResponse;
  saveSectionText: SectionSaveResponse;
  discardSection: Done;
  duplicateSection: SectionChangeResponse;
  renameSection: SectionChangeResponse;
  deleteSection: Done;
  addSectionImage: SectionImageResponse;
}
export type ResponseOf<N extends InvokeName> = InvokeResponses[N];

/** Commands the main process sends to the page (menu items, close with unsaved changes). */
export const menuCommands = [
  'new',
  'open',
  'save',
  'save-as',
  'export-pdf',
  'export-pdfa',
  'print',
  'save-and-close',
  'open-recent',
  'zoom-in',
  'zoom-out',
  'zoom-reset',
  'toggle-library',
  'toggle-brief',
  'text-bigger',
  'text-smaller',
  'text-reset',
  'undo',
  'redo',
] as const;
export type MenuCommandName = (typeof menuCommands)[number];
export interface MenuCommand {
  command: MenuCommandName;
  /** For `open-recent`: which recent brief. */
  path?: string;
}

/** Event channels: main tells, the page listens. */
export const eventChannels = {
  menuCommand: 'app:menu-command',
  libraryChanged: 'app:library-changed',
} as const;

type Unsubscribe = () => void;

/** What `window.briefStudio` offers: one method per operation. */
export type BriefStudioApi = {
  [N in InvokeName]: keyof RequestOf<N> extends never ? () => Promise<ResponseOf<N>> : (request: RequestOf<N>) => Promise<ResponseOf<N>>;
} & {
  onMenuCommand(listener: (command: MenuCommand) => void): Unsubscribe;
  onLibraryChanged(listener: () => void): Unsubscribe;
  /** The file-system path of a file dropped on the window (Electron's webUtils); empty when it has none. */
  pathForFile(file: File): string;
};

export const invokeNames = Object.keys(invokeChannels) as InvokeName[];

/** Validate a payload for a channel; throws a plain message (no stack) when it does not fit. */
export function parseRequest<N extends InvokeName>(name: N, payload: unknown): RequestOf<N> {
  const schema = invokeChannels[name].request as z.ZodType<RequestOf<N>>;
  const result = schema.safeParse(payload ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length ? ` at \`${issue.path.join('.')}\`` : '';
  throw new Error(`Rejected ${invokeChannels[name].channel}: invalid request${where}${issue ? ` (${issue.message})` : ''}.`);
}

/**
 * A draft's date while the form's date field holds a date not fully typed
 * (12/31/yyyy): the field's value is then empty, which would mean "no date".
 * The brief is not built or saved until the date is whole or cleared.
 */
export const INCOMPLETE_DATE = 'incomplete';

/** What the title block calls each field of a brief draft (messages in main, undo step names in the page). */
export const DRAFT_FIELD_LABELS: Readonly<Record<string, string>> = {
  title: 'Title',
  subtitle: 'Subtitle',
  date: 'Date',
  author: 'Author / office',
  audience: 'Audience',
  classification: 'Classification marking',
  template: 'Template',
  sectionFolders: 'Section folders',
  sections: 'Sections',
  options: 'Options',
  fields: 'Template fields',
};
