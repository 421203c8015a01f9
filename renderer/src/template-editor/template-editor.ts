/**
 * The "Edit template" panel: the template's files on the left, the code in
 * the middle, its problems underneath, and the preview (beside it) showing
 * the brief in this template as it is being typed. Unsaved buffers stay in
 * the page; main lays them over the disk in memory to check and preview
 * them (errors name the real files), and writes a
 * file only on Save. Built-in templates open read-only, with a way to
 * duplicate them. A file changed in another editor is picked up when the
 * folder watcher reports it: reloaded when it has no unsaved edits here,
 * offered otherwise.
 */
import type { EditorState } from '@codemirror/state';
import type { BriefErrorData } from '../../../main/shared/engine-data.js';
import type { BriefStudioApi, EditorDiagnostic, TemplateEdit, TemplateFileEntry, TemplateSummary } from '../../../main/shared/ipc-contract.js';
import { byId, el } from '../dom.js';
import { askChoice, askForName } from '../page-dialogs.js';
import { toast } from '../toasts.js';
import type { CodeEditor } from './code-editor.js';
import { diagnosticItems, inlineDiagnostics, summarize } from './editor-diagnostics.js';

/** Pause after the last keystroke before the template is checked again. */
export const CHECK_DEBOUNCE_MS = 250;

interface Buffer {
  entry: TemplateFileEntry;
  /** Text on disk as last read or written. */
  saved: string;
  state: EditorState;
  /** Text on disk that differs from `saved` while this buffer has unsaved edits. */
  changedOnDisk?: string;
}

export interface TemplateEditorHooks {
  /** The edited template, its buffers or the open state changed: the preview should follow. */
  previewChanged(): void;
  /** Duplicate a template (asking for the name); the new id, or undefined when cancelled. */
  duplicate(id: string): Promise<string | undefined>;
  /** Reveal a template's folder in the system file manager. */
  reveal(id: string): void;
  /** The editor was closed: give focus back to where editing started. */
  closed(): void;
}

export class TemplateEditor {
  private readonly panel = byId('template-editor');
  private readonly fileList = byId('editor-file-list');
  private readonly diagnosticList = byId('editor-diagnostic-list');
  private readonly saveButton = byId<HTMLButtonElement>('editor-save');
  private readonly checkStatus = byId('editor-check-status');
  private readonly banner = byId('editor-banner');
  private code: CodeEditor | undefined;
  private template: TemplateSummary | undefined;
  private files: TemplateFileEntry[] = [];
  private readonly buffers = new Map<string, Buffer>();
  private currentPath: string | undefined;
  private diagnostics: EditorDiagnostic[] = [];
  private checkTimer: number | undefined;
  private checkSequence = 0;
  /** Bumped on every edit, so a check answer for older text is not drawn over newer text. */
  private version = 0;

  constructor(
    private readonly api: BriefStudioApi,
    private readonly hooks: TemplateEditorHooks,
  ) {
    this.saveButton.addEventListener('click', () => void this.save());
    byId('editor-close').addEventListener('click', () => void this.close());
    byId('editor-reveal').addEventListener('click', () => this.template && this.hooks.reveal(this.template.id));
    byId('editor-duplicate').addEventListener('click', () => void this.duplicateToEdit());
    byId('editor-new-partial').addEventListener('click', () => void this.newPartial());
  }

  get isOpen(): boolean {
    return this.template !== undefined;
  }

  get templateId(): string | undefined {
    return this.template?.id;
  }

  /** Edits in the editor not yet written to disk (the close guard counts them too). */
  get hasUnsavedEdits(): boolean {
    return this.dirtyBuffers().length > 0;
  }

  /** Write every file with unsaved edits; false when one could not be written. */
  async saveAll(): Promise<boolean> {
    for (const buffer of this.dirtyBuffers()) if (!(await this.write(buffer))) return false;
    return true;
  }

