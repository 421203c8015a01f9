/**
 * The brief commands, reached from the menu (via main), the toolbar and the
 * same shortcuts: New, Open, Save, Save As, Export PDF, Print. Each reports
 * its outcome in the page; none of them can drop the user's edits.
 */
import type { BriefErrorData, BriefWarning } from '../../main/shared/engine-data.js';
import type { BriefStudioApi, MenuCommand } from '../../main/shared/ipc-contract.js';
import type { PdfPreview } from './pdf-preview.js';
import type { PdfStandard } from '../../main/shared/engine-data.js';
import { askChoice } from './page-dialogs.js';
import type { PreviewController } from './preview-controller.js';
import { describeLocation, type ProblemsView } from './problems-view.js';
import { describeJobCancel, openHandoutDialog } from './handout-dialog.js';
import { printDocument } from './print-view.js';
import type { BriefStore } from './store.js';
import { toast } from './toasts.js';
import { decideUnsaved, stillUnsavedMessage, type KeptDecision, type OutputEditors, type OutputRequest } from './unsaved-output.js';

/** The export's own warnings, for its toast: the first in full, how many more. */
function describeWarnings(warnings: BriefWarning[]): string {
  if (!warnings.length) return '';
  const [first] = warnings;
  const more = warnings.length > 1 ? ` (and ${warnings.length - 1} more)` : '';
  return ` · Warning: ${first!.message}${more}`;
}

export class Commands {
  private busy = false;
  /** The section and template editors, whose unsaved edits Export and Print include (after asking). */
  private editors: OutputEditors | undefined;

  constructor(
    private readonly api: BriefStudioApi,
    private readonly store: BriefStore,
    private readonly preview: PdfPreview,
    private readonly controller: PreviewController,
    private readonly problems: ProblemsView,
    /** Undo and redo of brief edits (the Edit menu). */
    private readonly history?: { run(direction: 'undo' | 'redo'): void },
  ) {}

  followEditors(editors: OutputEditors): void {
    this.editors = editors;
  }

  run(command: MenuCommand): Promise<void> {
    switch (command.command) {
      case 'new':
        return this.exclusive(() => this.newBrief());
      case 'open':
        return this.exclusive(() => this.open());
      case 'open-recent':
        return this.exclusive(() => this.open(command.path));
      case 'save':
        return this.exclusive(async () => void (await this.save(false)));
      case 'save-as':
        return this.exclusive(async () => void (await this.save(true)));
      case 'save-and-close':
        return this.exclusive(async () => {
          if (await this.save(false)) await this.api.closeWindow();
        });
      case 'export-pdf':
        return this.exclusive(() => this.exportPdf());
      case 'export-pdfa':
        return this.exclusive(() => this.exportArchival());
      case 'print':
        return this.exclusive(() => this.print());
      case 'zoom-in':
        this.preview.step(1);
        return Promise.resolve();
      case 'zoom-out':
        this.preview.step(-1);
        return Promise.resolve();
      case 'undo':
      case 'redo':
        this.history?.run(command.command);
        return Promise.resolve();
      case 'zoom-reset':
        this.preview.setZoom(1);
        return Promise.resolve();
      // Layout and text size: the window layout handles these (main.ts routes them there).
      case 'toggle-library':
      case 'toggle-brief':
      case 'text-bigger':
      case 'text-smaller':
      case 'text-reset':
        return Promise.resolve();
    }
  }

  /** A file dropped on the window: a brief opens (after asking about unsaved edits); main refuses anything else. */
  openDropped(path: string, isBrief: boolean): Promise<void> {
    return this.exclusive(async () => {
      if (isBrief && !(await this.mayDiscard())) return;
      const result = await this.api.openDroppedBrief({ path });
      if (result.status === 'cancelled') return;
      if (result.status === 'error') return this.fail(isBrief ? 'The brief could not be opened' : 'That file is not a brief', result.error);
      this.store.load(result.draft, result.fileName);
      // As Open: a brief that opens with a problem shows the problem, not a success beside it.
      await this.controller.flush();
      if (!this.problems.hasError) toast(`Opened ${result.fileName}`, { kind: 'success', timeoutMs: 3000 });
    });
  }

