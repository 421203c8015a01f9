/**
 * The template filled in for the last brief, kept by what filled it: the
 * same spec and field values, the same section objects (the library hands out
 * the same ones while their files are unchanged) and the same template build
 * (its manifest object belongs to one build) fill the template the same way.
 * A preview re-rendering an unchanged brief then skips building the context
 * and comparing it with the last one, which for a long book costs more than
 * the rest of the re-render.
 *
 * Memory only, the last brief alone, off with the other build memos.
 */
import { buildMemosEnabled } from './build-memos.js';
import type { FieldValue } from './template/fields.js';
import type { Section } from './section-schema.js';
import type { DatedBriefSpec } from './spec-schema.js';
import { buildTemplateContext, type LoadedTemplate, type RenderLimits, type TemplateContext } from './template/index.js';

export interface TemplateOutput {
  context: TemplateContext;
  markup: string;
}

let last: (TemplateOutput & { key: string; sections: readonly Section[]; manifest: object; templateDir: string }) | undefined;

export function fillTemplate(spec: DatedBriefSpec, sections: readonly Section[], template: LoadedTemplate, fields: Record<string, FieldValue> | undefined, limits?: RenderLimits): TemplateOutput {
  const key = JSON.stringify([spec, fields ?? null, limits ?? null]);
  const kept = last;
  if (buildMemosEnabled() && kept && kept.key === key && kept.manifest === template.manifest && kept.templateDir === template.dir && sameObjects(kept.sections, sections)) {
    return { context: kept.context, markup: kept.markup };
  }
  last = undefined;
  const context = buildTemplateContext(spec, [...sections], template, fields);
  const markup = template.renderMarkup(context, limits);
  if (buildMemosEnabled()) last = { key, sections: [...sections], manifest: template.manifest, templateDir: template.dir, context, markup };
  return { context, markup };
}

function sameObjects<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}
