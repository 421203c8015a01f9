import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { builtInSectionsDir, builtInTemplatesDir, checkTemplate } from '../../main/engine/index.js';
import { DocumentSession } from '../../main/app/document-session.js';
import { createIpcHandlers, type HandlerContext } from '../../main/app/ipc-handlers.js';
import { RecentFiles } from '../../main/app/recent-files.js';
import { RenderClient } from '../../main/app/render-client.js';
import { SettingsStore } from '../../main/app/settings.js';
import { EditBuffers } from '../../main/app/edit-buffers.js';
import type { BriefDraft } from '../../main/shared/ipc-contract.js';
import { readPdf, tempAppDirs } from './fixtures.js';
import { spawnTsWorker } from './ts-worker.js';

const previewer = new RenderClient({ spawn: () => spawnTsWorker() });
const checker = new RenderClient({ spawn: () => spawnTsWorker() });
afterAll(async () => {
  await Promise.all([previewer.dispose(), checker.dispose()]);
});

function setup() {
  const dirs = tempAppDirs('brief-studio-templates-');
  const dialogs = {
    chooseBriefToOpen: vi.fn(() => Promise.resolve(undefined)),
    chooseBriefSavePath: vi.fn(() => Promise.resolve(undefined)),
    choosePdfSavePath: vi.fn(() => Promise.resolve(undefined)),
    confirmUnsavedChanges: vi.fn(() => Promise.resolve('cancel' as const)),
    confirmDeleteTemplate: vi.fn((_name: string) => Promise.resolve(true)),
  };
  const shell = { openPath: vi.fn(() => Promise.resolve('')), showItemInFolder: vi.fn((_path: string) => undefined), openWebLink: vi.fn(() => Promise.resolve(true)) };
  const handlers = createIpcHandlers({
    folders: { builtInSectionsDir: builtInSectionsDir(), builtInTemplatesDir: builtInTemplatesDir(), userSectionsDir: dirs.userSections, userTemplatesDir: dirs.userTemplates, documentsDir: dirs.documents },
    previewRenderer: previewer,
    exportRenderer: previewer,
    templateChecker: checker,
    editBuffers: new EditBuffers(),
    dialogs,
    shell,
    settings: new SettingsStore(dirs.userData),
    recent: new RecentFiles(dirs.userData),
    today: () => '2024-05-06',
  });
  const context: HandlerContext = { session: new DocumentSession(), window: { setDocumentState: vi.fn(), close: vi.fn(), print: vi.fn(() => Promise.resolve({ printed: true })) } };
  return { dirs, dialogs, shell, handlers, context };
}

let t: ReturnType<typeof setup>;
beforeEach(() => {
  t = setup();
});

/** Every file under a folder, relative, `/`-separated. */
function filesUnder(root: string, prefix = ''): string[] {
  return readdirSync(join(root, prefix), { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(root, `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`]))
    .sort();
}

const memoDir = join(builtInTemplatesDir(), 'memo');

async function duplicate(sourceId: string, name: string) {
  return t.handlers.duplicateTemplate({ sourceId, name }, t.context);
}

/** A small user template of our own, with a partial. */
function userTemplate(id: string, name = 'Mine'): string {
  const dir = join(t.dirs.userTemplates, id);
  mkdirSync(join(dir, 'partials'), { recursive: true });
  writeFileSync(join(dir, 'template.yaml'), `# kept as written\nname: ${name}\ndescription: A test template\n`);
  writeFileSync(join(dir, 'brief.hbs'), '# {{brief.title}}\n\n{{> part}}\n');
  writeFileSync(join(dir, 'partials', 'part.hbs'), 'Part for {{brief.date}}.\n');
  return dir;
}

