/**
 * The template picker: one radio card per template, with its name and
 * description. The user's templates whose template.yaml is broken cannot be
 * chosen, but are listed with their error and a way into the editor.
 */
import type { BriefErrorData } from '../../main/shared/engine-data.js';
import type { TemplateListing, TemplateSummary } from '../../main/shared/ipc-contract.js';
import { byId, el } from './dom.js';
import { describeLocation } from './problems-view.js';
import type { BriefStore } from './store.js';

export class TemplatePicker {
  private readonly list = byId('template-list');
  private templates: TemplateSummary[] = [];
  private unreadable: NonNullable<TemplateListing['unreadable']> = [];

  constructor(
    private readonly store: BriefStore,
    /** Open a template in the editor (for the broken ones listed here). */
    private readonly edit: (id: string) => void = () => undefined,
    /** Told the brief's template is not installed (an error for Problems), or no longer missing (none). */
    private readonly reportMissing: (errors: BriefErrorData[]) => void = () => undefined,
  ) {
    store.subscribe((_store, change) => {
      if (change !== 'saved') this.syncChecked();
    });
  }

  show(templates: TemplateSummary[], problems: BriefErrorData[], unreadable: TemplateListing['unreadable'] = this.unreadable): void {
    this.templates = templates;
    this.unreadable = unreadable;
    const chosen = this.store.draft.template;
    const cards = templates.map((template) => {
      const id = `template-${template.id}`;
      const radio = el('input', { type: 'radio', name: 'template', id, value: template.id, 'aria-describedby': `${id}-description` });
      radio.checked = template.id === chosen;
      radio.addEventListener('change', () => {
        if (radio.checked) this.store.edit({ template: template.id });
      });
      return el(
        'label',
        { class: 'template-card', for: id },
        radio,
        el(
          'span',
          { class: 'template-text' },
          el('span', { class: 'template-name' }, template.name, template.builtIn ? null : el('span', { class: 'badge' }, 'Yours')),
          el('span', { class: 'template-description', id: `${id}-description` }, template.description || 'No description.'),
        ),
      );
    });
    const broken = new Set(unreadable.map((u) => u.error.location?.file));
    const notes = problems.filter((p) => !broken.has(p.location?.file)).map((p) => el('p', { class: 'inline-problem' }, p.message));
    for (const { id, error } of unreadable) {
      const button = el('button', { type: 'button', class: 'link-button', 'data-template-id': id }, `Fix “${id}” in the editor`);
      button.addEventListener('click', () => this.edit(id));
      const where = describeLocation(error.location);
      notes.push(el('p', { class: 'inline-problem broken-template' }, el('strong', {}, id), ` cannot be used: ${where ? `${where}: ` : ''}${error.message} `, button));
    }
    const missing = this.missingTemplate();
    if (missing) notes.unshift(el('p', { class: 'inline-problem' }, missing.message));
    this.list.replaceChildren(...cards, ...notes);
    this.reportMissing(missing ? [missing] : []);
  }

  private syncChecked(): void {
    for (const radio of this.list.querySelectorAll<HTMLInputElement>('input[type=radio]')) radio.checked = radio.value === this.store.draft.template;
    if (this.missingTemplate()) this.show(this.templates, []);
    else this.reportMissing([]);
  }

  /** The brief's template, when the list (once loaded) has no such template. */
  private missingTemplate(): BriefErrorData | undefined {
    const chosen = this.store.draft.template;
    if (!chosen || !this.templates.length || this.templates.some((t) => t.id === chosen)) return undefined;
    return { code: 'TEMPLATE_UNKNOWN', field: 'template', message: `The brief asks for the template “${chosen}”, which is not installed.` };
  }
}
