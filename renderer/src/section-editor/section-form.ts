/**
 * The front matter of a section as a form: title, summary, tags, key facts
 * (each citing one of the section's sources, chosen from their ids),
 * quotations and sources. Fields the form does not show (a quotation's
 * source, `lang`, `portionMark`…) are kept by main when it saves. Each
 * control names its field (`sources.0.date`) so a problem the engine finds
 * is marked on it, in the form's words (form-words.ts).
 *
 * A new section starts with empty required fields: their problems are held
 * back until the user has typed in or left the field, or tries to save.
 */
import type { SectionDiagnostic, SectionFields } from '../../../main/shared/ipc-contract.js';
import { el } from '../dom.js';
import { inFormWords } from './form-words.js';

type Row = Record<string, string | undefined>;
type ListKey = 'key_facts' | 'quotes' | 'sources';

interface Column {
  key: string;
  label: string;
  kind?: 'text' | 'textarea' | 'source' | 'url';
  placeholder?: string;
  wide?: boolean;
}

const LISTS: Record<ListKey, { title: string; item: string; add: string; columns: Column[]; blank: () => Row }> = {
  key_facts: {
    title: 'Key facts',
    item: 'Key fact',
    add: 'Add key fact',
    columns: [
      { key: 'text', label: 'Fact', kind: 'textarea', wide: true },
      { key: 'source', label: 'Source', kind: 'source' },
      { key: 'locator', label: 'Where in the source', placeholder: 'e.g. para. 4' },
    ],
    blank: () => ({ text: '' }),
  },
  quotes: {
    title: 'Quotations',
    item: 'Quotation',
    add: 'Add quotation',
    columns: [
      { key: 'text', label: 'Quotation (verbatim)', kind: 'textarea', wide: true },
      { key: 'speaker', label: 'Speaker' },
      { key: 'role', label: 'Role' },
      { key: 'date', label: 'Date', placeholder: 'YYYY, YYYY-MM or YYYY-MM-DD' },
    ],
    blank: () => ({ text: '', speaker: '', role: '', date: '' }),
  },
  sources: {
    title: 'Sources',
    item: 'Source',
    add: 'Add source',
    columns: [
      { key: 'id', label: 'Id', placeholder: 'e.g. report' },
      { key: 'title', label: 'Title', wide: true },
      { key: 'publisher', label: 'Publisher' },
      { key: 'date', label: 'Date', placeholder: 'YYYY, YYYY-MM or YYYY-MM-DD' },
      { key: 'url', label: 'URL', kind: 'url', placeholder: 'https://…', wide: true },
      { key: 'locator', label: 'Where in it', placeholder: 'e.g. pp. 3–5' },
    ],
    blank: () => ({ id: '', title: '', publisher: '', date: '' }),
  },
};

const TOP_LABELS: Record<string, string> = { id: 'Id', title: 'Title', summary: 'Summary', tags: 'Tags', key_facts: 'Key facts', quotes: 'Quotations', sources: 'Sources' };

/** A front-matter path as the form labels it: `quotes.0.date` is "Quotation 1 › Date". */
export function fieldLabel(path: string): string | undefined {
  const [key = '', index, column] = path.split('.');
  if (!Object.hasOwn(TOP_LABELS, key)) return undefined;
  if (index === undefined || key === 'tags') return TOP_LABELS[key];
  if (!Object.hasOwn(LISTS, key) || !/^\d+$/.test(index)) return undefined;
  const list = LISTS[key as ListKey];
  const item = `${list.item} ${Number(index) + 1}`;
  return column === undefined ? item : `${item} › ${list.columns.find((c) => c.key === column)?.label ?? column}`;
}

export class SectionForm {
  private fields: SectionFields = { title: '', summary: '', tags: [], key_facts: [], quotes: [], sources: [] };
  private readOnly = false;
  /** A new section: problems show only on the fields in `touched` (typed in or left) until `revealAll`. */
  private holdBack = false;
  private touched = new Set<string>();

