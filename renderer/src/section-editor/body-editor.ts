/**
 * The CodeMirror view a section's Markdown body is written in (in a shadow
 * root, for the reason code-editor.ts gives). Pasted HTML becomes Markdown;
 * a PNG or JPEG pasted or dropped is handed to `onImage`, which copies it
 * into the section's folder and answers the Markdown to insert.
 */
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { defineLanguageFacet, Language, LanguageSupport } from '@codemirror/language';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightSpecialChars, keymap, lineNumbers } from '@codemirror/view';
import { GFM, parser as markdownParser } from '@lezer/markdown';
import { goToLine } from '../template-editor/code-editor.js';
import { editorTheme } from '../template-editor/editor-theme.js';
import { htmlToMarkdown } from './html-to-markdown.js';

const markdownLanguage = new Language(defineLanguageFacet({}), markdownParser.configure([GFM]), [], 'markdown');

export interface BodyEditorEvents {
  onChange(): void;
  onSave(): void;
  onCursor(line: number, column: number): void;
  /** A picture to add to the section: resolves to the Markdown that shows it, or undefined when it could not be added. */
  onImage(file: File): Promise<string | undefined>;
  /** Pictures of pasted HTML that were left out (they point at files elsewhere). */
  onImagesLeftOut(count: number): void;
}

export interface ShowOptions {
  /** What the text is, for a screen reader (the body, or the whole file when it is edited raw). */
  label?: string;
  raw?: boolean;
}

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg']);

export class BodyEditor {
  readonly view: EditorView;

  constructor(host: HTMLElement, private readonly events: BodyEditorEvents) {
    const shadow = host.attachShadow({ mode: 'open' });
    const frame = document.createElement('div');
    frame.style.height = '100%';
    shadow.append(frame);
    this.view = new EditorView({ parent: frame, root: shadow, state: this.createState('', false) });
  }

  /** `raw`: the whole file as plain text (Markdown highlighting would read the front matter as a heading). */
  createState(text: string, readOnly: boolean, { label = 'Section body (Markdown)', raw = false }: ShowOptions = {}): EditorState {
    return EditorState.create({
      doc: text,
      extensions: [
        lineNumbers(),
        lintGutter(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        highlightActiveLine(),
        EditorView.lineWrapping,
        raw ? [] : new LanguageSupport(markdownLanguage),
        editorTheme,
        keymap.of([
          {
            key: 'Mod-s',
            preventDefault: true,
            run: () => {
              this.events.onSave();
              return true;
            },
          },
          ...defaultKeymap,
          ...historyKeymap,
          indentWithTab,
        ]),
        // Focusable by Tab even when read-only: its scroll box is reached from the keyboard.
        EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' }),
        readOnly ? [EditorState.readOnly.of(true), EditorView.editorAttributes.of({ class: 'is-read-only' })] : [],
        EditorView.domEventHandlers({
          paste: (event, view) => this.paste(event, view),
          drop: (event, view) => this.drop(event, view),
          beforeinput: (event, view) => typeOver(event, view),
        }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) this.events.onChange();
          if (update.docChanged || update.selectionSet) {
            const head = update.state.selection.main.head;
            const line = update.state.doc.lineAt(head);
            this.events.onCursor(line.number, head - line.from + 1);
          }
        }),
      ],
    });
  }

  show(text: string, readOnly: boolean, options?: ShowOptions): void {
    this.view.setState(this.createState(text, readOnly, options));
  }

  get text(): string {
    return this.view.state.doc.toString();
  }

  get readOnly(): boolean {
    return this.view.state.readOnly;
  }

  showDiagnostics(diagnostics: Diagnostic[]): void {
    this.view.dispatch(setDiagnostics(this.view.state, diagnostics));
  }

  goTo(line: number, column = 1): void {
    goToLine(this.view, line, column);
  }

  focus(): void {
    this.view.focus();
  }

  private paste(event: ClipboardEvent, view: EditorView): boolean {
    const data = event.clipboardData;
    if (!data || view.state.readOnly) return false;
    const images = [...data.files].filter((file) => IMAGE_TYPES.has(file.type));
    if (images.length) {
      event.preventDefault();
      void this.insertImages(images, view.state.selection.main.from, view.state.selection.main.to);
      return true;
    }
    const html = data.getData('text/html');
    if (!html) return false;
    const { markdown, imagesLeftOut } = htmlToMarkdown(html);
    event.preventDefault();
    view.dispatch(view.state.update(view.state.replaceSelection(markdown), { scrollIntoView: true, userEvent: 'input.paste' }));
    if (imagesLeftOut) this.events.onImagesLeftOut(imagesLeftOut);
    return true;
  }

  private drop(event: DragEvent, view: EditorView): boolean {
    const files = [...(event.dataTransfer?.files ?? [])].filter((file) => IMAGE_TYPES.has(file.type));
    if (!files.length || view.state.readOnly) return false;
    event.preventDefault();
    const at = view.posAtCoords({ x: event.clientX, y: event.clientY }) ?? view.state.selection.main.head;
    void this.insertImages(files, at, at);
    return true;
  }

  /** Each picture on a paragraph of its own (how the engine draws a figure). */
  private async insertImages(files: File[], from: number, to: number): Promise<void> {
    const parts: string[] = [];
    for (const file of files) {
      const markdown = await this.events.onImage(file);
      if (markdown) parts.push(markdown);
    }
    if (!parts.length) return;
    const doc = this.view.state.doc;
    const start = Math.min(from, doc.length);
    const end = Math.min(Math.max(to, start), doc.length);
    const before = start === 0 || doc.sliceString(start - 2, start) === '\n\n' ? '' : doc.sliceString(start - 1, start) === '\n' ? '\n' : '\n\n';
    const after = end === doc.length ? '\n' : '\n\n';
    const insert = `${before}${parts.join('\n\n')}${after}`;
    this.view.dispatch({ changes: { from: start, to: end, insert }, selection: { anchor: start + insert.length }, scrollIntoView: true, userEvent: 'input.drop' });
  }
}

/** Typing over a selection without Chrome's inline styles (see code-editor.ts). */
function typeOver(event: InputEvent, view: EditorView): boolean {
  if (event.inputType !== 'insertText' || event.data === null || view.composing || view.state.selection.ranges.every((r) => r.empty)) return false;
  event.preventDefault();
  if (!view.state.readOnly) view.dispatch(view.state.update(view.state.replaceSelection(event.data), { scrollIntoView: true, userEvent: 'input.type' }));
  return true;
}
