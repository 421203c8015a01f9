/**
 * The section editor: a section's front matter as a form, its Markdown body
 * in CodeMirror, and its problems as the engine finds them (at the line and
 * column of the `.md` file). It takes the place of the library and the
 * brief beside the preview; the preview shows the brief with this section
 * in it as it is being typed (main keeps the unsaved text in memory and
 * builds through it). Built-in sections open read-only: duplicate to edit.
 *
 * A file whose front matter cannot be read opens as text (the whole file,
 * the form off, the problem at its line and column) to be fixed and saved.
 * Unsaved edits are kept for recovery after a crash. A file changed by
 * another program is reloaded when there is nothing unsaved here; otherwise
 * the user chooses which version to keep, and a save never silently
 * replaces a version it has not seen.
 */
import type { BriefErrorData } from '../../../main/shared/engine-data.js';
import type { BriefStudioApi, EditorDiagnostic, SectionCheck, SectionDiagnostic, SectionDocument, SectionFields } from '../../../main/shared/ipc-contract.js';
import { announce, byId, el } from '../dom.js';
import { askChoice, askForName } from '../page-dialogs.js';
import { diagnosticItems, inlineDiagnostics, placeOf, summarize } from '../template-editor/editor-diagnostics.js';
import { toast } from '../toasts.js';
import type { BodyEditor } from './body-editor.js';
import { inFormWords } from './form-words.js';
import { fieldLabel, SectionForm } from './section-form.js';

export interface SectionEditorHooks {
  /** The section, its unsaved text or the open state changed: the preview should follow. */
  previewChanged(): void;
  /** Files in the sections folder changed: list the library again. */
  reloadLibrary(): Promise<void>;
  /** The section was renamed: a brief that uses it follows. */
  renamed(from: string, to: string): void;
  /** The section was duplicated: a brief that uses the original takes the copy in its place (one edit); true when it did. */
  duplicated(from: string, to: string): boolean;
  /** The section was deleted: a brief that uses it drops it. */
  deleted(id: string): void;
  /** The editor closed: give focus back. */
  closed(): void;
  /** Unsaved work to keep for recovery (the whole file as it would be saved), or undefined to forget it (saved, discarded). */
  keep(id: string, label: string, text: string | undefined): void;
}

const BODY_HINT = 'Markdown · paste from a web page or a document · drop PNG or JPEG pictures in';

interface ShowOptions {
  /** The text shown is not what is on disk (recovered work, a raw file turned into the form). */
  unsaved?: boolean;
  /** Move the focus into the editor (not when a file is reloaded under the user). */
  focus?: boolean;
}

export class SectionEditor {
  private readonly panel = byId('section-editor');
  private readonly form: SectionForm;
  private body: BodyEditor | undefined;
  private section: SectionDocument | undefined;
  /** The form and body as last opened or saved, to tell unsaved edits. */
  private saved = '';
  private check: SectionCheck = { diagnostics: [], bodyLine: 1 };
  /** An update is under way; edits made meanwhile set `changedSinceUpdate` and go in one more update after it. */
  private updating = false;
  private changedSinceUpdate = false;
  private sequence = 0;
  /** The update main has last been sent (awaited before a save or a preview that must include it). */
  private pending: Promise<void> = Promise.resolve();
  /** `raw`: the front matter cannot be read, so the whole file is edited as text and the form is off. */
  private mode: 'form' | 'raw' = 'form';
  /** The version on disk another program wrote while this editor has unsaved edits: the user chooses. */
  private conflict: { section: SectionDocument; check: SectionCheck } | undefined;
  /** A save under way (a disk change reported meanwhile may be that very save). */
  private saving: Promise<unknown> = Promise.resolve();
  private shown = 0;

  constructor(
    private readonly api: BriefStudioApi,
    private readonly hooks: SectionEditorHooks,
  ) {
    this.form = new SectionForm(
      byId('section-form'),
      () => this.changed(),
      () => this.showCheck(this.check),
    );
    byId('section-save').addEventListener('click', () => void this.save());
    byId('section-close').addEventListener('click', () => void this.close());
    byId('section-duplicate').addEventListener('click', () => this.section && void this.duplicate(this.section.id));
    byId('section-rename').addEventListener('click', () => void this.rename());
    byId('section-delete').addEventListener('click', () => void this.remove());
    byId('section-use-form').addEventListener('click', () => void this.useForm());
  }

