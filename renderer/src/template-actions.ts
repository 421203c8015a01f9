/**
 * What can be done with the template the brief uses, from the buttons under
 * the template list: Edit (built-ins open read-only), Duplicate, Rename and
 * Delete (the user's own only), Reveal in the file manager. Every change
 * comes back from main as data; a refused name keeps its dialog open with
 * the reason.
 */
import type { BriefErrorData } from '../../main/shared/engine-data.js';
import type { BriefStudioApi, TemplateSummary } from '../../main/shared/ipc-contract.js';
import { byId } from './dom.js';
import { askForName } from './page-dialogs.js';
import type { BriefStore } from './store.js';
import type { TemplateEditor } from './template-editor/template-editor.js';
import { toast } from './toasts.js';

const FALLBACK_TEMPLATE = 'memo';

export class TemplateActions {
  private templates: TemplateSummary[] = [];
  private readonly buttons = {
    edit: byId<HTMLButtonElement>('template-edit'),
    duplicate: byId<HTMLButtonElement>('template-duplicate'),
    rename: byId<HTMLButtonElement>('template-rename'),
    remove: byId<HTMLButtonElement>('template-delete'),
    reveal: byId<HTMLButtonElement>('template-reveal'),
  };

  constructor(
    private readonly api: BriefStudioApi,
    private readonly store: BriefStore,
    private readonly editor: TemplateEditor,
    /** Reload the template list (and everything else listed from disk). */
    private readonly reload: () => Promise<void>,
  ) {
    store.subscribe(() => this.update());
    this.buttons.edit.addEventListener('click', () => void this.editSelected());
    this.buttons.duplicate.addEventListener('click', () => void this.duplicate(this.store.draft.template));
    this.buttons.rename.addEventListener('click', () => void this.rename());
    this.buttons.remove.addEventListener('click', () => void this.remove());
    this.buttons.reveal.addEventListener('click', () => this.reveal(this.store.draft.template));
  }

  show(templates: TemplateSummary[]): void {
    this.templates = templates;
    this.update();
  }

  /** Ask for a name and copy the template into the user's folder; the brief then uses the copy. */
  async duplicate(sourceId: string): Promise<string | undefined> {
    const source = this.templates.find((t) => t.id === sourceId);
    let created: TemplateSummary | undefined;
    let skipped: string[] = [];
    await askForName({
      title: `Duplicate “${source?.name ?? sourceId}”`,
      hint: 'The copy goes into your templates folder, where you can edit it. Its id (used in brief files) is made from the name.',
      label: 'Name of the copy',
      initial: `${source?.name ?? sourceId} (copy)`,
      confirm: 'Duplicate',
      submit: async (name) => {
        const result = await this.api.duplicateTemplate({ sourceId, name });
        if (result.status === 'error') return result.error.message;
        created = result.template;
        skipped = result.skipped;
        return undefined;
      },
    });
    if (!created) return undefined;
    await this.reload();
    this.store.edit({ template: created.id });
    toast(`Created “${created.name}”`, {
      kind: 'success',
      detail: skipped.length ? `Not copied: ${skipped.join('; ')}` : `Your brief now uses it. Id: ${created.id}`,
      timeoutMs: skipped.length ? 0 : 5000,
    });
    return created.id;
  }

  reveal(id: string): void {
    void this.api.revealTemplate({ id }).then((result) => {
      if (!result.ok) toast('Could not show the template folder', { kind: 'error', detail: result.message });
    });
  }

  private selected(): TemplateSummary | undefined {
    return this.templates.find((t) => t.id === this.store.draft.template);
  }

  private update(): void {
    const selected = this.selected();
    this.buttons.edit.disabled = !selected;
    this.buttons.duplicate.disabled = !selected;
    this.buttons.reveal.disabled = !selected;
    this.buttons.rename.disabled = !selected || selected.builtIn;
    this.buttons.remove.disabled = !selected || selected.builtIn;
    this.buttons.edit.querySelector('.label')!.textContent = selected?.builtIn ? 'View…' : 'Edit…';
    this.buttons.edit.title = selected?.builtIn ? 'Built-in templates open read-only; duplicate one to edit it.' : 'Edit this template';
  }

  private async editSelected(): Promise<void> {
    const selected = this.selected();
    if (selected) await this.editor.open(selected.id);
  }

  private async rename(): Promise<void> {
    const selected = this.selected();
    if (!selected || selected.builtIn) return;
    if (this.editor.templateId === selected.id && !(await this.editor.close())) return;
    let renamed: TemplateSummary | undefined;
    await askForName({
      title: `Rename “${selected.name}”`,
      hint: 'The template folder is renamed too. Brief files that name the old id need the new one.',
      initial: selected.name,
      confirm: 'Rename',
      submit: async (name) => {
        const result = await this.api.renameTemplate({ id: selected.id, name });
        if (result.status === 'error') return result.error.message;
        renamed = result.template;
        return undefined;
      },
    });
    if (!renamed) return;
    await this.reload();
    if (this.store.draft.template === selected.id) this.store.edit({ template: renamed.id });
    toast(`Renamed to “${renamed.name}”`, { kind: 'success', detail: `Id: ${renamed.id}`, timeoutMs: 4000 });
  }

  private async remove(): Promise<void> {
    const selected = this.selected();
    if (!selected || selected.builtIn) return;
    if (this.editor.templateId === selected.id && !(await this.editor.close())) return;
    const result = await this.api.deleteTemplate({ id: selected.id });
    if (result.status === 'cancelled') return;
    if (result.status === 'error') return this.fail('The template was not deleted', result.error);
    // The brief should not point at a template that is gone: switched before the list is drawn again, so it never shows none chosen.
    const switched = this.store.draft.template === selected.id;
    if (switched) this.store.edit({ template: FALLBACK_TEMPLATE });
    await this.reload();
    toast(`Deleted “${selected.name}”`, { kind: 'success', detail: switched ? 'Your brief now uses the Memo template.' : undefined, timeoutMs: 4000 });
  }

  private fail(title: string, error: BriefErrorData): void {
    toast(title, { kind: 'error', detail: error.message });
  }
}
