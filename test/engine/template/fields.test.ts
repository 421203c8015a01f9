/**
 * Fields a template declares: values from the spec and the command line,
 * defaults, required fields, undeclared names with "did you mean", and the
 * values reaching the PDF.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli.js';
import { BriefError } from '../../../main/engine/errors.js';
import { fieldDeclarationsSchema, resolveFieldValues, sampleFieldValues } from '../../../main/engine/template/fields.js';
import { didYouMean } from '../../../main/engine/template/suggest.js';
import { readPdf } from '../../helpers/pdf-read.js';

const HOUSE = resolve(import.meta.dirname, '../../fixtures/templates/house');
const declarations = fieldDeclarationsSchema.parse([
  { name: 'decision', label: 'Decision requested', type: 'multiline', required: true },
  { name: 'clearedBy', label: 'Cleared by', type: 'people' },
  { name: 'priority', label: 'Priority', type: 'choice', choices: ['Routine', 'Immediate'], default: 'Routine' },
  { name: 'deadline', label: 'Decision needed by', type: 'date' },
  { name: 'actions', label: 'Actions', type: 'rows', columns: ['who', 'what'] },
]);
const here = { given: (name: string | undefined) => ({ file: 'spec.brief.yaml', line: name ? 7 : 5 }), declared: () => ({ file: 'template.yaml', line: 3 }) };

function failure(run: () => unknown): BriefError {
  try {
    run();
  } catch (error) {
    if (error instanceof BriefError) return error;
    throw error;
  }
  throw new Error('expected a BriefError');
}

async function cli(args: string[], cwd: string): Promise<{ code: number; err: string }> {
  let err = '';
  const code = await runCli(args, { out: () => undefined, err: (t) => (err += `${t}\n`), cwd });
  return { code, err };
}

describe('field values', () => {
  it('fills every declared field: given values, defaults, and empty values of the right type', () => {
    expect(resolveFieldValues(declarations, { decision: 'Approve.', clearedBy: 'A. Tanaka; B. Smith' }, 'house', here)).toEqual({
      decision: 'Approve.',
      clearedBy: ['A. Tanaka', 'B. Smith'],
      priority: 'Routine',
      deadline: '',
      actions: [],
    });
  });

  it('refuses an undeclared name at its line, naming the declared ones and the likely one', () => {
    const error = failure(() => resolveFieldValues(declarations, { decision: 'x', decison: 'y' }, 'house', here));
    expect(error.code).toBe('SPEC_INVALID');
    expect(error.message).toBe('Field `decison` is not declared by template house (did you mean `decision`?). It declares: decision, clearedBy, priority, deadline, actions.');
    expect(error.location).toEqual({ file: 'spec.brief.yaml', line: 7 });
  });

  it('refuses a missing required field at the spec’s fields, or at the declaration when the spec has none', () => {
    expect(failure(() => resolveFieldValues(declarations, { priority: 'Immediate' }, 'house', here)).location).toEqual({ file: 'spec.brief.yaml', line: 5 });
    const error = failure(() => resolveFieldValues(declarations, undefined, 'house', { given: () => undefined, declared: here.declared }));
    expect(error.message).toContain('Field `decision` (Decision requested) is required by template house');
    expect(error.location).toEqual({ file: 'template.yaml', line: 3 });
    expect(failure(() => resolveFieldValues(declarations, { decision: '   ' }, 'house', here)).message).toContain('is required');
  });

  it('checks each value against its type', () => {
    const problem = (given: Record<string, unknown>) => failure(() => resolveFieldValues(declarations, { decision: 'x', ...given }, 'house', here)).message;
    expect(problem({ priority: 'Urgent' })).toBe('Field `priority` (Priority): expected one of "Routine", "Immediate".');
    expect(problem({ deadline: '2023-02-30' })).toContain('a real calendar date');
    expect(problem({ actions: [{ who: 'A', wat: 'B' }] })).toContain('column `wat` (did you mean `what`?)');
  });

  it('fills every field for check, and only required ones for the bare sample', () => {
    expect(sampleFieldValues(declarations, true)).toMatchObject({ decision: 'Sample decision requested', clearedBy: ['A. Person', 'B. Person'], priority: 'Routine', deadline: '2023-01-13' });
    expect(sampleFieldValues(declarations, false)).toMatchObject({ decision: 'Sample decision requested', clearedBy: [], priority: 'Routine', deadline: '' });
  });

  it('refuses a declaration that cannot work', () => {
    expect(fieldDeclarationsSchema.safeParse([{ name: 'p', label: 'P', type: 'choice' }]).success).toBe(false);
    expect(fieldDeclarationsSchema.safeParse([{ name: 'a', label: 'A' }, { name: 'a', label: 'B' }]).success).toBe(false);
    expect(fieldDeclarationsSchema.safeParse([{ name: 'p', label: 'P', type: 'choice', choices: ['x'], default: 'y' }]).success).toBe(false);
  });

  it('suggests only close names', () => {
    expect(didYouMean('subtitel', ['subtitle', 'title'])).toBe(' (did you mean `subtitle`?)');
    expect(didYouMean('zzz', ['subtitle', 'title'])).toBe('');
  });
});

describe('fields through the CLI', () => {
  it('builds the house template with the spec’s fields and --field overrides, and the PDF shows them', async () => {
    const work = mkdtempSync(join(tmpdir(), 'brief-fields-'));
    cpSync(HOUSE, join(work, 'house'), { recursive: true });
    const spec = readFileSync(join(HOUSE, 'house.brief.yaml'), 'utf8');
    writeFileSync(join(work, 'house', 'house.brief.yaml'), spec);
    const run = await cli(['build', 'house/house.brief.yaml', '--field', 'priority=Immediate', '--field', 'clearedBy=C. Jones; D. Lee', '-o', 'out.pdf'], work);
    expect(run.err).toContain('Wrote');
    expect(run.code).toBe(0);
    const pdf = await readPdf(readFileSync(join(work, 'out.pdf')));
    const text = pdf.pages.map((p) => p.text).join('\n');
    expect(text).toContain('Approve signature of the space cooperation framework agreement at the summit.');
    expect(text).toContain('Cleared by: C. Jones; D. Lee');
    expect(text).toContain('DECISION NOTE · IMMEDIATE');
  });
});
