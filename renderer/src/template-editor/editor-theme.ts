/**
 * The code editor's look: the app's quiet greys and navy, a monospace face,
 * and syntax colours chosen to tell the three layers of a template apart —
 * Handlebars (purple and magenta), brief markup (navy headings, muted
 * marks), YAML (navy keys, green strings).
 */
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';
import { mustacheTags } from './handlebars-markdown.js';

const mono = "ui-monospace, 'SF Mono', 'Cascadia Mono', 'JetBrains Mono', Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', monospace";

const theme = EditorView.theme({
  // Colours from the page's variables, so the editor follows dark mode; sizes in rem follow the UI text size.
  '&': { height: '100%', fontSize: '0.9615rem', backgroundColor: 'var(--panel, #ffffff)', color: 'var(--text, #1b1f24)' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { fontFamily: mono, lineHeight: '1.6' },
  '.cm-content': { padding: '10px 0 40vh', caretColor: '#1a66d9' },
  '.cm-line': { padding: '0 14px 0 10px' },
  '.cm-gutters': { backgroundColor: 'var(--panel-2, #f6f8fa)', color: 'var(--muted, #5b6573)', borderRight: '1px solid var(--border, #e3e8ef)' },
  '.cm-lineNumbers .cm-gutterElement': { padding: '0 8px 0 12px', minWidth: '36px' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--accent-soft, #e6eef8)', color: 'var(--text, #1f3a5f)', fontWeight: '600' },
  '.cm-activeLine': { backgroundColor: 'var(--active-line, #f5f8fc)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: 'var(--selection, #cfe0f7) !important' },
  '.cm-cursor': { borderLeftColor: '#1a66d9', borderLeftWidth: '2px' },
  '.cm-matchingBracket': { backgroundColor: '#e2ecf9', outline: '1px solid #b9cbe3' },
  // Lint: a wavy underline and a gutter dot, in the app's error and warning colours.
  '.cm-lintRange-error': { backgroundImage: 'none', textDecoration: 'underline wavy var(--danger, #b42318)', textUnderlineOffset: '3px', backgroundColor: 'var(--danger-soft, #fdecea)' },
  '.cm-lintRange-warning': { backgroundImage: 'none', textDecoration: 'underline wavy var(--warn, #9a5b00)', textUnderlineOffset: '3px', backgroundColor: 'var(--warn-soft, #fff4e0)' },
  '.cm-gutter-lint': { width: '14px' },
  '.cm-gutter-lint .cm-gutterElement': { padding: '0 0 0 3px' },
  '.cm-lint-marker': { width: '9px', height: '9px', marginTop: '6px', borderRadius: '50%', content: 'none' },
  '.cm-lint-marker-error': { backgroundColor: '#b42318' },
  '.cm-lint-marker-warning': { backgroundColor: '#d08a00' },
  '.cm-tooltip': { border: '1px solid var(--border, #d5dce5)', borderRadius: '6px', boxShadow: '0 6px 20px rgb(16 24 40 / 18%)', backgroundColor: 'var(--panel, #fff)', overflow: 'hidden' },
  '.cm-tooltip-lint': { padding: '0' },
  '.cm-diagnostic': { fontFamily: "'Inter UI', system-ui, sans-serif", fontSize: '0.9615rem', padding: '7px 10px 7px 12px', maxWidth: '480px', borderLeftWidth: '4px' },
  '.cm-diagnostic-error': { borderLeftColor: '#b42318' },
  '.cm-diagnostic-warning': { borderLeftColor: '#d08a00' },
  '.cm-panels': { backgroundColor: 'var(--panel-2, #f6f8fa)', color: 'var(--text, #1b1f24)' },
  '&.is-read-only .cm-content, &.is-read-only .cm-activeLine': { backgroundColor: 'var(--read-only-bg, #fbfcfd)' },
});

const highlight = HighlightStyle.define([
  // Handlebars
  { tag: mustacheTags.mark, color: 'var(--syn-mark, #7753ab)' },
  { tag: mustacheTags.variable, color: 'var(--syn-variable, #6a2fb5)' },
  { tag: mustacheTags.keyword, color: 'var(--syn-keyword, #b0247a)', fontWeight: '600' },
  { tag: mustacheTags.partial, color: 'var(--syn-partial, #0f6f6a)', fontWeight: '600' },
  { tag: t.blockComment, color: 'var(--syn-comment, #5f6a79)', fontStyle: 'italic' },
  { tag: mustacheTags.fence, color: 'var(--syn-meta, #8a6d1f)' },
  { tag: mustacheTags.fenceKind, color: 'var(--syn-meta, #8a6d1f)', fontWeight: '600' },
  // Markdown
  { tag: [t.heading1, t.heading2, t.heading3, t.heading4, t.heading5, t.heading6], color: 'var(--syn-heading, #1f3a5f)', fontWeight: '700' },
  { tag: t.strong, fontWeight: '700' },
  { tag: t.emphasis, fontStyle: 'italic' },
  { tag: t.processingInstruction, color: 'var(--syn-punct, #667182)' },
  { tag: t.list, color: 'var(--syn-list, #2c5282)' },
  { tag: t.quote, color: 'var(--syn-quote, #5b6573)', fontStyle: 'italic' },
  { tag: [t.link, t.url], color: 'var(--syn-link, #1f4f8f)', textDecoration: 'underline' },
  { tag: t.monospace, color: 'var(--syn-code, #9a3b12)' },
  { tag: t.contentSeparator, color: 'var(--syn-punct, #667182)' },
  { tag: t.escape, color: 'var(--syn-keyword, #b0247a)' },
  // YAML (and strings in mustaches)
  { tag: t.definition(t.propertyName), color: 'var(--syn-heading, #1f3a5f)', fontWeight: '600' },
  { tag: t.string, color: 'var(--syn-string, #177245)' },
  { tag: t.lineComment, color: 'var(--syn-comment, #5f6a79)', fontStyle: 'italic' },
  { tag: [t.separator, t.punctuation, t.squareBracket, t.brace], color: 'var(--syn-punct, #667182)' },
  { tag: [t.meta, t.labelName, t.typeName, t.keyword], color: 'var(--syn-meta, #8a6d1f)' },
  { tag: t.comment, color: 'var(--syn-comment, #5f6a79)', fontStyle: 'italic' },
]);

export const editorTheme: Extension = [theme, syntaxHighlighting(highlight)];
