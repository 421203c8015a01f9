/**
 * Keeps the unsaved brief in main's recovery folder as the user types
 * (debounced), and offers back what a crashed run left behind. Other editors
 * (sections, templates) keep their own buffers through the same bridge calls
 * (`keepRecovery` / `forgetRecovery` with their kind) and register how to
 * restore them here (`onRestore`).
 */
import { MAX_RECOVERY_TEXT_CHARS, type BriefStudioApi, type Done, type RecoveryContent, type RecoveryKind, type RecoveryOfferSummary } from '../../main/shared/ipc-contract.js';
import { announce, byId, el } from './dom.js';
import type { BriefStore } from './store.js';
import { toast } from './toasts.js';

/** Long enough to write once per typing pause, short enough that a crash loses a second's work at most. */
export const RECOVERY_DEBOUNCE_MS = 500;

export type RestoreHandler = (key: string, content: RecoveryContent) => void | Promise<void>;

export class RecoveryKeeper {
  private timer: number | undefined;
  private readonly handlers = new Map<RecoveryKind, RestoreHandler>();
  private readonly box = byId('recovery-offers');

  constructor(
    private readonly api: BriefStudioApi,
    private readonly store: BriefStore,
  ) {
    store.subscribe(() => {
      // Still edited after any change (even a save, when typing went on meanwhile): keep the newest draft.
      if (store.dirty) this.schedule();
      // Saved, undone back to the file, or replaced: main forgets the copy (setDocumentState, save, open).
      else this.cancel();
    });
    this.handlers.set('brief', (_key, content) => {
      if ('draft' in content) this.store.load(content.draft, this.restoredName, { edited: true });
    });
  }

  private restoredName: string | undefined;

  /** How another editor takes its recovered work back. */
  onRestore(kind: RecoveryKind, handler: RestoreHandler): void {
    this.handlers.set(kind, handler);
  }

  private readonly others = new Map<string, number>();
  /** Work already told it is too large to keep (told once while it stays so). */
  private readonly tooLarge = new Set<string>();

  /**
   * Another editor's unsaved work changed: keep it (debounced), or forget it
   * when `content` is undefined (saved, or discarded).
   */
  track(kind: Exclude<RecoveryKind, 'brief'>, key: string, label: string, content: RecoveryContent | undefined): void {
    const id = `${kind}\u0000${key}`;
    window.clearTimeout(this.others.get(id));
    if (!content) {
      this.others.delete(id);
      this.tooLarge.delete(id);
      void this.api.forgetRecovery({ kind, key }).catch(() => undefined);
      return;
    }
    this.others.set(
      id,
      window.setTimeout(() => {
        this.others.delete(id);
        // Main would refuse it: say so instead of failing unseen (a copy kept earlier stays).
        if ('text' in content && content.text.length > MAX_RECOVERY_TEXT_CHARS) return this.tellTooLarge(id, kind, label);
        this.tooLarge.delete(id);
        void this.api
          .keepRecovery({ kind, key, label, content })
          .then((done) => {
            if (!this.told(id, done)) return;
            document.body.dataset.recoveryKeptOther = String(Number(document.body.dataset.recoveryKeptOther ?? 0) + 1);
          })
          .catch(() => undefined);
      }, RECOVERY_DEBOUNCE_MS),
    );
  }

  /** Work whose last copy main could not write (told once until a copy is written again). */
  private readonly unkept = new Set<string>();

  /** True when main kept the copy; else the user is told why, once while it keeps failing. */
  private told(id: string, done: Done): boolean {
    if (done.ok) {
      this.unkept.delete(id);
      return true;
    }
    if (!this.unkept.has(id)) {
      this.unkept.add(id);
      toast('Unsaved work is not being kept for recovery', { kind: 'error', detail: done.message ?? 'The recovery copy could not be written. Save your work to keep it safe.' });
    }
    return false;
  }

  private tellTooLarge(id: string, kind: Exclude<RecoveryKind, 'brief'>, label: string): void {
    if (this.tooLarge.has(id)) return;
    this.tooLarge.add(id);
    toast(`This ${kind} is too large to be kept for recovery`, {
      kind: 'error',
      detail: `“${label}” has more than ${MAX_RECOVERY_TEXT_CHARS.toLocaleString('en')} characters, so no copy of it is kept in case Brief Studio closes unexpectedly. Save it to keep it safe.`,
    });
  }