  get isOpen(): boolean {
    return this.section !== undefined;
  }

  /** The section the preview must include while the editor is open. */
  get sectionId(): string | undefined {
    return this.section?.id;
  }

  get hasUnsavedEdits(): boolean {
    return this.section !== undefined && !this.section.builtIn && (!this.section.onDisk || this.snapshot() !== this.saved);
  }

  /** True when Save should go to the section rather than the brief (focus is in the editor). */
  get ownsSave(): boolean {
    return this.isOpen && this.panel.contains(document.activeElement);
  }

  /** Ask for a title and start a new section; nothing is written until Save. */
  async create(): Promise<void> {
    if (!(await this.mayLeave())) return;
    let created: SectionDocument | undefined;
    let check: SectionCheck | undefined;
    await askForName({
      title: 'New section',
      hint: 'The section is saved as a Markdown file in your sections folder. Its id (used in brief files) is made from the title.',
      label: 'Title',
      confirm: 'Create',
      submit: async (title) => {
        const result = await this.api.newSection({ title });
        if (result.status === 'error') return result.error.message;
        ({ section: created, ...check } = result);
        return undefined;
      },
    });
    if (created && check) this.show(created, check);
  }

  async open(id: string): Promise<void> {
    if (this.section?.id === id) return this.focus();
    if (!(await this.mayLeave())) return;
    const result = await this.api.openSection({ id });
    if (result.status === 'error') return this.fail('The section could not be opened', result.error);
    const { section, ...check } = result;
    this.show(section, check);
  }

  /** Close the editor; false when the user chose to stay with unsaved edits. */
  async close(): Promise<boolean> {
    if (!this.section) return true;
    // Leaving closes the editor (after saving or discarding, as the user chose).
    if (!(await this.mayLeave())) return false;
    this.hooks.closed();
    return true;
  }

  /** Write the section (Ctrl+S in the editor, the Save button). */
  async save(): Promise<boolean> {
    const section = this.section;
    if (!section) return false;
    if (section.builtIn) {
      toast('Built-in sections are read-only', { detail: 'Duplicate it to make your own copy, then edit the copy.' });
      return false;
    }
    // Trying to save shows every problem, those of a new section's untouched fields too.
    this.form.revealAll();
    this.showCheck(this.check);
    // Saving over a version another program wrote is the user's choice, never a side effect.
    if (this.conflict && !(await this.confirmReplace())) return false;
    const state = this.snapshot();
    const raw = this.mode === 'raw';
    const diskStamp = section.diskStamp ?? null;
    const saving = raw ? this.api.saveSectionText({ id: section.id, text: this.body?.text ?? '', diskStamp }) : this.api.saveSection({ id: section.id, ...this.edit(), diskStamp });
    this.saving = saving.catch(() => undefined);
    const result = await saving;
    if (result.status === 'error') {
      this.fail('The section could not be saved', result.error);
      return false;
    }
    if (result.status === 'changed-on-disk') {
      toast('Not saved: the file was changed in another program', {
        kind: 'error',
        detail: `${section.fileName} changed on disk after you opened it. Choose which version to keep, then save again.`,
        timeoutMs: 0,
      });
      await this.refreshFromDisk();
      return false;
    }
    if (this.section !== section) return true;
    section.onDisk = true;
    section.fileName = result.fileName;
    section.diskStamp = result.diskStamp;
    this.saved = state;
    this.hooks.keep(section.id, '', undefined);
    this.showBanner(undefined);
    if (raw && result.formReady) {
      // The front matter reads again: the form comes back, showing the file as saved.
      const reopened = await this.api.openSection({ id: section.id });
      if (reopened.status === 'opened' && this.section === section) {
        const { section: fresh, ...check } = reopened;
        this.show(fresh, check);
      }
    } else {
      this.showCheck(result);
      this.renderHeader();
    }
    announce(`Saved ${result.fileName}`);
    toast(`Saved ${result.fileName}`, {
      kind: result.diagnostics.length ? 'info' : 'success',
      detail: result.diagnostics.some((d) => d.severity === 'error')
        ? `${summarize(result.diagnostics)}: briefs that use this section cannot be built until they are fixed.`
        : result.diagnostics.length
          ? `${summarize(result.diagnostics)}: briefs that use this section build, with the same warnings.`
          : 'In your sections folder.',
    });
    await this.hooks.reloadLibrary();
    this.hooks.previewChanged();
    return true;
  }

