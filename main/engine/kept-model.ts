/**
 * The template output's document model, kept for the next build. A preview
 * re-rendering an unchanged brief gets back the very same model object, so
 * nothing is parsed, copied or walked again, and what later stages work out
 * from a model they have seen (the typesetter's document key, the marking
 * check) is looked up by the object instead of being worked out again over
 * every block: the cost of an unchanged re-render stops growing with the
 * length of the brief.
 *
 * A kept model is frozen all the way down, so no stage can change it under
 * the next build. Memory only, the last model alone; `setBuildMemosEnabled`
 * turns it off with the other memos before typesetting.
 */
import { buildMemosEnabled } from './build-memos.js';
import { parseMarkup, type MarkupOptions } from './markup.js';
import type { DocumentModel } from './model.js';

const deeplyFrozen = new WeakSet<object>();
let last: { markup: string; options: string; model: DocumentModel } | undefined;

/** parseMarkup, handing back the last model when the markup and options are those it was parsed from. */
export function parseMarkupKept(markup: string, options: MarkupOptions): DocumentModel {
  if (!buildMemosEnabled()) {
    last = undefined;
    return parseMarkup(markup, options);
  }
  const optionsKey = `${options.file}\u0000${options.lineOffset ?? 0}\u0000${options.lang ?? ''}`;
  // Equal strings compare by length first and by memory only when they may match: no copy, no hash.
  if (last && last.options === optionsKey && last.markup === markup) return last.model;
  const model = freezeDeeply(parseMarkup(markup, options));
  last = { markup, options: optionsKey, model };
  return model;
}

/** True when `value` and everything reachable from it can never change (a kept model). */
export function isDeeplyFrozen(value: unknown): boolean {
  return typeof value === 'object' && value !== null && deeplyFrozen.has(value);
}

// A model is plain JSON-like data (a tree): every object in it is frozen, even one that came frozen already.
function freezeDeeply<T extends object>(root: T): T {
  const pending: object[] = [root];
  while (pending.length > 0) {
    const value = pending.pop()!;
    Object.freeze(value);
    for (const child of Object.values(value)) {
      if (typeof child === 'object' && child !== null) pending.push(child as object);
    }
  }
  deeplyFrozen.add(root);
  return root;
}

const derived = new WeakMap<object, Map<string, unknown>>();

/**
 * `compute(model)` for a kept model, worked out once per model object (`what`
 * names the value); for any other model, worked out every time.
 */
export function derivedFrom<T>(model: object, what: string, compute: () => T): T {
  if (!isDeeplyFrozen(model) || !buildMemosEnabled()) return compute();
  let values = derived.get(model);
  if (!values) derived.set(model, (values = new Map<string, unknown>()));
  if (!values.has(what)) values.set(what, compute());
  return values.get(what) as T;
}
