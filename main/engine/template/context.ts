/**
 * The data a template sees. Plain, JSON-safe values only — no functions, no
 * class instances — and every documented field present (empty text rather
 * than missing), because templates run in strict mode.
 */
import { buildMemosEnabled } from '../build-memos.js';
import type { Section, SectionSource } from '../section-schema.js';
import { withBuildDate, type BriefSpec } from '../spec-schema.js';
import type { TemplateManifest } from '../template-manifest.js';
import { splitBody, type BodyPart } from './body-parts.js';
import { formatDate, type DateFormat } from './dates.js';
import { scopeFootnoteLabels } from './footnote-labels.js';
import { sealBody } from '../body-seal.js';
import type { FieldValue } from './fields.js';

export interface ContextSource {
  /** 1-based, in order of first citation across the chosen sections. */
  number: number;
  id: string;
  title: string;
  publisher: string;
  date: string;
  dateText: string;
  locator: string;
  url: string;
  /** "Title, Publisher, January 2023, para. 4". */
  text: string;
}

export interface ContextKeyFact {
  text: string;
  /** Id of the supporting source within the section, or "" when the fact cites none. */
  source: string;
  locator: string;
  /** Number of the source in the brief's source list (0 if the id matches none). */
  sourceNumber: number;
  /** The source written out, with this fact's locator: "Title, Publisher, January 2023, para. 4". */
  sourceText: string;
}

export interface ContextQuote {
  text: string;
  speaker: string;
  role: string;
  date: string;
  dateText: string;
  source: string;
  locator: string;
  sourceNumber: number;
  sourceText: string;
  /** "Speaker, role, 13 January 2023". */
  attribution: string;
}

export interface ContextSection {
  id: string;
  /** 1-based position in the brief. */
  number: number;
  title: string;
  summary: string;
  key_facts: ContextKeyFact[];
  quotes: ContextQuote[];
  sources: ContextSource[];
  tags: string[];
  /** The section's Markdown body: insert it with {{{body}}}. */
  body: string;
  /** The body cut at its headings (see body-parts.ts). */
  parts: BodyPart[];
  /** Markdown under the body's "Talking points" heading, or "". */
  talking_points: string;
  /** The section's own portion mark (front matter `portionMark`), or "": `{{portion}}` prints it for the section. */
  portionMark: string;
}

export interface ContextOptions {
  /** Table of contents wanted: the spec's choice, else the template's `toc.enabled`. */
  toc: boolean;
  /** Portion mark such as "(U)", or "". */
  portionMark: string;
  provenance: boolean;
  pdfStandard: string;
  /** Japanese forms beside people and key terms: the spec's choice, else the template's `bilingual`. */
  bilingual: boolean;
  distribution: string;
  handout: { layout: string; copies: number; notes: boolean };
}

export interface TemplateContext {
  brief: {
    title: string;
    subtitle: string;
    /** YYYY-MM-DD. */
    date: string;
    /** The date in the template's dateFormat. */
    dateText: string;
    author: string;
    audience: string;
    classification: string;
    distribution: string;
    /** Template id named by the spec. */
    template: string;
  };
  options: ContextOptions;
  sections: ContextSection[];
  sources: ContextSource[];
  template: { id: string; name: string };
  /** The template's declared fields (template.yaml `fields:`), each present: empty text or list when not given. */
  fields: Record<string, FieldValue>;
}

/** What the context needs from a loaded template. */
export interface ContextTemplate {
  id: string;
  manifest: TemplateManifest;
}

/** `buildBrief` hands in a dated spec; an undated one is dated today. */
export function buildTemplateContext(undated: BriefSpec, sections: Section[], template: ContextTemplate, fields?: Record<string, FieldValue>): TemplateContext {
  const spec = withBuildDate(undated);
  const dateFormat = template.manifest.dateFormat;
  const registry = new SourceRegistry(dateFormat);
  const contextSections = sections.map((section, index) => sectionContext(section, index + 1, registry, dateFormat));
  const options = spec.options;
  return {
    brief: {
      title: spec.title,
      subtitle: spec.subtitle ?? '',
      date: spec.date,
      dateText: formatDate(spec.date, dateFormat),
      author: spec.author ?? '',
      audience: spec.audience ?? '',
      classification: spec.classification,
      distribution: options.distribution ?? '',
      template: spec.template,
    },
    options: {
      toc: options.toc ?? template.manifest.toc.enabled,
      portionMark: options.portionMark ?? '',
      provenance: options.provenance,
      pdfStandard: options.pdfStandard,
      bilingual: options.bilingual ?? template.manifest.bilingual,
      distribution: options.distribution ?? '',
      handout: {
        layout: options.handout?.layout ?? '1-up',
        copies: options.handout?.copies ?? 1,
        notes: options.handout?.notes ?? false,
      },
    },
    sections: contextSections,
    sources: registry.all(),
    template: { id: template.id, name: template.manifest.name },
    fields: fields ?? declaredFieldsWithDefaults(template.manifest, spec.fields),
  };
}

