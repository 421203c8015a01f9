/**
 * The chosen template's own fields in the title block (template.yaml
 * `fields:`): one input per declared field, built when the template or the
 * whole brief changes, checked as the user types with the engine's own rule
 * so the form and a build agree on what is valid.
 */
import type { BriefDraft, TemplateSummary } from '../../main/shared/ipc-contract.js';
import { fieldValueFromText, valueProblem, type FieldDeclaration } from '../../main/shared/engine-data.js';
import { byId, el } from './dom.js';
import type { BriefStore } from './store.js';

type DraftFields = NonNullable<BriefDraft['fields']>;

export class TemplateFieldsForm {
  private readonly box = byId('template-fields');
  private templates: TemplateSummary[] = [];
  private shownFor = '';

  constructor(private readonly store: BriefStore) {
    store.subscribe((_store, change) => {
      if (change === 'load' || change === 'history') this.render();
      else if (this.store.draft.template !== this.shownFor) {
        this.render();
        this.dropUndeclared();
      }
    });
  }

  /** The template list (with each template's declared fields), whenever it is read. */
  show(templates: TemplateSummary[]): void {
    this.templates = templates;
    this.render();
  }

  /** Another template was chosen: values for fields it does not declare would only be refused. */
  private dropUndeclared(): void {
    const given = this.store.draft.fields;
    if (!given || !this.templates.length) return;
    const names = new Set(this.declared().map((field) => field.name));
    const kept = Object.fromEntries(Object.entries(given).filter(([name]) => names.has(name)));
    if (Object.keys(kept).length !== Object.keys(given).length) this.store.edit({ fields: kept });
  }

  private declared(): FieldDeclaration[] {
    return this.templates.find((t) => t.id === this.store.draft.template)?.fields ?? [];
  }

  private render(): void {
    this.shownFor = this.store.draft.template;
    const fields = this.declared();
    this.box.replaceChildren();
    this.box.hidden = fields.length === 0;
    if (!fields.length) return;
    const values = this.store.draft.fields ?? {};
    for (const field of fields) this.box.append(this.row(field, values[field.name]));
  }

  private row(field: FieldDeclaration, value: DraftFields[string] | undefined): HTMLElement {
    const id = `template-field-${field.name}`;
    const helpId = `${id}-help`;
    const errorId = `${id}-error`;
    const input = this.control(field, id);
    input.setAttribute('aria-describedby', `${helpId} ${errorId}`);
    input.dataset.field = field.name;
    if (field.required) input.setAttribute('aria-required', 'true');
    input.value = textOf(value ?? (field.default));
    const error = el('p', { id: errorId, class: 'field-error', role: 'status' });
    const check = (): void => {
      const problem = this.problem(field, input.value);
      input.setAttribute('aria-invalid', String(problem !== undefined));
      error.textContent = problem ?? '';
    };
    input.addEventListener('input', () => {
      check();
      const next: DraftFields = { ...(this.store.draft.fields ?? {}) };
      const typed = fieldValueFromText(field, input.value);
      if (input.value.trim() === '') delete next[field.name];
      else next[field.name] = typed;
      this.store.edit({ fields: next });
    });
    check();
    const label = el('label', { for: id }, field.label, field.required ? el('span', { class: 'required-mark', 'aria-hidden': 'true' }, ' *') : null);
    return el('div', { class: 'field template-field' }, label, input, el('p', { id: helpId, class: 'hint' }, field.help || ''), error);
  }

  private control(field: FieldDeclaration, id: string): HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement {
    switch (field.type) {
      case 'multiline':
      case 'rows':
        return el('textarea', { id, name: field.name, rows: 3, readonly: field.type === 'rows' });
      case 'date':
        return el('input', { id, name: field.name, type: 'date' });
      case 'choice':
        return el('select', { id, name: field.name }, el('option', { value: '' }, '—'), ...field.choices!.map((choice) => el('option', { value: choice }, choice)));
      default:
        return el('input', { id, name: field.name, type: 'text', autocomplete: 'off', placeholder: field.type === 'people' ? 'Names separated by ;' : undefined });
    }
  }

  private problem(field: FieldDeclaration, text: string): string | undefined {
    if (text.trim() === '') return field.required && field.default === undefined ? `${field.label} is required by this template.` : undefined;
    if (field.type === 'rows') return undefined; // rows are written in the spec file; shown here read-only
    const problem = valueProblem(field, fieldValueFromText(field, text));
    return problem ? `${field.label}: ${problem}.` : undefined;
  }
}

function textOf(value: DraftFields[string] | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return value.map((item) => (typeof item === 'string' ? item : Object.values(item).join(' | '))).join(value.every((item) => typeof item === 'string') ? '; ' : '\n');
}