  /**
   * Ask for a title and copy the section into the user's folder; the copy opens for editing. A brief
   * that uses the original uses the copy instead, so the edits made to it are what the brief prints.
   */
  async duplicate(sourceId: string): Promise<void> {
    if (this.section?.id === sourceId && this.hasUnsavedEdits && !(await this.save())) return;
    let created: string | undefined;
    const title = this.section?.id === sourceId ? this.form.value.title : sourceId;
    await askForName({
      title: 'Duplicate section',
      hint: 'The copy goes into your sections folder, where you can edit it. Its id (used in brief files) is made from the title.',
      label: 'Title of the copy',
      initial: `${title} (copy)`,
      confirm: 'Duplicate',
      submit: async (name) => {
        const result = await this.api.duplicateSection({ sourceId, title: name });
        if (result.status === 'error') return result.error.message;
        created = result.id;
        return undefined;
      },
    });
    if (!created) return;
    await this.hooks.reloadLibrary();
    if (this.section) this.closeNow();
    const inBrief = this.hooks.duplicated(sourceId, created);
    await this.open(created);
    toast(`Created “${created}”`, {
      kind: 'success',
      detail: inBrief
        ? `Your brief now uses the copy in place of “${sourceId}”. The copy is open for editing.`
        : 'The copy is in your library (your brief is unchanged) and open for editing.',
    });
  }

  private async rename(): Promise<void> {
    const section = this.section;
    if (!section || section.builtIn) return;
    // The file on disk is what is renamed: write the edits first.
    if (this.hasUnsavedEdits && !(await this.save())) return;
    let renamed: string | undefined;
    await askForName({
      title: `Rename “${section.id}”`,
      hint: 'The id names the file (id.md) and is how brief files list the section: lowercase letters, digits and hyphens. Briefs saved with the old id need it changed too.',
      label: 'New id',
      initial: section.id,
      confirm: 'Rename',
      submit: async (newId) => {
        const result = await this.api.renameSection({ id: section.id, newId });
        if (result.status === 'error') return result.error.message;
        renamed = result.id;
        return undefined;
      },
    });
    if (!renamed || renamed === section.id) return;
    this.closeNow();
    this.hooks.renamed(section.id, renamed);
    await this.hooks.reloadLibrary();
    await this.open(renamed);
    toast(`Renamed to “${renamed}”`, { kind: 'success', detail: `Saved as ${renamed}.md.` });
  }

  private async remove(): Promise<void> {
    const section = this.section;
    if (!section || section.builtIn) return;
    const choice = await askChoice(
      'Delete section',
      `Delete “${this.form.value.title || section.id}” (${section.fileName}) and its pictures from your sections folder? This cannot be undone.`,
      [
        { value: 'cancel', label: 'Cancel', primary: true },
        { value: 'delete', label: 'Delete' },
      ],
      'cancel',
    );
    if (choice !== 'delete') return;
    const result = await this.api.deleteSection({ id: section.id });
    if (!result.ok) return void toast('The section could not be deleted', { kind: 'error', detail: result.message });
    this.closeNow();
    this.hooks.deleted(section.id);
    await this.hooks.reloadLibrary();
    this.hooks.closed();
    toast(`Deleted “${section.id}”`, { kind: 'success' });
  }

  /** Wait until main has the text on screen (before a preview render that must show it). */
  async flush(): Promise<void> {
    await this.pending;
  }

