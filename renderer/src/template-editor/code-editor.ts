/**
 * The CodeMirror 6 view the template editor types into. One view; each open
 * file keeps its own EditorState (text, selection, undo history), swapped in
 * when the user switches files.
 *
 * Why a shadow root: CodeMirror injects its styles at run time. In a document
 * it adds a <style> element, which the page's CSP (`style-src 'self'`) rightly
 * refuses; inside a shadow root it uses a constructed stylesheet
 * (adoptedStyleSheets), which CSP does not govern. So the editor lives in a
 * shadow root and the policy stays strict: no 'unsafe-inline', no nonce.
 * (Its inline style attributes are set through the CSSOM, which CSP allows.)
 */
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { bracketMatching, indentOnInput } from '@codemirror/language';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorState, type Extension } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, highlightSpecialChars, keymap, lineNumbers } from '@codemirror/view';
import type { TemplateFileKind } from '../../../main/shared/ipc-contract.js';
import { editorTheme } from './editor-theme.js';
import { handlebarsMarkdown } from './handlebars-markdown.js';

export interface CodeEditorEvents {
  /** The text of the shown file changed (typing, undo, paste). */
  onChange(): void;
  /** Ctrl/Cmd+S inside the editor. */
  onSave(): void;
  /** The cursor moved: 1-based line and column. */
  onCursor(line: number, column: number): void;
}

export class CodeEditor {
  readonly view: EditorView;
  private readonly shared: Extension;

  constructor(host: HTMLElement, events: CodeEditorEvents) {
    const shadow = host.attachShadow({ mode: 'open' });
    const frame = document.createElement('div');
    frame.style.height = '100%';
    shadow.append(frame);
    this.shared = [
      lineNumbers(),
      lintGutter(),
      highlightActiveLineGutter(),
      highlightSpecialChars(),
      history(),
      drawSelection(),
      indentOnInput(),
      bracketMatching(),
      highlightActiveLine(),
      EditorView.lineWrapping,
      keymap.of([
        {
          key: 'Mod-s',
          preventDefault: true,
          run: () => {
            events.onSave();
            return true;
          },
        },
        ...defaultKeymap,
        ...historyKeymap,
        indentWithTab,
      ]),
      editorTheme,
      typeOverSelection,
      EditorView.updateListener.of((update) => {
        if (update.docChanged) events.onChange();
        if (update.docChanged || update.selectionSet) {
          const head = update.state.selection.main.head;
          const line = update.state.doc.lineAt(head);
          events.onCursor(line.number, head - line.from + 1);
        }
      }),
    ];
    this.view = new EditorView({ parent: frame, root: shadow, state: this.createState('', 'brief.hbs', 'handlebars', true) });
  }

  /** A fresh state for a file: its text, its language, and whether it may be changed. */
  createState(text: string, path: string, kind: TemplateFileKind, readOnly: boolean): EditorState {
    return EditorState.create({
      doc: text,
      extensions: [
        this.shared,
        kind === 'yaml' ? yaml() : handlebarsMarkdown(),
        // An explicit tab stop: the text is how keyboard users reach and scroll the editor's scrolling area.
        EditorView.contentAttributes.of({ 'aria-label': `Contents of ${path}`, tabindex: '0' }),
        readOnlyExtension(readOnly),
      ],
    });
  }

  show(state: EditorState): void {
    this.view.setState(state);
  }

  get state(): EditorState {
    return this.view.state;
  }

  get text(): string {
    return this.view.state.doc.toString();
  }

  /** Replace the whole text (a file changed on disk), keeping it undoable. */
  replaceText(text: string): void {
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: text } });
  }

  showDiagnostics(diagnostics: Diagnostic[]): void {
    this.view.dispatch(setDiagnostics(this.view.state, diagnostics));
  }

  /** Put the cursor at a 1-based line and column and bring it into view. */
  goTo(line: number, column = 1): void {
    goToLine(this.view, line, column);
  }

  focus(): void {
    this.view.focus();
  }

  get hasFocus(): boolean {
    return this.view.hasFocus;
  }
}

/**
 * Typing over a selection is applied here rather than left to the browser:
 * Chrome's own editing carries the look of the replaced text over as an
 * inline style attribute, which the page's CSP refuses (and reports).
 */
const typeOverSelection = EditorView.domEventHandlers({
  beforeinput(event, view) {
    if (event.inputType !== 'insertText' || event.data === null || view.composing || view.state.selection.ranges.every((r) => r.empty)) return false;
    event.preventDefault();
    if (!view.state.readOnly) view.dispatch(view.state.update(view.state.replaceSelection(event.data), { scrollIntoView: true, userEvent: 'input.type' }));
    return true;
  },
});

/** Read-only still lets the user move, select and copy: only changes are refused. */
function readOnlyExtension(readOnly: boolean): Extension {
  return readOnly ? [EditorState.readOnly.of(true), EditorView.editorAttributes.of({ class: 'is-read-only' })] : [];
}

/** Put `view`'s cursor at a 1-based line and column (clamped to the text), bring it into view and focus it. */
export function goToLine(view: EditorView, line: number, column = 1): void {
  const doc = view.state.doc;
  const target = doc.line(Math.min(Math.max(line, 1), doc.lines));
  const pos = target.from + Math.min(Math.max(column - 1, 0), target.length);
  view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: 'center' }) });
  view.focus();
}