describe('duplicate', () => {
  it('copies a built-in into the user folder under the slug of the new name, with only the name changed', async () => {
    const result = await duplicate('memo', 'House Memo');
    expect(result).toMatchObject({ status: 'done', template: { id: 'house-memo', name: 'House Memo', builtIn: false }, skipped: [] });
    const copy = join(t.dirs.userTemplates, 'house-memo');
    expect(filesUnder(copy)).toEqual(filesUnder(memoDir));
    for (const file of filesUnder(memoDir).filter((f) => f !== 'template.yaml')) {
      expect(readFileSync(join(copy, file)).equals(readFileSync(join(memoDir, file))), file).toBe(true);
    }
    const original = readFileSync(join(memoDir, 'template.yaml'), 'utf8');
    const copied = readFileSync(join(copy, 'template.yaml'), 'utf8');
    expect((parse(copied) as { name: string }).name).toBe('House Memo');
    // Byte for byte the same file apart from the value of `name:` (comments included).
    expect(copied.replace(/^name: .*$/m, 'name: X')).toBe(original.replace(/^name: .*$/m, 'name: X'));
    expect(await checkTemplate(copy)).toEqual([]);

    const { templates } = await t.handlers.listTemplates({}, t.context);
    expect(templates.find((tpl) => tpl.id === 'house-memo')).toMatchObject({ name: 'House Memo', builtIn: false });
  });

  it('quotes a name YAML would otherwise misread', async () => {
    const result = await duplicate('memo', 'Memo: 2025 # draft');
    expect(result).toMatchObject({ status: 'done', template: { id: 'memo-2025-draft', name: 'Memo: 2025 # draft' } });
    expect((parse(readFileSync(join(t.dirs.userTemplates, 'memo-2025-draft', 'template.yaml'), 'utf8')) as { name: string }).name).toBe('Memo: 2025 # draft');
  });

  it('never follows a symbolic link out of the source, and copies links that stay inside as files', async () => {
    const source = userTemplate('linked');
    const outside = join(t.dirs.root, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'secret.txt'), 'TOP-SECRET-CONTENT');
    symlinkSync(join(outside, 'secret.txt'), join(source, 'partials', 'secret.hbs'));
    symlinkSync(outside, join(source, 'images'));
    symlinkSync('part.hbs', join(source, 'partials', 'alias.hbs'));

    const result = await duplicate('linked', 'Linked copy');
    expect(result.status).toBe('done');
    if (result.status !== 'done') return;
    expect(result.skipped.map((s) => s.split(':')[0]).sort()).toEqual(['images', 'partials/secret.hbs']);
    expect(result.skipped.join('\n')).toMatch(/symbolic link/);
    const copy = join(t.dirs.userTemplates, 'linked-copy');
    expect(filesUnder(copy)).toEqual(['brief.hbs', 'partials/alias.hbs', 'partials/part.hbs', 'template.yaml']);
    expect(lstatSync(join(copy, 'partials', 'alias.hbs')).isFile()).toBe(true);
    expect(readFileSync(join(copy, 'partials', 'alias.hbs'), 'utf8')).toBe('Part for {{brief.date}}.\n');
    for (const file of filesUnder(copy)) expect(readFileSync(join(copy, file), 'utf8')).not.toContain('TOP-SECRET');
  });

  it('refuses a name whose id is taken, by the user or by a built-in, and leaves the existing folder alone', async () => {
    expect(await duplicate('memo', 'Handout')).toMatchObject({ status: 'error', error: { code: 'OUTPUT_UNWRITABLE', message: expect.stringContaining('already exists') as string } });
    expect(existsSync(join(t.dirs.userTemplates, 'handout'))).toBe(false);

    await duplicate('memo', 'Office Style');
    writeFileSync(join(t.dirs.userTemplates, 'office-style', 'brief.hbs'), 'edited\n');
    expect(await duplicate('one-pager', 'Office style')).toMatchObject({ status: 'error', error: { code: 'OUTPUT_UNWRITABLE' } });
    expect(readFileSync(join(t.dirs.userTemplates, 'office-style', 'brief.hbs'), 'utf8')).toBe('edited\n');
    // No staging folder is left behind by a refused or finished copy.
    expect(readdirSync(t.dirs.userTemplates)).toEqual(['office-style']);
  });

  it('refuses names that give no id, and unknown sources', async () => {
    for (const name of ['', '   ', '!!!', '日本語']) {
      expect(await duplicate('memo', name), JSON.stringify(name)).toMatchObject({ status: 'error', error: { code: 'TEMPLATE_INVALID' } });
    }
    expect(await duplicate('memo', 'x'.repeat(81))).toMatchObject({ status: 'error', error: { code: 'TEMPLATE_INVALID' } });
    expect(await duplicate('no-such-template', 'Copy')).toMatchObject({ status: 'error', error: { code: 'TEMPLATE_UNKNOWN' } });
  });
});

