/**
 * Every name a template reads, checked before it runs: paths in mustaches,
 * helper arguments, block parameters and partial parameters are followed
 * through the documented context (and the template's declared fields), with
 * the scope each `{{#each}}`, `{{#with}}`, block parameter and partial call
 * gives. Sample briefs only reach the branches their data opens; this reaches
 * them all. A name that leads nowhere is reported at its line and column with
 * the closest name that exists.
 */
import type { TemplateManifest } from '../template-manifest.js';
import { buildTemplateContext } from './context.js';
import type { TemplateDiagnostic } from './diagnostics.js';
import { sampleFieldValues } from './fields.js';
import { isHelperName } from './helpers.js';
import { locationOf } from './analyze.js';
import { SAMPLE_SECTION, sampleSpecs } from './sample-brief.js';
import { didYouMean } from './suggest.js';

type Node = hbs.AST.Node;

/** What a value looks like: enough to follow a path through it. */
export type Shape = { kind: 'object'; fields: Map<string, Shape> } | { kind: 'list'; item: Shape } | { kind: 'value' } | { kind: 'any' };

const ANY: Shape = { kind: 'any' };
const VALUE: Shape = { kind: 'value' };
/** Data variables Handlebars gives (`@index`…); `@root` is handled apart. */
const DATA_VARIABLES = new Set(['index', 'first', 'last', 'key', 'level', 'partial-block']);
/** At most this many unknown names per template: the first ones point at the cause. */
const MAX_REPORTS = 50;

export interface PathCheckUnit {
  file: string;
  ast: hbs.AST.Program;
}

/** The shape of the context a template sees, taken from a context built over sample data. */
export function contextShape(manifest: TemplateManifest): Shape {
  const sample = sampleSpecs('template', [SAMPLE_SECTION])[0]!;
  const context = buildTemplateContext(sample.spec, sample.sections, { id: 'template', manifest }, sampleFieldValues(manifest.fields, true));
  return shapeOf(JSON.parse(JSON.stringify(context)) as unknown);
}

function shapeOf(value: unknown): Shape {
  if (Array.isArray(value)) return { kind: 'list', item: value.length ? value.map(shapeOf).reduce(merge) : ANY };
  if (value !== null && typeof value === 'object') return { kind: 'object', fields: new Map(Object.entries(value).map(([k, v]) => [k, shapeOf(v)])) };
  return VALUE;
}

function merge(a: Shape, b: Shape): Shape {
  if (a.kind === 'object' && b.kind === 'object') {
    const fields = new Map(a.fields);
    for (const [key, shape] of b.fields) fields.set(key, fields.has(key) ? merge(fields.get(key)!, shape) : shape);
    return { kind: 'object', fields };
  }
  if (a.kind === 'list' && b.kind === 'list') return { kind: 'list', item: merge(a.item, b.item) };
  return a.kind === b.kind ? a : ANY;
}

interface Scope {
  /** The context `this` refers to. */
  context: Shape;
  /** Block parameters visible here (`as |item index|`). */
  params: Map<string, Shape>;
  parent?: Scope;
}

export function checkTemplatePaths(main: PathCheckUnit, partials: ReadonlyMap<string, PathCheckUnit>, manifest: TemplateManifest): TemplateDiagnostic[] {
  const root = contextShape(manifest);
  return new PathChecker(root, partials).run(main);
}

class PathChecker {
  private readonly found: TemplateDiagnostic[] = [];
  private readonly seen = new Set<string>();
  /** Partials being walked, so a partial that includes itself stops. */
  private readonly active: string[] = [];
  private file = '';

  constructor(
    private readonly root: Shape,
    private readonly partials: ReadonlyMap<string, PathCheckUnit>,
  ) {}

  run(main: PathCheckUnit): TemplateDiagnostic[] {
    this.inFile(main.file, () => this.program(main.ast, { context: this.root, params: new Map() }));
    return this.found;
  }

  private inFile(file: string, walk: () => void): void {
    const outer = this.file;
    this.file = file;
    try {
      walk();
    } finally {
      this.file = outer;
    }
  }