  /** `onReveal`: a field was left, so problems held back for it are to be shown now. */
  constructor(
    private readonly host: HTMLElement,
    private readonly onChange: () => void,
    private readonly onReveal: () => void,
  ) {}

  /** `fresh`: a new section, not yet saved or typed in (see `holdBack`). */
  show(fields: SectionFields, readOnly: boolean, fresh = false): void {
    this.fields = structuredClone(fields);
    this.readOnly = readOnly;
    this.holdBack = fresh;
    this.touched.clear();
    this.render();
  }

  /** The problems to show: all of them, except on a new section's fields not yet typed in or left. */
  visible(diagnostics: SectionDiagnostic[]): SectionDiagnostic[] {
    if (!this.holdBack) return diagnostics;
    return diagnostics.filter((d) => !d.field || [...this.touched].some((f) => f === d.field || f.startsWith(`${d.field}.`)));
  }

  /** Show every problem from now on (the user tries to save). */
  revealAll(): void {
    this.holdBack = false;
  }

  get value(): SectionFields {
    return structuredClone(this.fields);
  }

  /** Mark the controls whose field has a problem (in the form's words); clear the others. */
  markProblems(diagnostics: SectionDiagnostic[]): void {
    const byField = new Map<string, string>();
    for (const d of diagnostics) if (d.field && !byField.has(d.field)) byField.set(d.field, inFormWords(d.message, fieldLabel));
    for (const control of this.host.querySelectorAll<HTMLElement>('[data-field]')) {
      const field = control.dataset.field!;
      // A problem with a whole entry (`sources.0`) or list marks its first control.
      const message = byField.get(field) ?? [...byField].find(([f]) => control.dataset.first === 'true' && field.startsWith(`${f}.`))?.[1];
      const error = this.host.querySelector<HTMLElement>(`#${control.id}-error`);
      if (message) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
      if (error) {
        error.textContent = message ?? '';
        error.hidden = !message;
      }
    }
  }

  /** Focus the control of a field (from the problems list); false when the form has none. */
  focusField(field: string): boolean {
    const control = [...this.host.querySelectorAll<HTMLElement>('[data-field]')].find((c) => c.dataset.field === field || (c.dataset.first === 'true' && c.dataset.field!.startsWith(`${field}.`)));
    control?.focus();
    return control !== undefined;
  }

  private render(): void {
    const summary = this.control('summary', 'Summary (the bottom line)', 'textarea', this.fields.summary, (v) => (this.fields.summary = v));
    this.host.replaceChildren(
      this.control('title', 'Title', 'text', this.fields.title, (v) => (this.fields.title = v)),
      summary,
      this.control('tags', 'Tags (comma-separated)', 'text', this.fields.tags.join(', '), (v) => (this.fields.tags = v.split(',').map((t) => t.trim()).filter(Boolean))),
      this.list('key_facts'),
      this.list('quotes'),
      this.list('sources'),
    );
  }

  private control(field: string, label: string, kind: 'text' | 'textarea' | 'url', value: string, set: (value: string) => void, first = false): HTMLElement {
    const id = `section-field-${field.replace(/\./g, '-')}`;
    const input = kind === 'textarea' ? el('textarea', { id, rows: 2 }) : el('input', { id, type: kind === 'url' ? 'url' : 'text', autocomplete: 'off' });
    input.value = value;
    input.dataset.field = field;
    if (first) input.dataset.first = 'true';
    input.setAttribute('aria-describedby', `${id}-error`);
    input.readOnly = this.readOnly;
    input.addEventListener('input', () => {
      this.touched.add(field);
      set(input.value);
      this.onChange();
    });
    this.revealOnLeave(input, field);
    const error = el('p', { id: `${id}-error`, class: 'field-error', role: 'alert' });
    error.hidden = true;
    return el('div', { class: 'field' }, el('label', { for: id }, label), input, error);
  }