describe('rename and delete', () => {
  it('refuses to rename or delete a built-in, without asking', async () => {
    for (const result of [await t.handlers.renameTemplate({ id: 'memo', name: 'Renamed' }, t.context), await t.handlers.deleteTemplate({ id: 'memo' }, t.context)]) {
      expect(result).toMatchObject({ status: 'error', error: { code: 'OUTPUT_UNWRITABLE', message: expect.stringMatching(/built-in template/) as string } });
    }
    expect(t.dialogs.confirmDeleteTemplate).not.toHaveBeenCalled();
    expect(existsSync(join(memoDir, 'template.yaml'))).toBe(true);
  });

  it('renames a user template: new folder id, new name, the rest of template.yaml untouched', async () => {
    userTemplate('first', 'First');
    const result = await t.handlers.renameTemplate({ id: 'first', name: 'Second Draft' }, t.context);
    expect(result).toMatchObject({ status: 'done', template: { id: 'second-draft', name: 'Second Draft', builtIn: false } });
    expect(existsSync(join(t.dirs.userTemplates, 'first'))).toBe(false);
    expect(readFileSync(join(t.dirs.userTemplates, 'second-draft', 'template.yaml'), 'utf8')).toBe('# kept as written\nname: Second Draft\ndescription: A test template\n');
    // Same id, new name: only the name changes.
    await expect(t.handlers.renameTemplate({ id: 'second-draft', name: 'Second  draft' }, t.context)).resolves.toMatchObject({ status: 'done', template: { id: 'second-draft', name: 'Second  draft' } });
  });

  it('refuses a rename onto an existing id', async () => {
    userTemplate('one', 'One');
    userTemplate('two', 'Two');
    expect(await t.handlers.renameTemplate({ id: 'one', name: 'Two' }, t.context)).toMatchObject({ status: 'error', error: { code: 'OUTPUT_UNWRITABLE' } });
    expect(await t.handlers.renameTemplate({ id: 'one', name: 'Memo' }, t.context)).toMatchObject({ status: 'error', error: { code: 'OUTPUT_UNWRITABLE' } });
    expect(readFileSync(join(t.dirs.userTemplates, 'two', 'template.yaml'), 'utf8')).toContain('name: Two');
    expect(readFileSync(join(t.dirs.userTemplates, 'one', 'template.yaml'), 'utf8')).toContain('name: One');
  });

  it('deletes a user template only after the user confirms', async () => {
    userTemplate('doomed', 'Doomed Style');
    t.dialogs.confirmDeleteTemplate.mockResolvedValueOnce(false);
    await expect(t.handlers.deleteTemplate({ id: 'doomed' }, t.context)).resolves.toEqual({ status: 'cancelled' });
    expect(t.dialogs.confirmDeleteTemplate).toHaveBeenCalledWith('Doomed Style');
    expect(existsSync(join(t.dirs.userTemplates, 'doomed'))).toBe(true);
    await expect(t.handlers.deleteTemplate({ id: 'doomed' }, t.context)).resolves.toEqual({ status: 'deleted' });
    expect(existsSync(join(t.dirs.userTemplates, 'doomed'))).toBe(false);
  });

  it('deletes a linked template folder as a link, leaving its target', async () => {
    const elsewhere = join(t.dirs.root, 'shared-templates', 'linked-style');
    mkdirSync(elsewhere, { recursive: true });
    writeFileSync(join(elsewhere, 'template.yaml'), 'name: Linked\n');
    writeFileSync(join(elsewhere, 'brief.hbs'), '# {{brief.title}}\n');
    symlinkSync(elsewhere, join(t.dirs.userTemplates, 'linked-style'));
    await expect(t.handlers.deleteTemplate({ id: 'linked-style' }, t.context)).resolves.toEqual({ status: 'deleted' });
    expect(existsSync(join(t.dirs.userTemplates, 'linked-style'))).toBe(false);
    expect(readFileSync(join(elsewhere, 'template.yaml'), 'utf8')).toBe('name: Linked\n');
  });

  it('reveals a template folder through the shell', async () => {
    await expect(t.handlers.revealTemplate({ id: 'memo' }, t.context)).resolves.toEqual({ ok: true });
    expect(t.shell.showItemInFolder).toHaveBeenCalledWith(join(memoDir, 'template.yaml'));
    await expect(t.handlers.revealTemplate({ id: 'nope' }, t.context)).resolves.toMatchObject({ ok: false });
  });
});

