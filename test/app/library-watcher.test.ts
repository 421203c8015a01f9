import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isTransientFile, watchLibrary } from '../../main/app/library-watcher.js';
import { writeFileAtomic } from '../../main/engine/write-atomic.js';
import { until } from '../helpers/until.js';
import { tempAppDirs } from './fixtures.js';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

/** Start watching, once the watches are set up, and collect the calls. */
async function watching(folders: string[], debounceMs = 200) {
  const calls: { paths: string[] }[] = [];
  const watch = watchLibrary(folders, (paths) => calls.push({ paths }), debounceMs);
  stops.push(watch);
  await watch.ready;
  return calls;
}

describe('library watcher', () => {
  it('tells once that a user template file changed, naming each file', async () => {
    const dirs = tempAppDirs('brief-studio-watch-');
    const template = join(dirs.userTemplates, 'house-style');
    mkdirSync(join(template, 'partials'), { recursive: true });
    writeFileSync(join(template, 'brief.hbs'), '# One\n');
    // A debounce long enough that a busy machine does not split one burst in two.
    const calls = await watching([dirs.userSections, dirs.userTemplates], 1000);

    // A burst, as an editor's save often is: several writes in a row, in a partial too.
    writeFileSync(join(template, 'brief.hbs'), '# Two\n');
    writeFileSync(join(template, 'brief.hbs'), '# Three\n');
    writeFileSync(join(template, 'partials', 'cover.hbs'), 'Cover\n');
    await until(() => calls.length > 0);
    expect(calls[0]!.paths).toEqual(expect.arrayContaining([join(template, 'brief.hbs'), join(template, 'partials', 'cover.hbs')]));

    // Debounced: nothing more arrives for the same burst.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(calls).toHaveLength(1);
  });

  it('sees an atomic save (temp file renamed over the old one) as a change of the real file only', async () => {
    const dirs = tempAppDirs('brief-studio-watch-');
    const template = join(dirs.userTemplates, 'atomic');
    mkdirSync(template);
    writeFileSync(join(template, 'template.yaml'), 'name: Atomic\n');
    const calls = await watching([dirs.userTemplates]);

    await writeFileAtomic(join(template, 'template.yaml'), 'name: Atomic two\n');
    await until(() => calls.length >= 1);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.paths).toEqual([join(template, 'template.yaml')]);
  });

  it('picks up a section file saved in another editor, and a template folder moved in', async () => {
    const dirs = tempAppDirs('brief-studio-watch-');
    const calls = await watching([dirs.userSections, dirs.userTemplates]);
    writeFileSync(join(dirs.userSections, 'notes.md'), '---\nid: notes\n---\n');
    await until(() => calls.length >= 1);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.paths).toEqual([join(dirs.userSections, 'notes.md')]);

    const staged = join(dirs.root, 'staged');
    mkdirSync(staged);
    writeFileSync(join(staged, 'template.yaml'), 'name: Moved\n');
    renameSync(staged, join(dirs.userTemplates, 'moved'));
    await until(() => calls.length >= 2);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.paths.some((path) => path.startsWith(join(dirs.userTemplates, 'moved')))).toBe(true);
  });

  it('knows the files that only come and go around a save', () => {
    for (const name of ['.brief.hbs.tmp-1234-9fa3b2c1', '.a1b2c3d4e5f6.copying', '.brief.hbs.swp', 'brief.hbs~', '.#brief.hbs', '#brief.hbs#', '.DS_Store']) {
      expect(isTransientFile(join('/x', name)), name).toBe(true);
    }
    for (const name of ['brief.hbs', 'template.yaml', 'notes.md', 'tmp-notes.md', 'copying.hbs']) {
      expect(isTransientFile(join('/x', name)), name).toBe(false);
    }
  });
});