  /** Recovered work: open the section with its unsaved text (it stays unsaved until saved). */
  async restore(id: string, text: string): Promise<void> {
    // Whatever happens, the recovered text is not lost: it is kept again under this run.
    const keepAgain = () => this.hooks.keep(id, id, text);
    if (!(await this.mayLeave())) return keepAgain();
    const result = await this.api.openSection({ id, text });
    if (result.status === 'error') {
      keepAgain();
      return this.fail('The recovered section could not be opened', result.error);
    }
    const { section, ...check } = result;
    this.show(section, check, { unsaved: true });
    this.hooks.keep(id, section.fields.title || id, text);
  }

  /** The sections folder changed on disk: pick up another program's change to the open section, or tell of it. */
  async refreshFromDisk(): Promise<void> {
    const section = this.section;
    if (!section || section.builtIn) return;
    await this.saving;
    const result = await this.api.openSection({ id: section.id });
    if (this.section !== section) return;
    if (result.status === 'error' || result.section.builtIn) {
      if (!section.onDisk) return;
      // Deleted or moved away: the text on screen is all there is now, so it counts as unsaved.
      section.onDisk = false;
      delete section.diskStamp;
      this.conflict = undefined;
      this.showBanner(`${section.fileName} was deleted or moved by another program. Your text is still here: Save writes it back to your sections folder.`);
      this.renderHeader();
      announce(`${section.fileName} was deleted or moved by another program. Your text is still in the editor.`);
      // Main keeps the text in memory, so the preview (and recovery) still have it.
      this.pending = this.update();
      return;
    }
    const { section: disk, ...check } = result;
    if (disk.diskStamp === section.diskStamp) return;
    if (!this.hasUnsavedEdits) {
      // Main may still hold the text as last typed (typed back to the file): the file on disk wins now.
      await this.api.discardSection({ id: section.id });
      if (this.section !== section || this.hasUnsavedEdits) return void this.refreshFromDisk();
      this.show(disk, check, { focus: false });
      announce(`${disk.fileName} was changed in another program and has been reloaded.`);
      toast(`Reloaded ${disk.fileName}`, { detail: 'It was changed in another program; you had no unsaved edits here.' });
      return;
    }
    this.conflict = { section: disk, check };
    this.renderConflict();
  }

  private show(section: SectionDocument, check: SectionCheck, options: ShowOptions = {}): void {
    this.section = section;
    this.mode = section.raw ? 'raw' : 'form';
    this.conflict = undefined;
    this.showBanner(undefined);
    delete this.panel.dataset.ready;
    this.form.show(section.fields, section.builtIn, !section.onDisk && !options.unsaved);
    byId('section-form').hidden = this.mode === 'raw';
    this.panel.hidden = false;
    document.body.classList.add('is-editing-section');
    void this.ensureBody().then((body) => {
      if (this.section !== section) return;
      const raw = this.mode === 'raw';
      body.show(section.raw?.text ?? section.body, section.builtIn, raw ? { label: `${section.fileName} as text (front matter and body)`, raw } : {});
      byId('section-body-label').textContent = raw ? `${section.fileName} as text` : 'Body';
      byId('section-body-hint').textContent = raw ? 'The front matter between the --- lines, then the Markdown body' : BODY_HINT;
      this.saved = section.onDisk && !options.unsaved ? this.snapshot() : '';
      this.showCheck(check);
      this.renderRawNotice(check, false);
      this.renderHeader();
      this.hooks.previewChanged();
      if (options.focus !== false) this.focus();
      this.panel.dataset.mode = this.mode;
      this.panel.dataset.shown = String(++this.shown);
      this.panel.dataset.ready = section.id;
    });
  }

  /** Raw mode: the problem that keeps the form off, or that the front matter reads again (the form can come back). */
  private renderRawNotice(check: SectionCheck, formReady: boolean): void {
    const notice = byId('section-raw-notice');
    notice.hidden = this.mode !== 'raw';
    if (this.mode !== 'raw' || !this.section) return;
    const problem = formReady ? undefined : (check.diagnostics[0] ?? this.section.raw?.problem);
    byId('section-raw-location').textContent = problem ? placeOf(problem) : this.section.fileName;
    byId('section-raw-message').textContent = problem ? problem.message : 'The front matter reads now: use the form, or save the file as it is.';
    byId<HTMLButtonElement>('section-use-form').disabled = !formReady;
  }

