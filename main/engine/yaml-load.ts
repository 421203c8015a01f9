/**
 * Parse YAML and validate it against a schema, reporting problems at the
 * file, line and column of the offending value (not just "invalid input").
 */
import { isMap, isNode, isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
import type { z } from 'zod';
import { BriefError, type BriefErrorCode } from './errors.js';
import { closestName, didYouMean } from './template/suggest.js';
import { recordYaml, seededYaml } from './yaml-seed.js';
import { unclosedFlowCollection, unclosedQuote } from './yaml-unclosed.js';

export interface YamlLoadOptions {
  /** Lines before the YAML text in its file (front matter starts after `---`). */
  lineOffset?: number;
  /** Error code for schema violations. */
  code?: BriefErrorCode;
  /** What the document is, for messages: "brief spec", "section front matter"… */
  what?: string;
}

export function parseYamlWithSchema<S extends z.ZodTypeAny>(text: string, file: string, schema: S, options: YamlLoadOptions = {}): z.infer<S> {
  // Built-in documents come parsed with the CLI (yaml-seed.ts); the schema still checks them.
  const seeded = seededYaml(text);
  if (seeded !== undefined) {
    const checked = schema.safeParse(seeded);
    if (checked.success) return checked.data as z.infer<S>;
  }
  const lineOffset = options.lineOffset ?? 0;
  const what = options.what ?? 'YAML document';
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const firstError = doc.errors[0];
  if (firstError) {
    const unclosed = (firstError.code === 'MISSING_CHAR' ? unclosedQuote(text, firstError.pos[0]) : undefined) ?? unclosedFlowCollection(text, firstError.pos[0]);
    const pos = lineCounter.linePos(unclosed?.offset ?? firstError.pos[0]);
    const problem = unclosed?.problem ?? (firstError.code === 'MULTIPLE_DOCS' ? 'a line of three dashes (---) starts a second document here; one document is expected' : firstLine(firstError.message));
    throw new BriefError('YAML_SYNTAX', `${what} is not valid YAML: ${problem}`, {
      location: { file, line: pos.line + lineOffset, column: pos.col },
    });
  }
  const data = expandAliases(doc, lineCounter, file, what, lineOffset);
  const result = schema.safeParse(data);
  if (result.success) {
    recordYaml(file, text, data);
    return result.data as z.infer<S>;
  }
  const problems = issueErrors(result.error.issues, doc, lineCounter, file, schema, options);
  throw problems.length > 1 ? Object.assign(problems[0]!, { others: problems.slice(1) }) : problems[0]!;
}

/** At most this many problems of one file are reported: the first ones point at the cause. */
const MAX_PROBLEMS = 20;

/** The problems a failed parseYamlWithSchema found: the one thrown, then the rest of the file's. */
export function everyProblem(error: unknown): unknown[] {
  return error instanceof BriefError ? [error, ...((error as BriefError & { others?: BriefError[] }).others ?? [])] : [error];
}

/**
 * Issues looked at, at most: far more than are reported, so the first ones in
 * the file are among them, yet bounded for a file of thousands of bad values.
 */
const MAX_ISSUES_READ = 10 * MAX_PROBLEMS;

interface Position {
  line: number;
  col: number;
}

function issueErrors(issues: z.ZodIssue[], doc: Document, lineCounter: LineCounter, file: string, schema: z.ZodTypeAny, options: YamlLoadOptions): BriefError[] {
  const lineOffset = options.lineOffset ?? 0;
  const what = options.what ?? 'YAML document';
  const read = issues.slice(0, MAX_ISSUES_READ);
  const missing = missingFields(read);
  // A missing field that a misspelt key stands for ("titel" for "title"), by its path: where that key is.
  const misspeltAt = new Map<string, Position>();
  const found: { error: BriefError; at: Position; missingField?: string }[] = [];
  for (const issue of read) {
    // An unknown key is best shown at the key itself, not at the mapping that holds it.
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.slice(0, MAX_PROBLEMS) : [undefined];
    for (const unknownKey of keys) {
      const path = unknownKey === undefined ? issue.path : [...issue.path, unknownKey];
      const pos = (unknownKey !== undefined ? locateKey(doc, lineCounter, issue.path, unknownKey) : undefined) ?? locate(doc, lineCounter, path);
      const meant = unknownKey === undefined ? undefined : closestName(unknownKey, missing.get(issue.path.join('.')) ?? []);
      if (meant !== undefined) misspeltAt.set([...issue.path, meant].join('.'), pos);
      const field = path.length ? path.join('.') : undefined;
      const described = unknownKey === undefined ? describeIssue(issue) : describeUnknownKey(unknownKey, issue.path, knownKeysAt(schema, issue.path));
      const error = new BriefError(options.code ?? 'SPEC_INVALID', `${what}: ${described}`, { location: { file, line: pos.line + lineOffset, column: pos.col }, field });
      found.push({ error, at: pos, ...(isMissing(issue) ? { missingField: path.join('.') } : {}) });
    }
  }
  // Reading order, by line and column. A missing field has no line of its own
  // (it is found at the mapping that lacks it): the one a misspelt key stands
  // for is told right after that key, as the same mistake.
  const sortAt = (entry: (typeof found)[number]): [number, number, number] => {
    const key = entry.missingField === undefined ? undefined : misspeltAt.get(entry.missingField);
    return key ? [key.line, key.col, 1] : [entry.at.line, entry.at.col, 0];
  };
  const ordered = found.map((entry) => ({ error: entry.error, at: sortAt(entry) }));
  ordered.sort((a, b) => a.at[0] - b.at[0] || a.at[1] - b.at[1] || a.at[2] - b.at[2]);
  return ordered.slice(0, MAX_PROBLEMS).map((entry) => entry.error);
}

/** Names of the required fields left out, by the dotted path of the mapping that lacks them. */
function missingFields(issues: z.ZodIssue[]): Map<string, string[]> {
  const missing = new Map<string, string[]>();
  for (const issue of issues) {
    if (!isMissing(issue) || issue.path.length === 0) continue;
    const parent = issue.path.slice(0, -1).join('.');
    missing.set(parent, [...(missing.get(parent) ?? []), String(issue.path.at(-1))]);
  }
  return missing;
}

function isMissing(issue: z.ZodIssue): boolean {
  return issue.code === 'invalid_type' && issue.received === 'undefined';
}

function describeUnknownKey(key: string, path: (string | number)[], known: string[]): string {
  const hint = didYouMean(key, known);
  const where = path.length ? ` in \`${path.join('.')}\`` : '';
  return `unknown field \`${key}\`${where}${hint}${known.length && !hint ? `; the fields here are ${known.join(', ')}` : ''}`;
}

/** The keys the object schema at `path` accepts, through defaults, optionals, records and arrays. */
function knownKeysAt(schema: z.ZodTypeAny, path: (string | number)[]): string[] {
  let current: unknown = schema;
  const inner = (node: unknown): unknown => {
    let at = node as { _def?: { innerType?: unknown; schema?: unknown } } | undefined;
    while (at?._def?.innerType ?? at?._def?.schema) at = (at._def.innerType ?? at._def.schema) as typeof at;
    return at;
  };
  for (const part of path) {
    const node = inner(current) as { shape?: Record<string, unknown>; _def?: { valueType?: unknown; type?: unknown } } | undefined;
    if (node?.shape && typeof part === 'string') current = node.shape[part];
    else if (node?._def?.valueType) current = node._def.valueType;
    else if (node?._def?.type && typeof part === 'number') current = node._def.type;
    else return [];
  }
  const target = inner(current) as { shape?: Record<string, unknown> } | undefined;
  return target?.shape ? Object.keys(target.shape) : [];
}

/**
 * Aliases may repeat a node at most this many times in all: a few anchors
 * nested a few levels deep (the "billion laughs") would otherwise expand to
 * gigabytes. Real briefs and templates use a handful.
 */
export const MAX_ALIAS_EXPANSIONS = 100;

function expandAliases(doc: Document, lineCounter: LineCounter, file: string, what: string, lineOffset: number): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS }) ?? {};
  } catch (error) {
    // yaml throws a ReferenceError for too many aliases (and for an alias to an unknown anchor).
    let at: number | undefined;
    visit(doc, {
      Alias(_key, node) {
        at = node.range?.[0];
        return visit.BREAK;
      },
    });
    const pos = at === undefined ? { line: 1, col: 1 } : lineCounter.linePos(at);
    const excessive = error instanceof ReferenceError && /excessive alias/i.test(error.message);
    const message = excessive
      ? `${what} uses YAML aliases (\`*name\`) that would expand to more than ${MAX_ALIAS_EXPANSIONS} copies; write the values out or use fewer aliases`
      : `${what} has an alias that cannot be expanded: ${firstLine(error instanceof Error ? error.message : String(error))}`;
    throw new BriefError(excessive ? 'YAML_LIMIT' : 'YAML_SYNTAX', message, { location: { file, line: pos.line + lineOffset, column: pos.col }, cause: error });
  }
}

