/**
 * Undo and redo in the page: records every brief edit in an EditHistory and
 * answers Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y (⌘ on macOS) and the Edit menu.
 *
 * Which undo a key means, by where the focus is:
 * - in the brief pane (title block, template fields, chosen sections,
 *   template cards) or nowhere in particular: the brief's undo. A burst of
 *   typing in one field is one step (see history.ts); the field's own
 *   character-by-character undo is not used there, because undo and redo
 *   change its value behind its back;
 * - in any other text field (the library filter, a dialog) or code editor
 *   (the template's code, a section's body): that field's own undo, as
 *   everywhere else on the desktop.
 *
 * The code editors live in shadow roots, where an event's target and the
 * document's active element are the host, not the editor: the element that
 * has the key or the focus is looked for inside (see focused-element.ts).
 */
import { redo as editorRedo, undo as editorUndo } from '@codemirror/commands';
import { EditorView } from '@codemirror/view';
import { announce } from './dom.js';
import { deepActiveElement, eventOrigin } from './focused-element.js';
import { EditHistory, type HistoryStep } from './history.js';
import type { BriefStore } from './store.js';

export type HistoryDirection = 'undo' | 'redo';

/** Where brief edits are made: focus inside means Ctrl+Z is the brief's. */
const BRIEF_AREA = '.brief-pane, .library-pane';

export function isTextEntry(element: Element | null): element is HTMLElement {
  if (!(element instanceof HTMLElement)) return false;
  if (element.isContentEditable || element instanceof HTMLTextAreaElement) return true;
  return element instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color'].includes(element.type);
}

/** A CodeMirror editor (read-only ones too): it keeps its own history. */
function codeEditorOf(element: Element | null): EditorView | null {
  const editor = element?.closest('.cm-editor');
  return editor instanceof HTMLElement ? EditorView.findFromDOM(editor) : null;
}

/** A text field that keeps its own undo: anything typed into that is not the brief itself. */
function ownsUndo(element: Element | null): boolean {
  if (codeEditorOf(element)) return true;
  if (!isTextEntry(element)) return false;
  return !isBriefField(element);
}

function isBriefField(element: HTMLElement): boolean {
  // The library's filter is a search box, not part of the brief.
  return element.closest(BRIEF_AREA) !== null && element.closest('.filters') === null;
}

export class UndoController {
  readonly history: EditHistory;
  private last;
  /** True while undo/redo puts a draft back: views refilling themselves are not new edits. */
  private restoring = false;

  constructor(
    private readonly store: BriefStore,
    history = new EditHistory(),
  ) {
    this.history = history;
    this.last = store.draft;
    store.subscribe((_store, change) => this.onChange(change));
    document.addEventListener('keydown', (event) => this.onKey(event), true);
    // The context menu's Undo in a brief field means the brief's undo too.
    document.addEventListener(
      'beforeinput',
      (event) => {
        if (event.inputType !== 'historyUndo' && event.inputType !== 'historyRedo') return;
        if (ownsUndo(eventOrigin(event))) return;
        event.preventDefault();
        this.apply(event.inputType === 'historyUndo' ? 'undo' : 'redo');
      },
      true,
    );
    // Leaving a field ends its typing burst.
    document.addEventListener('focusout', (event) => {
      if (isTextEntry(event.target as Element)) this.history.seal();
    });
  }

  /** The Edit menu's Undo / Redo: the same rule as the keys, by where the focus is. */
  run(direction: HistoryDirection): void {
    const focused = deepActiveElement();
    const editor = codeEditorOf(focused);
    if (editor) {
      // CodeMirror's history is its own, out of reach of execCommand.
      (direction === 'undo' ? editorUndo : editorRedo)(editor);
      return;
    }
    if (ownsUndo(focused)) {
      // The field keeps its own undo; the menu asks it as its own key would.
      document.execCommand(direction);
      return;
    }
    this.apply(direction);
  }

  /** Undo or redo one brief step; false when there was none. */
  apply(direction: HistoryDirection): boolean {
    const step = direction === 'undo' ? this.history.undo() : this.history.redo();
    if (!step) {
      announce(direction === 'undo' ? 'Nothing to undo.' : 'Nothing to redo.');
      return false;
    }
    const draft = direction === 'undo' ? step.before : step.after;
    this.last = draft;
    this.restoring = true;
    try {
      this.store.restore(draft);
    } finally {
      this.restoring = false;
    }
    this.focusAfter(step);
    announce(`${direction === 'undo' ? 'Undone' : 'Redone'}: ${step.label}.`);
    return true;
  }

  private depth(): string {
    return `${this.history.canUndo ? 1 : 0}${this.history.canRedo ? 1 : 0}`;
  }

  private onChange(change: string): void {
    const draft = this.store.draft;
    if (change === 'edit' && !this.restoring) {
      const active = document.activeElement;
      const burstKey = isTextEntry(active) && active.id && isBriefField(active) ? active.id : undefined;
      this.history.record(this.last, draft, burstKey);
    } else if (change === 'load') {
      this.history.clear();
    }
    this.last = draft;
    document.body.dataset.historyDepth = this.depth();
  }

  private onKey(event: KeyboardEvent): void {
    const direction = historyKey(event);
    if (!direction) return;
    // Not preventDefault: the editor's own keys (CodeMirror's included) undo it.
    if (ownsUndo(eventOrigin(event))) return;
    // A modal dialog is open: its own keys, not the brief's.
    if (document.querySelector('dialog[open]')) return;
    event.preventDefault();
    this.apply(direction);
  }

  /** Back to the field that was typed into, with the caret at the end, so typing can go on. */
  private focusAfter(step: HistoryStep): void {
    if (!step.burstKey) return;
    const field = document.getElementById(step.burstKey);
    if (!isTextEntry(field) || field.closest('[hidden]')) return;
    field.focus();
    if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) {
      try {
        field.setSelectionRange(field.value.length, field.value.length);
      } catch {
        // Date inputs have no caret.
      }
    }
  }
}

/** Ctrl/⌘+Z undo; Ctrl/⌘+Shift+Z and Ctrl+Y redo. */
export function historyKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): HistoryDirection | undefined {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return undefined;
  const key = event.key.toLowerCase();
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !event.shiftKey) return 'redo';
  return undefined;
}