  private list(key: ListKey): HTMLElement {
    const spec = LISTS[key];
    const rows = this.fields[key] as Row[];
    const add = el('button', { type: 'button', class: 'button small', 'data-add': key }, spec.add);
    add.disabled = this.readOnly;
    add.addEventListener('click', () => {
      rows.push(spec.blank());
      this.render();
      this.onChange();
      this.host.querySelector<HTMLElement>(`[data-field="${key}.${rows.length - 1}.${spec.columns[0]!.key}"]`)?.focus();
    });
    return el(
      'fieldset',
      { class: `section-list section-list-${key}` },
      el('legend', {}, spec.title, el('span', { class: 'count' }, ` ${rows.length}`)),
      ...rows.map((row, index) => this.row(key, row, index)),
      add,
    );
  }

  private row(key: ListKey, row: Row, index: number): HTMLElement {
    const spec = LISTS[key];
    const remove = el('button', { type: 'button', class: 'icon-button danger', 'aria-label': `Remove ${spec.item.toLowerCase()} ${index + 1}`, title: 'Remove' }, '×');
    remove.disabled = this.readOnly;
    remove.addEventListener('click', () => {
      (this.fields[key] as Row[]).splice(index, 1);
      this.render();
      this.onChange();
    });
    const controls = spec.columns.map((column, position) => {
      const field = `${key}.${index}.${column.key}`;
      const set = (value: string) => {
        if (value === '' && !(column.key in spec.blank())) delete row[column.key];
        else row[column.key] = value;
        if (key === 'sources' && column.key === 'id') this.refreshSourceChoices();
      };
      const cell = column.kind === 'source' ? this.sourceSelect(field, row[column.key], set) : this.control(field, column.label, column.kind === 'textarea' ? 'textarea' : column.kind === 'url' ? 'url' : 'text', row[column.key] ?? '', set, position === 0);
      if (column.placeholder) cell.querySelector('input')?.setAttribute('placeholder', column.placeholder);
      cell.classList.toggle('wide', column.wide === true);
      return cell;
    });
    return el('fieldset', { class: 'section-row' }, el('legend', {}, `${spec.item} ${index + 1}`), el('div', { class: 'section-row-fields' }, ...controls), remove);
  }

  /** The source a key fact cites: one of this section's source ids, or none. */
  private sourceSelect(field: string, value: string | undefined, set: (value: string) => void): HTMLElement {
    const id = `section-field-${field.replace(/\./g, '-')}`;
    const select = el('select', { id, 'aria-describedby': `${id}-error` });
    select.dataset.field = field;
    select.dataset.sourceChoice = 'true';
    select.disabled = this.readOnly;
    this.fillSourceChoices(select, value ?? '');
    select.addEventListener('change', () => {
      this.touched.add(field);
      set(select.value);
      this.onChange();
    });
    this.revealOnLeave(select, field);
    const error = el('p', { id: `${id}-error`, class: 'field-error', role: 'alert' });
    error.hidden = true;
    return el('div', { class: 'field' }, el('label', { for: id }, 'Source'), select, error);
  }

  /** Leaving a field of a new section shows the problems held back for it (an empty required field, say). */
  private revealOnLeave(control: HTMLElement, field: string): void {
    control.addEventListener('blur', () => {
      if (!this.holdBack || this.readOnly || this.touched.has(field)) return;
      this.touched.add(field);
      this.onReveal();
    });
  }

  private fillSourceChoices(select: HTMLSelectElement, value: string): void {
    const ids = [...new Set(this.fields.sources.map((s) => s.id.trim()).filter(Boolean))];
    const options = [el('option', { value: '' }, '— none —'), ...ids.map((id) => el('option', { value: id }, id))];
    // A citation of a source that is not (or no longer) listed stays visible, and the check marks it.
    if (value && !ids.includes(value)) options.push(el('option', { value }, `${value} (not in sources)`));
    select.replaceChildren(...options);
    select.value = value;
  }

  private refreshSourceChoices(): void {
    for (const select of this.host.querySelectorAll<HTMLSelectElement>('select[data-source-choice]')) this.fillSourceChoices(select, select.value);
  }
}
