/**
 * The template check's findings, twice: inline in the code (underlined at
 * their line and column, with a gutter dot and a tooltip), and as a list
 * under the editor that jumps to each one. Both name the place as
 * `file:line:column`, the form the command line prints.
 */
import type { Diagnostic } from '@codemirror/lint';
import type { Text } from '@codemirror/state';
import type { EditorDiagnostic } from '../../../main/shared/ipc-contract.js';
import { el } from '../dom.js';

export function placeOf(diagnostic: EditorDiagnostic): string {
  let place = diagnostic.path ?? 'template';
  if (diagnostic.line !== undefined) place += `:${diagnostic.line}`;
  if (diagnostic.line !== undefined && diagnostic.column !== undefined) place += `:${diagnostic.column}`;
  return place;
}

/** The diagnostics of one file as CodeMirror lint diagnostics; those without a line mark the first line. */
export function inlineDiagnostics(diagnostics: EditorDiagnostic[], path: string, doc: Text): Diagnostic[] {
  return diagnostics
    .filter((d) => d.path === path)
    .map((d) => {
      const line = doc.line(Math.min(Math.max(d.line ?? 1, 1), doc.lines));
      let from = d.line === undefined ? line.from : line.from + Math.min(Math.max((d.column ?? 1) - 1, 0), line.length);
      // Underline the token the position points at (at least one character), not the whole line.
      const rest = doc.sliceString(from, line.to);
      const token = d.line === undefined ? line.length : (/^(\{\{[^}\s]*\}{0,3}|[^\s{}]+\}{0,3}|\s+)/.exec(rest)?.[0].length ?? 0);
      let to = Math.min(from + Math.max(token, 1), line.to);
      if (to <= from) {
        // At the end of a line (or an empty one): mark the last character instead.
        from = Math.max(line.from, from - 1);
        to = Math.max(to, Math.min(from + 1, doc.length));
      }
      return { from, to, severity: d.severity, message: d.message, source: placeOf(d) };
    });
}

export interface DiagnosticListOptions {
  onSelect(diagnostic: EditorDiagnostic): void;
}

/** The list under the editor: every finding in the template, errors first, each a button to its place. */
export function diagnosticItems(diagnostics: EditorDiagnostic[], options: DiagnosticListOptions): HTMLLIElement[] {
  return diagnostics.map((diagnostic) => {
    const button = el(
      'button',
      { type: 'button', class: 'diagnostic-button' },
      el('span', { class: `diagnostic-kind ${diagnostic.severity}` }, diagnostic.severity === 'error' ? 'Error' : 'Warning'),
      el('span', { class: 'location' }, placeOf(diagnostic)),
      el('span', { class: 'diagnostic-message' }, diagnostic.message),
    );
    button.addEventListener('click', () => options.onSelect(diagnostic));
    return el('li', { class: `diagnostic ${diagnostic.severity}`, 'data-path': diagnostic.path ?? '' }, button);
  });
}

export function summarize(diagnostics: EditorDiagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (!diagnostics.length) return 'No problems';
  const parts = [];
  if (errors) parts.push(`${errors} ${errors === 1 ? 'error' : 'errors'}`);
  if (warnings) parts.push(`${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`);
  return parts.join(', ');
}
