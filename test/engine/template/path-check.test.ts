/**
 * Every name a template reads is checked before it runs, in every branch:
 * mustaches, helper arguments, block parameters, partial parameters, with
 * the scope each block gives; unclosed blocks at their opening tag; several
 * problems of one file reported together.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { checkTemplate } from '../../../main/engine/template/index.js';
import { makeSection, removeTemplates, writeTemplate } from './support.js';

afterAll(removeTemplates);

async function problems(files: Record<string, string>): Promise<string[]> {
  const dir = writeTemplate({ 'template.yaml': 'name: T\n', ...files });
  const found = await checkTemplate(dir, { sections: [makeSection('alpha')] });
  return found.filter((d) => d.severity === 'error').map((d) => `${d.location?.file.split(/[\\/]/).pop()}:${d.location?.line}:${d.location?.column} ${d.message}`);
}

describe('names a template reads', () => {
  it('catches a misspelt helper argument in a branch the sample briefs never open', async () => {
    expect(await problems({ 'brief.hbs': '# {{brief.title}}\n\n{{#if brief.subtitel}}\n{{brief.subtitle}}\n{{/if}}\n' })).toEqual([
      'brief.hbs:3:7 `brief.subtitel`: no `subtitel` in `brief` (did you mean `subtitle`?); `brief` has title, subtitle, date, dateText, author, audience, classification, distribution, template.',
    ]);
  });

  it('follows each, with, block parameters, ../ and @root, and reports every problem of the file', async () => {
    const found = await problems({
      'brief.hbs': [
        '{{#each sections as |s i|}}',
        '{{s.titel}} {{i}} {{@index}} {{@indx}}',
        '{{#each key_facts}}{{text}} {{../summery}} {{sourceNumber}} {{@root.brief.titel}}{{/each}}',
        '{{/each}}',
        '{{#with brief}}{{title}} {{autor}}{{/with}}',
        '{{formatDate options.dat}}',
        '{{#each sections}}{{brief.title}}{{/each}}',
        '',
      ].join('\n'),
    });
    expect(found).toHaveLength(7);
    expect(found[0]).toMatch(/^brief\.hbs:2:3 `s\.titel`: no `titel` in `s` \(did you mean `title`\?\)/);
    expect(found[1]).toMatch(/^brief\.hbs:2:32 `@indx` is not a data variable \(did you mean `index`\?\)/);
    expect(found[2]).toMatch(/^brief\.hbs:3:31 `\.\.\/summery`: .*\(did you mean `summary`\?\)/);
    expect(found[3]).toMatch(/^brief\.hbs:3:63 `@root\.brief\.titel`: no `titel` in `@root\.brief` \(did you mean `title`\?\)/);
    expect(found[4]).toMatch(/^brief\.hbs:5:28 `autor`: .*\(did you mean `author`\?\)/);
    expect(found[5]).toMatch(/^brief\.hbs:6:14 `options\.dat`: no `dat` in `options`/);
    expect(found[6]).toMatch(/^brief\.hbs:7:21 `brief\.title`: no `brief` in the current context.*write `@root\.brief\.title`/);
  });

  it('checks a partial with the context and name=value parameters its caller gives', async () => {
    const found = await problems({
      'brief.hbs': '{{#each sections}}{{> card label=title extra=brief.nope}}{{/each}}\n',
      'partials/card.hbs': '{{label}} {{summary}} {{lable}}\n',
    });
    expect(found).toEqual([
      expect.stringMatching(/^brief\.hbs:1:46 `brief\.nope`: no `brief` in the current context/),
      expect.stringMatching(/^card\.hbs:1:25 `lable`: no `lable` in the current context \(did you mean `label`\?\)/),
    ]);
  });

  it('knows the template’s declared fields and names them', async () => {
    const manifest = 'name: T\nfields:\n  - { name: decision, label: Decision, type: multiline }\n  - { name: clearedBy, label: Cleared by, type: people }\n';
    expect(await problems({ 'template.yaml': manifest, 'brief.hbs': '{{fields.decision}} {{join fields.clearedBy}} {{fields.clearedBy.length}}\n' })).toEqual([]);
    expect(await problems({ 'template.yaml': manifest, 'brief.hbs': '{{fields.decison}}\n' })).toEqual([
      'brief.hbs:1:3 `fields.decison`: the template declares no field `decison` (did you mean `decision`?). It declares: decision, clearedBy. Fields are declared under `fields:` in template.yaml.',
    ]);
  });

  it('accepts the built-in templates and the guide’s example as they are', async () => {
    for (const name of ['memo', 'one-pager', 'handout']) {
      const found = await checkTemplate(`templates/${name}`);
      expect(found.filter((d) => d.severity === 'error'), name).toEqual([]);
    }
  });
});

describe('helpers, partials and blocks', () => {
  it('suggests the helper or partial meant', async () => {
    expect(await problems({ 'brief.hbs': '{{formatdate brief.date}}\n{{> sectoin}}\n', 'partials/section.hbs': 'x\n' })).toEqual([
      expect.stringMatching(/^brief\.hbs:1:1 Unknown helper `formatdate` \(did you mean `formatDate`\?\)/),
      expect.stringMatching(/^brief\.hbs:2:1 Unknown partial `sectoin` \(did you mean `section`\?\)/),
    ]);
  });

  it('reports an unclosed block at its opening tag', async () => {
    const source = ['# {{brief.title}}', '', '{{#each sections}}', '## {{title}}', '{{/each}}', '', '', '', '{{#if brief.subtitle}}', '{{brief.subtitle}}', '', 'End.', ''].join('\n');
    expect(await problems({ 'brief.hbs': source })).toEqual(['brief.hbs:9:1 Handlebars syntax: `{{#if}}` at line 9 is never closed (the file ends first): add `{{/if}}` where it should end.']);
    expect(await problems({ 'brief.hbs': '{{!-- {{#if x}} --}}\n{{#each sections}}\n{{#if title}}\n{{title}}\n{{/each}}\n' })).toEqual([
      'brief.hbs:3:1 Handlebars syntax: `{{#if}}` at line 3 is never closed (`{{/each}}` at line 5 closes an outer `{{#each}}` first): add `{{/if}}` where it should end.',
    ]);
  });
});

describe('template.yaml', () => {
  it('suggests the field meant and reports every problem of the file', async () => {
    const found = await problems({ 'template.yaml': 'name: T\ncolours:\n  accent: "#123456"\npage:\n  margins: { top: wide, left: narrow }\nstlyes: {}\n', 'brief.hbs': 'x\n' });
    expect(found).toEqual([
      expect.stringMatching(/^template\.yaml:2:1 template\.yaml: unknown field `colours` \(did you mean `colors`\?\)/),
      expect.stringMatching(/^template\.yaml:5:19 .*page\.margins\.top/),
      expect.stringMatching(/^template\.yaml:5:31 .*page\.margins\.left/),
      expect.stringMatching(/^template\.yaml:6:1 template\.yaml: unknown field `stlyes` \(did you mean `styles`\?\)/),
    ]);
  });
});
