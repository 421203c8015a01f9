/**
 * Checks on a parsed template before it ever runs: only documented helpers,
 * called with the right number of arguments; no reaching into JavaScript's
 * object machinery (`constructor`, `__proto__`…); partials only by the names
 * the template's partials/ folder defines. Every problem is collected with
 * its line and column, so an editor can mark them all at once.
 */
import type { SourceLocation } from '../errors.js';
import type { TemplateDiagnostic } from './diagnostics.js';
import { HELPER_NAMES, HELPER_SPECS, isHelperName } from './helpers.js';
import { didYouMean } from './suggest.js';

type Node = hbs.AST.Node;

/** Names that lead from data to functions and prototypes; never brief data. */
const FORBIDDEN_NAMES = new Set<string>([
  ...Object.getOwnPropertyNames(Object.prototype),
  ...['prototype', 'constructor', '__proto__', 'call', 'apply', 'bind', 'caller', 'arguments'],
]);

export interface AnalyzeOptions {
  /** File the AST came from, for locations. */
  file: string;
  /** Partial names defined by files in partials/. */
  partials: ReadonlySet<string>;
}

export function analyzeTemplate(ast: hbs.AST.Program, options: AnalyzeOptions): TemplateDiagnostic[] {
  return new Analyzer(options, collectInlinePartials(ast)).run(ast);
}

class Analyzer {
  private readonly found: TemplateDiagnostic[] = [];

  constructor(
    private readonly options: AnalyzeOptions,
    private readonly inlinePartials: ReadonlySet<string>,
  ) {}

  run(ast: hbs.AST.Program): TemplateDiagnostic[] {
    this.program(ast);
    return this.found;
  }

  private program(program: hbs.AST.Program | undefined | null): void {
    for (const statement of program?.body ?? []) this.statement(statement);
  }

  private statement(node: Node): void {
    switch (node.type) {
      case 'MustacheStatement':
        return this.mustache(node as hbs.AST.MustacheStatement);
      case 'BlockStatement':
        return this.block(node as hbs.AST.BlockStatement);
      case 'PartialStatement':
      case 'PartialBlockStatement':
        return this.partial(node as hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement);
      case 'Decorator':
      case 'DecoratorBlock':
        return this.decorator(node as hbs.AST.DecoratorBlock);
      default:
        return; // text and comments
    }
  }

  private mustache(node: hbs.AST.MustacheStatement): void {
    this.arguments(node, node.path.type === 'PathExpression' ? (node.path as hbs.AST.PathExpression).original : undefined);
    if (node.path.type !== 'PathExpression') return;
    const path = node.path as hbs.AST.PathExpression;
    if (!this.path(path)) return;
    const hasArguments = node.params.length > 0 || (node.hash?.pairs.length ?? 0) > 0;
    if (hasArguments || (isSimple(path) && isHelperName(path.original))) this.helperCall(path, node, false);
  }

  private block(node: hbs.AST.BlockStatement): void {
    this.arguments(node, `#${node.path.original}`);
    const hasArguments = node.params.length > 0 || (node.hash?.pairs.length ?? 0) > 0;
    // `{{#list}}…{{/list}}` without arguments iterates or scopes data (Mustache sections): allowed.
    if (this.path(node.path) && (hasArguments || (isSimple(node.path) && isHelperName(node.path.original)))) {
      this.helperCall(node.path, node, true);
    }
    this.program(node.program);
    this.program(node.inverse);
  }

  private partial(node: hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement): void {
    this.arguments(node);
    if (node.params.length > 1) {
      this.report('TEMPLATE_SYNTAX', 'A partial takes at most one context argument (and any number of name=value pairs).', node);
    }
    const name = partialName(node.name);
    if (name === undefined) {
      this.walkExpression(node.name); // a dynamic `{{> (expression)}}`: only defined partials can match at render
    } else if (name !== '@partial-block') {
      if (/^[\\/]|(^|[\\/])\.\.?([\\/]|$)|^[A-Za-z]:/.test(name)) {
        this.report(
          'TEMPLATE_CONFINEMENT',
          `Partial \`${name}\` names a file outside the template's partials folder; partials are the .hbs files in partials/, named without the folder and extension.`,
          node,
        );
      } else if (node.type === 'PartialStatement' && !this.options.partials.has(name) && !this.inlinePartials.has(name)) {
        const known = [...this.options.partials].sort();
        this.report(
          'TEMPLATE_RENDER',
          `Unknown partial \`${name}\`${didYouMean(name, [...known, ...this.inlinePartials])}. ${known.length ? `Partials in this template: ${known.join(', ')}.` : 'This template has no partials/ folder.'}`,
          node,
        );
      }
    }
    if (node.type === 'PartialBlockStatement') this.program(node.program);
  }