/** The data of a YAML text, unchecked: undefined when it is not valid YAML or its aliases expand too far. */
export function plainYaml(text: string): unknown {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) return undefined;
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS });
  } catch {
    return undefined;
  }
}

/**
 * Line and column (1-based) of the value at `path` in a YAML text, or of the
 * deepest part of the path that exists. For checks the schema cannot express
 * (e.g. a key fact naming a source that is not listed).
 */
export function locateField(text: string, path: readonly (string | number)[], lineOffset = 0): { line: number; column: number } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const pos = locate(doc, lineCounter, [...path]);
  return { line: pos.line + lineOffset, column: pos.col };
}

/** Line and column (1-based) of the key `key` in the mapping at `mapPath`, else of the deepest part of the path that exists. */
export function locateKeyOf(text: string, mapPath: readonly (string | number)[], key: string): { line: number; column: number } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const pos = locateKey(doc, lineCounter, [...mapPath], key) ?? locate(doc, lineCounter, [...mapPath, key]);
  return { line: pos.line, column: pos.col };
}

/** The position of `key` in the mapping at `mapPath`, if both exist. */
function locateKey(doc: Document, lineCounter: LineCounter, mapPath: (string | number)[], key: string): { line: number; col: number } | undefined {
  const map = doc.getIn(mapPath, true);
  if (!isMap(map)) return undefined;
  const pair = map.items.find((item) => isScalar(item.key) && item.key.value === key);
  const range = pair && isNode(pair.key) ? pair.key.range : undefined;
  return range ? lineCounter.linePos(range[0]) : undefined;
}