  private program(program: hbs.AST.Program | null | undefined, scope: Scope): void {
    for (const node of program?.body ?? []) this.statement(node, scope);
  }

  private statement(node: Node, scope: Scope): void {
    switch (node.type) {
      case 'MustacheStatement': {
        const mustache = node as hbs.AST.MustacheStatement;
        this.call(mustache, scope);
        return;
      }
      case 'BlockStatement':
        return this.block(node as hbs.AST.BlockStatement, scope);
      case 'PartialStatement':
      case 'PartialBlockStatement':
        return this.partial(node as hbs.AST.PartialStatement, scope);
      case 'DecoratorBlock':
        // An inline partial runs with the scope of wherever it is called: not followed.
        return;
      default:
        return;
    }
  }

  /** A mustache or subexpression: a helper call (its arguments checked) or a path. */
  private call(node: hbs.AST.MustacheStatement | hbs.AST.SubExpression, scope: Scope): void {
    this.arguments(node, scope);
    if (node.path.type !== 'PathExpression') return;
    const path = node.path as hbs.AST.PathExpression;
    // A call with arguments is a helper call (analyze.ts names an unknown helper).
    if (isHelperPath(path) || node.params.length > 0 || (node.hash?.pairs.length ?? 0) > 0) return;
    this.resolve(path, scope);
  }

  private block(node: hbs.AST.BlockStatement, scope: Scope): void {
    this.arguments(node, scope);
    const name = node.path.original;
    const blockParams = node.program?.blockParams ?? [];
    const first = node.params[0];
    const argument = first ? this.expression(first, scope) : ANY;
    let inner: Scope = scope;
    if (name === 'each' && isHelperPath(node.path)) {
      const item = argument.kind === 'list' ? argument.item : ANY;
      const params = new Map<string, Shape>();
      if (blockParams[0]) params.set(blockParams[0], item);
      if (blockParams[1]) params.set(blockParams[1], VALUE);
      inner = { context: item, params, parent: scope };
    } else if (name === 'with' && isHelperPath(node.path)) {
      const params = new Map<string, Shape>();
      if (blockParams[0]) params.set(blockParams[0], argument);
      inner = { context: argument, params, parent: scope };
    } else if (!isHelperPath(node.path)) {
      // `{{#list}}…{{/list}}`: iterate a list, enter an object, keep the scope for a plain value.
      const shape = this.resolve(node.path, scope);
      const context = shape.kind === 'list' ? shape.item : shape.kind === 'object' ? shape : shape.kind === 'value' ? scope.context : ANY;
      inner = { context, params: new Map(), parent: scope };
    }
    this.program(node.program, inner);
    this.program(node.inverse, scope);
  }

  private partial(node: hbs.AST.PartialStatement, scope: Scope): void {
    this.arguments(node, scope);
    const nameNode = node.name as Node;
    const name = nameNode.type === 'PathExpression' ? (nameNode as hbs.AST.PathExpression).original : nameNode.type === 'StringLiteral' ? (nameNode as hbs.AST.StringLiteral).value : undefined;
    const unit = name === undefined ? undefined : this.partials.get(name);
    if ((node as Node).type === 'PartialBlockStatement') this.program((node as unknown as hbs.AST.PartialBlockStatement).program, scope);
    if (!unit || this.active.includes(unit.file) || this.active.length > 8) return;
    let context = node.params[0] ? this.expression(node.params[0], scope) : scope.context;
    const pairs = node.hash?.pairs ?? [];
    if (pairs.length) {
      // name=value pairs are added to the partial's context.
      const fields = new Map(context.kind === 'object' ? context.fields : []);
      for (const pair of pairs) fields.set(pair.key, this.expression(pair.value, scope));
      context = context.kind === 'object' || context.kind === 'value' ? { kind: 'object', fields } : ANY;
    }
    this.active.push(unit.file);
    try {
      // A partial sees only its context (and @root), not the caller's block parameters.
      this.inFile(unit.file, () => this.program(unit.ast, { context, params: new Map() }));
    } finally {
      this.active.pop();
    }
  }