  /** True when Save should go to the editor rather than the brief (the editor has focus). */
  get ownsSave(): boolean {
    return this.isOpen && this.panel.contains(document.activeElement);
  }

  /** What the preview renders with while the editor is open: this template and its unsaved buffers. */
  previewEdit(): TemplateEdit | undefined {
    if (!this.template) return undefined;
    return { id: this.template.id, overlay: this.dirtyBuffers().map((b) => ({ path: b.entry.path, text: this.textOf(b) })) };
  }

  async open(id: string, path?: string): Promise<void> {
    if (this.template?.id === id) {
      // Already open: keep the unsaved buffers, just go to the file asked for.
      if (path) await this.select(path);
      this.code?.focus();
      return;
    }
    if (this.template && !(await this.mayLeave())) return;
    const listing = await this.api.listTemplateFiles({ id });
    if (listing.status === 'error') return this.fail('The template could not be opened', listing.error);
    this.code ??= await this.createCodeEditor();
    this.template = listing.template;
    this.files = listing.files;
    this.buffers.clear();
    this.currentPath = undefined;
    this.diagnostics = [];
    this.showBanner(undefined);
    this.renderHeader();
    this.panel.hidden = false;
    document.body.classList.add('is-editing-template');
    await this.select(path ?? (this.files.some((f) => f.path === 'brief.hbs') ? 'brief.hbs' : this.files[0]!.path));
    this.scheduleCheck(0);
    this.hooks.previewChanged();
    this.code.focus();
  }

  /** Recovered work: open the template and lay the unsaved text back over its files (they stay unsaved). */
  async restoreBuffers(id: string, files: { path: string; text: string }[]): Promise<void> {
    await this.open(id);
    if (this.template?.id !== id) return;
    for (const file of files) {
      const buffer = this.buffers.get(file.path) ?? (await this.load(file.path));
      if (buffer) this.setText(buffer, file.text);
    }
    this.renderFiles();
    this.updateSaveButton();
    this.scheduleCheck(0);
    this.hooks.previewChanged();
  }

  /** CodeMirror is loaded the first time a template is opened, not with the page. */
  private async createCodeEditor(): Promise<CodeEditor> {
    const { CodeEditor } = await import('./code-editor.js');
    return new CodeEditor(byId('code-editor-host'), {
      onChange: () => this.changed(),
      onSave: () => void this.save(),
      onCursor: (line, column) => (byId('editor-cursor').textContent = `Ln ${line}, Col ${column}`),
    });
  }

  /** Close the panel; false when the user chose to stay (unsaved edits). */
  async close(): Promise<boolean> {
    if (!this.template) return true;
    if (!(await this.mayLeave())) return false;
    window.clearTimeout(this.checkTimer);
    this.template = undefined;
    this.buffers.clear();
    this.panel.hidden = true;
    document.body.classList.remove('is-editing-template');
    byId('preview-template-note').hidden = true;
    this.hooks.previewChanged();
    this.hooks.closed();
    return true;
  }

  /** Save the file on screen (nothing to do when it has no unsaved edits). */
  async save(): Promise<boolean> {
    const buffer = this.current();
    if (!this.template || !buffer) return false;
    if (this.template.builtIn) {
      toast('Built-in templates are read-only', { detail: 'Duplicate it to make your own copy, then edit the copy.' });
      return false;
    }
    // The same Ctrl+S may arrive twice in the app (the editor's key and the menu's Save).
    return this.isDirty(buffer) ? this.write(buffer) : true;
  }