  /** One dialog-driven command at a time: a second Ctrl+S while a dialog is open does nothing. */
  private async exclusive(action: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    document.body.classList.add('is-busy');
    try {
      await action();
    } catch (error) {
      toast('Something went wrong', { kind: 'error', detail: error instanceof Error ? error.message : String(error) });
    } finally {
      this.busy = false;
      document.body.classList.remove('is-busy');
    }
  }

  /** Unsaved edits: ask, and save first when the user wants. False means stop. */
  private async mayDiscard(): Promise<boolean> {
    if (!this.store.dirty) return true;
    const { choice } = await this.api.confirmDiscard();
    if (choice === 'cancel') return false;
    if (choice === 'save') return this.save(false);
    return true;
  }

  private async newBrief(): Promise<void> {
    if (!(await this.mayDiscard())) return;
    const { draft } = await this.api.newBrief();
    this.store.load(draft);
  }

  private async open(recentPath?: string): Promise<void> {
    if (!(await this.mayDiscard())) return;
    const result = await this.api.openBrief(recentPath ? { recentPath } : {});
    if (result.status === 'cancelled') return;
    if (result.status === 'error') return this.fail('The brief could not be opened', result.error);
    this.store.load(result.draft, result.fileName);
    // A brief that opens with a problem (a missing section) shows the problem, not a success beside it.
    await this.controller.flush();
    if (!this.problems.hasError) toast(`Opened ${result.fileName}`, { kind: 'success', timeoutMs: 3000 });
  }

  /** True when the brief is on disk afterwards. */
  private async save(saveAs: boolean): Promise<boolean> {
    const draft = this.store.draft;
    const result = await this.api.saveBrief({ draft, saveAs });
    if (result.status === 'cancelled') return false;
    if (result.status === 'error') {
      this.fail('The brief was not saved', result.error);
      return false;
    }
    this.store.markSaved(result.fileName, draft);
    toast(`Saved ${result.fileName}`, { kind: 'success', timeoutMs: 2500 });
    return true;
  }

  /** Export PDF/A…: choose the part, then export as usual. */
  private async exportArchival(): Promise<void> {
    const choice = await askChoice(
      'Export PDF/A',
      'An archival copy: fonts embedded, sRGB colour, identified as PDF/A. PDF/A-2a also keeps the tagged structure (the default export is tagged too).',
      [
        { value: 'PDF/A-1b', label: 'PDF/A-1b' },
        { value: 'PDF/A-2b', label: 'PDF/A-2b' },
        { value: 'PDF/A-2u', label: 'PDF/A-2u' },
        { value: 'PDF/A-2a', label: 'PDF/A-2a', primary: true },
        { value: 'cancel', label: 'Cancel' },
      ],
      'cancel',
    );
    if (choice === 'cancel') return;
    return this.exportPdf(choice);
  }

  /**
   * What Export and Print make: exactly what the preview shows, once the
   * editors' text has reached main and the user has chosen what to do with
   * unsaved edits (or, for a retry of the same export, has already chosen:
   * `kept`). Undefined when the user cancelled.
   */
  private async prepareOutput(
    action: 'export' | 'print',
    kept?: KeptDecision,
  ): Promise<{ request: OutputRequest; unsaved?: 'include'; decision: KeptDecision } | undefined> {
    await this.editors?.flush();
    await this.controller.flush();
    const decision = await decideUnsaved(this.api, this.controller.request(), this.store.draft.sections, this.editors, action, kept);
    if (decision === 'cancel') return undefined;
    // Saving changed what the preview is built from (files on disk, no buffers): build what it shows now.
    if (decision === 'saved') await this.controller.flush();
    return { request: this.controller.request(), decision, ...(decision === 'include' ? { unsaved: 'include' as const } : {}) };
  }

