/**
 * The template signature lists partials without a real-path walk per file
 * when no link is in the way; it must give what listPartialFiles gives, see a
 * partial added on the disk or in the editor, and step aside for links.
 */
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diskFiles, overlayFiles } from '../../../main/engine/file-provider.js';
import { listPartialFiles, partialFilesWithoutLinks } from '../../../main/engine/template/confine.js';
import { cachedBuild } from '../../../main/engine/template/load-template.js';
import { removeTemplates, writeTemplate as writeAt } from './support.js';

afterAll(removeTemplates);

/** Template roots are real paths (cachedBuild resolves them first). */
const writeTemplate = (files: Record<string, string>) => realpathSync(writeAt(files));
const slow = (root: string, files = diskFiles) => listPartialFiles(root, () => undefined, files).map((p) => p.file);

describe('partials listed without links', () => {
  it('gives the files listPartialFiles gives, nested folders and other files included', () => {
    const dir = writeTemplate({ 'template.yaml': 'name: Parts\n', 'brief.hbs': '{{> b}}\n', 'partials/b.hbs': 'B\n', 'partials/a.hbs': 'A\n', 'partials/notes.txt': 'x\n', 'partials/deep/z.hbs': 'Z\n', 'partials/deep/Y.hbs': 'Y\n', 'partials/dir.hbs/in.hbs': 'I\n' });
    const quick = partialFilesWithoutLinks(dir);
    expect(quick).toEqual(slow(dir));
    expect(quick).toHaveLength(5);
    expect(partialFilesWithoutLinks(writeTemplate({ 'template.yaml': 'name: None\n', 'brief.hbs': 'x\n' }))).toEqual([]);
  });

  it('sees a partial that exists only in the editor', () => {
    const dir = writeTemplate({ 'template.yaml': 'name: Parts\n', 'brief.hbs': 'x\n', 'partials/a.hbs': 'A\n' });
    const files = overlayFiles(diskFiles, new Map([[join(dir, 'partials', 'fresh.hbs'), { content: 'F\n', mtimeMs: 1 }]]));
    expect(partialFilesWithoutLinks(dir, files)).toEqual([join(dir, 'partials', 'a.hbs'), join(dir, 'partials', 'fresh.hbs')]);
    expect(partialFilesWithoutLinks(dir, files)).toEqual(slow(dir, files));
  });

  it('leaves a folder with a link in it to listPartialFiles', () => {
    const dir = writeTemplate({ 'template.yaml': 'name: Linked\n', 'brief.hbs': 'x\n', 'partials/a.hbs': 'A\n', 'shared/s.hbs': 'S\n' });
    symlinkSync(join(dir, 'shared', 's.hbs'), join(dir, 'partials', 's.hbs'));
    expect(partialFilesWithoutLinks(dir)).toBeUndefined();
    const linkedFolder = writeTemplate({ 'template.yaml': 'name: Linked folder\n', 'brief.hbs': 'x\n', 'shared/s.hbs': 'S\n' });
    symlinkSync(join(linkedFolder, 'shared'), join(linkedFolder, 'partials'));
    expect(partialFilesWithoutLinks(linkedFolder)).toBeUndefined();
  });

  it('rebuilds the template when a partial is added on the disk or in the editor', async () => {
    const dir = writeTemplate({ 'template.yaml': 'name: Growing\n', 'brief.hbs': 'x\n', 'partials/a.hbs': 'A\n' });
    const first = await cachedBuild(dir);
    expect(await cachedBuild(dir)).toBe(first);
    const inEditor = overlayFiles(diskFiles, new Map([[join(dir, 'partials', 'b.hbs'), { content: 'B\n', mtimeMs: 2 }]]));
    const second = await cachedBuild(dir, inEditor);
    expect(second).not.toBe(first);
    mkdirSync(join(dir, 'partials', 'more'));
    writeFileSync(join(dir, 'partials', 'more', 'c.hbs'), 'C\n');
    expect(await cachedBuild(dir)).not.toBe(second);
  });
});
