import { describe, expect, it } from 'vitest';
import { templateManifestSchema } from '../../../main/engine/template-manifest.js';
import { splitBody } from '../../../main/engine/template/body-parts.js';
import { buildTemplateContext } from '../../../main/engine/template/index.js';
import { makeSection, makeSpec } from './support.js';

const template = (dateFormat: 'day-month-year' | 'month-day-year' | 'iso' = 'day-month-year', toc = false) => ({
  id: 'memo',
  manifest: templateManifestSchema.parse({ name: 'Memo', dateFormat, toc: { enabled: toc } }),
});

describe('buildTemplateContext', () => {
  it('fills the brief block, with empty text for what the spec leaves out', () => {
    const context = buildTemplateContext(makeSpec(), [makeSection('alpha')], template());
    expect(context.brief).toEqual({
      title: 'U.S.–Japan summit brief',
      subtitle: '',
      date: '2023-01-13',
      dateText: '13 January 2023',
      author: '',
      audience: '',
      classification: 'UNCLASSIFIED',
      distribution: '',
      template: 'memo',
    });
    expect(context.template).toEqual({ id: 'memo', name: 'Memo' });
  });

  it('writes dates in the template’s format', () => {
    const spec = makeSpec({ subtitle: 'Sub', author: 'Office', audience: 'Principals', options: { distribution: 'Delegation' } });
    const context = buildTemplateContext(spec, [makeSection('alpha')], template('month-day-year'));
    expect(context.brief).toMatchObject({ subtitle: 'Sub', author: 'Office', audience: 'Principals', distribution: 'Delegation', dateText: 'January 13, 2023' });
    expect(context.sections[0]!.quotes[0]!.attribution).toBe('Joe Biden, President of the United States, January 13, 2023');
    expect(buildTemplateContext(spec, [makeSection('alpha')], template('iso')).brief.dateText).toBe('2023-01-13');
  });

  it('resolves options: toc from the spec, else from the template', () => {
    expect(buildTemplateContext(makeSpec(), [makeSection('a')], template('iso', true)).options.toc).toBe(true);
    expect(buildTemplateContext(makeSpec({ options: { toc: false } }), [makeSection('a')], template('iso', true)).options.toc).toBe(false);
    const options = buildTemplateContext(makeSpec({ options: { portionMark: '(U)' } }), [makeSection('a')], template()).options;
    expect(options).toEqual({
      toc: false,
      portionMark: '(U)',
      provenance: true,
      pdfStandard: 'none',
      bilingual: false,
      distribution: '',
      handout: { layout: '1-up', copies: 1, notes: false },
    });
  });

  it('numbers sections and cites key facts and quotes with their sources', () => {
    const context = buildTemplateContext(makeSpec(), [makeSection('alpha'), makeSection('beta')], template());
    expect(context.sections.map((s) => [s.id, s.number])).toEqual([
      ['alpha', 1],
      ['beta', 2],
    ]);
    const [first, second] = context.sections[0]!.key_facts;
    expect(first).toEqual({
      text: 'First fact of alpha.',
      source: 'report',
      locator: 'para. 4',
      sourceNumber: 1,
      sourceText: 'Alliance report, Daily Paper, January 2023, para. 4',
    });
    // Without its own locator a fact points at the source's.
    expect(second!.sourceText).toBe('Alliance report, Daily Paper, January 2023, paras. 1–9');
    expect(context.sections[0]!.quotes[0]).toMatchObject({ speaker: 'Joe Biden', dateText: '13 January 2023', sourceNumber: 1, locator: '' });
  });

  it('lists each work once across sections, numbered in order of first citation', () => {
    const shared = { id: 'paper', title: 'Alliance report', publisher: 'Daily Paper', date: '2023-01' };
    const alpha = makeSection('alpha', { sources: [{ ...shared, locator: 'para. 2' }], key_facts: [{ text: 'A.', source: 'paper' }], quotes: [] });
    const beta = makeSection('beta', {
      sources: [
        { id: 'other', title: 'Statement', publisher: 'Ministry', date: '2023-01-12', url: 'https://example.org/s' },
        { ...shared, id: 'same-paper', locator: 'para. 9' },
      ],
      key_facts: [
        { text: 'B.', source: 'same-paper' },
        { text: 'C.', source: 'other' },
      ],
      quotes: [],
    });
    const context = buildTemplateContext(makeSpec(), [alpha, beta], template());
    expect(context.sources.map((s) => [s.number, s.text])).toEqual([
      [1, 'Alliance report, Daily Paper, January 2023'],
      [2, 'Statement, Ministry, 12 January 2023'],
    ]);
    expect(context.sources[1]!.url).toBe('https://example.org/s');
    expect(context.sections[1]!.key_facts.map((f) => [f.sourceNumber, f.sourceText])).toEqual([
      [1, 'Alliance report, Daily Paper, January 2023, para. 9'],
      [2, 'Statement, Ministry, 12 January 2023'],
    ]);
    expect(context.sections[1]!.sources.map((s) => [s.number, s.id, s.locator])).toEqual([
      [2, 'other', ''],
      [1, 'same-paper', 'para. 9'],
    ]);
  });

  it('keeps a single shared locator in the brief-wide list', () => {
    const context = buildTemplateContext(makeSpec(), [makeSection('alpha'), makeSection('beta')], template());
    expect(context.sources).toHaveLength(1);
    expect(context.sources[0]!.text).toBe('Alliance report, Daily Paper, January 2023, paras. 1–9');
  });

  it('gives a fact whose source id is unknown number 0 and its id as text', () => {
    const section = makeSection('alpha', { key_facts: [{ text: 'Orphan.', source: 'nowhere' }] });
    expect(buildTemplateContext(makeSpec(), [section], template()).sections[0]!.key_facts[0]).toMatchObject({ sourceNumber: 0, sourceText: 'nowhere' });
  });

  it('cuts the body at its headings and lifts out the talking points', () => {
    const context = buildTemplateContext(makeSpec(), [makeSection('alpha')], template());
    const section = context.sections[0]!;
    expect(section.parts.map((p) => [p.title, p.slug, p.level])).toEqual([
      ['Background', 'background', 3],
      ['Talking points', 'talking-points', 3],
    ]);
    expect(section.talking_points).toBe('- Point of alpha.');
    expect(section.body).toContain('### Background');
  });

  it('is plain JSON data: nothing lost or changed by a JSON round trip', () => {
    const context = buildTemplateContext(makeSpec({ options: { handout: { layout: '2-up' } } }), [makeSection('alpha'), makeSection('beta')], template());
    expect(JSON.parse(JSON.stringify(context))).toStrictEqual(context);
  });

  it('does not share objects with the sections it was built from', () => {
    const section = makeSection('alpha');
    const context = buildTemplateContext(makeSpec(), [section], template());
    context.sections[0]!.tags.push('changed');
    expect(section.tags).toEqual(['tag-a']);
  });
});

describe('splitBody', () => {
  it('keeps text before the first heading as an untitled part', () => {
    expect(splitBody('Intro.\n\n## One\nA\n### Two {#two}\nB\n')).toEqual([
      { title: '', slug: '', level: 0, body: 'Intro.' },
      { title: 'One', slug: 'one', level: 2, body: 'A' },
      { title: 'Two', slug: 'two', level: 3, body: 'B' },
    ]);
  });

  it('ignores headings inside fenced code and deeper headings', () => {
    const parts = splitBody('### Code\n```\n### not a heading\n```\n#### Deep\ntext\n');
    expect(parts).toHaveLength(1);
    expect(parts[0]!.body).toBe('```\n### not a heading\n```\n#### Deep\ntext');
  });

  it('gives nothing for an empty body', () => {
    expect(splitBody('')).toEqual([]);
  });
});
