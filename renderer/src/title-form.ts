/**
 * The title block form: title, subtitle, date, author/office, audience and
 * the classification marking (a preset or free text). Fields write to the
 * store as the user types; they are refilled only when a whole brief loads,
 * so typing is never interrupted.
 */
import { INCOMPLETE_DATE, type BriefDraft } from '../../main/shared/ipc-contract.js';
import { byId } from './dom.js';
import type { BriefStore } from './store.js';

export const MARKING_PRESETS = ['UNCLASSIFIED', 'CUI', 'CONFIDENTIAL', 'SECRET', 'TOP SECRET', 'UNCLASSIFIED//FOR OFFICIAL USE ONLY'] as const;
const CUSTOM = '__custom__';

type TextField = 'title' | 'subtitle' | 'date' | 'author' | 'audience';
const TEXT_FIELDS: TextField[] = ['title', 'subtitle', 'date', 'author', 'audience'];

/** Banner colour family for the swatch beside the marking (the template decides the real colour). */
export function markingLevel(marking: string): string {
  const upper = marking.trim().toUpperCase();
  if (upper.startsWith('TOP SECRET')) return 'top-secret';
  if (upper.startsWith('SECRET')) return 'secret';
  if (upper.startsWith('CONFIDENTIAL')) return 'confidential';
  if (upper.startsWith('CUI')) return 'cui';
  if (upper.startsWith('UNCLASSIFIED')) return 'unclassified';
  return 'other';
}

const LEVEL_LABELS: Record<string, string> = { 'top-secret': 'TS', secret: 'S', confidential: 'C', cui: 'CUI', unclassified: 'U' };

export class TitleForm {
  private readonly preset = byId<HTMLSelectElement>('field-classification-preset');
  private readonly custom = byId<HTMLInputElement>('field-classification');
  private readonly customField = byId('custom-marking-field');
  private readonly swatch = byId('marking-swatch');

  constructor(private readonly store: BriefStore) {
    for (const name of TEXT_FIELDS) {
      const input = this.input(name);
      input.addEventListener('input', () => this.store.edit({ [name]: fieldValue(input) }));
    }
    // A date input whose day, month or year is erased keeps its value empty (no input event
    // when it already was): checked again when the field is left.
    const date = this.input('date');
    date.addEventListener('blur', () => {
      if (fieldValue(date) !== this.store.draft.date) this.store.edit({ date: fieldValue(date) });
    });
    this.preset.addEventListener('change', () => {
      const custom = this.preset.value === CUSTOM;
      this.customField.hidden = !custom;
      if (custom) {
        this.custom.focus();
        this.store.edit({ classification: this.custom.value });
      } else {
        this.store.edit({ classification: this.preset.value });
      }
      this.paintSwatch();
    });
    this.custom.addEventListener('input', () => {
      this.store.edit({ classification: this.custom.value });
      this.paintSwatch();
    });
    store.subscribe((_store, change) => {
      // Undo and redo put back an earlier draft: the inputs show it, as on load.
      if (change === 'load' || change === 'history') this.fill(store.draft);
    });
  }

  private input(name: TextField): HTMLInputElement {
    return byId<HTMLInputElement>(`field-${name}`);
  }

  private fill(draft: BriefDraft): void {
    // A half-typed date cannot be put back: the field shows none, the problem stays until it is typed.
    for (const name of TEXT_FIELDS) this.input(name).value = draft[name] === INCOMPLETE_DATE ? '' : (draft[name] ?? '');
    const marking = draft.classification ?? '';
    const isPreset = (MARKING_PRESETS as readonly string[]).includes(marking);
    this.preset.value = isPreset ? marking : CUSTOM;
    this.custom.value = isPreset ? '' : marking;
    this.customField.hidden = isPreset;
    this.paintSwatch();
  }

  private paintSwatch(): void {
    const level = markingLevel(this.store.draft.classification ?? '');
    this.swatch.dataset.level = level;
    // The level in letters as well as colour: forced colours and colour-blind eyes keep it.
    this.swatch.textContent = LEVEL_LABELS[level] ?? '•';
  }
}

/** What a field says: a date input with a part of its date missing is empty, but is not "no date". */
function fieldValue(input: HTMLInputElement): string {
  return input.type === 'date' && input.validity.badInput ? INCOMPLETE_DATE : input.value;
}