  private async exportPdf(pdfStandard?: PdfStandard, kept?: KeptDecision): Promise<void> {
    const prepared = await this.prepareOutput('export', kept);
    if (!prepared) return;
    const result = await this.api.exportPdf({ ...prepared.request, ...(pdfStandard ? { pdfStandard } : {}), ...(prepared.unsaved ? { unsaved: prepared.unsaved } : {}) });
    if (result.status === 'cancelled') return;
    if (result.status === 'unsaved') return void toast('The PDF was not exported', { kind: 'error', detail: stillUnsavedMessage(result.files, 'export') });
    if (result.status === 'error') {
      // A folder that cannot take the file: say so plainly and offer the save dialog again.
      if (result.error.code === 'OUTPUT_UNWRITABLE') return this.offerAnotherLocation(result.error, prepared.decision, pdfStandard);
      return this.fail('The PDF was not exported', result.error);
    }
    const pages = `${result.pageCount} ${result.pageCount === 1 ? 'page' : 'pages'}`;
    // The page count and warnings of the file written, not of the preview.
    toast(`Exported ${result.fileName}`, {
      kind: 'success',
      detail: `${pages} · ${result.path}${describeWarnings(result.warnings)}`,
      timeoutMs: 20_000,
      actions: [
        { label: 'Open', run: () => void this.reveal(result.path, 'open') },
        { label: 'Show in folder', run: () => void this.reveal(result.path, 'show-in-folder') },
      ],
    });
  }

  /** The retry keeps the user's answer about unsaved edits: it is the same export. */
  private offerAnotherLocation(error: BriefErrorData, decision: KeptDecision, pdfStandard?: PdfStandard): void {
    const shown = toast('The PDF was not exported', {
      kind: 'error',
      detail: error.message,
      actions: [
        {
          label: 'Choose another location',
          run: () => {
            shown.remove();
            void this.exclusive(() => this.exportPdf(pdfStandard, decision));
          },
        },
      ],
    });
  }

  private async reveal(path: string, action: 'open' | 'show-in-folder'): Promise<void> {
    const result = await this.api.revealExport({ path, action });
    if (!result.ok) toast('Could not open the file', { kind: 'error', detail: result.message });
  }

  private async print(): Promise<void> {
    await this.editors?.flush();
    await this.controller.flush();
    const doc = this.preview.loaded;
    if (!doc || this.problems.hasError) {
      toast('Nothing to print yet', { kind: 'error', detail: this.problems.hasError ? 'Fix the problem shown above the preview first.' : 'Choose at least one section.' });
      return;
    }
    const prepared = await this.prepareOutput('print');
    if (!prepared) return;
    const outcome = await openHandoutDialog({
      api: this.api,
      ...prepared.request,
      ...(prepared.unsaved ? { unsaved: prepared.unsaved } : {}),
      printWithSystemDialog: (sheets) => printDocument(sheets, this.api),
    });
    if (outcome.status === 'system-dialog' && outcome.result.status === 'error') this.fail('Printing failed', outcome.result.error);
    if (outcome.status === 'cancelled' && outcome.detail) toast('Printing cancelled', { detail: outcome.detail, timeoutMs: 12_000 });
    if (outcome.status === 'printed') {
      const sent = toast('Sent to the printer', {
        kind: 'success',
        detail: outcome.detail,
        timeoutMs: 20_000,
        actions: [{ label: 'Cancel print job', run: () => void this.cancelPrintJob(outcome.jobId, sent) }],
      });
    }
    if (outcome.status === 'exported') {
      toast(`Exported ${outcome.fileName}`, {
        kind: 'success',
        detail: outcome.detail,
        timeoutMs: 20_000,
        actions: [
          { label: 'Open', run: () => void this.reveal(outcome.path, 'open') },
          { label: 'Show in folder', run: () => void this.reveal(outcome.path, 'show-in-folder') },
        ],
      });
    }
  }

  private async cancelPrintJob(jobId: string, sentToast: HTMLElement): Promise<void> {
    sentToast.remove();
    const result = await this.api.cancelPrintJob({ jobId });
    toast(result.status === 'cancelled' ? 'Print job cancelled' : result.status === 'finished' ? 'Already printed' : 'Could not cancel the print job', {
      kind: result.status === 'error' ? 'error' : 'info',
      detail: describeJobCancel(result),
    });
  }

  private fail(title: string, error: BriefErrorData): void {
    const where = describeLocation(error.location);
    toast(title, { kind: 'error', detail: where ? `${where}: ${error.message}` : error.message });
  }
}
