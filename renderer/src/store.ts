/**
 * The brief being edited: the one place its state lives in the page. Views
 * read from it and write through `edit`; nothing else changes the draft, so
 * an error anywhere (engine, disk, dialog) can never lose an edit.
 */
import type { BriefDraft } from '../../main/shared/ipc-contract.js';

/** `edit`: the user changed something; `load`: a whole brief replaced the old one; `saved`: written to disk. */
export type ChangeKind = 'edit' | 'load' | 'saved';
export type StoreListener = (store: BriefStore, change: ChangeKind) => void;

export const EMPTY_DRAFT: BriefDraft = { title: '', subtitle: '', date: '', author: '', audience: '', classification: 'UNCLASSIFIED', template: 'memo', sections: [], options: {} };

export class BriefStore {
  private current: BriefDraft = EMPTY_DRAFT;
  private name: string | undefined;
  private edited = false;
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

  load(draft: BriefDraft, fileName?: string): void {
    this.current = { ...draft, sections: [...draft.sections] };
    this.name = fileName;
    this.edited = false;
    this.emit('load');
  }

  markSaved(fileName: string): void {
    this.name = fileName;
    this.edited = false;
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
