/**
 * A YAML syntax error points where the user has to look: for a quote or a
 * bracket that is never closed, the quote or bracket itself, not the end of
 * the text where the parser gave up.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseYamlWithSchema } from '../../main/engine/yaml-load.js';
import { catchError, positionOf } from '../helpers/errors.js';

const schema = z.object({ title: z.string(), summary: z.string().optional(), tags: z.array(z.string()).optional() });

describe('YAML syntax errors', () => {
  it.each([
    ['a double quote', 'title: "Unfinished\nsummary: x\ntags: [a, b]\n', '"Unfinished'],
    ['a single quote', "title: Fine\nsummary: 'never closed\ntags: [a]\n", "'never"],
    ['a quote on the last line', 'title: Fine\nsummary: "open', '"open'],
  ])('name the line and column of %s that is never closed', (_what, text, opening) => {
    const error = catchError(() => parseYamlWithSchema(text, 'notes.yaml', schema, { code: 'SPEC_INVALID', what: 'brief spec', lineOffset: 1 }));
    const at = positionOf(text, opening);
    expect(error.code).toBe('YAML_SYNTAX');
    expect(error.location).toEqual({ file: 'notes.yaml', line: at.line + 1, column: at.column });
    expect(error.message).toContain('the quote that opens here is never closed');
  });

  it.each([
    ['a list on the first line, at the end of the file', 'tags: [a, b\n', 'tags: [', '[', 'end the list with ]'],
    ['a list followed by more fields', 'title: "Closed"\ntags: [a, b\nsummary: x\n', '[a, b', '[', 'end the list with ]'],
    ['a list closed by the wrong bracket', 'title: Fine\ntags: [a, b}\n', '[a, b}', '[', 'end the list with ]'],
    ['a mapping inside a closed list', 'title: Fine\ntags: [a, {b: c]\nsummary: x\n', '{b: c', '{', 'end the mapping with }'],
  ])('name the line and column of the bracket that opens %s and is never closed', (_what, text, opening, bracket, advice) => {
    const error = catchError(() => parseYamlWithSchema(text, 'notes.yaml', schema, { what: 'brief spec' }));
    const at = positionOf(text, opening);
    expect(error.code).toBe('YAML_SYNTAX');
    expect(error.location).toEqual({ file: 'notes.yaml', line: at.line, column: at.column + opening.indexOf(bracket) });
    expect(error.message).toBe(`brief spec is not valid YAML: the ${bracket} that opens here is never closed: ${advice}`);
  });

  it('keeps the parser’s own position and words for other mistakes, and a closed quote or bracket is not blamed', () => {
    const text = 'title: "Closed"\ntags: [a, b]\nsummary: a: b\n';
    const error = catchError(() => parseYamlWithSchema(text, 'notes.yaml', schema));
    expect(error.code).toBe('YAML_SYNTAX');
    expect(error.message).not.toMatch(/quote|never closed/);
    expect(error.location).toEqual({ file: 'notes.yaml', line: 3, column: 10 });
  });

  it('names a second document (a line of three dashes) at its line, in words rather than the parser\'s advice', () => {
    const text = 'title: First\n---\ntitle: Second\n';
    const error = catchError(() => parseYamlWithSchema(text, 'notes.yaml', schema, { what: 'brief spec' }));
    expect(error.code).toBe('YAML_SYNTAX');
    expect(error.message).toBe('brief spec is not valid YAML: a line of three dashes (---) starts a second document here; one document is expected');
    expect(error.location).toEqual({ file: 'notes.yaml', line: 2, column: 1 });
  });
});
