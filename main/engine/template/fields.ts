/**
 * Fields a template declares in template.yaml (`fields:`) and a brief fills
 * in (`fields:` in the spec, `--field name=value`, the app's title block).
 * Templates read them as `{{fields.name}}`. Every declared field is present
 * in the context (empty when not given), so strict rendering and the static
 * path check both see exactly the declared names.
 */
import { z } from 'zod';
import { BriefError, type SourceLocation } from '../errors.js';
import { fieldValueSchema, isoDate } from '../spec-schema.js';
import { didYouMean } from './suggest.js';

export const FIELD_TYPES = ['text', 'multiline', 'date', 'choice', 'people', 'rows'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

const fieldName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'a name of letters, digits and underscores that starts with a letter');

/** A row of a `rows` field: column name → text. */
export type FieldRow = Record<string, string>;
export type FieldValue = string | string[] | FieldRow[];


export const fieldDeclarationSchema = z
  .object({
    name: fieldName,
    label: z.string().min(1).max(200),
    type: z.enum(FIELD_TYPES).default('text'),
    default: fieldValueSchema.optional(),
    required: z.boolean().default(false),
    /** One line shown under the input in the app. */
    help: z.string().max(500).default(''),
    /** The values a `choice` field offers. */
    choices: z.array(z.string().min(1).max(200)).min(1).max(100).optional(),
    /** The columns of a `rows` field. */
    columns: z.array(fieldName).min(1).max(12).optional(),
  })
  .strict()
  .refine((f) => f.type !== 'choice' || f.choices !== undefined, { message: 'a `choices:` list for a choice field', path: ['choices'] })
  .refine((f) => f.type !== 'rows' || f.columns !== undefined, { message: 'a `columns:` list for a rows field', path: ['columns'] });

export const fieldDeclarationsSchema = z
  .array(fieldDeclarationSchema)
  .max(60)
  .default([])
  .superRefine((fields, ctx) => {
    const seen = new Set<string>();
    fields.forEach((field, index) => {
      if (seen.has(field.name)) ctx.addIssue({ code: 'custom', message: `a name used once (\`${field.name}\` is declared twice)`, path: [index, 'name'] });
      seen.add(field.name);
      if (field.default !== undefined) {
        const problem = valueProblem(field, field.default);
        if (problem) ctx.addIssue({ code: 'custom', message: `a default that fits the field: ${problem}`, path: [index, 'default'] });
      }
    });
  });

export type FieldDeclaration = z.infer<typeof fieldDeclarationSchema>;

/** Why `value` does not fit `field`, or undefined when it does. */
export function valueProblem(field: FieldDeclaration, value: unknown): string | undefined {
  switch (field.type) {
    case 'text':
      if (typeof value !== 'string') return 'expected one line of text';
      return /[\r\n]/.test(value) ? 'expected one line of text (use type multiline for several lines)' : value.length > 1000 ? 'too long (at most 1000 characters)' : undefined;
    case 'multiline':
      return typeof value === 'string' ? undefined : 'expected text';
    case 'date':
      return typeof value === 'string' && (value === '' || isoDate.safeParse(value).success) ? undefined : 'expected a real calendar date written YYYY-MM-DD';
    case 'choice':
      return typeof value === 'string' && (value === '' || field.choices!.includes(value)) ? undefined : `expected one of ${field.choices!.map((c) => JSON.stringify(c)).join(', ')}`;
    case 'people':
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? undefined : 'expected a list of names';
    case 'rows': {
      if (!Array.isArray(value) || !value.every((row) => row !== null && typeof row === 'object' && !Array.isArray(row))) {
        return `expected a list of rows, each with ${field.columns!.join(', ')}`;
      }
      for (const row of value as FieldRow[]) {
        const stray = Object.keys(row).find((key) => !field.columns!.includes(key));
        if (stray) return `a row has column \`${stray}\`${didYouMean(stray, field.columns!)}; the columns are ${field.columns!.join(', ')}`;
      }
      return undefined;
    }
  }
}