  private decorator(node: hbs.AST.DecoratorBlock): void {
    this.arguments(node);
    const name = node.path.type === 'PathExpression' ? node.path.original : String((node.path as { original?: unknown }).original);
    if (name !== 'inline') {
      this.report('TEMPLATE_RENDER', `Unknown decorator \`${name}\`; only \`{{#*inline "name"}}…{{/inline}}\` is available.`, node);
    }
    if ((node.type as string) === 'DecoratorBlock') this.program(node.program);
  }

  private helperCall(path: hbs.AST.PathExpression, node: hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.SubExpression, asBlock: boolean): void {
    if (!isSimple(path)) {
      this.report('TEMPLATE_RENDER', `\`${path.original}\` is not a helper, so it cannot take arguments. Helpers: ${HELPER_NAMES.join(', ')}.`, node);
      return;
    }
    const name = path.original;
    if (!isHelperName(name)) {
      this.report('TEMPLATE_RENDER', `Unknown helper \`${name}\`${didYouMean(name, HELPER_NAMES)}. Helpers: ${HELPER_NAMES.join(', ')}.`, node);
      return;
    }
    const spec = HELPER_SPECS[name];
    if (spec.block && !asBlock) {
      this.report('TEMPLATE_RENDER', `\`${name}\` is a block helper: write ${spec.usage}.`, node);
    } else if (!spec.block && asBlock) {
      this.report('TEMPLATE_RENDER', `\`${name}\` is not a block helper: write ${spec.usage}.`, node);
    }
    const count = node.params.length;
    const [min, max] = spec.params;
    if (count < min || count > max) {
      const wanted = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} or ${max}`;
      this.report('TEMPLATE_RENDER', `\`${name}\` takes ${wanted} argument${wanted === '1' ? '' : 's'}, got ${count}: write ${spec.usage}.`, node);
    }
  }

  /** `caller` names what the arguments belong to, for messages ("#with", "formatDate"). */
  private arguments(node: { params: Node[]; hash?: hbs.AST.Hash | null }, caller?: string): void {
    for (const param of node.params) this.walkExpression(param, caller);
    for (const pair of node.hash?.pairs ?? []) this.walkExpression(pair.value, caller);
  }

  private walkExpression(node: Node, caller?: string): void {
    if (node.type === 'PathExpression') this.path(node as hbs.AST.PathExpression, caller);
    else if (node.type === 'SubExpression') {
      const sub = node as hbs.AST.SubExpression;
      this.arguments(sub, sub.path.original);
      if (this.path(sub.path)) this.helperCall(sub.path, sub, false);
    }
  }

  /** False (and reported) when the path reaches for object machinery. */
  private path(path: hbs.AST.PathExpression, caller?: string): boolean {
    const forbidden = path.parts.find((part) => FORBIDDEN_NAMES.has(part));
    if (forbidden === undefined) return true;
    const role = caller ? `, the argument of \`${caller}\`,` : '';
    this.report(
      'TEMPLATE_CONFINEMENT',
      `\`${path.original}\`${role} reaches for \`${forbidden}\`, part of JavaScript's object machinery rather than brief data; templates may only read the brief's fields.`,
      path,
    );
    return false;
  }

  private report(code: TemplateDiagnostic['code'], message: string, node: Node): void {
    this.found.push({ severity: 'error', code, message, location: locationOf(this.options.file, node) });
  }
}

export function locationOf(file: string, node: Node): SourceLocation {
  const start = node.loc?.start;
  // Handlebars counts columns from 0; editors and terminals count from 1.
  return start ? { file, line: start.line, column: start.column + 1 } : { file };
}

function isSimple(path: hbs.AST.PathExpression): boolean {
  return !path.data && path.depth === 0 && path.parts.length === 1 && !/^(this|\.)[./]/.test(path.original) && path.original !== 'this';
}

function partialName(name: Node): string | undefined {
  if (name.type === 'PathExpression') {
    const path = name as hbs.AST.PathExpression;
    return path.data ? `@${path.original.replace(/^@/, '')}` : path.original;
  }
  if (name.type === 'StringLiteral' || name.type === 'NumberLiteral') return String((name as hbs.AST.StringLiteral).value);
  return undefined;
}

/** Names given by `{{#*inline "name"}}` anywhere in the file. */
function collectInlinePartials(ast: hbs.AST.Program): Set<string> {
  const names = new Set<string>();
  const visit = (program: hbs.AST.Program | undefined | null): void => {
    for (const node of program?.body ?? []) {
      const block = node as Partial<hbs.AST.BlockStatement>;
      if (node.type === 'DecoratorBlock' && block.path?.original === 'inline') {
        const first = block.params?.[0];
        if (first && first.type === 'StringLiteral') names.add((first as hbs.AST.StringLiteral).value);
      }
      visit(block.program);
      visit(block.inverse);
    }
  };
  visit(ast);
  return names;
}
