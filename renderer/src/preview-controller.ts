/**
 * Keeps the preview in step with the form. An edit made while no render is
 * under way is rendered at once (no debounce: a lone keystroke should not
 * wait). Edits made while a render is under way are coalesced: when its
 * answer comes back, one render of the newest form starts at once, so there
 * is never a queue and the newest text always wins. Each request carries a
 * sequence number, and only the newest answer completes the update; an older
 * answer may be drawn meanwhile, but the pages stay marked as not current.
 * Until the new pages are drawn the old ones are marked out of date (at once
 * after an error or a new brief; after a short grace while typing, so fast
 * updates do not flicker).
 */
import type { BriefDraft, BriefStudioApi, TemplateEdit } from '../../main/shared/ipc-contract.js';
import { byId } from './dom.js';
import type { PdfPreview } from './pdf-preview.js';
import type { ProblemsView } from './problems-view.js';
import type { BriefStore } from './store.js';

/** A pending update marks the pages out of date only if it takes longer than this. */
export const STALE_GRACE_MS = 300;

export class PreviewController {
  private sequence = 0;
  /** Counts the briefs loaded: an answer for an earlier brief is not drawn. */
  private brief = 0;
  /** A render is due once the code handling the current edit is done (edits made together render once). */
  private queued = false;
  private staleTimer: number | undefined;
  /** The form changed since the last request was sent. */
  private dirty = false;
  /** When the newest edit not yet sent was made. */
  private editedAt = 0;
  /** A request is waiting for its answer from main: new edits wait for it, then render together. */
  private requesting = false;
  /** The newest failure, kept so the out-of-date label says why until a render succeeds. */
  private failed: string | undefined;
  /** The newest update, from its request until its pages are drawn. */
  private inFlight: Promise<void> = Promise.resolve();
  private readonly status = byId('render-status');
  /** Milliseconds from the last edit to the updated preview on screen, for the status line and tests. */
  lastLatencyMs: number | undefined;
  /** Requests sent to main so far (tests count them: a burst of edits must not queue one per edit). */
  requests = 0;
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

  /**
   * An edit happened: render it now, or as soon as the render under way answers.
   * `staleAfterMs` 0: a whole new brief, so the pages on screen are marked out of date at once.
   */
  schedule(staleAfterMs = STALE_GRACE_MS): void {
    this.editedAt = performance.now();
    this.dirty = true;
    // `pending` until the newest edit is drawn (`current`) or failed (`error`): tests and the benchmark wait on it.
    document.body.dataset.previewState = 'pending';
    this.markPending(staleAfterMs);
    // Drawing pages out of view would compete with rendering this edit.
    this.preview.hold();
    if (!this.requesting && !this.queued) {
      this.queued = true;
      queueMicrotask(() => this.send());
    }
  }

  /**
   * A whole new brief replaced the old one (opened, New, restored): the old
   * brief's pages and problems go at once, and an answer still coming for it
   * is dropped, so its pages are never shown for the new brief.
   */
  startBrief(): void {
    this.brief++;
    this.failed = undefined;
    this.settleStale();
    this.preview.clear(false);
    this.problems.showError(undefined);
    this.problems.showWarnings([]);
    this.setStatus('', 'idle');
    this.schedule(0);
  }

  /** Render now and wait until the preview matches the form (used before printing). */
  async flush(): Promise<void> {
    if (this.queued) this.send();
    for (;;) {
      const update = this.inFlight;
      await update;
      if (update === this.inFlight && !this.requesting && !this.dirty && !this.queued) return;
    }
  }

  /** Send the newest form to main, unless a request is already waiting (its answer sends the next). */
  private send(): void {
    this.queued = false;
    if (this.requesting || !this.dirty) return;
    this.dirty = false;
    this.inFlight = this.refresh(this.editedAt);
  }

  /** The answer to the request under way is in: an edit made meanwhile is sent at once. */
  private answered(): void {
    this.requesting = false;
    if (this.dirty) this.send();
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
    const brief = this.brief;
    const { draft, templateEdit } = this.request();
    // A template being edited is shown even before sections are chosen (main fills in sample sections).
    if (draft.sections.length === 0 && !templateEdit) {
      this.settleStale();
      this.preview.clear();
      if (sequence === this.sequence && !this.dirty) document.body.dataset.previewState = 'current';
      this.problems.showError(undefined);
      this.problems.showWarnings([]);
      this.setStatus('', 'idle');
      return;
    }
    this.setStatus('Updating…', 'busy');
    const requestedAt = performance.now();
    this.requesting = true;
    this.requests++;
    let response;
    try {
      response = await this.api.renderPreview(templateEdit ? { draft, templateEdit } : { draft });
    } catch (error) {
      response = { status: 'error' as const, error: { code: 'IO' as const, message: error instanceof Error ? error.message : String(error) } };
    } finally {
      this.answered();
    }
    // Another brief was loaded meanwhile: its own request is (or will be) under way.
    if (brief !== this.brief) return;
    if (sequence !== this.sequence) {
      // A newer edit is already being rendered: this answer is drawn meanwhile (the newest
      // text still wins, and the pages stay marked as not current); its error is not shown.
      if (response.status === 'rendered') await this.preview.show(response.pdf, response.pageHashes);
      return;
    }
    // Main dropped it for another request on the same renderer (not one of ours): ask again.
    if (response.status === 'superseded') {
      this.dirty = true;
      this.send();
      return;
    }
    if (response.status === 'error') {
      this.problems.showError(response.error);
      this.problems.showWarnings([]);
      this.failed = `not updated: ${response.error.message}`;
      this.settleStale();
      this.preview.markStale({ kind: 'error', reason: this.failed });
      if (!this.dirty) document.body.dataset.previewState = 'error';
      this.setStatus('Preview not updated', 'error');
      return;
    }
    const answeredAt = performance.now();
    await this.preview.show(response.pdf, response.pageHashes);
    // A newer request may have failed while this one was drawing: its stale mark stays.
    if (sequence !== this.sequence || brief !== this.brief) return;
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
    if (!this.dirty) document.body.dataset.previewState = 'current';
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