  /** The folders changed on disk (the watcher): pick up new files and edits made in another editor. */
  async refreshFromDisk(): Promise<void> {
    const template = this.template;
    if (!template) return;
    const listing = await this.api.listTemplateFiles({ id: template.id });
    if (this.template !== template) return;
    if (listing.status === 'error') {
      this.showBanner(`This template is no longer in your templates folder (${listing.error.message}). Copy anything you want to keep before closing.`);
      return;
    }
    this.template = listing.template;
    this.files = listing.files;
    for (const buffer of [...this.buffers.values()]) {
      const read = await this.api.readTemplateFile({ id: template.id, path: buffer.entry.path });
      if (read.status !== 'read' || read.text === buffer.saved) continue;
      if (this.isDirty(buffer)) {
        buffer.changedOnDisk = read.text;
      } else {
        buffer.saved = read.text;
        this.setText(buffer, read.text);
      }
    }
    // The editor may have been closed or switched while the files were read.
    if (this.template !== listing.template) return;
    this.renderHeader();
    this.renderFiles();
    this.renderConflict();
    this.scheduleCheck(0);
  }

  private async select(path: string): Promise<void> {
    const buffer = this.buffers.get(path) ?? (await this.load(path));
    if (!buffer || !this.code) return;
    const previous = this.current();
    if (previous) previous.state = this.code.state;
    this.currentPath = path;
    this.code.show(buffer.state);
    byId('editor-file-kind').textContent = buffer.entry.kind === 'yaml' ? 'YAML · layout settings' : 'Handlebars · brief markup';
    byId('editor-cursor').textContent = 'Ln 1, Col 1';
    this.renderFiles();
    this.renderConflict();
    this.showDiagnostics();
  }

  private async load(path: string): Promise<Buffer | undefined> {
    const entry = this.files.find((f) => f.path === path) ?? { path, kind: path.endsWith('.yaml') ? 'yaml' : 'handlebars' };
    const template = this.template!;
    const read = await this.api.readTemplateFile({ id: template.id, path });
    if (read.status === 'error') {
      this.fail(`${path} could not be read`, read.error);
      return undefined;
    }
    const buffer: Buffer = { entry, saved: read.text, state: this.code!.createState(read.text, path, entry.kind, template.builtIn) };
    this.buffers.set(path, buffer);
    return buffer;
  }

  /** Typing (or undo) in the shown file. */
  private changed(): void {
    const buffer = this.current();
    if (!buffer || !this.code) return;
    buffer.state = this.code.state;
    this.version++;
    this.renderFiles();
    this.updateSaveButton();
    this.scheduleCheck();
    this.hooks.previewChanged();
  }

  private scheduleCheck(delayMs = CHECK_DEBOUNCE_MS): void {
    window.clearTimeout(this.checkTimer);
    this.checkTimer = window.setTimeout(() => void this.check(), delayMs);
  }

  private async check(): Promise<void> {
    const template = this.template;
    if (!template) return;
    const sequence = ++this.checkSequence;
    const version = this.version;
    this.setCheckStatus('Checking…', 'busy');
    const overlay = this.previewEdit()!.overlay;
    let response;
    try {
      response = await this.api.checkTemplate({ id: template.id, overlay });
    } catch (error) {
      response = { status: 'error' as const, error: { code: 'IO' as const, message: error instanceof Error ? error.message : String(error) } };
    }
    if (sequence !== this.checkSequence || this.template !== template || version !== this.version || response.status === 'superseded') return;
    this.diagnostics = response.status === 'checked' ? response.diagnostics : [{ severity: 'error', code: response.error.code, message: response.error.message }];
    this.showDiagnostics();
    this.renderFiles();
    document.body.dataset.templateCheckSequence = String(sequence);
  }

  private showDiagnostics(): void {
    const buffer = this.current();
    if (!this.code || !buffer) return;
    this.code.showDiagnostics(inlineDiagnostics(this.diagnostics, buffer.entry.path, this.code.state.doc));
    this.diagnosticList.replaceChildren(...diagnosticItems(this.diagnostics, { onSelect: (d) => void this.reveal(d) }));
    byId('editor-diagnostics-empty').hidden = this.diagnostics.length > 0;
    byId('editor-diagnostics-count').textContent = this.diagnostics.length ? String(this.diagnostics.length) : '';
    const errors = this.diagnostics.some((d) => d.severity === 'error');
    this.setCheckStatus(summarize(this.diagnostics), errors ? 'error' : this.diagnostics.length ? 'warning' : 'ok');
  }

