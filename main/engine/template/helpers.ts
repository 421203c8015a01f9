/**
 * The helpers a template may call — this list and Handlebars' `if`,
 * `unless`, `each` and `with`, nothing else. Each is a plain function of its
 * arguments; handlebars-env.ts registers them, checks how many arguments they
 * got and turns what they throw into a message naming the helper.
 */
import type { TemplateManifest } from '../template-manifest.js';
import { formatDate, isDateFormat, DATE_FORMATS } from './dates.js';

export interface HelperSpec {
  /** How it is written, for messages and the guide. */
  usage: string;
  /** Fewest and most positional arguments. */
  params: readonly [number, number];
  /** Block helpers must be written `{{#name …}}…{{/name}}`, the others must not. */
  block: boolean;
}

export const HELPER_SPECS = {
  if: { usage: '{{#if value}}…{{else}}…{{/if}}', params: [1, 1], block: true },
  unless: { usage: '{{#unless value}}…{{/unless}}', params: [1, 1], block: true },
  each: { usage: '{{#each list}}…{{else}}…{{/each}}', params: [1, 1], block: true },
  with: { usage: '{{#with object}}…{{/with}}', params: [1, 1], block: true },
  formatDate: { usage: '{{formatDate date [format]}}', params: [1, 2], block: false },
  join: { usage: '{{join list [separator]}}', params: [1, 2], block: false },
  upper: { usage: '{{upper text}}', params: [1, 1], block: false },
  lower: { usage: '{{lower text}}', params: [1, 1], block: false },
  eq: { usage: '(eq a b)', params: [2, 2], block: false },
  ne: { usage: '(ne a b)', params: [2, 2], block: false },
  and: { usage: '(and a b …)', params: [2, Infinity], block: false },
  or: { usage: '(or a b …)', params: [2, Infinity], block: false },
  not: { usage: '(not a)', params: [1, 1], block: false },
  inc: { usage: '{{inc number}}', params: [1, 1], block: false },
  length: { usage: '{{length list}}', params: [1, 1], block: false },
  portion: { usage: '{{portion}}', params: [0, 0], block: false },
} as const satisfies Record<string, HelperSpec>;

export type HelperName = keyof typeof HELPER_SPECS;
export const HELPER_NAMES = Object.keys(HELPER_SPECS) as HelperName[];
export const BLOCK_HELPERS = HELPER_NAMES.filter((name) => HELPER_SPECS[name].block);

export function isHelperName(name: string): name is HelperName {
  return Object.prototype.hasOwnProperty.call(HELPER_SPECS, name);
}

/** What a value helper is given besides its arguments. */
export interface HelperCall {
  /** The whole template context (`@root`). */
  root: unknown;
  /** The context the helper is called in (`this`: a section inside `{{#each sections}}`). */
  context?: unknown;
}

export type ValueHelper = (args: unknown[], call: HelperCall) => unknown;

/** Handlebars' notion of "true": an empty list counts as false, like in `{{#if}}`. */
export function truthy(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}

export function createValueHelpers(manifest: TemplateManifest): Record<Exclude<HelperName, 'if' | 'unless' | 'each' | 'with'>, ValueHelper> {
  return {
    formatDate: ([date, format]) => {
      if (date === null || date === undefined || date === '') return '';
      if (typeof date !== 'string') throw new Error(`expects a date written YYYY-MM-DD, got ${describe(date)}`);
      const chosen = format ?? manifest.dateFormat;
      if (!isDateFormat(chosen)) throw new Error(`format must be one of ${DATE_FORMATS.map((f) => `"${f}"`).join(', ')}, got ${describe(chosen)}`);
      return formatDate(date, chosen);
    },
    join: ([list, separator]) => {
      if (list === null || list === undefined) return '';
      if (!Array.isArray(list)) throw new Error(`expects a list, got ${describe(list)}`);
      const sep = separator ?? ', ';
      if (typeof sep !== 'string') throw new Error(`separator must be text, got ${describe(sep)}`);
      return list
        .map((item) => {
          if (item !== null && typeof item === 'object') throw new Error('can only join text and numbers, and the list holds objects');
          return item === null || item === undefined ? '' : String(item);
        })
        .join(sep);
    },
    upper: ([text]) => asText(text).toUpperCase(),
    lower: ([text]) => asText(text).toLowerCase(),
    eq: ([a, b]) => a === b,
    ne: ([a, b]) => a !== b,
    // Like JavaScript's && and ||: the deciding value, so `(or brief.subtitle "…")` gives a fallback.
    and: (values) => values.find((v) => !truthy(v)) ?? values[values.length - 1],
    or: (values) => values.find((v) => truthy(v)) ?? values[values.length - 1],
    not: ([value]) => !truthy(value),
    inc: ([value]) => {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) throw new Error(`expects a number such as @index, got ${describe(value)}`);
      return n + 1;
    },
    length: ([value]) => {
      if (value === null || value === undefined) return 0;
      if (Array.isArray(value) || typeof value === 'string') return value.length;
      if (typeof value === 'object') return Object.keys(value).length;
      throw new Error(`expects a list or text, got ${describe(value)}`);
    },
    portion: (_args, call) => {
      if (!manifest.portionMarks) return '';
      // A section with a mark of its own (front matter `portionMark`) marks what is printed of it anywhere, e.g. its summary in a box before the sections.
      const mark = (portionMarkOf(call.root) && ownPortionMark(call.context)) || portionMarkOf(call.root);
      return mark ? `${mark} ` : '';
    },
  };
}

/** The mark a section's own context carries (`portionMark` beside its `id`), or "". */
function ownPortionMark(context: unknown): string {
  if (!context || typeof context !== 'object' || !('id' in context)) return '';
  const mark = (context as { portionMark?: unknown }).portionMark;
  return typeof mark === 'string' ? mark.trim() : '';
}

function portionMarkOf(root: unknown): string {
  if (!root || typeof root !== 'object') return '';
  const options = (root as { options?: unknown }).options;
  if (!options || typeof options !== 'object') return '';
  const mark = (options as { portionMark?: unknown }).portionMark;
  return typeof mark === 'string' ? mark.trim() : '';
}

function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new Error(`expects text, got ${describe(value)}`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value;
}