  /** Raw mode, once the front matter reads: show the text in the form (still unsaved). */
  private async useForm(): Promise<void> {
    const section = this.section;
    if (!section || this.mode !== 'raw' || !this.body) return;
    await this.flush();
    const result = await this.api.openSection({ id: section.id, text: this.body.text });
    if (this.section !== section) return;
    if (result.status === 'error') return this.fail('The form could not be shown', result.error);
    const { section: formed, ...check } = result;
    if (formed.raw) return this.renderRawNotice(check, false);
    this.show(formed, check, { unsaved: true });
  }

  /** Another program's version beside unsaved edits: say so, and let the user keep theirs or load it. */
  private renderConflict(): void {
    const conflict = this.conflict;
    if (!conflict) return this.showBanner(undefined);
    const keep = el('button', { type: 'button', class: 'button small primary', 'data-conflict': 'keep' }, 'Keep my edits');
    const load = el('button', { type: 'button', class: 'button small', 'data-conflict': 'load' }, 'Load the version on disk');
    keep.addEventListener('click', () => this.keepMine());
    load.addEventListener('click', () => void this.loadDiskVersion());
    const name = conflict.section.fileName;
    this.showBanner(
      `${name} was changed in another program while you have unsaved edits here. Keep your edits (saving then replaces the other version), or load the version on disk (your edits here are dropped).`,
      keep,
      load,
    );
    announce(`${name} was changed in another program while you have unsaved edits. Choose which version to keep.`);
  }

  private keepMine(): void {
    const section = this.section;
    const conflict = this.conflict;
    if (!section || !conflict) return;
    // The user's text now stands against the new disk version: unsaved until saved.
    section.onDisk = true;
    section.diskStamp = conflict.section.diskStamp;
    this.saved = '';
    this.conflict = undefined;
    this.showBanner(undefined);
    this.renderHeader();
    announce('Your edits are kept. Saving replaces the version on disk.');
  }

  private async loadDiskVersion(): Promise<void> {
    const section = this.section;
    const conflict = this.conflict;
    if (!section || !conflict) return;
    await this.api.discardSection({ id: section.id });
    this.hooks.keep(section.id, '', undefined);
    if (this.section !== section) return;
    this.show(conflict.section, conflict.check);
    announce(`Loaded ${conflict.section.fileName} as it is on disk.`);
  }

  private async confirmReplace(): Promise<boolean> {
    const name = this.conflict!.section.fileName;
    const choice = await askChoice(
      'The file was changed in another program',
      `${name} was changed in another program after you opened it. Replace that version with yours? It cannot be got back afterwards.`,
      [
        { value: 'cancel', label: 'Cancel' },
        { value: 'replace', label: 'Replace it with mine', primary: true },
      ],
      'cancel',
    );
    if (choice !== 'replace') return false;
    this.keepMine();
    return true;
  }

  private showBanner(message: string | undefined, ...actions: HTMLElement[]): void {
    const banner = byId('section-editor-banner');
    banner.hidden = message === undefined;
    banner.replaceChildren(...(message ? [el('span', {}, message), ...actions] : []));
  }

  private closeNow(): void {
    const section = this.section;
    this.section = undefined;
    this.conflict = undefined;
    this.showBanner(undefined);
    this.panel.hidden = true;
    delete this.panel.dataset.ready;
    delete this.panel.dataset.pending;
    document.body.classList.remove('is-editing-section');
    // Main forgets the unsaved text (the preview goes back to what is on disk), and so does recovery.
    if (section && !section.builtIn) {
      this.hooks.keep(section.id, '', undefined);
      void this.api.discardSection({ id: section.id }).then(() => this.hooks.previewChanged());
    } else this.hooks.previewChanged();
  }

  private focus(): void {
    const title = byId<HTMLInputElement>('section-field-title');
    if (this.section?.onDisk === false && this.mode === 'form') title.focus();
    else this.body?.focus();
  }

