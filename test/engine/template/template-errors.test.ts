import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BriefError } from '../../../main/engine/errors.js';
import { buildTemplateContext, checkTemplate, loadTemplate } from '../../../main/engine/template/index.js';
import { makeSection, makeSpec, removeTemplates, writeTemplate } from './support.js';

afterAll(removeTemplates);

const load = (dir: string) => loadTemplate(dir, { builtInDir: '/nonexistent' });

async function loadError(files: Record<string, string>): Promise<BriefError> {
  const dir = writeTemplate({ 'template.yaml': 'name: T\n', ...files });
  const error = await load(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof BriefError)) throw new Error(`expected a BriefError, got ${String(error)}`);
  return error;
}

async function renderError(files: Record<string, string>): Promise<BriefError> {
  const dir = writeTemplate({ 'template.yaml': 'name: T\n', ...files });
  const template = await load(dir);
  const context = buildTemplateContext(makeSpec(), [makeSection('alpha'), makeSection('beta')], template);
  try {
    template.renderMarkup(context);
  } catch (error) {
    if (error instanceof BriefError) return error;
    throw error;
  }
  throw new Error('expected the render to fail');
}

describe('template syntax errors', () => {
  it('points at the line and column of a parse error in brief.hbs', async () => {
    const error = await loadError({ 'brief.hbs': '# Title\n\nSome text\n  {{brief.title\n' });
    expect(error.code).toBe('TEMPLATE_SYNTAX');
    expect(error.location?.file).toMatch(/brief\.hbs$/);
    expect(error.location?.line).toBe(5);
    expect(error.message).toMatch(/^Handlebars syntax: found/);
  });

  it('points at an unclosed {{ at the right column', async () => {
    const error = await loadError({ 'brief.hbs': 'one\ntwo {{brief.title}\n' });
    expect(error.code).toBe('TEMPLATE_SYNTAX');
    expect(error.location).toMatchObject({ line: 2, column: 18 }); // the lone `}`
    expect(error.message).toContain('`}}`');
  });

  it('reports a block closed by the wrong name where it opens', async () => {
    const error = await loadError({ 'brief.hbs': 'a\n\n  {{#if brief.title}}\nx\n{{/each}}\n' });
    expect(error.code).toBe('TEMPLATE_SYNTAX');
    expect(error.location).toMatchObject({ line: 3, column: 6 }); // at `if`
    expect(error.message).toContain("if doesn't match each");
  });

  it('names the partial file and its line for an error in a partial', async () => {
    const error = await loadError({
      'brief.hbs': '{{> parts/block}}\n',
      'partials/parts/block.hbs': 'fine\nfine\n{{#each sections}}\n',
    });
    expect(error.code).toBe('TEMPLATE_SYNTAX');
    expect(error.location?.file).toMatch(/partials[\\/]parts[\\/]block\.hbs$/);
    expect(error.location?.line).toBe(3); // at the block's opening tag, not where the file ends
    expect(error.message).toContain('`{{#each}}` at line 3 is never closed');
  });

  it('reports template.yaml errors at their line and column', async () => {
    const syntax = await loadError({ 'template.yaml': 'name: T\npage:\n  size: [Letter\n', 'brief.hbs': 'x\n' });
    expect(syntax.code).toBe('YAML_SYNTAX');
    expect(syntax.location?.file).toMatch(/template\.yaml$/);
    expect(syntax.location?.line).toBeGreaterThanOrEqual(3);

    const schema = await loadError({ 'template.yaml': 'name: T\npage:\n  size: Tabloid\n', 'brief.hbs': 'x\n' });
    expect(schema.code).toBe('TEMPLATE_INVALID');
    expect(schema.location).toMatchObject({ line: 3, column: 9 });
    expect(schema.message).toContain('Letter');
  });

  it('rejects a style that names an unknown font family, at its line', async () => {
    const error = await loadError({ 'template.yaml': 'name: T\nstyles:\n  body:\n    font: Garamond\n', 'brief.hbs': 'x\n' });
    expect(error.code).toBe('TEMPLATE_INVALID');
    expect(error.location).toMatchObject({ line: 4, column: 11 });
    expect(error.message).toContain('Garamond');
  });

  it('says so when brief.hbs is missing', async () => {
    const error = await loadError({});
    expect(error.code).toBe('TEMPLATE_INVALID');
    expect(error.message).toContain('brief.hbs');
  });
});

