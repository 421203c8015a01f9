/**
 * The Print / Handout dialog: layout, notes, paper, numbered copies or named
 * recipients, printer; a preview of the sheets exactly as they will print
 * (the PDF main builds, drawn by pdf.js); then Print (the vector PDF to the
 * chosen printer through the spooler, or the system print dialog) or Export.
 * A newer choice supersedes a preview still being built; Print to the system
 * dialog waits for the sheets of the newest choices and locks the choices
 * while it prints them. Cancel while a job
 * is being built or sent stops it in main: nothing reaches the printer, or,
 * if it already had, the job is cancelled in the queue; the outcome says which.
 */
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist';
import type { BriefErrorData } from '../../main/shared/engine-data.js';
import { MAX_HANDOUT_COPIES, type BriefDraft, type BriefStudioApi, type HandoutSettings, type PrintResponse, type ResponseOf, type TemplateEdit } from '../../main/shared/ipc-contract.js';
import { el } from './dom.js';
import { renderToCanvas } from './pdf-preview.js';
import { describeLocation } from './problems-view.js';
import { describeSheetsWritten } from './sheets-written.js';
import { stillUnsavedMessage } from './unsaved-output.js';

const SHEET_THUMB_WIDTH = 150;
const SYSTEM_DIALOG = '';

export type HandoutOutcome =
  | { status: 'printed'; detail: string; jobId: string }
  | { status: 'exported'; path: string; fileName: string; detail: string }
  /** detail: what happened to a print request that was under way. */
  | { status: 'cancelled'; detail?: string }
  | { status: 'system-dialog'; result: PrintResponse };

export interface HandoutDialogDeps {
  api: BriefStudioApi;
  /** What the preview shows (the draft, the template being edited): the sheets are made from the same. */
  draft: BriefDraft;
  templateEdit?: TemplateEdit;
  /** The user chose to print with unsaved section or template edits (already asked). */
  unsaved?: 'include';
  /** The system print dialog (the page's own print view) for a sheets document. */
  printWithSystemDialog: (doc: PDFDocumentProxy) => Promise<PrintResponse>;
}