  /** Write now (tests, and before anything that might not come back). */
  async flush(): Promise<void> {
    if (this.timer === undefined) return;
    this.cancel();
    await this.keep();
  }

  private schedule(): void {
    this.cancel();
    this.timer = window.setTimeout(() => {
      this.timer = undefined;
      void this.keep();
    }, RECOVERY_DEBOUNCE_MS);
  }

  private cancel(): void {
    window.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async keep(): Promise<void> {
    if (!this.store.dirty) return;
    const draft = this.store.draft;
    try {
      const done = await this.api.keepRecovery({ kind: 'brief', key: 'brief', label: draft.title.trim() || 'Untitled brief', content: { draft } });
      if (!this.told('brief\u0000brief', done)) return;
      document.body.dataset.recoveryKept = String(Number(document.body.dataset.recoveryKept ?? 0) + 1);
    } catch {
      // Keeping a copy is a safety net; the edit itself is safe in the page.
    }
  }

  /** Offer back what an earlier run left; shown above the preview until answered. */
  async offer(): Promise<void> {
    const { offers } = await this.api.listRecovery();
    this.show(offers);
    if (offers.length) {
      announce(`${offers.length === 1 ? 'Unsaved work was' : `${offers.length} pieces of unsaved work were`} found from the last time Brief Studio closed.`);
      this.box.querySelector<HTMLButtonElement>('button')?.focus();
    }
  }

  private show(offers: RecoveryOfferSummary[]): void {
    this.box.hidden = offers.length === 0;
    this.box.replaceChildren(
      el('h3', { id: 'recovery-heading' }, offers.length === 1 ? 'Unsaved work was recovered' : `${offers.length} pieces of unsaved work were recovered`),
      el('p', { class: 'hint' }, 'Brief Studio closed before this was saved. Restore it to keep working on it, or discard it.'),
      el('ul', { class: 'recovery-list', 'aria-labelledby': 'recovery-heading' }, ...offers.map((offer) => this.item(offer, offers))),
    );
  }

  private item(offer: RecoveryOfferSummary, all: RecoveryOfferSummary[]): HTMLLIElement {
    const what = offer.kind === 'brief' ? 'Brief' : offer.kind === 'section' ? 'Section' : 'Template';
    const when = new Date(offer.savedAt);
    const restorable = this.handlers.has(offer.kind);
    const restore = el('button', { type: 'button', class: 'button small primary', 'data-recovery-restore': offer.id }, 'Restore');
    const discard = el('button', { type: 'button', class: 'button small', 'data-recovery-discard': offer.id }, 'Discard');
    const rest = () => this.show(all.filter((o) => o.id !== offer.id));
    restore.addEventListener('click', () => void this.restore(offer).then((done) => done && rest()));
    discard.addEventListener('click', () => void this.api.discardRecovery({ id: offer.id }).then(rest));
    return el(
      'li',
      { class: 'recovery-item', 'data-recovery-kind': offer.kind },
      el('span', { class: 'recovery-label' }, el('strong', {}, `${what}: ${offer.label}`), offer.fileName ? ` (${offer.fileName})` : null),
      el('span', { class: 'recovery-time' }, `last kept ${isNaN(when.getTime()) ? offer.savedAt : when.toLocaleString()}`),
      restorable ? restore : el('span', { class: 'hint' }, `Open the ${offer.kind} editor to restore it.`),
      discard,
    );
  }

  private async restore(offer: RecoveryOfferSummary): Promise<boolean> {
    if (offer.kind === 'brief' && this.store.dirty) {
      toast('Save or discard the brief you are editing first', { kind: 'error', detail: 'Restoring replaces the brief in the window.' });
      return false;
    }
    const result = await this.api.restoreRecovery({ id: offer.id });
    if (result.status === 'error') {
      toast('The work could not be restored', { kind: 'error', detail: result.error.message });
      return true;
    }
    this.restoredName = result.fileName;
    await this.handlers.get(result.kind)?.(result.key, result.content);
    this.restoredName = undefined;
    toast(`Restored ${offer.label}`, { kind: 'success', detail: 'It is not saved yet: save it to keep it.', timeoutMs: 6000 });
    return true;
  }
}
