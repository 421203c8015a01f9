/** The template picker: one radio card per template, with its name and description. */
import type { BriefErrorData } from '../../main/engine/errors.js';
import type { TemplateSummary } from '../../main/shared/ipc-contract.js';
import { byId, el } from './dom.js';
import type { BriefStore } from './store.js';

export class TemplatePicker {
  private readonly list = byId('template-list');
  private templates: TemplateSummary[] = [];

  constructor(private readonly store: BriefStore) {
    store.subscribe((_store, change) => {
      if (change !== 'saved') this.syncChecked();
    });
  }

  show(templates: TemplateSummary[], problems: BriefErrorData[]): void {
    this.templates = templates;
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
    const notes = problems.map((p) => el('p', { class: 'inline-problem' }, p.message));
    if (!templates.some((t) => t.id === chosen) && chosen) {
      notes.unshift(el('p', { class: 'inline-problem' }, `The brief asks for the template “${chosen}”, which is not installed.`));
    }
    this.list.replaceChildren(...cards, ...notes);
  }

  private syncChecked(): void {
    for (const radio of this.list.querySelectorAll<HTMLInputElement>('input[type=radio]')) radio.checked = radio.value === this.store.draft.template;
    if (this.templates.length && !this.templates.some((t) => t.id === this.store.draft.template)) this.show(this.templates, []);
  }
}