export function openHandoutDialog({ api, draft, templateEdit, unsaved, printWithSystemDialog }: HandoutDialogDeps): Promise<HandoutOutcome> {
  // Every request for sheets carries the same inputs as the preview, and the user's answer about unsaved edits.
  const inputs = { draft, ...(templateEdit ? { templateEdit } : {}), ...(unsaved ? { unsaved } : {}) };
  const field = (label: string, control: HTMLElement, id: string) => el('div', { class: 'field' }, el('label', { for: id }, label), control);
  const layout = el('select', { id: 'handout-layout' }, ...(['1-up', '2-up', '4-up', 'booklet'] as const).map((v) => el('option', { value: v }, v === 'booklet' ? 'Booklet (fold and staple)' : v)));
  const notes = el('input', { id: 'handout-notes', type: 'checkbox' });
  const paper = el('select', { id: 'handout-paper' }, el('option', { value: '' }, 'As the template'), el('option', { value: 'letter' }, 'Letter'), el('option', { value: 'a4' }, 'A4'));
  const copies = el('input', { id: 'handout-copies', type: 'number', min: 1, max: MAX_HANDOUT_COPIES, step: 1, value: 1, 'aria-describedby': 'handout-copies-error' });
  const copiesError = el('p', { id: 'handout-copies-error', class: 'field-error', role: 'alert' });
  const recipients = el('textarea', { id: 'handout-recipients', rows: 4, spellcheck: 'false', placeholder: 'One name per line (optional)' });
  const printer = el('select', { id: 'handout-printer' }, el('option', { value: SYSTEM_DIALOG }, 'System print dialog…'));
  const status = el('p', { class: 'handout-status', role: 'status' }, 'Preparing sheets…');
  const error = el('p', { class: 'page-dialog-error', role: 'alert' });
  error.hidden = true;
  const sheets = el('div', { class: 'handout-sheets', 'aria-label': 'Sheets as they will print' });
  const cancel = el('button', { type: 'button', class: 'button' }, 'Cancel');
  const exportButton = el('button', { type: 'button', class: 'button' }, 'Export…');
  const print = el('button', { type: 'button', class: 'button primary' }, 'Print');

  const dialog = el(
    'dialog',
    { class: 'page-dialog handout-dialog', 'aria-labelledby': 'handout-dialog-title' },
    el('h2', { id: 'handout-dialog-title', class: 'page-dialog-title' }, 'Print handout'),
    el(
      'div',
      { class: 'handout-body' },
      el(
        'div',
        { class: 'handout-form' },
        field('Layout', layout, 'handout-layout'),
        el('div', { class: 'field field-inline' }, notes, el('label', { for: 'handout-notes' }, 'Ruled lines for notes')),
        field('Paper', paper, 'handout-paper'),
        el('div', { class: 'field' }, el('label', { for: 'handout-copies' }, 'Numbered copies'), copies, copiesError),
        field('Recipients (one copy each)', recipients, 'handout-recipients'),
        field('Printer', printer, 'handout-printer'),
      ),
      el('div', { class: 'handout-preview' }, status, sheets),
    ),
    error,
    el('div', { class: 'page-dialog-buttons' }, cancel, exportButton, print),
  );
  document.body.append(dialog);
  dialog.showModal();

  const settings = (): HandoutSettings => ({
    layout: layout.value as HandoutSettings['layout'],
    notes: notes.checked,
    paper: paper.value ? (paper.value as 'letter' | 'a4') : undefined,
    // Recipients make one copy each: the number field is off then, and may hold anything.
    copies: copies.disabled || copiesProblem() ? 1 : Number(copies.value),
    recipients: recipients.value.trim() ? recipients.value : undefined,
  });

  /** What is wrong with the number of copies typed, if anything (none asked for while recipients are given). */
  const copiesProblem = (): string | undefined => {
    if (copies.disabled) return undefined;
    const typed = copies.value.trim();
    const n = Number(typed);
    // A number input reads "" for text that is not a number (copies.validity.badInput).
    return /^\d+$/.test(typed) && n >= 1 && n <= MAX_HANDOUT_COPIES ? undefined : `Copies must be a whole number from 1 to ${MAX_HANDOUT_COPIES}.`;
  };
  /** Mark the copies field as the user types; true when it is fine to build sheets from. */
  const checkCopies = (): boolean => {
    const problem = copiesProblem();
    copiesError.textContent = problem ?? '';
    if (problem) copies.setAttribute('aria-invalid', 'true');
    else copies.removeAttribute('aria-invalid');
    return problem === undefined;
  };

  const showError = (problem: BriefErrorData | undefined): void => {
    const where = problem ? describeLocation(problem.location) : '';
    error.textContent = problem ? (where ? `${where}: ${problem.message}` : problem.message) : '';
    error.hidden = !problem;
  };

  let doc: PDFDocumentProxy | undefined;
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  /** The sheets drawn are those of the choices on screen (false while they are built, and after a failure). */
  let sheetsCurrent = false;
  const refresh = async (): Promise<void> => {
    const mine = ++generation;
    sheetsCurrent = false;
    print.disabled = true;
    exportButton.disabled = true;
    if (!checkCopies()) {
      // Nothing to print until the number is fixed (as when main refuses a choice).
      status.textContent = 'No sheets to show: fix the number of copies.';
      sheets.replaceChildren();
      return;
    }
    const asked = settings();
    // A large handout takes a while to build: say how large.
    status.textContent = asked.recipients ? 'Preparing sheets, one copy per recipient…' : asked.copies > 1 ? `Preparing sheets for ${asked.copies} numbered copies…` : 'Preparing sheets…';
    const result = await api.previewHandout({ ...inputs, handout: asked });
    if (mine !== generation || !dialog.open) return;
    if (result.status === 'error') {
      showError(result.error);
      status.textContent = 'No sheets to show.';
      sheets.replaceChildren();
      return;
    }
    showError(undefined);
    const next = await getDocument({ data: result.pdf.slice(), isEvalSupported: false, enableXfa: false, useSystemFonts: false }).promise;
    if (mine !== generation || !dialog.open) return void next.destroy();
    const canvases: HTMLElement[] = [];
    const total = next.numPages.toLocaleString('en-US');
    for (let n = 1; n <= next.numPages; n++) {
      if (next.numPages > 20) status.textContent = `Drawing sheet sides… ${n.toLocaleString('en-US')} of ${total}`;
      const page = await next.getPage(n);
      const [x0, , x1] = page.view as [number, number, number, number];
      const canvas = await renderToCanvas(page, SHEET_THUMB_WIDTH / (x1 - x0), window.devicePixelRatio || 1);
      if (mine !== generation) return void next.destroy();
      canvases.push(el('figure', { class: 'handout-sheet' }, canvas, el('figcaption', {}, `Side ${n}`)));
    }
    void doc?.destroy();
    doc = next;
    sheets.replaceChildren(...canvases);
    const s = settings();
    const copiesText = s.recipients ? 'one copy per recipient' : s.copies > 1 ? `${s.copies} numbered copies` : 'one copy';
    status.textContent = `${next.numPages} sheet side${next.numPages === 1 ? '' : 's'} · ${s.layout} · ${copiesText}`;
    sheetsCurrent = true;
    print.disabled = false;
    exportButton.disabled = false;
  };
  /** The sheets being built for the newest choices (settled once they are drawn, superseded or failed). */
  let refreshing: Promise<void> = Promise.resolve();
  /** A choice was changed and its sheets are not being built yet (they are, after a short pause for more changes). */
  let changePending = false;
  const startRefresh = (): void => {
    changePending = false;
    refreshing = refresh().catch((reason: unknown) => {
      showError({ code: 'IO', message: `The sheets could not be shown: ${reason instanceof Error ? reason.message : String(reason)}` });
      status.textContent = 'No sheets to show.';
    });
  };
  const schedule = (): void => {
    clearTimeout(timer);
    changePending = true;
    timer = setTimeout(startRefresh, 250);
  };
  /** Wait until the sheets shown match the choices on screen (a change just made is built now, not after the pause). */
  const sheetsUpToDate = async (): Promise<void> => {
    for (;;) {
      if (changePending) {
        clearTimeout(timer);
        startRefresh();
      }
      const current = refreshing;
      await current;
      if (!changePending && current === refreshing) return;
    }
  };
  const choices = [layout, notes, paper, copies, recipients, printer];
  /** While the sheets are printed through the system dialog, no choice may change them (a new build would close the document being printed). */
  const lockChoices = (locked: boolean): void => {
    for (const control of choices) control.disabled = locked;
    if (!locked) copies.disabled = recipients.value.trim() !== '';
  };
  recipients.addEventListener('input', () => (copies.disabled = recipients.value.trim() !== ''));
  for (const control of [layout, notes, paper, copies, recipients]) control.addEventListener('input', schedule);
  // Said at once as the number is typed, not only when the sheets are built.
  for (const control of [copies, recipients]) control.addEventListener('input', () => checkCopies() || (print.disabled = exportButton.disabled = true));

  void api.listPrinters().then((listed) => {
    if (listed.status !== 'listed') return;
    for (const p of listed.printers) printer.append(el('option', { value: p.name }, `${p.name}${p.isDefault ? ' (default)' : ''}${p.accepting ? '' : ' — not accepting jobs'}`));
    const preferred = listed.printers.find((p) => p.isDefault) ?? listed.printers[0];
    if (preferred) printer.value = preferred.name;
  });
  startRefresh();

  return new Promise((resolve) => {
    const finish = (outcome: HandoutOutcome): void => {
      generation++;
      clearTimeout(timer);
      if (dialog.open) dialog.close();
      dialog.remove();
      void doc?.destroy();
      resolve(outcome);
    };
    /** The print request under way, and whether the user asked to stop it. */
    let printing: { requestId: string; cancelRequested: boolean } | undefined;
    const busy = (text: string): void => {
      status.textContent = text;
      print.disabled = exportButton.disabled = true;
    };
    /** The system print dialog is being prepared: a second click waits for it. */
    let openingSystemDialog = false;
    print.addEventListener('click', () => {
      void (async () => {
        if (!checkCopies()) return;
        if (printer.value === SYSTEM_DIALOG) {
          if (openingSystemDialog) return;
          openingSystemDialog = true;
          // The sheets printed are those of the choices on screen, even one changed a moment ago.
          lockChoices(true);
          await sheetsUpToDate();
          if (!doc || !sheetsCurrent || !dialog.open) {
            // The sheets could not be built (the error is shown): nothing to print.
            openingSystemDialog = false;
            lockChoices(false);
            return;
          }
          busy('Opening the print dialog…');
          return finish({ status: 'system-dialog', result: await printWithSystemDialog(doc) });
        }
        const request = (printing = { requestId: crypto.randomUUID(), cancelRequested: false });
        busy(`Building the sheets, then sending them to ${printer.value}…`);
        const result = await api.printHandout({ ...inputs, handout: settings(), printer: printer.value, requestId: request.requestId });
        printing = undefined;
        cancel.disabled = false;
        if (!dialog.open) return;
        if (result.status === 'cancelled') return finish({ status: 'cancelled', detail: result.message });
        if (request.cancelRequested && result.status === 'printed') {
          // Cancel came as the job was handed over: take it out of the queue.
          const cancelled = await api.cancelPrintJob({ jobId: result.jobId });
          return finish({ status: 'cancelled', detail: describeJobCancel(cancelled, result.printer) });
        }
        if (result.status === 'error' || result.status === 'unsaved') {
          showError(result.status === 'error' ? result.error : { code: 'IO', message: stillUnsavedMessage(result.files, 'print') });
          print.disabled = exportButton.disabled = false;
          status.textContent = 'Not printed.';
          return;
        }
        finish({ status: 'printed', jobId: result.jobId, detail: `${result.sheets} sheet sides to ${result.printer} (job ${result.jobId})${result.waiting ? `. Note: ${result.waiting}.` : ''}` });
      })();
    });
    exportButton.addEventListener('click', () => {
      void (async () => {
        if (!checkCopies()) return;
        busy('Exporting…');
        const result = await api.exportHandout({ ...inputs, handout: settings() });
        if (!dialog.open) return;
        if (result.status === 'cancelled') return void (print.disabled = exportButton.disabled = false);
        if (result.status === 'error' || result.status === 'unsaved') {
          showError(result.status === 'error' ? result.error : { code: 'IO', message: stillUnsavedMessage(result.files, 'export') });
          print.disabled = exportButton.disabled = false;
          return;
        }
        finish({ status: 'exported', path: result.path, fileName: result.fileName, detail: `${describeSheetsWritten(result.pageCount, result.pagesOnSheets)} · ${result.path}` });
      })();
    });
    const stop = (): void => {
      if (!printing) return finish({ status: 'cancelled' });
      if (printing.cancelRequested) return;
      printing.cancelRequested = true;
      cancel.disabled = true;
      status.textContent = 'Cancelling…';
      void api.cancelPrintRequest({ requestId: printing.requestId });
    };
    cancel.addEventListener('click', stop);
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      stop();
    });
  });
}

/** What cancelling a sent job did, in a sentence for the dialog or a toast. */
export function describeJobCancel(result: ResponseOf<'cancelPrintJob'>, printer?: string): string {
  if (result.status === 'cancelled') return `Job ${result.jobId} was cancelled${printer ? ` on ${printer}` : ''}; it will not print.`;
  if (result.status === 'finished') return `Too late to cancel: ${result.message}.`;
  return `The job could not be cancelled: ${result.error.message}`;
}
