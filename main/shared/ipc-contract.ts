/**
 * The one contract between the renderer and the main process: every channel,
 * the schema its request must pass in main, and the type of its response.
 * Main (ipc-main.ts), the preload bridge and the renderer all import it, so a
 * channel cannot drift between the three.
 */
import { z } from 'zod';
import type { BriefErrorData, BriefWarning } from '../engine/errors.js';

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
    /** Options the form does not edit (TOC, handout…) kept from the opened file. */
    options: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type BriefDraft = z.infer<typeof briefDraftSchema>;

const empty = z.object({}).strict();
const draftRequest = z.object({ draft: briefDraftSchema }).strict();

/** Invoke channels: renderer asks, main answers. */
export const invokeChannels = {
  listSections: { channel: 'library:list-sections', request: empty },
  listTemplates: { channel: 'library:list-templates', request: empty },
  renderPreview: { channel: 'brief:render-preview', request: draftRequest },
  exportPdf: { channel: 'brief:export-pdf', request: draftRequest },
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
}

export interface TemplateListing {
  templates: TemplateSummary[];
  problems: BriefErrorData[];
}

export type PreviewResponse =
  | { status: 'rendered'; pdf: Uint8Array; pageCount: number; warnings: BriefWarning[]; renderMs: number }
  /** A newer request arrived while this one ran: its result is stale and dropped. */
  | { status: 'superseded' }
  | Failure;

export type ExportResponse =
  | { status: 'exported'; path: string; fileName: string; pageCount: number; warnings: BriefWarning[] }
  | Cancelled
  | Failure;

export type SaveResponse = { status: 'saved'; fileName: string } | Cancelled | Failure;

export type OpenResponse = { status: 'opened'; draft: BriefDraft; fileName: string } | Cancelled | Failure;

export type PrintResponse = { status: 'printed' } | Cancelled | Failure;

export interface Done {
  ok: boolean;
  message?: string;
}

export interface InvokeResponses {
  listSections: SectionListing;
  listTemplates: TemplateListing;
  renderPreview: PreviewResponse;
  exportPdf: ExportResponse;
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
}
export type ResponseOf<N extends InvokeName> = InvokeResponses[N];

/** Commands the main process sends to the page (menu items, close with unsaved changes). */
export const menuCommands = [
  'new',
  'open',
  'save',
  'save-as',
  'export-pdf',
  'print',
  'save-and-close',
  'open-recent',
  'zoom-in',
  'zoom-out',
  'zoom-reset',
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