describe('helpers and names checked at load', () => {
  it('rejects an unknown helper at its call, listing the real ones', async () => {
    const error = await loadError({ 'brief.hbs': '# T\n\n{{#each sections}}\n  {{titlecase title}}\n{{/each}}\n' });
    expect(error.code).toBe('TEMPLATE_RENDER');
    expect(error.location).toMatchObject({ line: 4, column: 3 });
    expect(error.message).toContain('Unknown helper `titlecase`');
    expect(error.message).toContain('formatDate');
  });

  it('rejects a value helper used as a block and a block helper used inline', async () => {
    expect((await loadError({ 'brief.hbs': '{{#upper brief.title}}x{{/upper}}\n' })).message).toContain('not a block helper');
    expect((await loadError({ 'brief.hbs': '{{each sections}}\n' })).message).toContain('is a block helper');
  });

  it('rejects a helper called with the wrong number of arguments', async () => {
    const error = await loadError({ 'brief.hbs': '{{formatDate}}\n' });
    expect(error.message).toContain('`formatDate` takes 1 or 2 arguments, got 0');
  });

  it('rejects an unknown partial at the line that includes it', async () => {
    const error = await loadError({ 'brief.hbs': 'x\n{{> missing}}\n', 'partials/present.hbs': 'p\n' });
    expect(error.code).toBe('TEMPLATE_RENDER');
    expect(error.location?.line).toBe(2);
    expect(error.message).toContain('Unknown partial `missing`');
    expect(error.message).toContain('present');
  });

  it('accepts inline partials and partial blocks with a fallback', async () => {
    const dir = writeTemplate({
      'template.yaml': 'name: T\n',
      'brief.hbs': '{{#*inline "line"}}- {{title}}\n{{/inline}}{{#each sections}}{{> line}}{{/each}}{{#> absent}}fallback{{/absent}}\n',
    });
    const template = await load(dir);
    const markup = template.renderMarkup(buildTemplateContext(makeSpec(), [makeSection('alpha'), makeSection('beta')], template));
    expect(markup).toBe('- Title of alpha\n- Title of beta\nfallback\n');
  });
});

describe('render errors', () => {
  it('refuses a missing field before rendering, at its line and column, with the likely name', async () => {
    const error = await loadError({ 'brief.hbs': '# {{brief.title}}\n\n{{#each sections}}\n## {{titel}}\n{{/each}}\n' });
    expect(error.code).toBe('TEMPLATE_RENDER');
    expect(error.location).toMatchObject({ line: 4, column: 6 }); // at `titel`
    expect(error.location?.file).toMatch(/brief\.hbs$/);
    expect(error.message).toContain('`titel`: no `titel` in the current context (did you mean `title`?)');
  });

  it('names the partial a missing field sits in', async () => {
    const error = await loadError({ 'brief.hbs': 'top\n{{> card}}\n', 'partials/card.hbs': 'a\nb {{brief.nope}}\n' });
    expect(error.location?.file).toMatch(/partials[\\/]card\.hbs$/);
    expect(error.location).toMatchObject({ line: 2, column: 5 });
    expect(error.message).toContain('`nope`');
  });

  it('reports a helper failure with the helper name and the call site', async () => {
    const error = await renderError({ 'brief.hbs': 'ok\n\n  {{formatDate brief.title}}\n' });
    expect(error.code).toBe('TEMPLATE_RENDER');
    expect(error.message).toContain('Helper `formatDate`');
    expect(error.message).toContain('is not a date');
    expect(error.location).toMatchObject({ line: 3, column: 3 });
  });

  it('refuses to write an object as text', async () => {
    const error = await renderError({ 'brief.hbs': '{{brief}}\n' });
    expect(error.code).toBe('TEMPLATE_RENDER');
    expect(error.message).toContain('an object');
    expect(error.location?.file).toMatch(/brief\.hbs$/);
  });

  it('produces no stack trace text in messages', async () => {
    const error = await loadError({ 'brief.hbs': '{{#each sections}}{{missing.deep}}{{/each}}\n' });
    expect(error.message).not.toMatch(/\n\s+at /);
    expect(error.describe()).toMatch(/brief\.hbs:1:\d+: /);
  });
});