  /** CodeMirror is loaded the first time a section is opened, not with the page. */
  private async ensureBody(): Promise<BodyEditor> {
    if (this.body) return this.body;
    const { BodyEditor } = await import('./body-editor.js');
    this.body ??= new BodyEditor(byId('section-body-host'), {
      onChange: () => this.changed(),
      onSave: () => void this.save(),
      onCursor: (line, column) => (byId('section-cursor').textContent = `Ln ${line}, Col ${column}`),
      onImage: (file) => this.addImage(file),
      onImagesLeftOut: (count) =>
        toast(`${count === 1 ? 'A picture' : `${count} pictures`} in the pasted text ${count === 1 ? 'was' : 'were'} left out`, {
          detail: 'Pictures on a web page or in a document are files elsewhere: save them, then drop the files into the body.',
        }),
    });
    return this.body;
  }

  private async addImage(file: File): Promise<string | undefined> {
    const section = this.section;
    if (!section) return undefined;
    const base64 = await toBase64(file);
    const result = await this.api.addSectionImage({ id: section.id, name: file.name || 'image', base64 });
    if (result.status === 'error') {
      toast('The picture could not be added', { kind: 'error', detail: result.error.message });
      return undefined;
    }
    const alt = (file.name || 'Picture').replace(/\.[^.]+$/, '').replace(/[[\]\\]/g, ' ');
    return `![${alt}](${result.path})`;
  }

  private edit(): { fields: SectionFields; body: string } {
    return { fields: this.form.value, body: this.body?.text ?? this.section?.body ?? '' };
  }

  private snapshot(): string {
    return this.mode === 'raw' ? JSON.stringify({ raw: this.body?.text ?? '' }) : JSON.stringify(this.edit());
  }

  private changed(): void {
    if (!this.section || this.section.builtIn) return;
    this.renderHeader();
    // Until main has checked this text, the problems shown are for older text (tests wait on this too).
    this.panel.dataset.pending = 'true';
    if (this.updating) this.changedSinceUpdate = true;
    else this.pending = this.sendEdits();
  }

  /**
   * Keep main up to date with the text on screen: at once when idle (no pause after the keystroke), and
   * the edits made while main checks one version go in a single update after it — never a queue.
   */
  private async sendEdits(): Promise<void> {
    this.updating = true;
    try {
      do {
        this.changedSinceUpdate = false;
        await this.update();
      } while (this.changedSinceUpdate && this.section);
    } finally {
      this.updating = false;
    }
  }

  /** Send the text to main (kept in memory for the preview), show its problems, then let the preview follow. */
  private async update(): Promise<void> {
    const section = this.section;
    if (!section) return;
    const sequence = ++this.sequence;
    const raw = this.mode === 'raw';
    const text = raw ? (this.body?.text ?? '') : undefined;
    const result = text !== undefined ? await this.api.updateSectionText({ id: section.id, text }) : await this.api.updateSection({ id: section.id, ...this.edit() });
    if (sequence !== this.sequence || this.section !== section || raw !== (this.mode === 'raw')) return;
    if (!this.changedSinceUpdate) delete this.panel.dataset.pending;
    if (result.status === 'error') return this.fail('The section could not be checked', result.error);
    this.showCheck(result);
    if (raw) this.renderRawNotice(result, result.formReady === true);
    // Kept for recovery while it differs from the file; forgotten once typed back to it.
    this.hooks.keep(section.id, raw ? section.id : this.form.value.title || section.id, this.hasUnsavedEdits ? (text ?? result.text) : undefined);
    this.hooks.previewChanged();
  }