describe('editor file access', () => {
  it('lists the editable files, built-in or not, even when template.yaml is broken', async () => {
    await expect(t.handlers.listTemplateFiles({ id: 'memo' }, t.context)).resolves.toEqual({
      status: 'listed',
      template: expect.objectContaining({ id: 'memo', name: 'Memo', builtIn: true }) as object,
      files: [
        { path: 'template.yaml', kind: 'yaml' },
        { path: 'brief.hbs', kind: 'handlebars' },
        { path: 'partials/section.hbs', kind: 'handlebars' },
        { path: 'partials/title-block.hbs', kind: 'handlebars' },
      ],
    });
    const dir = userTemplate('broken');
    writeFileSync(join(dir, 'template.yaml'), 'name: [unclosed\n');
    await expect(t.handlers.listTemplateFiles({ id: 'broken' }, t.context)).resolves.toMatchObject({ status: 'listed', template: { id: 'broken', name: 'broken', builtIn: false } });
    const listing = await t.handlers.listTemplates({}, t.context);
    expect(listing.unreadable).toEqual([expect.objectContaining({ id: 'broken', error: expect.objectContaining({ code: 'YAML_SYNTAX' }) as object })]);
  });

  it('reads and writes only inside the template folder', async () => {
    const dir = userTemplate('mine');
    writeFileSync(join(t.dirs.userTemplates, 'outside.hbs'), 'outside');
    symlinkSync(join(t.dirs.userTemplates, 'outside.hbs'), join(dir, 'partials', 'escape.hbs'));
    for (const path of ['../outside.hbs', 'partials/../../outside.hbs', '/etc/passwd', join(dir, 'brief.hbs'), 'partials/escape.hbs', 'C:\\Windows\\win.ini']) {
      const read = await t.handlers.readTemplateFile({ id: 'mine', path }, t.context);
      expect(read, path).toMatchObject({ status: 'error', error: { code: 'TEMPLATE_CONFINEMENT' } });
      const written = await t.handlers.writeTemplateFile({ id: 'mine', path, text: 'pwned' }, t.context);
      expect(written, path).toMatchObject({ status: 'error', error: { code: 'TEMPLATE_CONFINEMENT' } });
    }
    expect(readFileSync(join(t.dirs.userTemplates, 'outside.hbs'), 'utf8')).toBe('outside');
    // Files the editor does not handle are refused too, even inside.
    await expect(t.handlers.writeTemplateFile({ id: 'mine', path: 'images/seal.png', text: 'x' }, t.context)).resolves.toMatchObject({ status: 'error', error: { code: 'TEMPLATE_CONFINEMENT' } });

    await expect(t.handlers.readTemplateFile({ id: 'mine', path: 'partials/part.hbs' }, t.context)).resolves.toEqual({ status: 'read', text: 'Part for {{brief.date}}.\n' });
    await expect(t.handlers.writeTemplateFile({ id: 'mine', path: 'brief.hbs', text: '# Changed\n' }, t.context)).resolves.toEqual({ status: 'written' });
    expect(readFileSync(join(dir, 'brief.hbs'), 'utf8')).toBe('# Changed\n');
    await expect(t.handlers.writeTemplateFile({ id: 'mine', path: 'partials/cards/new.hbs', text: 'New\n' }, t.context)).resolves.toEqual({ status: 'written' });
    expect(readFileSync(join(dir, 'partials', 'cards', 'new.hbs'), 'utf8')).toBe('New\n');
    // No temp file of the atomic write is left beside the files.
    expect(filesUnder(dir)).toEqual(['brief.hbs', 'partials/cards/new.hbs', 'partials/escape.hbs', 'partials/part.hbs', 'template.yaml']);
  });

  it('never writes to a built-in template', async () => {
    const before = readFileSync(join(memoDir, 'brief.hbs'), 'utf8');
    await expect(t.handlers.writeTemplateFile({ id: 'memo', path: 'brief.hbs', text: 'x' }, t.context)).resolves.toMatchObject({ status: 'error', error: { code: 'OUTPUT_UNWRITABLE' } });
    await expect(t.handlers.readTemplateFile({ id: 'memo', path: 'brief.hbs' }, t.context)).resolves.toEqual({ status: 'read', text: before });
  });
});

