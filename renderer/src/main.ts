/** The page's entry: builds the views over one store and wires them to the bridge. */
import type { MenuCommandName } from '../../main/shared/ipc-contract.js';
import { bridge } from './bridge.js';
import { ChosenView } from './chosen-view.js';
import { Commands } from './commands.js';
import { byId } from './dom.js';
import { LibraryView } from './library-view.js';
import { PdfPreview } from './pdf-preview.js';
import { PreviewController } from './preview-controller.js';
import { ProblemsView } from './problems-view.js';
import { SectionEditor } from './section-editor/section-editor.js';
import { BriefStore } from './store.js';
import { TemplateActions } from './template-actions.js';
import { TemplateEditor } from './template-editor/template-editor.js';
import { TemplatePicker } from './template-picker.js';
import { TemplateFieldsForm } from './template-fields-form.js';
import { TitleForm } from './title-form.js';
import { toast } from './toasts.js';
import { isLayoutCommand, WindowLayout } from './window-layout.js';
import { acceptBriefDrops } from './drop-open.js';
import { RecoveryKeeper } from './recovery-keeper.js';
import { StartScreen } from './start-screen.js';
import { UndoController } from './undo-controller.js';

async function start(): Promise<void> {
  const api = bridge();
  const store = new BriefStore();
  // First to hear of each edit, so its history sees every change before any view reacts to it.
  const undo = new UndoController(store);
  const library = new LibraryView(store);
  const chosen = new ChosenView(store, (id) => library.titleOf(id));
  new TitleForm(store);
  const templateFields = new TemplateFieldsForm(store);
  const problems = new ProblemsView();
  const preview = new PdfPreview();
  const controller = new PreviewController(api, store, preview, problems);
  const commands = new Commands(api, store, preview, controller, problems, undo);
  const layout = new WindowLayout(api);
  const layoutRestored = layout.restore();
  const recovery = new RecoveryKeeper(api, store);
  // Unsaved template edits are kept for recovery too, by template; a template saved or closed is forgotten.
  let trackedTemplate: string | undefined;
  function keepTemplateEdits(): void {
    const edit = editor.previewEdit();
    if (trackedTemplate && trackedTemplate !== edit?.id) recovery.track('template', trackedTemplate, trackedTemplate, undefined);
    trackedTemplate = edit?.id;
    if (edit) recovery.track('template', edit.id, edit.id, edit.overlay.length ? { files: edit.overlay } : undefined);
  }
  recovery.onRestore('template', (key, content) => ('files' in content ? editor.restoreBuffers(key, content.files) : undefined));
  const startScreen = new StartScreen(
    api,
    store,
    (path) => commands.run({ command: 'open-recent', path }),
    () => commands.run({ command: 'open' }),
  );
  acceptBriefDrops({ open: (path, isBrief) => commands.openDropped(path, isBrief), pathForFile: (file) => api.pathForFile(file) });

  const loadLibrary = async () => {
    const [sections, templateListing] = await Promise.all([api.listSections(), api.listTemplates()]);
    library.show(sections);
    templates.show(templateListing.templates, templateListing.problems, templateListing.unreadable ?? []);
    templateActions.show(templateListing.templates);
    templateFields.show(templateListing.templates);
    chosen.render();
  };

  // The template editor takes the place of the library and the brief; the preview follows what it edits.
  const editor: TemplateEditor = new TemplateEditor(api, {
    previewChanged: () => {
      controller.schedule();
      reportDocumentState();
      keepTemplateEdits();
    },
    duplicate: (id) => templateActions.duplicate(id),
    reveal: (id) => templateActions.reveal(id),
    closed: () => byId('template-edit').focus(),
  });
  // The section editor takes the same place; one editor is open at a time.
  const sectionEditor: SectionEditor = new SectionEditor(api, {
    previewChanged: () => {
      controller.schedule();
      reportDocumentState();
    },
    reloadLibrary: () => loadLibrary(),
    renamed: (from, to) => {
      if (store.draft.sections.includes(from)) store.edit({ sections: store.draft.sections.map((id) => (id === from ? to : id)) });
    },
    duplicated: (from, to) => {
      if (!store.draft.sections.includes(from)) return false;
      store.edit({ sections: store.draft.sections.map((id) => (id === from ? to : id)) });
      return true;
    },
    deleted: (id) => {
      if (store.draft.sections.includes(id)) store.toggleSection(id, false);
    },
    closed: () => byId('section-new').focus(),
    // Unsaved section text is kept for recovery too, by section id; saved, discarded or closed, it is forgotten.
    keep: (id, label, text) => recovery.track('section', id, label, text === undefined ? undefined : { text }),
  });
  recovery.onRestore('section', async (key, content) => {
    if (!('text' in content)) return;
    if (editor.isOpen && !(await editor.close())) return recovery.track('section', key, key, content);
    await sectionEditor.restore(key, content.text);
  });
  const openSection = async (id?: string) => {
    if (editor.isOpen && !(await editor.close())) return;
    await (id === undefined ? sectionEditor.create() : sectionEditor.open(id));
  };
  library.onEdit = (id) => void openSection(id);
  byId('section-new').addEventListener('click', () => void openSection());
  controller.followSectionEdit(() => sectionEditor.sectionId);
  const templates = new TemplatePicker(
    store,
    (id) => void sectionEditor.close().then((closed) => (closed ? editor.open(id) : undefined)),
    (errors) => problems.showFormErrors(errors),
  );
  const templateActions: TemplateActions = new TemplateActions(api, store, editor, loadLibrary);
  controller.followTemplateEdit(() => editor.previewEdit());
  // Export and Print include the editors' unsaved edits, as the preview does, after asking (unsaved-output.ts).
  commands.followEditors({
    flush: () => sectionEditor.flush(),
    saveAll: async () => (await editor.saveAll()) && (!sectionEditor.hasUnsavedEdits || (await sectionEditor.save())),
  });

  // The window title and the unsaved-changes guard live in main; keep them told.
  // Unsaved template edits count too, so closing the window never drops them.
  let reported = '';
  function reportDocumentState(): void {
    const dirty = store.dirty || editor.hasUnsavedEdits || sectionEditor.hasUnsavedEdits;
    const state = JSON.stringify([dirty, store.draft.title]);
    if (state !== reported) {
      reported = state;
      void api.setDocumentState({ dirty, title: store.draft.title });
    }
  }
  store.subscribe((current, change) => {
    const name = byId('document-name');
    name.textContent = current.fileName ?? (current.draft.title.trim() || 'Untitled brief');
    // A long title is cut with an ellipsis in the title bar; the whole of it is in the tooltip.
    name.title = name.textContent;
    byId('dirty-mark').hidden = !current.dirty;
    reportDocumentState();
    if (change === 'load') controller.startBrief();
    else if (change !== 'saved') controller.schedule();
  });

  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-command]')) {
    button.addEventListener('click', () => void commands.run({ command: button.dataset.command as MenuCommandName }));
  }
  // A folder that cannot be created or opened is said so, not left as a click that does nothing.
  async function openUserFolder(folder: 'sections' | 'templates'): Promise<void> {
    let result;
    try {
      result = await api.openUserFolder({ folder });
    } catch (error) {
      result = { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    if (!result.ok) toast(`Your ${folder} folder could not be opened`, { kind: 'error', detail: result.message });
  }
  byId('open-sections-folder').addEventListener('click', () => void openUserFolder('sections'));
  byId('open-templates-folder').addEventListener('click', () => void openUserFolder('templates'));

  api.onMenuCommand((command) => {
    // Ctrl/Cmd+S reaches the page as the menu's Save on some platforms: it saves the template file being edited.
    if (command.command === 'save' && editor.ownsSave) return void editor.save();
    if (command.command === 'save' && sectionEditor.ownsSave) return void sectionEditor.save();
    if (command.command === 'save-and-close') return void saveAllAndClose();
    if (isLayoutCommand(command.command)) return layout.run(command.command);
    void commands.run(command);
  });

  /** "Save" in the close prompt: the template files being edited, then the brief if it changed. */
  async function saveAllAndClose(): Promise<void> {
    if (!(await editor.saveAll())) return;
    if (sectionEditor.hasUnsavedEdits && !(await sectionEditor.save())) return;
    if (store.dirty) return commands.run({ command: 'save-and-close' });
    await api.closeWindow();
  }
  api.onLibraryChanged(() => {
    void Promise.all([loadLibrary(), editor.refreshFromDisk(), sectionEditor.refreshFromDisk()]).then(() => controller.schedule(0));
  });

  await Promise.all([loadLibrary(), layoutRestored]);
  const { draft } = await api.newBrief();
  store.load(draft);
  await Promise.all([startScreen.refresh(), recovery.offer()]);
  document.body.dataset.ready = 'true';
}

start().catch((error: unknown) => {
  toast('Brief Studio could not start', { kind: 'error', detail: error instanceof Error ? error.message : String(error) });
});