  /** Jump to a problem: open its file and put the cursor on it. */
  private async reveal(diagnostic: EditorDiagnostic): Promise<void> {
    if (diagnostic.path && diagnostic.path !== this.currentPath && this.files.some((f) => f.path === diagnostic.path)) await this.select(diagnostic.path);
    if (diagnostic.path === this.currentPath) this.code?.goTo(diagnostic.line ?? 1, diagnostic.column ?? 1);
  }

  private async write(buffer: Buffer): Promise<boolean> {
    const template = this.template!;
    const text = this.textOf(buffer);
    const result = await this.api.writeTemplateFile({ id: template.id, path: buffer.entry.path, text });
    if (result.status === 'error') {
      this.fail(`${buffer.entry.path} was not saved`, result.error);
      return false;
    }
    buffer.saved = text;
    buffer.changedOnDisk = undefined;
    this.renderFiles();
    this.renderConflict();
    this.updateSaveButton();
    this.scheduleCheck(0);
    this.hooks.previewChanged();
    return true;
  }

  /** Unsaved edits: ask whether to save them, drop them or stay. */
  private async mayLeave(): Promise<boolean> {
    const dirty = this.dirtyBuffers();
    if (!dirty.length) return true;
    const names = dirty.map((b) => b.entry.path).join(', ');
    const choice = await askChoice(
      'Unsaved template changes',
      `Save your changes to ${names} in “${this.template!.name}”? Unsaved changes are lost otherwise.`,
      [
        { value: 'cancel', label: 'Cancel' },
        { value: 'discard', label: "Don't save" },
        { value: 'save', label: 'Save', primary: true },
      ],
      'cancel',
    );
    if (choice === 'cancel') return false;
    if (choice === 'discard') return true;
    return this.saveAll();
  }

  private async duplicateToEdit(): Promise<void> {
    if (!this.template) return;
    const id = await this.hooks.duplicate(this.template.id);
    if (id) await this.open(id, this.currentPath);
  }

