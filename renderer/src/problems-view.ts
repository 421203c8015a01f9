/**
 * Errors and warnings from the engine, shown where the user looks (above the
 * preview) with the file, line and column they point at. A form problem
 * (a field of the title block) links to that field.
 */
import type { BriefErrorData, BriefWarning, SourceLocation } from '../../main/shared/engine-data.js';
import { byId, el } from './dom.js';

/** "alliance.md:12:4" — the file name only; the full path is in the tooltip. */
export function describeLocation(location: SourceLocation | undefined): string {
  if (!location) return '';
  const name = location.file.split(/[\\/]/).pop() ?? location.file;
  let out = name;
  if (location.line !== undefined) out += `:${location.line}`;
  if (location.line !== undefined && location.column !== undefined) out += `:${location.column}`;
  return out;
}

let messageCounter = 0;

const FIELD_INPUTS: Record<string, string> = {
  title: 'field-title',
  subtitle: 'field-subtitle',
  date: 'field-date',
  author: 'field-author',
  audience: 'field-audience',
  classification: 'field-classification-preset',
  sections: 'chosen-list',
  template: 'template-list',
};

export class ProblemsView {
  private readonly box = byId('problems');
  private readonly list = byId<HTMLUListElement>('problem-list');
  private error: BriefErrorData | undefined;
  private warnings: BriefWarning[] = [];
  /** Errors the form itself sees (a template that is not installed): listed even when the render stopped at another one first. */
  private formErrors: BriefErrorData[] = [];

  showError(error: BriefErrorData | undefined): void {
    this.error = error;
    this.render();
  }

  showWarnings(warnings: BriefWarning[]): void {
    this.warnings = warnings;
    this.render();
  }

  showFormErrors(errors: BriefErrorData[]): void {
    // Told on every edit: the list is redrawn only when it changes.
    if (JSON.stringify(errors) === JSON.stringify(this.formErrors)) return;
    this.formErrors = errors;
    this.render();
  }

  get hasError(): boolean {
    return this.error !== undefined || this.formErrors.length > 0;
  }

  private render(): void {
    // A template field's input keeps the mark its own check set as the user typed.
    for (const invalid of document.querySelectorAll('[aria-invalid="true"]:not([data-field])')) invalid.removeAttribute('aria-invalid');
    for (const mark of document.querySelectorAll('#chosen-list .missing-mark')) mark.remove();
    for (const item of document.querySelectorAll('#chosen-list > li[aria-describedby]')) item.removeAttribute('aria-describedby');
    const items: HTMLLIElement[] = [];
    if (this.error) items.push(this.item('error', this.error.code, this.error.message, this.error.location, this.error.field));
    // The render's own error may already be this one (the template was the only problem).
    for (const error of this.formErrors) {
      if (error.code !== this.error?.code) items.push(this.item('error', error.code, error.message, error.location, error.field));
    }
    for (const warning of this.warnings) items.push(this.item('warning', warning.code, warning.message, warning.location));
    this.list.replaceChildren(...items);
    this.box.hidden = items.length === 0;
    this.box.classList.toggle('has-error', this.hasError);
  }

  private item(kind: 'error' | 'warning', code: string, message: string, location?: SourceLocation, field?: string): HTMLLIElement {
    const input = field ? markField(field, code) : null;
    const where = describeLocation(location);
    const text = el('span', { class: 'problem-message', id: `problem-message-${++messageCounter}` }, sentence(message));
    // A chosen section with the problem reads it out when focused.
    if (input?.matches('#chosen-list > li')) input.setAttribute('aria-describedby', text.id);
    return el(
      'li',
      { class: `problem ${kind}`, 'data-code': code },
      el('span', { class: 'problem-kind' }, kind === 'error' ? 'Error' : 'Warning'),
      where ? el('span', { class: 'location', title: location?.file ?? '' }, where) : null,
      text,
      input && field ? this.fixButton(field, code) : null,
    );
  }

  private fixButton(field: string, code: string): HTMLButtonElement {
    const button = el('button', { type: 'button', class: 'link-button' }, 'Go to field');
    // Found again on click: the chosen list may have been redrawn since the problem was shown.
    button.addEventListener('click', () => {
      const target = markField(field, code);
      if (!target) return;
      const focusable = target.matches('li, input, select, textarea, [tabindex]') ? target : target.querySelector<HTMLElement>('input, [tabindex], li');
      (focusable ?? target).focus();
      target.scrollIntoView({ block: 'nearest' });
    });
    return button;
  }
}

/**
 * Mark the input a problem's field names (aria-invalid) and return it. A
 * section of the brief (`sections.N`) is the Nth chosen item, marked in
 * text too: "Missing" when the library has no such section.
 */
function markField(field: string, code: string): HTMLElement | null {
  const [head = '', rest] = field.split('.');
  if (head === 'sections' && rest !== undefined && /^\d+$/.test(rest)) {
    const item = document.querySelectorAll<HTMLElement>('#chosen-list > li')[Number(rest)];
    if (item) {
      item.setAttribute('aria-invalid', 'true');
      if (!item.querySelector('.missing-mark')) {
        const label = code === 'SECTION_UNKNOWN' ? 'Missing' : 'Problem';
        item.insertBefore(el('span', { class: 'missing-mark' }, label), item.querySelector('.remove'));
      }
      return item;
    }
  }
  const inputId = head === 'fields' ? `template-field-${rest ?? ''}` : FIELD_INPUTS[head];
  const input = inputId ? document.getElementById(inputId) : null;
  input?.setAttribute('aria-invalid', 'true');
  return input;
}

/** Engine messages start in lower case (they read after "file:line:"); on their own they read as sentences. */
function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}