  private showCheck(check: SectionCheck): void {
    this.check = check;
    const raw = this.mode === 'raw';
    // Editing the file as text, the YAML's own paths are the words to use; in the form, its labels.
    const visible = raw ? check.diagnostics : this.form.visible(check.diagnostics);
    const diagnostics = raw ? visible : visible.map((d) => ({ ...d, message: inFormWords(d.message, fieldLabel) }));
    this.form.markProblems(visible);
    const body = this.body;
    if (body) {
      // The body editor numbers lines from the body's first line (the file's own, raw); the list names the file's lines.
      const first = this.bodyLine();
      const inBody = diagnostics.filter((d) => d.line !== undefined && d.line >= first);
      body.showDiagnostics(
        inBody.flatMap((d) => {
          const local: EditorDiagnostic = { ...d, line: d.line! - first + 1 };
          // Marked at the body's own line; named by the file's line, as the command line prints it.
          return inlineDiagnostics([local], local.path ?? '', body.view.state.doc).map((mark) => ({ ...mark, source: placeOf(d) }));
        }),
      );
    }
    byId('section-diagnostic-list').replaceChildren(...diagnosticItems(diagnostics, { onSelect: (d) => this.goTo(d) }));
    byId('section-diagnostics-count').textContent = diagnostics.length ? String(diagnostics.length) : '';
    byId('section-diagnostics-empty').hidden = diagnostics.length > 0;
    const status = byId('section-check-status');
    const heldBack = !diagnostics.length && check.diagnostics.length > 0;
    status.textContent = heldBack ? 'Required fields to fill in' : summarize(diagnostics);
    status.dataset.state = heldBack ? 'pending' : diagnostics.some((d) => d.severity === 'error') ? 'error' : diagnostics.length ? 'warning' : 'ok';
  }

  /** The file's line the body editor's first line shows: the whole file is in it when editing raw. */
  private bodyLine(): number {
    return this.mode === 'raw' ? 1 : this.check.bodyLine;
  }

  private goTo(diagnostic: SectionDiagnostic): void {
    if (this.mode === 'raw') this.body?.goTo(diagnostic.line ?? 1, diagnostic.column);
    else if (diagnostic.line !== undefined && diagnostic.line >= this.check.bodyLine) this.body?.goTo(diagnostic.line - this.check.bodyLine + 1, diagnostic.column);
    else if (!diagnostic.field || !this.form.focusField(diagnostic.field)) byId('section-field-title').focus();
  }

  private renderHeader(): void {
    const section = this.section;
    if (!section) return;
    byId('section-editor-title').textContent = this.form.value.title || section.id;
    byId('section-editor-id').textContent = section.fileName;
    byId('section-editor-read-only').hidden = !section.builtIn;
    byId('section-editor-unsaved').hidden = !this.hasUnsavedEdits;
    this.panel.classList.toggle('is-read-only', section.builtIn);
    const duplicate = byId<HTMLButtonElement>('section-duplicate');
    duplicate.textContent = section.builtIn ? 'Duplicate to edit…' : 'Duplicate…';
    duplicate.classList.toggle('primary', section.builtIn);
    for (const id of ['section-rename', 'section-delete', 'section-save']) byId(id).hidden = section.builtIn;
    // Renaming and duplicating rewrite the front matter: not while it cannot be read.
    byId('section-rename').hidden = section.builtIn || !section.onDisk || this.mode === 'raw';
    duplicate.hidden = this.mode === 'raw';
    byId('section-delete').hidden = section.builtIn || !section.onDisk;
  }

  private async mayLeave(): Promise<boolean> {
    if (!this.hasUnsavedEdits) {
      if (this.section) this.closeNow();
      return true;
    }
    const choice = await askChoice(
      'Unsaved section changes',
      `Save your changes to “${this.form.value.title || this.section!.id}”? Unsaved changes are lost otherwise.`,
      [
        { value: 'cancel', label: 'Cancel' },
        { value: 'discard', label: "Don't save" },
        { value: 'save', label: 'Save', primary: true },
      ],
      'cancel',
    );
    if (choice === 'cancel') return false;
    if (choice === 'save' && !(await this.save())) return false;
    this.closeNow();
    return true;
  }

  private fail(title: string, error: BriefErrorData): void {
    const where = error.location ? `${error.location.file.split(/[\\/]/).pop()}${error.location.line ? `:${error.location.line}` : ''}${error.location.column ? `:${error.location.column}` : ''}: ` : '';
    toast(title, { kind: 'error', detail: `${where}${error.message}`, timeoutMs: 0 });
  }
}

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result.replace(/^data:[^,]*,/, '') : '');
    reader.onerror = () => reject(reader.error ?? new Error('The picture could not be read.'));
    reader.readAsDataURL(file);
  });
}
