import { Text } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { inlineDiagnostics, placeOf, summarize } from '../../../renderer/src/template-editor/editor-diagnostics.js';
import type { EditorDiagnostic } from '../../../main/shared/ipc-contract.js';

const doc = Text.of(['# {{brief.title}}', '', 'See {{brief.date}', 'Last line']);
const error = (patch: Partial<EditorDiagnostic>): EditorDiagnostic => ({ severity: 'error', code: 'TEMPLATE_SYNTAX', message: 'Broken.', path: 'brief.hbs', ...patch });

describe('template diagnostics in the code', () => {
  it('underlines the token at the reported line and column, naming the place as file:line:column', () => {
    const [mark] = inlineDiagnostics([error({ line: 3, column: 5 })], 'brief.hbs', doc);
    const line3 = doc.line(3);
    expect(mark).toMatchObject({ from: line3.from + 4, severity: 'error', message: 'Broken.', source: 'brief.hbs:3:5' });
    expect(doc.sliceString(mark!.from, mark!.to)).toBe('{{brief.date}');
  });

  it('keeps only the diagnostics of the file on screen', () => {
    expect(inlineDiagnostics([error({ path: 'partials/x.hbs', line: 1, column: 1 }), error({ path: undefined })], 'brief.hbs', doc)).toEqual([]);
  });

  it('marks something visible for places at a line end, past the end, or without a line', () => {
    const atEnd = inlineDiagnostics([error({ line: 1, column: 18 })], 'brief.hbs', doc)[0]!;
    expect(doc.sliceString(atEnd.from, atEnd.to)).toBe('}');
    const pastEnd = inlineDiagnostics([error({ line: 99, column: 3 })], 'brief.hbs', doc)[0]!;
    expect(doc.lineAt(pastEnd.from).number).toBe(4);
    const emptyLine = inlineDiagnostics([error({ line: 2, column: 1 })], 'brief.hbs', doc)[0]!;
    expect(emptyLine.to).toBeGreaterThan(emptyLine.from);
    const noLine = inlineDiagnostics([error({ line: undefined, column: undefined })], 'brief.hbs', doc)[0]!;
    expect(noLine).toMatchObject({ from: 0, to: doc.line(1).to, source: 'brief.hbs' });
  });

  it('sums up errors and warnings', () => {
    expect(summarize([])).toBe('No problems');
    expect(summarize([error({}), error({}), { ...error({}), severity: 'warning' }])).toBe('2 errors, 1 warning');
    expect(placeOf(error({ line: 4 }))).toBe('brief.hbs:4');
    expect(placeOf(error({ path: undefined }))).toBe('template');
  });
});
