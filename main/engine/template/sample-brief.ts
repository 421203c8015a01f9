/**
 * What `checkTemplate` fills a template with: the built-in sections when they
 * can be read, otherwise one made-up section that uses every field; and two
 * specs — one with every optional field set, one with none — so both sides of
 * each `{{#if}}` run.
 */
import { briefSpecSchema, withBuildDate, type DatedBriefSpec } from '../spec-schema.js';
import type { Section } from '../section-schema.js';

export const SAMPLE_SECTION: Section = {
  id: 'sample-section',
  title: 'Sample section',
  summary: 'A made-up section that uses every field a section can have.',
  key_facts: [
    { text: 'A key fact with a locator.', source: 'report', locator: 'para. 4' },
    { text: 'A key fact without one.', source: 'statement' },
    { text: 'A key fact that cites no source.' },
  ],
  quotes: [{ text: 'A quotation, verbatim.', speaker: 'A. Speaker', role: 'Minister', date: '2023-01-13', source: 'statement', locator: 'para. 2' }],
  sources: [
    { id: 'report', title: 'A report', publisher: 'A publisher', date: '2023-01', locator: 'paras. 1–9' },
    { id: 'statement', title: 'A statement', publisher: 'A ministry', date: '2023-01-13', url: 'https://example.org/statement' },
  ],
  tags: ['sample'],
  body: '### Background\n\nSome background.\n\n### Key points\n\n- One point.\n- Another point.\n\n### Talking points\n\n- Say this.\n',
  file: 'sample-section.md',
  bodyLine: 1,
  builtIn: true,
};

export function sampleSpecs(template: string, sections: Section[]): { label: string; spec: DatedBriefSpec; sections: Section[] }[] {
  const ids = sections.map((s) => s.id);
  const full = withBuildDate(briefSpecSchema.parse({
    title: 'Sample brief: every field set',
    subtitle: 'A subtitle',
    date: '2023-01-13',
    author: 'An author',
    audience: 'An audience',
    classification: 'UNCLASSIFIED',
    template,
    sections: ids,
    options: { toc: true, portionMark: '(U)', provenance: true, distribution: 'A distribution line', handout: { layout: '1-up', copies: 3, notes: true } },
  }));
  const first = sections[0]!;
  const bare: Section = { ...first, key_facts: [], quotes: [], tags: [], body: '' };
  // Dated all the same, so a check gives the same answers on any day.
  const minimal = withBuildDate(briefSpecSchema.parse({
    title: 'Sample brief: no optional field',
    template,
    sections: [bare.id],
    options: { provenance: false, toc: false },
  }), '2023-01-13');
  return [
    { label: 'a brief with every optional field set', spec: full, sections },
    { label: 'a brief with no optional field and a section without key facts, quotes or body', spec: minimal, sections: [bare] },
  ];
}
