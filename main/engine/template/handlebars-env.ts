/**
 * One Handlebars environment per template folder: its own helpers, its own
 * partials and Markdown escaping, nothing shared with other templates or
 * with the global Handlebars instance.
 */
import { runInThisContext } from 'node:vm';
import Handlebars from 'handlebars';
import type { TemplateManifest } from '../template-manifest.js';
import { createValueHelpers, HELPER_NAMES, HELPER_SPECS, type HelperName } from './helpers.js';
import type { RenderBudget } from './limits.js';
import { escapeMarkdown } from './markdown-escape.js';
import { HelperFault, runInFile } from './render-errors.js';

export type HandlebarsEnv = typeof Handlebars;
type Delegate = Handlebars.TemplateDelegate;

/** The budget of the render in progress; renders are synchronous, so one slot per environment is enough. */
export interface RenderState {
  budget?: RenderBudget;
}

/** Prototype access stays at Handlebars' safe defaults; helpers are the documented set. */
export const COMPILE_OPTIONS = {
  strict: true,
  knownHelpers: Object.fromEntries(HELPER_NAMES.map((name) => [name, true])),
} as const;

interface CallOptions {
  fn?: Delegate;
  inverse?: Delegate;
  data?: { root?: unknown };
  loc?: { start?: { line: number; column: number } };
  name?: string;
}

export function createTemplateEnvironment(manifest: TemplateManifest, state: RenderState): HandlebarsEnv {
  const env = Handlebars.create();
  // Undocumented built-ins go: a template can only call what the guide lists.
  env.unregisterHelper('log');
  env.unregisterHelper('lookup');
  installMarkdownEscaping(env);
  guardBlockHelpers(env, state);
  registerValueHelpers(env, manifest, state);
  return env;
}

/**
 * Handlebars writes `{{value}}` through `container.escapeExpression`, taken
 * from its shared utilities when a compiled template is set up. Each compiled
 * function of this environment's templates is handed the container first, so
 * wrapping them here swaps in Markdown escaping for these templates only.
 */
function installMarkdownEscaping(env: HandlebarsEnv): void {
  const baseTemplate = env.template.bind(env);
  env.template = ((spec: Record<string, unknown>) => {
    const escaped: Record<string, unknown> = { ...spec };
    for (const [key, value] of Object.entries(spec)) {
      if (typeof value !== 'function' || key.endsWith('_d')) continue; // `_d` entries are decorators
      const program = value as (container: { escapeExpression: unknown }, ...rest: unknown[]) => unknown;
      escaped[key] = function (this: unknown, container: { escapeExpression: unknown }, ...rest: unknown[]) {
        container.escapeExpression = escapeMarkdown;
        return program.call(this, container, ...rest);
      };
    }
    return baseTemplate(escaped as unknown as TemplateSpecification);
  }) as typeof env.template;
}

/** `each`, `with`, `if` and `unless` run their bodies through the render budget. */
function guardBlockHelpers(env: HandlebarsEnv, state: RenderState): void {
  for (const name of ['if', 'unless', 'each', 'with'] as const) {
    const original = env.helpers[name] as (...args: unknown[]) => unknown;
    env.registerHelper(name, function (this: unknown, ...args: unknown[]) {
      const options = args[args.length - 1] as CallOptions;
      if (!options || typeof options !== 'object' || typeof options.fn !== 'function') {
        throw new HelperFault(name, `is a block helper: write ${HELPER_SPECS[name].usage}`, options?.loc);
      }
      args[args.length - 1] = { ...options, fn: guard(options.fn, state), inverse: guard(options.inverse, state) };
      return original.apply(this, args);
    });
  }
}

function guard(body: Delegate | undefined, state: RenderState): Delegate | undefined {
  if (typeof body !== 'function') return body;
  const guarded = function (this: unknown, context: unknown, options?: Handlebars.RuntimeOptions): string {
    const budget = state.budget;
    return budget ? budget.measure(() => body.call(this, context, options)) : body.call(this, context, options);
  };
  return Object.assign(guarded, body);
}

function registerValueHelpers(env: HandlebarsEnv, manifest: TemplateManifest, state: RenderState): void {
  const helpers = createValueHelpers(manifest);
  for (const [name, helper] of Object.entries(helpers)) {
    const spec = HELPER_SPECS[name as HelperName];
    env.registerHelper(name, function (this: unknown, ...args: unknown[]) {
      const options = args.pop() as CallOptions;
      if (options && typeof options.fn === 'function') throw new HelperFault(name, `is not a block helper: write ${spec.usage}`, options.loc);
      const [min, max] = spec.params;
      if (args.length < min || args.length > max) throw new HelperFault(name, `got ${args.length} argument(s): write ${spec.usage}`, options?.loc);
      state.budget?.checkTime();
      try {
        return helper(args, { root: options?.data?.root, context: this });
      } catch (error) {
        throw new HelperFault(name, error instanceof Error ? error.message : String(error), options?.loc);
      }
    });
  }
}

/**
 * Template functions for one file from its precompiled code (`Handlebars.precompile`
 * with COMPILE_OPTIONS, which the template's checks run anyway), wrapped so errors
 * remember the file. The code becomes functions in this realm, as with Handlebars' own `compile`.
 */
export function compileFile(env: HandlebarsEnv, precompiled: string, file: string): Delegate {
  const spec = runInThisContext(`(${precompiled})`) as TemplateSpecification;
  const compiled = env.template(spec);
  return (context: unknown, options?: Handlebars.RuntimeOptions) => runInFile(file, () => compiled(context, options));
}

/** Register a partial that counts its depth and output against the render budget. */
export function registerPartial(env: HandlebarsEnv, name: string, render: Delegate, state: RenderState): void {
  const partial = (context: unknown, options?: Handlebars.RuntimeOptions): string => {
    const budget = state.budget;
    if (!budget) return render(context, options);
    budget.enterPartial(name);
    try {
      return budget.measure(() => render(context, options));
    } finally {
      budget.leavePartial();
    }
  };
  env.registerPartial(name, partial);
}