  private async newPartial(): Promise<void> {
    const template = this.template;
    if (!template || template.builtIn) return;
    let created: string | undefined;
    await askForName({
      title: 'New partial',
      hint: 'A partial is a piece of the template you include with {{> name}}. It is saved in the partials folder.',
      label: 'Partial name',
      confirm: 'Create',
      submit: async (typed) => {
        const name = typed.trim().replace(/\.hbs$/, '');
        if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(name)) return 'Use letters, digits, - and _ (for example: talking-points).';
        const path = `partials/${name}.hbs`;
        if (this.files.some((f) => f.path === path)) return `${path} already exists.`;
        const result = await this.api.writeTemplateFile({ id: template.id, path, text: `{{!-- Included with {{> ${name}}} --}}\n` });
        if (result.status === 'error') return result.error.message;
        created = path;
        return undefined;
      },
    });
    if (!created || this.template !== template) return;
    this.files = [...this.files, { path: created, kind: 'handlebars' }];
    await this.select(created);
    this.code?.focus();
  }

  private renderHeader(): void {
    const template = this.template!;
    byId('editor-template-name').textContent = template.name;
    byId('editor-template-id').textContent = template.id;
    byId('editor-read-only').hidden = !template.builtIn;
    byId('editor-duplicate').hidden = !template.builtIn;
    byId('editor-new-partial').hidden = template.builtIn;
    this.saveButton.hidden = template.builtIn;
    byId('editor-save-hint').hidden = template.builtIn;
    this.panel.classList.toggle('is-read-only', template.builtIn);
    const note = byId('preview-template-note');
    note.textContent = `Template: ${template.name}`;
    note.title = 'The preview uses the template you are editing, unsaved changes included.';
    note.hidden = false;
    this.updateSaveButton();
  }

  private renderFiles(): void {
    const errorsIn = (path: string) => this.diagnostics.filter((d) => d.path === path && d.severity === 'error').length;
    const item = (entry: TemplateFileEntry, label: string) => {
      const buffer = this.buffers.get(entry.path);
      const dirty = buffer ? this.isDirty(buffer) : false;
      const errors = errorsIn(entry.path);
      const button = el(
        'button',
        { type: 'button', class: 'file-button', 'data-path': entry.path, 'aria-current': entry.path === this.currentPath ? 'true' : undefined, title: entry.path },
        el('span', { class: `file-icon ${entry.kind}`, 'aria-hidden': 'true' }, entry.kind === 'yaml' ? 'YML' : 'HBS'),
        el('span', { class: 'file-name' }, label),
        dirty ? el('span', { class: 'dirty-dot', title: 'Unsaved changes' }, el('span', { class: 'visually-hidden' }, ' (unsaved)')) : null,
        errors ? el('span', { class: 'file-errors', title: `${errors} ${errors === 1 ? 'error' : 'errors'}` }, String(errors)) : null,
      );
      button.addEventListener('click', () => void this.select(entry.path));
      return el('li', {}, button);
    };
    const main = this.files.filter((f) => !f.path.startsWith('partials/'));
    const partials = this.files.filter((f) => f.path.startsWith('partials/'));
    const group = el('li', { class: 'file-group' }, 'partials/');
    this.fileList.replaceChildren(...main.map((f) => item(f, f.path)), ...(partials.length ? [group] : []), ...partials.map((f) => item(f, f.path.slice('partials/'.length))));
  }

  /** A file with unsaved edits here was also changed on disk: let the user pick. */
  private renderConflict(): void {
    const buffer = this.current();
    if (!buffer?.changedOnDisk) return this.showBanner(undefined);
    const reload = el('button', { type: 'button', class: 'button small' }, 'Load the version on disk');
    const keep = el('button', { type: 'button', class: 'button small subtle' }, 'Keep my edits');
    reload.addEventListener('click', () => {
      buffer.saved = buffer.changedOnDisk!;
      buffer.changedOnDisk = undefined;
      this.setText(buffer, buffer.saved);
      this.renderConflict();
    });
    keep.addEventListener('click', () => {
      buffer.saved = buffer.changedOnDisk!;
      buffer.changedOnDisk = undefined;
      this.renderConflict();
    });
    this.showBanner(`${buffer.entry.path} was changed in another program while you have unsaved edits here.`, reload, keep);
  }

  private showBanner(message: string | undefined, ...actions: HTMLElement[]): void {
    this.banner.hidden = message === undefined;
    this.banner.replaceChildren(...(message ? [el('span', {}, message), ...actions] : []));
  }

  private setText(buffer: Buffer, text: string): void {
    if (buffer === this.current() && this.code) {
      this.code.replaceText(text);
    } else {
      buffer.state = buffer.state.update({ changes: { from: 0, to: buffer.state.doc.length, insert: text } }).state;
      this.renderFiles();
    }
  }

  private updateSaveButton(): void {
    const buffer = this.current();
    this.saveButton.disabled = !buffer || !this.isDirty(buffer);
  }

  private setCheckStatus(text: string, state: 'busy' | 'ok' | 'warning' | 'error'): void {
    this.checkStatus.textContent = text;
    this.checkStatus.dataset.state = state;
  }

  private current(): Buffer | undefined {
    return this.currentPath ? this.buffers.get(this.currentPath) : undefined;
  }

  private textOf(buffer: Buffer): string {
    return buffer.state.doc.toString();
  }

  private isDirty(buffer: Buffer): boolean {
    return this.textOf(buffer) !== buffer.saved;
  }

  private dirtyBuffers(): Buffer[] {
    return [...this.buffers.values()].filter((b) => this.isDirty(b));
  }

  private fail(title: string, error: BriefErrorData): void {
    toast(title, { kind: 'error', detail: error.message });
  }
}
