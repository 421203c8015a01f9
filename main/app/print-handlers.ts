/**
 * The Print / Handout dialog's operations: list printers, build the sheets
 * for the preview, print them (vector PDF to CUPS `lp`) or export them. The
 * sheets are built by the same engine stage as `brief-studio build
 * --handout`, in the export render worker. Outcomes come back as data.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { briefSpecSchema, parseRecipients, toErrorData, writeFileAtomic, type BriefSpec, type BuildInputs } from '../engine/index.js';
import type { DocumentSession } from './document-session.js';
import { describeExportFailure } from './export-failure.js';
import { cancelPrintJob } from '../print/cancel-job.js';
import { printPdf } from '../print/print-pdf.js';
import { PrintCancelled } from '../print/submit-job.js';
import { listPrinters } from '../print/printers.js';
import type { BriefDraft, Failure, HandoutSettings, InvokeResponses, RequestOf, TemplateEdit, UnsavedAnswer, UnsavedInput } from '../shared/ipc-contract.js';
import type { BufferList } from './edit-buffers.js';
import { slugify, withPdfExtension } from './document-session.js';
import type { Dialogs, HandlerContext } from './ipc-handlers.js';
import type { RenderFolders, RenderOutcome } from './render-client.js';
import type { SettingsStore } from './settings.js';

export interface PrintHandlerDeps {
  /** Files and folders an export may never replace (the open brief, the template folders). */
  exportInputs: (session: DocumentSession) => BuildInputs;
  /** The draft as a spec in the template the preview uses, with the library-template check of the other handlers. */
  specFor(draft: BriefDraft, templateEdit?: TemplateEdit): BriefSpec;
  /** The files a build of `spec` would read from unsaved editor buffers. */
  unsavedInputs(spec: BriefSpec): UnsavedInput[];
  /** The editors' unsaved buffers, laid over the disk as for the preview. */
  overlay(): BufferList | undefined;
  renderer: { render(spec: BriefSpec, folders: RenderFolders, buffers?: BufferList): Promise<RenderOutcome> };
  renderFolders: RenderFolders;
  dialogs: Pick<Dialogs, 'choosePdfSavePath'>;
  settings: SettingsStore;
  documentsDir: string;
  /** Files this app wrote, which the page may later ask to open or reveal. */
  exported: Set<string>;
}

type Handler<N extends 'listPrinters' | 'previewHandout' | 'printHandout' | 'exportHandout' | 'cancelPrintRequest' | 'cancelPrintJob'> = (request: RequestOf<N>, context: HandlerContext) => Promise<InvokeResponses[N]>;

