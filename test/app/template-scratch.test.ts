import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkTemplate } from '../../main/engine/template/index.js';
import { TemplateScratch } from '../../main/app/template-scratch.js';
import { tempAppDirs } from './fixtures.js';

const scratches: TemplateScratch[] = [];
afterEach(() => scratches.splice(0).forEach((s) => s.dispose()));

function template(): string {
  const dir = join(tempAppDirs('brief-studio-scratch-test-').userTemplates, 'house');
  mkdirSync(join(dir, 'partials'), { recursive: true });
  writeFileSync(join(dir, 'template.yaml'), 'name: House\n');
  writeFileSync(join(dir, 'brief.hbs'), '# {{brief.title}}\n\n{{> note}}\n');
  writeFileSync(join(dir, 'partials', 'note.hbs'), 'Note.\n');
  return dir;
}

describe('scratch copies of a template with unsaved buffers', () => {
  it('lays the buffers over a copy named after the template, never touching the template', async () => {
    const source = template();
    const scratch = new TemplateScratch();
    scratches.push(scratch);
    const copy = await scratch.prepare('check', 'house', source, [{ path: 'partials/note.hbs', text: 'Edited note.\n' }]);
    expect(copy.endsWith(join('check', 'house'))).toBe(true);
    expect(readFileSync(join(copy, 'partials', 'note.hbs'), 'utf8')).toBe('Edited note.\n');
    expect(readFileSync(join(copy, 'brief.hbs'), 'utf8')).toBe('# {{brief.title}}\n\n{{> note}}\n');
    expect(readFileSync(join(source, 'partials', 'note.hbs'), 'utf8')).toBe('Note.\n');

    // A buffer dropped (saved): the file comes from the template again; a file removed there goes here too.
    writeFileSync(join(source, 'partials', 'note.hbs'), 'Saved note.\n');
    writeFileSync(join(source, 'extra.txt'), 'x');
    await scratch.prepare('check', 'house', source, []);
    expect(readFileSync(join(copy, 'partials', 'note.hbs'), 'utf8')).toBe('Saved note.\n');
    expect(existsSync(join(copy, 'extra.txt'))).toBe(true);
    rmSync(join(source, 'extra.txt'));
    await scratch.prepare('check', 'house', source, []);
    expect(existsSync(join(copy, 'extra.txt'))).toBe(false);
  });

  it('makes every rewrite visible to the compile cache, even at the same size within the same millisecond', async () => {
    const source = template();
    const scratch = new TemplateScratch();
    scratches.push(scratch);
    const good = '{{#if brief.title}}x{{/if}}\n';
    const bad = '{{#if brief.title}}x{{/fi}}\n';
    expect(bad.length).toBe(good.length);
    const copy = await scratch.prepare('check', 'house', source, [{ path: 'brief.hbs', text: good }]);
    expect(await checkTemplate(copy)).toEqual([]);
    await scratch.prepare('check', 'house', source, [{ path: 'brief.hbs', text: bad }]);
    expect((await checkTemplate(copy))[0]).toMatchObject({ severity: 'error', code: 'TEMPLATE_SYNTAX' });
    await scratch.prepare('check', 'house', source, [{ path: 'brief.hbs', text: good }]);
    expect(await checkTemplate(copy)).toEqual([]);

    // Back to back, quicker than the clock tick file times may be taken from: still a later time each.
    const stamps: number[] = [];
    for (const text of [bad, good, bad, good]) {
      await scratch.prepare('check', 'house', source, [{ path: 'brief.hbs', text }]);
      stamps.push(statSync(join(copy, 'brief.hbs')).mtimeMs);
    }
    for (let i = 1; i < stamps.length; i++) expect(stamps[i]!).toBeGreaterThan(stamps[i - 1]!);
  });

  it('keeps checking and previewing apart, and refuses buffers outside the template', async () => {
    const source = template();
    const scratch = new TemplateScratch();
    scratches.push(scratch);
    const [checked, previewed] = await Promise.all([
      scratch.prepare('check', 'house', source, [{ path: 'brief.hbs', text: 'check\n' }]),
      scratch.prepare('preview', 'house', source, [{ path: 'brief.hbs', text: 'preview\n' }]),
    ]);
    expect(checked).not.toBe(previewed);
    expect(readFileSync(join(checked, 'brief.hbs'), 'utf8')).toBe('check\n');
    expect(readFileSync(join(previewed, 'brief.hbs'), 'utf8')).toBe('preview\n');
    for (const path of ['../escape.hbs', '/tmp/x.hbs', 'images/seal.png']) {
      await expect(scratch.prepare('check', 'house', source, [{ path, text: 'x' }]), path).rejects.toMatchObject({ code: 'TEMPLATE_CONFINEMENT' });
    }
    scratch.dispose();
    expect(existsSync(checked)).toBe(false);
  });
});