/** The position of the deepest node on `path` that exists (the key itself when the value is missing). */
function locate(doc: Document, lineCounter: LineCounter, path: (string | number)[]): { line: number; col: number } {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]);
  }
  return { line: 1, col: 1 };
}

/** A schema problem in words ("`options.toc` should be boolean, found string"); the field is left out when the issue has no path. */
export function describeIssue(issue: z.ZodIssue): string {
  const field = issue.path.length ? `\`${issue.path.join('.')}\` ` : '';
  switch (issue.code) {
    case 'invalid_type':
      return issue.received === 'undefined'
        ? `missing required field ${field}(expected ${issue.expected})`
        : `${field}should be ${issue.expected}, found ${issue.received}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `\`${k}\``).join(', ')}${issue.path.length ? ` in \`${issue.path.join('.')}\`` : ''}`;
    case 'invalid_enum_value':
      return `${field}should be one of ${issue.options.map((o) => JSON.stringify(o)).join(', ')}, found ${JSON.stringify(issue.received)}`;
    case 'invalid_string':
    case 'custom':
      return `${field}should be ${issue.message.replace(/^Invalid( input)?:?\s*/i, '') || 'valid'}`;
    case 'too_small':
    case 'too_big':
      return `${field}${sizeRule(issue)}`;
    default:
      return `${field}${issue.message}`;
  }
}

/** A length or range rule in words ("should not be empty"), or the schema's own words for it. */
function sizeRule(issue: (z.ZodTooSmallIssue | z.ZodTooBigIssue) & { message: string }): string {
  const small = issue.code === 'too_small';
  const limit = Number(small ? issue.minimum : issue.maximum);
  // The schema's own words (zod's defaults start "String must…", "Number must…").
  if (!/^(String|Number|Array|Set|Date|BigInt) must/.test(issue.message)) return `should ${issue.type === 'array' ? 'have' : 'be'} ${issue.message}`;
  switch (issue.type) {
    case 'string':
      if (small && limit === 1) return 'should not be empty';
      return `should be ${small ? 'at least' : 'at most'} ${limit} character${limit === 1 ? '' : 's'} long`;
    case 'array':
    case 'set':
      if (small && limit === 1) return 'should list at least one item';
      return `should list ${small ? 'at least' : 'at most'} ${limit} item${limit === 1 ? '' : 's'}`;
    default:
      if (issue.inclusive) return `should be ${limit} or ${small ? 'more' : 'less'}`;
      return `should be ${small ? 'more' : 'less'} than ${limit}`;
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