  private arguments(node: { params: Node[]; hash?: hbs.AST.Hash | null }, scope: Scope): void {
    for (const param of node.params) this.expression(param, scope);
    for (const pair of node.hash?.pairs ?? []) this.expression(pair.value, scope);
  }

  /** The shape an argument evaluates to (paths checked on the way). */
  private expression(node: Node, scope: Scope): Shape {
    if (node.type === 'PathExpression') return this.resolve(node as hbs.AST.PathExpression, scope);
    if (node.type === 'SubExpression') {
      this.call(node as hbs.AST.SubExpression, scope);
      return ANY;
    }
    return VALUE;
  }

  /** Follow a path from its scope; report the first part that leads nowhere. */
  private resolve(path: hbs.AST.PathExpression, scope: Scope): Shape {
    const parts = [...path.parts];
    let shape: Shape;
    let walked: string[];
    if (path.data) {
      const head = parts.shift()!;
      if (head === 'root') {
        shape = this.root;
        walked = ['@root'];
      } else {
        if (!DATA_VARIABLES.has(head)) this.report(path, `\`@${head}\` is not a data variable${didYouMean(head, [...DATA_VARIABLES, 'root'])}; there are @index, @first, @last, @key and @root.`);
        return ANY;
      }
    } else {
      let target: Scope | undefined = scope;
      for (let depth = 0; depth < path.depth && target; depth++) target = target.parent;
      if (!target) return ANY;
      const head = parts[0];
      if (head !== undefined && path.depth === 0 && !/^(this|\.)([./]|$)/.test(path.original) && findParam(target, head)) {
        shape = findParam(target, head)!;
        parts.shift();
        walked = [head];
      } else {
        shape = target.context;
        walked = [];
      }
    }
    for (const part of parts) {
      if (shape.kind === 'any') return ANY;
      if (part === 'length' && (shape.kind === 'list' || shape.kind === 'value')) return VALUE;
      if (shape.kind === 'list' && /^\d+$/.test(part)) {
        shape = shape.item;
        walked.push(part);
        continue;
      }
      const next = shape.kind === 'object' ? shape.fields.get(part) : undefined;
      if (!next) {
        this.report(path, this.unknownName(path, part, walked, shape));
        return ANY;
      }
      shape = next;
      walked.push(part);
    }
    return shape;
  }

  private unknownName(path: hbs.AST.PathExpression, part: string, walked: string[], shape: Shape): string {
    const known = shape.kind === 'object' ? [...shape.fields.keys()] : [];
    const hint = didYouMean(part, known);
    if (this.root.kind === 'object' && this.root.fields.get('fields') === shape) {
      const declared = known.length ? `It declares: ${known.join(', ')}.` : 'It declares no fields.';
      return `\`${path.original}\`: the template declares no field \`${part}\`${hint}. ${declared} Fields are declared under \`fields:\` in template.yaml.`;
    }
    const where = walked.length ? `\`${walked.join('.')}\`` : 'the current context';
    const rootHas = walked.length === 0 && this.root.kind === 'object' && this.root.fields.has(part);
    const fix = rootHas ? ` Inside {{#each}} or a partial the context changes: write \`@root.${path.parts.join('.')}\`.` : '';
    const has =
      shape.kind === 'object'
        ? `; ${where} has ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''}`
        : shape.kind === 'list'
          ? `; ${where} is a list (use {{#each}} or .length)`
          : `; ${where} is a single value`;
    return `\`${path.original}\`: no \`${part}\` in ${where}${hint}${has}.${fix}`;
  }

  private report(node: Node, message: string): void {
    const location = locationOf(this.file, node);
    const key = JSON.stringify([location, message]);
    if (this.seen.has(key) || this.found.length >= MAX_REPORTS) return;
    this.seen.add(key);
    this.found.push({ severity: 'error', code: 'TEMPLATE_RENDER', message, location });
  }
}

function findParam(scope: Scope | undefined, name: string): Shape | undefined {
  for (let current = scope; current; current = current.parent) {
    const found = current.params.get(name);
    if (found) return found;
  }
  return undefined;
}

function isHelperPath(path: hbs.AST.PathExpression): boolean {
  return !path.data && path.depth === 0 && path.parts.length === 1 && isHelperName(path.original);
}