/** The empty value of a field's type. */
function emptyValue(field: FieldDeclaration): FieldValue {
  return field.type === 'people' || field.type === 'rows' ? [] : '';
}

function isEmpty(value: FieldValue | undefined): boolean {
  return value === undefined || (typeof value === 'string' ? value.trim() === '' : value.length === 0);
}

/**
 * A value typed as text (command line, a single form input) turned into the
 * field's type: people are separated by `;` or new lines.
 */
export function fieldValueFromText(field: FieldDeclaration, text: string): FieldValue {
  if (field.type === 'people') return text.split(/[;\n]/).map((name) => name.trim()).filter(Boolean);
  return text;
}

/** Where a problem with a field is shown. */
export interface FieldLocator {
  /** Where the brief gives `name` (or its `fields:` block when `name` is undefined). */
  given(name: string | undefined): SourceLocation | undefined;
  /** Where the template declares `name`. */
  declared(name: string): SourceLocation | undefined;
}

/**
 * The declared fields with the brief's values, defaults filling the gaps.
 * Throws a located SPEC_INVALID for a name the template does not declare, a
 * value of the wrong type, or a required field left empty.
 */
export function resolveFieldValues(
  declarations: readonly FieldDeclaration[],
  given: Readonly<Record<string, unknown>> | undefined,
  templateId: string,
  locator: FieldLocator,
): Record<string, FieldValue> {
  const byName = new Map(declarations.map((field) => [field.name, field]));
  const names = declarations.map((field) => field.name);
  const texts = Object.entries(given ?? {}).map(([name, value]): [string, unknown] => {
    const field = byName.get(name);
    return [name, field && typeof value === 'string' ? fieldValueFromText(field, value) : value];
  });
  const givenValues = Object.fromEntries(texts);
  for (const [name, value] of texts) {
    const field = byName.get(name);
    if (!field) {
      const declared = names.length ? `It declares: ${names.join(', ')}.` : 'It declares no fields.';
      throw new BriefError('SPEC_INVALID', `Field \`${name}\` is not declared by template ${templateId}${didYouMean(name, names)}. ${declared}`, {
        location: locator.given(name),
        field: `fields.${name}`,
      });
    }
    const problem = valueProblem(field, value);
    if (problem) {
      throw new BriefError('SPEC_INVALID', `Field \`${name}\` (${field.label}): ${problem}.`, { location: locator.given(name), field: `fields.${name}` });
    }
  }
  const values: Record<string, FieldValue> = {};
  for (const field of declarations) {
    const value = (givenValues[field.name] as FieldValue | undefined) ?? field.default;
    if (field.required && isEmpty(value)) {
      throw new BriefError(
        'SPEC_INVALID',
        `Field \`${field.name}\` (${field.label}) is required by template ${templateId} and has no value: add \`${field.name}:\` under \`fields:\` in the spec, or pass --field ${field.name}=….`,
        { location: locator.given(undefined) ?? locator.declared(field.name), field: `fields.${field.name}` },
      );
    }
    values[field.name] = isEmpty(value) ? emptyValue(field) : value!;
  }
  return values;
}

/** Values for `check`: every declared field filled, so each branch that reads one runs. */
export function sampleFieldValues(declarations: readonly FieldDeclaration[], filled: boolean): Record<string, FieldValue> {
  const values: Record<string, FieldValue> = {};
  for (const field of declarations) {
    if (!filled && !field.required) {
      values[field.name] = field.default ?? emptyValue(field);
      continue;
    }
    switch (field.type) {
      case 'date':
        values[field.name] = '2023-01-13';
        break;
      case 'choice':
        values[field.name] = field.choices![0]!;
        break;
      case 'people':
        values[field.name] = ['A. Person', 'B. Person'];
        break;
      case 'rows':
        values[field.name] = [Object.fromEntries(field.columns!.map((column) => [column, `Sample ${column}`]))];
        break;
      default:
        values[field.name] = `Sample ${field.label.toLowerCase()}`;
    }
  }
  return values;
}