describe('checkTemplate collects several problems at once', () => {
  it('reports errors from brief.hbs, a partial and template.yaml together, sorted by file and line', async () => {
    const dir = writeTemplate({
      'template.yaml': 'name: T\nstyles:\n  body: { font: Nope }\n',
      'brief.hbs': '{{> ok}}\n{{shout brief.title}}\n{{constructor}}\n',
      'partials/ok.hbs': 'fine\n',
      'partials/broken.hbs': 'x {{#if}}\n',
    });
    const diagnostics = await checkTemplate(dir, { sections: [makeSection('alpha')] });
    const summary = diagnostics.map((d) => [d.code, d.location?.file.split(/[\\/]/).slice(-2).join('/'), d.location?.line]);
    expect(summary).toEqual([
      ['TEMPLATE_RENDER', 'tpl/brief.hbs', 2],
      ['TEMPLATE_CONFINEMENT', 'tpl/brief.hbs', 3],
      ['TEMPLATE_SYNTAX', 'partials/broken.hbs', 1], // the unclosed block is reported at its opening tag
      ['TEMPLATE_INVALID', 'tpl/template.yaml', 3],
    ]);
    expect(diagnostics.every((d) => d.severity === 'error')).toBe(true);
  });

  it('reports a render error found while filling in the sample briefs', async () => {
    const dir = writeTemplate({
      'template.yaml': 'name: T\n',
      'brief.hbs': '# {{brief.title}}\n\n::: mystery\n:::\n\n{{#each sections}}{{#each quotes}}{{formatDate text}}{{/each}}{{/each}}\n',
    });
    const diagnostics = await checkTemplate(dir, { sections: [makeSection('alpha')] });
    const messages = diagnostics.map((d) => d.message).join('\n');
    expect(messages).toContain('Helper `formatDate`');
    expect(messages).toContain('while filling in a brief with every optional field set');
  });

  it('reports markup the parser rejects, with the output line', async () => {
    const dir = writeTemplate({ 'template.yaml': 'name: T\n', 'brief.hbs': '# {{brief.title}}\n\n::: mystery\n:::\n' });
    const diagnostics = await checkTemplate(dir, { sections: [makeSection('alpha')] });
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'error', code: 'MARKUP_INVALID' });
    expect(diagnostics[0]!.message).toContain('output line 3');
    expect(diagnostics[0]!.message).toContain('mystery');
  });

  it('points a markup mistake at the line of brief.hbs or the partial that wrote it, when one line alone could have', async () => {
    const dir = writeTemplate({
      'template.yaml': 'name: T\n',
      'brief.hbs': '# {{brief.title}}\n\n{{> seal}}\n\n::: mystery\n:::\n\n::: mystery\n:::\n',
      'partials/seal.hbs': 'Issued by the office.\n\n![Seal](seal.png "width=120px")\n',
    });
    const diagnostics = await checkTemplate(dir, { sections: [makeSection('alpha')] });
    const seal = diagnostics.find((d) => d.message.includes('width=120px'));
    expect(seal?.location).toEqual({ file: join(dir, 'partials', 'seal.hbs'), line: 3 });
    expect(seal?.message).toMatch(/output line \d+/);
    // Without the partial's mistake, the one left is written twice in brief.hbs: the file is named, no line.
    writeFileSync(join(dir, 'partials', 'seal.hbs'), 'Issued by the office.\n');
    const twice = await checkTemplate(dir, { sections: [makeSection('alpha')] });
    expect(twice.find((d) => d.message.includes('mystery'))?.location).toEqual({ file: join(dir, 'brief.hbs') });
  });

  it('warns about callout kinds and styles the manifest does not define', async () => {
    const dir = writeTemplate({
      'template.yaml': 'name: T\ncallouts:\n  bluf: { accent: "#112233" }\n',
      'brief.hbs': '::: callout odd Title\ntext\n:::\n\n::: style fancy\ntext\n:::\n',
    });
    const diagnostics = await checkTemplate(dir, { sections: [makeSection('alpha')] });
    expect(diagnostics.map((d) => [d.severity, d.code])).toEqual([
      ['warning', 'TEMPLATE'],
      ['warning', 'TEMPLATE'],
    ]);
    expect(diagnostics.map((d) => d.message).join(' ')).toMatch(/`odd`.*`fancy`|`fancy`.*`odd`/);
  });

  it('says when the folder is not a template', async () => {
    const diagnostics = await checkTemplate(join(writeTemplate({}), 'nothing-here'));
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'TEMPLATE_UNKNOWN' })]);
  });
});