describe('live check and preview of unsaved edits', () => {
  const draft: BriefDraft = { title: 'Overlay Brief', subtitle: '', date: '2024-05-06', author: '', audience: '', classification: 'UNCLASSIFIED', template: 'memo', sections: ['space-agreement'], options: {} };

  it('checks the unsaved buffer and reports the error at its file, line and column', async () => {
    const dir = userTemplate('checked');
    const saved = readFileSync(join(dir, 'brief.hbs'), 'utf8');
    await expect(t.handlers.checkTemplate({ id: 'checked', overlay: [] }, t.context)).resolves.toEqual({ status: 'checked', diagnostics: [] });

    const broken = await t.handlers.checkTemplate({ id: 'checked', overlay: [{ path: 'brief.hbs', text: '# {{brief.title}}\n\nSee {{brief.date}\n' }] }, t.context);
    expect(broken.status).toBe('checked');
    if (broken.status !== 'checked') return;
    expect(broken.diagnostics[0]).toMatchObject({ severity: 'error', code: 'TEMPLATE_SYNTAX', path: 'brief.hbs', line: 3 });
    expect(broken.diagnostics[0]!.column).toBeGreaterThan(1);
    // The template's folder is taken out of what the user reads; nothing else is written anywhere.
    expect(JSON.stringify(broken.diagnostics)).not.toContain(dir);
    expect(readFileSync(join(dir, 'brief.hbs'), 'utf8')).toBe(saved);

    const inPartial = await t.handlers.checkTemplate({ id: 'checked', overlay: [{ path: 'partials/part.hbs', text: 'Line one\n{{#each brief.title}}\n' }] }, t.context);
    expect(inPartial).toMatchObject({ status: 'checked', diagnostics: [expect.objectContaining({ path: 'partials/part.hbs', severity: 'error' })] });
    const inYaml = await t.handlers.checkTemplate({ id: 'checked', overlay: [{ path: 'template.yaml', text: 'name: X\npage:\n  size: Tabloid\n' }] }, t.context);
    expect(inYaml).toMatchObject({ status: 'checked', diagnostics: [expect.objectContaining({ path: 'template.yaml', line: 3 })] });

    // Fixed again: the buffer's new text is what is checked.
    await expect(t.handlers.checkTemplate({ id: 'checked', overlay: [{ path: 'brief.hbs', text: saved }] }, t.context)).resolves.toEqual({ status: 'checked', diagnostics: [] });
    await expect(t.handlers.checkTemplate({ id: 'checked', overlay: [{ path: '../escape.hbs', text: 'x' }] }, t.context)).resolves.toMatchObject({ status: 'error', error: { code: 'TEMPLATE_CONFINEMENT' } });
  });

  it('previews the brief in the edited template, unsaved buffer included, and points errors at the real file', async () => {
    const dir = userTemplate('previewed');
    const edited = await t.handlers.renderPreview({ draft, templateEdit: { id: 'previewed', overlay: [{ path: 'brief.hbs', text: '# Unsaved Heading Text\n\n{{> part}}\n' }] } }, t.context);
    expect(edited.status).toBe('rendered');
    if (edited.status !== 'rendered') return;
    expect((await readPdf(edited.pdf)).text).toContain('Unsaved Heading Text');

    // Without buffers the saved template is used, by id, whatever the brief names.
    const saved = await t.handlers.renderPreview({ draft, templateEdit: { id: 'previewed', overlay: [] } }, t.context);
    if (saved.status !== 'rendered') throw new Error(JSON.stringify(saved));
    const text = (await readPdf(saved.pdf)).text;
    expect(text).toContain('Overlay Brief');
    expect(text).not.toContain('Unsaved Heading Text');

    const broken = await t.handlers.renderPreview({ draft, templateEdit: { id: 'previewed', overlay: [{ path: 'brief.hbs', text: '# ok\n{{#if brief.title}}\n' }] } }, t.context);
    expect(broken).toMatchObject({ status: 'error', error: { code: 'TEMPLATE_SYNTAX', location: { file: join(dir, 'brief.hbs') } } });
  });
});
