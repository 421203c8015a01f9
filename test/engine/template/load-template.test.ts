import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BriefError } from '../../../main/engine/errors.js';
import { cachedBuild } from '../../../main/engine/template/load-template.js';
import { buildTemplateContext, listTemplates, loadTemplate } from '../../../main/engine/template/index.js';
import { BUILT_IN_DIR, makeSection, makeSpec, removeTemplates, writeTemplate } from './support.js';

afterAll(removeTemplates);

function userTemplates(): string {
  const memoCopy = writeTemplate({ 'template.yaml': 'name: My memo\ndescription: Mine\n', 'brief.hbs': 'user memo\n' }, 'memo');
  const userDir = dirname(memoCopy);
  const extra = join(userDir, 'briefing-card');
  mkdirSync(extra);
  writeFileSync(join(extra, 'template.yaml'), 'name: Briefing card\n');
  writeFileSync(join(extra, 'brief.hbs'), 'card\n');
  mkdirSync(join(userDir, 'not-a-template'));
  const broken = join(userDir, 'broken');
  mkdirSync(broken);
  writeFileSync(join(broken, 'template.yaml'), 'name: Broken\npage: { size: Tabloid }\n');
  return userDir;
}

const fill = (template: Awaited<ReturnType<typeof loadTemplate>>): string =>
  template.renderMarkup(buildTemplateContext(makeSpec({ sections: ['alpha'] }), [makeSection('alpha')], template));

describe('loadTemplate', () => {
  it('finds a built-in template by id', async () => {
    const memo = await loadTemplate('memo', { builtInDir: BUILT_IN_DIR });
    expect(memo).toMatchObject({ id: 'memo', builtIn: true });
    expect(memo.dir).toBe(join(BUILT_IN_DIR, 'memo'));
    expect(memo.manifest.name).toBe('Memo');
    expect(memo.manifest.page.size).toBe('Letter');
  });

  it('searches users’ folders before the built-ins', async () => {
    const userDir = userTemplates();
    const memo = await loadTemplate('memo', { builtInDir: BUILT_IN_DIR, userDirs: ['/does/not/exist', userDir] });
    expect(memo).toMatchObject({ id: 'memo', builtIn: false });
    expect(fill(memo)).toBe('user memo\n');
    expect((await loadTemplate('handout', { builtInDir: BUILT_IN_DIR, userDirs: [userDir] })).builtIn).toBe(true);
  });

  it('takes a path to a folder (relative or absolute)', async () => {
    const userDir = userTemplates();
    const byPath = await loadTemplate(join(userDir, 'briefing-card'), { builtInDir: BUILT_IN_DIR });
    expect(byPath).toMatchObject({ id: 'briefing-card', builtIn: false });
    const relativeRef = `./${relative(process.cwd(), join(BUILT_IN_DIR, 'one-pager'))}`;
    expect(await loadTemplate(relativeRef, { builtInDir: BUILT_IN_DIR })).toMatchObject({ id: 'one-pager', builtIn: true });
  });

  it('lists the valid ids when the id is unknown', async () => {
    const userDir = userTemplates();
    const error = await loadTemplate('memoo', { builtInDir: BUILT_IN_DIR, userDirs: [userDir] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BriefError);
    expect((error as BriefError).code).toBe('TEMPLATE_UNKNOWN');
    expect((error as BriefError).message).toBe('Unknown template `memoo` (did you mean `memo`?). Templates available: briefing-card, broken, handout, memo, one-pager.');
  });

  it('rejects a path without a template in it', async () => {
    const error = await loadTemplate('./nowhere/at-all', { builtInDir: BUILT_IN_DIR }).catch((e: unknown) => e);
    expect((error as BriefError).code).toBe('TEMPLATE_UNKNOWN');
    expect((error as BriefError).message).toContain('template.yaml');
  });

  it('treats an id with path-like characters as unknown rather than a path', async () => {
    const error = await loadTemplate('memo\u0000', { builtInDir: BUILT_IN_DIR }).catch((e: unknown) => e);
    expect((error as BriefError).code).toBe('TEMPLATE_UNKNOWN');
  });
});

describe('compiled template cache', () => {
  it('reuses the compiled folder while no file changes, and recompiles when one does', async () => {
    const dir = writeTemplate({ 'template.yaml': 'name: Cached\n', 'brief.hbs': 'one {{> part}}\n', 'partials/part.hbs': 'A\n' });
    const first = await cachedBuild(dir);
    expect(await cachedBuild(dir)).toBe(first);

    writeFileSync(join(dir, 'partials', 'part.hbs'), 'B\n');
    const later = new Date(Date.now() + 5000);
    utimesSync(join(dir, 'partials', 'part.hbs'), later, later);
    const second = await cachedBuild(dir);
    expect(second).not.toBe(first);
    expect(fill(await loadTemplate(dir, { builtInDir: BUILT_IN_DIR }))).toBe('one B\n\n'); // the partial's own newline, then brief.hbs's

    writeFileSync(join(dir, 'partials', 'new.hbs'), 'N\n');
    expect(await cachedBuild(dir)).not.toBe(second);
  });

  it('does not cache a broken folder, so fixing it takes effect', async () => {
    const dir = writeTemplate({ 'template.yaml': 'name: Fixable\n', 'brief.hbs': '{{#if}}\n' });
    await expect(loadTemplate(dir, { builtInDir: BUILT_IN_DIR })).rejects.toThrow(BriefError);
    writeFileSync(join(dir, 'brief.hbs'), 'fixed\n');
    expect(fill(await loadTemplate(dir, { builtInDir: BUILT_IN_DIR }))).toBe('fixed\n');
  });
});

describe('listTemplates', () => {
  it('lists users’ templates first with name and description, and broken ones as problems', async () => {
    const userDir = userTemplates();
    const { templates, problems } = await listTemplates({ builtInDir: BUILT_IN_DIR, userDirs: [userDir] });
    expect(templates.map((t) => [t.id, t.builtIn, t.name])).toEqual([
      ['briefing-card', false, 'Briefing card'],
      ['memo', false, 'My memo'],
      ['handout', true, 'Handout'],
      ['memo', true, 'Memo'],
      ['one-pager', true, 'One-pager'],
    ]);
    expect(templates.find((t) => t.id === 'memo' && !t.builtIn)?.description).toBe('Mine');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.code).toBe('TEMPLATE_INVALID');
    expect(problems[0]!.location?.file).toMatch(/broken[\\/]template\.yaml$/);
  });
});
