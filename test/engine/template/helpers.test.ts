import { afterAll, describe, expect, it } from 'vitest';
import { BriefError } from '../../../main/engine/errors.js';
import { formatDate } from '../../../main/engine/template/dates.js';
import { buildTemplateContext, HELPER_NAMES, loadTemplate } from '../../../main/engine/template/index.js';
import { makeSection, makeSpec, removeTemplates, writeTemplate } from './support.js';

afterAll(removeTemplates);

async function render(source: string, { manifest = '', spec = makeSpec(), sections = [makeSection('alpha'), makeSection('beta')] } = {}): Promise<string> {
  const dir = writeTemplate({ 'template.yaml': `name: T\n${manifest}`, 'brief.hbs': source });
  const template = await loadTemplate(dir, { builtInDir: '/nonexistent' });
  return template.renderMarkup(buildTemplateContext(spec, sections, template));
}

/** A declared field the brief leaves empty: an empty list. */
const EMPTY_PEOPLE_FIELD = 'fields:\n  - { name: clearedBy, label: Cleared by, type: people }\n';

describe('formatDate', () => {
  it.each([
    ['2023-01-13', 'day-month-year', '13 January 2023'],
    ['2023-01-13', 'month-day-year', 'January 13, 2023'],
    ['2023-01-13', 'iso', '2023-01-13'],
    ['2023-01', 'day-month-year', 'January 2023'],
    ['2023-01', 'month-day-year', 'January 2023'],
    ['2023-01', 'iso', '2023-01'],
    ['2023', 'day-month-year', '2023'],
    ['2024-02-29', 'day-month-year', '29 February 2024'],
  ] as const)('%s as %s is %s', (date, format, expected) => {
    expect(formatDate(date, format)).toBe(expected);
  });

  it.each(['2023-13', '2023-02-29', '13/01/2023', '2023-1-5', ''])('rejects %j', (date) => {
    expect(() => formatDate(date, 'iso')).toThrow(/date/);
  });

  it('uses the manifest’s dateFormat by default and an explicit format when given', async () => {
    expect(await render('{{formatDate brief.date}}|{{formatDate "2023-01"}}|{{formatDate brief.date "iso"}}', { manifest: 'dateFormat: month-day-year\n' })).toBe(
      'January 13, 2023|January 2023|2023-01-13',
    );
  });

  it('explains a bad format', async () => {
    await expect(render('{{formatDate brief.date "dd/mm"}}')).rejects.toThrow(/format must be one of "day-month-year", "month-day-year", "iso"/);
  });
});

describe('helpers', () => {
  it('is exactly the documented set', () => {
    expect([...HELPER_NAMES].sort()).toEqual(['and', 'each', 'eq', 'formatDate', 'if', 'inc', 'join', 'length', 'lower', 'ne', 'not', 'or', 'portion', 'unless', 'upper', 'with'].sort());
  });

  it('join, upper, lower, inc, length', async () => {
    const out = await render(
      '{{#each sections}}{{inc @index}}:{{upper id}}:{{lower title}};{{/each}}|{{join sections.0.tags}}|{{length sections}}|{{length brief.title}}|{{join fields.clearedBy}}',
      { spec: makeSpec({ title: 'Abc' }), manifest: EMPTY_PEOPLE_FIELD },
    );
    expect(out).toBe('1:ALPHA:title of alpha;2:BETA:title of beta;|tag-a|2|3|');
  });

  it('join takes a separator and refuses lists of objects', async () => {
    expect(await render('{{join sections.0.tags " / "}}', { sections: [makeSection('alpha', { tags: ['space', 'treaty', 'nasa'] })] })).toBe('space / treaty / nasa');
    await expect(render('{{join sections}}')).rejects.toThrow(/can only join text and numbers/);
  });

  it('eq, ne, and, or, not in conditions and as values', async () => {
    const out = await render(
      [
        '{{#if (eq brief.classification "UNCLASSIFIED")}}eq{{/if}}',
        '{{#if (ne brief.title "x")}}ne{{/if}}',
        '{{#if (and brief.title brief.subtitle)}}both{{else}}not-both{{/if}}',
        '{{#if (or brief.subtitle brief.title)}}either{{/if}}',
        '{{#if (not brief.subtitle)}}no-subtitle{{/if}}',
        '{{#if (not sections)}}x{{else}}has-sections{{/if}}',
        '{{or brief.subtitle "fallback"}}',
        '{{and brief.title "second"}}',
      ].join('|'),
    );
    expect(out).toBe('eq|ne|not-both|either|no-subtitle|has-sections|fallback|second');
  });

  it('portion gives the mark only when the template allows it and the spec sets one', async () => {
    const source = '{{portion}}text';
    const marked = makeSpec({ options: { portionMark: '(U)' } });
    expect(await render(source, { manifest: 'portionMarks: true\n', spec: marked })).toBe('(U) text');
    expect(await render(source, { manifest: 'portionMarks: false\n', spec: marked })).toBe('text');
    expect(await render(source, { manifest: 'portionMarks: true\n' })).toBe('text');
    expect(await render('{{{portion}}}text', { manifest: 'portionMarks: true\n', spec: marked })).toBe('(U) text');
  });

  it('with, unless and each/else work as in Handlebars', async () => {
    const out = await render('{{#with brief}}{{title}}{{/with}}|{{#unless brief.author}}anon{{/unless}}|{{#each fields.clearedBy}}x{{else}}none{{/each}}|{{#each sections}}{{#if @first}}first{{/if}}{{#if @last}}last{{/if}}{{/each}}', { manifest: EMPTY_PEOPLE_FIELD });
    expect(out).toBe('U.S.–Japan summit brief|anon|none|firstlast');
  });

  it('inc explains a non-number', async () => {
    const error = await render('{{inc brief.title}}').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BriefError);
    expect((error as BriefError).message).toContain('Helper `inc` expects a number such as @index');
  });

  it('escapes helper results like any other value, and {{{…}}} inserts raw Markdown', async () => {
    expect(await render('{{upper sections.0.body}}')).toMatch(/^\\#\\#\\# BACKGROUND/);
    expect(await render('{{{sections.0.body}}}')).toMatch(/^### Background/);
  });
});