export function createPrintHandlers(deps: PrintHandlerDeps): {
  listPrinters: Handler<'listPrinters'>;
  previewHandout: Handler<'previewHandout'>;
  printHandout: Handler<'printHandout'>;
  exportHandout: Handler<'exportHandout'>;
  cancelPrintRequest: Handler<'cancelPrintRequest'>;
  cancelPrintJob: Handler<'cancelPrintJob'>;
} {
  /** Print requests still building or sending, by the page's request id. */
  const pending = new Map<string, AbortController>();
  /** Jobs this app sent: the only ones the page may cancel. */
  const sentJobs = new Set<string>();

  const cancelJob = async (jobId: string): Promise<InvokeResponses['cancelPrintJob']> => {
    try {
      return await cancelPrintJob(jobId);
    } catch (error) {
      return { status: 'error', error: toErrorData(error) };
    }
  };

  /**
   * The sheets' PDF, or the failure to show in the dialog. They are built
   * from what the preview shows, unsaved edits included; printing or
   * exporting them first asks `untold` whether the user knows of those.
   */
  const sheets = async (request: SheetsRequest): Promise<{ spec: BriefSpec; outcome: Extract<RenderOutcome, { status: 'rendered' }> } | Failure> => {
    try {
      const spec = handoutSpec(deps.specFor(request.draft, request.templateEdit), request.handout);
      const outcome = await deps.renderer.render(spec, deps.renderFolders, deps.overlay());
      if (outcome.status === 'rendered') return { spec, outcome };
      return outcome.status === 'error' ? outcome : { status: 'error', error: { code: 'IO', message: 'Preparing the sheets was interrupted; please try again.' } };
    } catch (error) {
      return { status: 'error', error: toErrorData(error) };
    }
  };

  /** The answer for a print or export that would read unsaved edits the user has not been told of; undefined to go on. */
  const untold = (request: SheetsRequest): UnsavedAnswer | undefined => {
    if (request.unsaved === 'include') return undefined;
    try {
      const files = deps.unsavedInputs(handoutSpec(deps.specFor(request.draft, request.templateEdit), request.handout));
      return files.length ? { status: 'unsaved', files } : undefined;
    } catch {
      // A request that cannot be built reads nothing: building it says what is wrong.
      return undefined;
    }
  };

  return {
    async listPrinters() {
      try {
        return { status: 'listed', ...(await listPrinters()) };
      } catch (error) {
        return { status: 'error', error: toErrorData(error) };
      }
    },

    async previewHandout(request) {
      const built = await sheets(request);
      if ('status' in built) return built;
      const { pdf, pageCount, warnings } = built.outcome;
      return { status: 'rendered', pdf, pageCount, warnings };
    },

    async printHandout(request) {
      const { handout, printer, requestId } = request;
      const controller = new AbortController();
      if (requestId) pending.set(requestId, controller);
      const notSent = { status: 'cancelled', message: 'Printing was cancelled before anything was sent to the printer.' } as const;
      try {
        const told = untold(request);
        if (told) return told;
        const built = await sheets(request);
        if (controller.signal.aborted) return notSent;
        if ('status' in built) return built;
        const job = await printPdf(built.outcome.pdf, { printer, layout: handout.layout, signal: controller.signal });
        sentJobs.add(job.jobId);
        // Cancelled while lp was handing the job over: it reached the queue, so take it out again.
        if (controller.signal.aborted) {
          const cancelled = await cancelJob(job.jobId);
          if (cancelled.status === 'cancelled') return { status: 'cancelled', jobId: job.jobId, message: `The job had already been sent to ${job.printer}; it was cancelled there (job ${job.jobId}).` };
          if (cancelled.status === 'finished') return { status: 'cancelled', jobId: job.jobId, message: `The job had already been sent to ${job.printer} and finished before it could be cancelled (job ${job.jobId}).` };
          return cancelled;
        }
        return { status: 'printed', printer: job.printer, jobId: job.jobId, sheets: job.sheets, ...(job.waiting ? { waiting: job.waiting } : {}) };
      } catch (error) {
        if (error instanceof PrintCancelled) return notSent;
        return { status: 'error', error: toErrorData(error) };
      } finally {
        if (requestId && pending.get(requestId) === controller) pending.delete(requestId);
      }
    },

    cancelPrintRequest({ requestId }) {
      const controller = pending.get(requestId);
      if (!controller) return Promise.resolve({ ok: false, message: 'That print request has already finished.' });
      controller.abort();
      return Promise.resolve({ ok: true });
    },

    async cancelPrintJob({ jobId }) {
      if (!sentJobs.has(jobId)) return { status: 'error', error: { code: 'PRINT_REJECTED', message: `Job ${jobId} was not sent by Brief Studio, so it is not cancelled from here.` } };
      return cancelJob(jobId);
    },

    async exportHandout(request, { session }) {
      const { draft, handout } = request;
      // Told first, before the save dialog: the same answer the export of the brief gives.
      const told = untold(request);
      if (told) return told;
      const folder = deps.settings.get().lastExportFolder ?? deps.documentsDir;
      const chosen = await deps.dialogs.choosePdfSavePath(join(folder, `${slugify(draft.title || 'brief')}-${handout.layout}.pdf`));
      if (!chosen) return { status: 'cancelled' };
      const built = await sheets(request);
      if ('status' in built) return built;
      const target = withPdfExtension(chosen);
      try {
        await writeFileAtomic(target, built.outcome.pdf, { inputs: deps.exportInputs(session) });
      } catch (error) {
        return { status: 'error', error: describeExportFailure(error, target) };
      }
      deps.exported.add(target);
      await deps.settings.update({ lastExportFolder: dirname(target) });
      // What was written, read back from the file: its sheet sides, and the brief's pages on them (every copy).
      const handoutOptions = built.spec.options.handout;
      const copies = handoutOptions?.recipients?.length ?? handoutOptions?.copies ?? 1;
      return {
        status: 'exported',
        path: target,
        fileName: basename(target),
        pageCount: await pdfPageCount(target),
        pagesOnSheets: built.outcome.pageCount * copies,
        warnings: built.outcome.warnings,
      };
    },
  };
}

/** A handout request: the draft and the dialog's choices, as the preview shows them (its template edit), and whether the user chose to go on with unsaved edits. */
interface SheetsRequest {
  draft: BriefDraft;
  handout: HandoutSettings;
  templateEdit?: TemplateEdit | undefined;
  unsaved?: 'include' | undefined;
}

/** Pages of a PDF file on disk (loaded on first use: pdf-lib stays out of the app's start-up). */
async function pdfPageCount(path: string): Promise<number> {
  const { PDFDocument } = await import('pdf-lib');
  return (await PDFDocument.load(await readFile(path), { updateMetadata: false })).getPageCount();
}

/** The spec with the dialog's handout choices, validated like `options.handout` in a spec file. */
function handoutSpec(spec: BriefSpec, handout: HandoutSettings): BriefSpec {
  const recipients = handout.recipients?.trim() ? parseRecipients(new TextEncoder().encode(handout.recipients), 'Recipients') : undefined;
  const options = { layout: handout.layout, notes: handout.notes, paper: handout.paper, ...(recipients ? { recipients } : { copies: handout.copies }) };
  return briefSpecSchema.parse({ ...spec, options: { ...spec.options, handout: options } });
}