/** Without checked values (see resolveFieldValues): every declared field, given value or default or empty. */
function declaredFieldsWithDefaults(manifest: TemplateManifest, given: BriefSpec['fields']): Record<string, FieldValue> {
  const values: Record<string, FieldValue> = {};
  for (const field of manifest.fields) {
    values[field.name] = given?.[field.name] ?? field.default ?? (field.type === 'people' || field.type === 'rows' ? [] : '');
  }
  return values;
}

function sectionContext(section: Section, number: number, registry: SourceRegistry, dateFormat: DateFormat): ContextSection {
  const byId = new Map<string, ContextSource>();
  for (const source of section.sources) byId.set(source.id, registry.add(source));

  const cite = (sourceId: string | undefined, locator: string | undefined): { sourceNumber: number; sourceText: string } => {
    const source = sourceId === undefined ? undefined : byId.get(sourceId);
    if (!source) return { sourceNumber: 0, sourceText: sourceId ?? '' };
    return { sourceNumber: source.number, sourceText: sourceText(source, locator ?? source.locator) };
  };

  const { body, parts } = bodyParts(section);
  return {
    id: section.id,
    number,
    title: section.title,
    summary: section.summary,
    key_facts: section.key_facts.map((fact) => ({
      text: fact.text,
      source: fact.source ?? '',
      locator: fact.locator ?? '',
      ...cite(fact.source, fact.locator),
    })),
    quotes: section.quotes.map((quote) => {
      const dateText = formatDate(quote.date, dateFormat);
      return {
        text: quote.text,
        speaker: quote.speaker,
        role: quote.role,
        date: quote.date,
        dateText,
        source: quote.source ?? '',
        locator: quote.locator ?? '',
        ...cite(quote.source, quote.locator),
        attribution: [quote.speaker, quote.role, dateText].filter(Boolean).join(', '),
      };
    }),
    sources: [...new Set(byId.values())],
    tags: [...section.tags],
    body,
    parts: parts.map((part) => ({ ...part })),
    talking_points: parts.find((part) => part.slug === 'talking-points')?.body ?? '',
    portionMark: section.portionMark?.trim() ?? '',
  };
}

/**
 * A section's body with its footnote labels scoped, cut at its headings, by
 * the section object: the library hands out the same (frozen) object while
 * the file is unchanged, so a re-render cuts only the bodies that changed.
 */
const bodyPartsOf = new WeakMap<Section, { body: string; parts: BodyPart[] }>();

function bodyParts(section: Section): { body: string; parts: BodyPart[] } {
  const known = buildMemosEnabled() ? bodyPartsOf.get(section) : undefined;
  if (known) return known;
  // Sealed: nothing the body leaves open runs into the template's markup after it.
  const body = sealBody(scopeFootnoteLabels(section.body, section.id));
  const cut = { body, parts: splitBody(body) };
  if (Object.isFrozen(section)) bodyPartsOf.set(section, cut);
  return cut;
}

/**
 * Sources numbered once across the brief: the same work (title, publisher,
 * date, URL) cited by several sections is one entry, whatever part of it
 * each section points at.
 */
class SourceRegistry {
  private readonly byKey = new Map<string, { entry: ContextSource; locators: string[] }>();

  constructor(private readonly dateFormat: DateFormat) {}

  /** The brief-wide entry for a section's source, with that section's locator. */
  add(source: SectionSource): ContextSource {
    const key = JSON.stringify([source.title, source.publisher, source.date, source.url ?? '']);
    let known = this.byKey.get(key);
    if (!known) {
      known = {
        entry: {
          number: this.byKey.size + 1,
          id: source.id,
          title: source.title,
          publisher: source.publisher,
          date: source.date,
          dateText: formatDate(source.date, this.dateFormat),
          locator: '',
          url: source.url ?? '',
          text: '',
        },
        locators: [],
      };
      this.byKey.set(key, known);
    }
    const locator = source.locator ?? '';
    if (locator && !known.locators.includes(locator)) known.locators.push(locator);
    return { ...known.entry, id: source.id, locator, text: sourceText(known.entry, locator) };
  }

  /** Entries for the brief's source list: a locator only when every citation shares it. */
  all(): ContextSource[] {
    return [...this.byKey.values()].map(({ entry, locators }) => {
      const locator = locators.length === 1 ? locators[0]! : '';
      return { ...entry, locator, text: sourceText(entry, locator) };
    });
  }
}

function sourceText(source: Pick<ContextSource, 'title' | 'publisher' | 'dateText'>, locator: string | undefined): string {
  return [source.title, source.publisher, source.dateText, locator].filter((part) => part && part.trim() !== '').join(', ');
}
