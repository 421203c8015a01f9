/**
 * Keeps the preview in step with the form. Edits are debounced (150 ms), each
 * request carries a sequence number, and only the newest answer is drawn: an
 * older answer arriving late, or one main reports as superseded, is dropped.
 * A failed render leaves the last good preview up (dimmed) and shows why.
 */
import type { BriefStudioApi, TemplateEdit } from '../../main/shared/ipc-contract.js';
import { byId } from './dom.js';
import type { PdfPreview } from './pdf-preview.js';
import type { ProblemsView } from './problems-view.js';
import type { BriefStore } from './store.js';

export const PREVIEW_DEBOUNCE_MS = 150;

export class PreviewController {
  private sequence = 0;
  private timer: number | undefined;
  private inFlight: Promise<void> = Promise.resolve();
  private readonly status = byId('render-status');
  /** Milliseconds from the last edit to the updated preview on screen, for the status line and tests. */
  lastLatencyMs: number | undefined;
  /** The template being edited, if any: the preview follows it (and its unsaved buffers) instead of the brief's. */
  private templateEdit: () => TemplateEdit | undefined = () => undefined;

  constructor(
    private readonly api: BriefStudioApi,
    private readonly store: BriefStore,
    private readonly preview: PdfPreview,
    private readonly problems: ProblemsView,
  ) {}

  followTemplateEdit(provider: () => TemplateEdit | undefined): void {
    this.templateEdit = provider;
  }

  /** The section being edited, if any: the preview shows the brief with it included (its unsaved text is in main). */
  private sectionEdit: () => string | undefined = () => undefined;
  followSectionEdit(provider: () => string | undefined): void {
    this.sectionEdit = provider;
  }

  /** An edit happened: render once the user pauses. */
  schedule(delayMs = PREVIEW_DEBOUNCE_MS): void {
    const editedAt = performance.now();
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => {
      this.timer = undefined;
      this.inFlight = this.refresh(editedAt);
    }, delayMs);
  }

  /** Render now and wait until the preview matches the form (used before printing). */
  async flush(): Promise<void> {
    if (this.timer !== undefined) {
      window.clearTimeout(this.timer);
      this.timer = undefined;
      this.inFlight = this.refresh(performance.now());
    }
    await this.inFlight;
  }

  private async refresh(editedAt: number): Promise<void> {
    const sequence = ++this.sequence;
    const edited = this.sectionEdit();
    const draft = edited && !this.store.draft.sections.includes(edited) ? { ...this.store.draft, sections: [...this.store.draft.sections, edited] } : this.store.draft;
    const templateEdit = this.templateEdit();
    // A template being edited is shown even before sections are chosen (main fills in sample sections).
    if (draft.sections.length === 0 && !templateEdit) {
      this.preview.clear();
      this.problems.showError(undefined);
      this.problems.showWarnings([]);
      this.setStatus('', 'idle');
      return;
    }
    this.setStatus('Updating…', 'busy');
    const requestedAt = performance.now();
    let response;
    try {
      response = await this.api.renderPreview(templateEdit ? { draft, templateEdit } : { draft });
    } catch (error) {
      response = { status: 'error' as const, error: { code: 'IO' as const, message: error instanceof Error ? error.message : String(error) } };
    }
    if (sequence !== this.sequence || response.status === 'superseded') return;
    if (response.status === 'error') {
      this.problems.showError(response.error);
      this.problems.showWarnings([]);
      this.preview.markStale(true);
      this.setStatus('Preview not updated', 'error');
      return;
    }
    const answeredAt = performance.now();
    await this.preview.show(response.pdf);
    // A newer request may have failed while this one was drawing: its stale mark stays.
    if (sequence !== this.sequence) return;
    this.preview.markStale(false);
    document.body.dataset.previewTimings = JSON.stringify({ wait: Math.round(requestedAt - editedAt), ipc: Math.round(answeredAt - requestedAt), draw: Math.round(performance.now() - answeredAt) });
    this.problems.showError(undefined);
    this.problems.showWarnings(response.warnings);
    this.lastLatencyMs = Math.round(performance.now() - editedAt);
    this.setStatus(`Updated · ${response.renderMs} ms`, 'done');
    document.body.dataset.previewSequence = String(sequence);
    document.body.dataset.previewLatency = String(this.lastLatencyMs);
  }

  private setStatus(text: string, state: 'idle' | 'busy' | 'done' | 'error'): void {
    this.status.textContent = text;
    this.status.dataset.state = state;
  }
}
