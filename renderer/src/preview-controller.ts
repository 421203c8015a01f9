/**
 * Keeps the preview in step with the form. Edits are debounced (150 ms at
 * most, less when renders are fast), each request carries a sequence number,
 * and only the newest answer is drawn: an older answer arriving late, or one
 * main reports as superseded, is dropped. Until the new pages are drawn the
 * old ones are marked out of date (at once after an error or a new brief;
 * after a short grace while typing, so fast updates do not flicker).
 */
import type { BriefDraft, BriefStudioApi, TemplateEdit } from '../../main/shared/ipc-contract.js';
import { byId } from './dom.js';
import type { PdfPreview } from './pdf-preview.js';
import type { ProblemsView } from './problems-view.js';
import type { BriefStore } from './store.js';

export const PREVIEW_DEBOUNCE_MS = 150;
/** Shortest wait after a keystroke: a render per keystroke is wasted while typing quickly. */
export const MIN_DEBOUNCE_MS = 40;
/** A pending update marks the pages out of date only if it takes longer than this. */
export const STALE_GRACE_MS = 300;

/** The wait after an edit: about one render's time, so a pause of that length is enough to start one. */
export function debounceFor(recentRenderMs: number | undefined): number {
  if (recentRenderMs === undefined) return PREVIEW_DEBOUNCE_MS;
  return Math.round(Math.min(PREVIEW_DEBOUNCE_MS, Math.max(MIN_DEBOUNCE_MS, recentRenderMs)));
}

export class PreviewController {
  private sequence = 0;
  private timer: number | undefined;
  private staleTimer: number | undefined;
  /** Recent render times (ms), for the debounce. */
  private renderTimes: number[] = [];
  /** The newest failure, kept so the out-of-date label says why until a render succeeds. */
  private failed: string | undefined;
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

  /** An edit happened: render once the user pauses (delay 0: a whole new brief, render now). */
  schedule(delayMs = debounceFor(median(this.renderTimes))): void {
    const editedAt = performance.now();
    window.clearTimeout(this.timer);
    // `pending` until the newest edit is drawn (`current`) or failed (`error`): tests and the benchmark wait on it.
    document.body.dataset.previewState = 'pending';
    this.markPending(delayMs === 0 ? 0 : STALE_GRACE_MS);
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

  /** What the preview renders: the brief, with the section being edited added at the end, in the template being edited. Export and Print build the same. */
  request(): { draft: BriefDraft; templateEdit?: TemplateEdit } {
    const edited = this.sectionEdit();
    const draft = edited && !this.store.draft.sections.includes(edited) ? { ...this.store.draft, sections: [...this.store.draft.sections, edited] } : this.store.draft;
    const templateEdit = this.templateEdit();
    return templateEdit ? { draft, templateEdit } : { draft };
  }

  private async refresh(editedAt: number): Promise<void> {
    const sequence = ++this.sequence;
    const { draft, templateEdit } = this.request();
    // A template being edited is shown even before sections are chosen (main fills in sample sections).
    if (draft.sections.length === 0 && !templateEdit) {
      this.settleStale();
      this.preview.clear();
      if (sequence === this.sequence && this.timer === undefined) document.body.dataset.previewState = 'current';
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
      this.failed = `not updated: ${response.error.message}`;
      this.settleStale();
      this.preview.markStale({ kind: 'error', reason: this.failed });
      if (this.timer === undefined) document.body.dataset.previewState = 'error';
      this.setStatus('Preview not updated', 'error');
      return;
    }
    const answeredAt = performance.now();
    this.renderTimes = [...this.renderTimes.slice(-4), response.renderMs];
    await this.preview.show(response.pdf, response.pageHashes);
    // A newer request may have failed while this one was drawing: its stale mark stays.
    if (sequence !== this.sequence) return;
    this.failed = undefined;
    this.settleStale();
    this.preview.markStale(false);
    document.body.dataset.previewTimings = JSON.stringify({ wait: Math.round(requestedAt - editedAt), ipc: Math.round(answeredAt - requestedAt), draw: Math.round(performance.now() - answeredAt) });
    this.problems.showError(undefined);
    this.problems.showWarnings(response.warnings);
    this.lastLatencyMs = Math.round(performance.now() - editedAt);
    this.setStatus(`Updated · ${response.renderMs} ms`, 'done');
    document.body.dataset.previewSequence = String(sequence);
    document.body.dataset.previewLatency = String(this.lastLatencyMs);
    if (this.timer === undefined) document.body.dataset.previewState = 'current';
    // When the new page is on screen: the next frame after the swap.
    if (typeof requestAnimationFrame === 'function') {
      requestAnimationFrame(() => {
        if (sequence === this.sequence) document.body.dataset.previewPaintedAt = String(performance.now());
      });
    }
  }

  /** The pages on screen no longer match the form; say so after `graceMs` unless they are redrawn first. */
  private markPending(graceMs: number): void {
    if (this.staleTimer !== undefined) return;
    const mark = () => {
      this.staleTimer = undefined;
      // An error already on the pages says more than "updating".
      this.preview.markStale(this.failed ? { kind: 'error', reason: this.failed } : { kind: 'pending', reason: 'updating…' });
    };
    if (graceMs === 0) mark();
    else this.staleTimer = window.setTimeout(mark, graceMs);
  }

  private settleStale(): void {
    window.clearTimeout(this.staleTimer);
    this.staleTimer = undefined;
  }

  private setStatus(text: string, state: 'idle' | 'busy' | 'done' | 'error'): void {
    this.status.textContent = text;
    this.status.dataset.state = state;
  }
}

function median(values: number[]): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
