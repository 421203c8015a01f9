/**
 * The brief being edited: the one place its state lives in the page. Views
 * read from it and write through `edit`; nothing else changes the draft, so
 * an error anywhere (engine, disk, dialog) can never lose an edit.
 */
import type { BriefDraft } from '../../main/shared/ipc-contract.js';

/**
 * `edit`: the user changed something; `load`: a whole brief replaced the old one; `saved`: written to disk;
 * `history`: undo or redo put back an earlier draft (views refill their inputs, as on load).
 */
export type ChangeKind = 'edit' | 'load' | 'saved' | 'history';
export type StoreListener = (store: BriefStore, change: ChangeKind) => void;

export const EMPTY_DRAFT: BriefDraft = { title: '', subtitle: '', date: '', author: '', audience: '', classification: 'UNCLASSIFIED', template: 'memo', sections: [], options: {} };

export class BriefStore {
  private current: BriefDraft = EMPTY_DRAFT;
  private name: string | undefined;
  private edited = false;
  /** The draft as last loaded or saved: undoing back to it leaves the brief unedited. */
  private savedDraft: BriefDraft = EMPTY_DRAFT;
  private readonly listeners = new Set<StoreListener>();

  get draft(): BriefDraft {
    return this.current;
  }

  get fileName(): string | undefined {
    return this.name;
  }

  get dirty(): boolean {
    return this.edited;
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  edit(patch: Partial<BriefDraft>): void {
    this.current = { ...this.current, ...patch };
    this.edited = true;
    this.emit('edit');
  }

  /** `edited`: a brief recovered after a crash is loaded with its unsaved edits. */
  load(draft: BriefDraft, fileName?: string, options: { edited?: boolean } = {}): void {
    this.current = { ...draft, sections: [...draft.sections] };
    this.savedDraft = options.edited ? EMPTY_DRAFT : this.current;
    this.name = fileName;
    this.edited = options.edited ?? false;
    this.emit('load');
  }

  /** Undo/redo: put back an earlier draft; it is unedited when it is the one on disk. */
  restore(draft: BriefDraft): void {
    this.current = draft;
    this.edited = JSON.stringify(draft) !== JSON.stringify(this.savedDraft);
    this.emit('history');
  }

  markSaved(fileName: string, savedDraft: BriefDraft = this.current): void {
    this.name = fileName;
    this.savedDraft = savedDraft;
    this.edited = JSON.stringify(this.current) !== JSON.stringify(savedDraft);
    this.emit('saved');
  }

  toggleSection(id: string, included: boolean): void {
    const without = this.current.sections.filter((s) => s !== id);
    this.edit({ sections: included ? [...without, id] : without });
  }

  private emit(change: ChangeKind): void {
    for (const listener of this.listeners) listener(this, change);
  }
}
