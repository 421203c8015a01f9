/**
 * The file provider beyond sections: every template file, partial, font and
 * image is read through it, so an unsaved buffer wins over the disk; the
 * template's confinement holds through the buffers (a path out of the folder
 * or through a link that leads out is refused as on the disk); and errors in
 * buffers name the real file and line.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BriefError,
  buildBrief,
  checkTemplate,
  defaultSpec,
  diskFiles,
  everyProblem,
  overlayFiles,
  readSpecFile,
  type BuildResult,
  type FileProvider,
  type OverlayEntry,
} from '../../main/engine/index.js';
import { goodPng, pngFile, rgbaRows } from '../helpers/bad-images.js';
import { catchAsync } from '../helpers/errors.js';
import { pdffonts, pdftotext, withTempPdf } from '../helpers/pdf-read.js';

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

/** A fresh real folder holding `files` (relative path → text or bytes). */
function folder(files: Record<string, string | Uint8Array> = {}): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'bs-overlay-')));
  roots.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

let stamp = 0;
/** Buffers over the files of `root` (relative paths), each with a stamp no file has. */
function buffersOver(root: string, files: Record<string, string | Uint8Array>): FileProvider {
  const overlay = new Map<string, OverlayEntry>(Object.entries(files).map(([path, content]) => [join(root, path), { content, mtimeMs: --stamp }]));
  return overlayFiles(diskFiles, overlay);
}

const MANIFEST = 'name: Overlay test\nbanner:\n  enabled: false\nfooter:\n  center: "Disk footer"\n';
const sectionsDir = folder({ 'notes.md': '---\nid: notes\ntitle: Notes\nsummary: A summary.\n---\nThe section body.\n' });
const build = (template: string, files?: FileProvider): Promise<BuildResult> =>
  buildBrief({ ...defaultSpec(), title: 'Overlay brief', date: '2024-01-01', template, sections: ['notes'] }, { sectionDirs: [sectionsDir], files });
const textOf = (result: BuildResult) => pdftotext(result.pdf).replace(/\s+/g, ' ');
/** The pictures `pdfimages -list` finds (a PNG's transparency, its soft mask, is not one). */
const imagesOf = (result: BuildResult) =>
  withTempPdf(result.pdf, (file) => execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }))
    .trim()
    .split('\n')
    .slice(2)
    .filter((line) => /^\s*\d+\s+\d+\s+image\s/.test(line));

describe('an overlay wins over the disk', () => {
  it('for template.yaml, brief.hbs and partials, including a partial that exists only in memory', async () => {
    const root = folder({
      'template.yaml': MANIFEST,
      'brief.hbs': '# Disk heading\n\n{{> part}}\n\n{{#each sections}}{{{body}}}{{/each}}\n',
      'partials/part.hbs': 'Disk partial words.\n',
    });
    const files = buffersOver(root, {
      'template.yaml': MANIFEST.replace('Disk footer', 'Buffer footer'),
      'brief.hbs': '# Buffer heading\n\n{{> part}}\n\n{{> extra/more}}\n\n{{#each sections}}{{{body}}}{{/each}}\n',
      'partials/part.hbs': 'Buffer partial words.\n',
      'partials/extra/more.hbs': 'A partial never saved.\n',
    });
    const text = textOf(await build(root, files));
    for (const words of ['Buffer heading', 'Buffer partial words.', 'A partial never saved.', 'Buffer footer', 'The section body.']) expect(text).toContain(words);
    for (const words of ['Disk heading', 'Disk partial', 'Disk footer']) expect(text).not.toContain(words);
    expect(await checkTemplate(root, { files })).toEqual([]);

    // The same folder without the buffers is the disk's again: no compiled template is reused across them.
    const fromDisk = textOf(await build(root));
    expect(fromDisk).toContain('Disk heading');
    expect(fromDisk).toContain('Disk footer');
    expect(fromDisk).not.toContain('Buffer');
  });

  it("for a template's font file", async () => {
    const manifest = `${MANIFEST}fonts:\n  families:\n    house:\n      regular: fonts/house.ttf\nstyles:\n  body: { font: house }\n`;
    const root = folder({ 'template.yaml': manifest, 'brief.hbs': '{{#each sections}}{{{body}}}{{/each}}\n', 'fonts/house.ttf': 'not a font at all', 'fonts/OFL.txt': 'licence' });
    const onDisk = await catchAsync(() => build(root));
    expect(onDisk).toMatchObject({ code: 'TEMPLATE_INVALID', location: { file: join(root, 'fonts', 'house.ttf') } });

    const files = buffersOver(root, { 'fonts/house.ttf': new Uint8Array(readFileSync('assets/fonts/SourceCodePro-Regular.ttf')) });
    const built = await build(root, files);
    expect(pdffonts(built.pdf).map((font) => font.name)).toContainEqual(expect.stringContaining('SourceCodePro'));
    expect(textOf(built)).toContain('The section body.');
  });

  it('for PNG, JPEG and SVG images, including ones that exist only in memory', async () => {
    const jpeg = jpegOf(await build(folder({ 'template.yaml': MANIFEST, 'brief.hbs': '# Page for a JPEG\n' })));
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><rect width="120" height="60" fill="#336699"/></svg>';
    const root = folder({
      'template.yaml': MANIFEST,
      'brief.hbs': '![Seal](images/seal.png)\n\n![Photo](images/photo.jpg)\n\n![Chart](images/chart.svg)\n\n{{#each sections}}{{{body}}}{{/each}}\n',
      'images/seal.png': goodPng(),
    });
    // On disk the photo and the chart are not there: a defect of the template, refused with each at its line of brief.hbs.
    const onDisk = await catchAsync(() => build(root));
    expect(everyProblem(onDisk).map((problem) => [(problem as BriefError).code, (problem as BriefError).location])).toEqual([
      ['TEMPLATE_INVALID', { file: join(root, 'brief.hbs'), line: 3, column: 10 }],
      ['TEMPLATE_INVALID', { file: join(root, 'brief.hbs'), line: 5, column: 10 }],
    ]);
    // With the two in buffers, the seal is the 12 × 8 one on the disk.
    const partly = await build(root, buffersOver(root, { 'images/photo.jpg': jpeg, 'images/chart.svg': svg }));
    expect(imagesOf(partly)[0]).toMatch(/\bimage\s+12\s+8\b/);

    const files = buffersOver(root, { 'images/seal.png': pngFile({ width: 40, height: 20 }, { raw: rgbaRows(40, 20) }), 'images/photo.jpg': jpeg, 'images/chart.svg': svg });
    const built = await build(root, files);
    expect(built.warnings.filter((w) => w.code === 'IMAGE')).toEqual([]);
    const images = imagesOf(built);
    expect(images).toHaveLength(2);
    expect(images[0]).toMatch(/\bimage\s+40\s+20\b/);
    expect(images[1]).toMatch(/\bjpeg\b/);
    // The SVG is drawn as vectors in its own fill colour (#336699).
    const content = withTempPdf(built.pdf, (file) => execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, '-'], { encoding: 'latin1' }));
    expect(content).toMatch(/^0\.2 0\.4 0\.6 scn$/m);
    expect(await checkTemplate(root, { files })).toEqual([]);
  });

  it('through a linked folder: a buffer keyed by the link is found by the real path the engine reads', async () => {
    const real = folder({ 'house/template.yaml': MANIFEST, 'house/brief.hbs': '# Disk heading\n' });
    const links = folder();
    symlinkSync(real, join(links, 'templates'));
    const files = buffersOver(join(links, 'templates'), { 'house/brief.hbs': '# Heading typed through the link\n' });
    const built = await buildBrief({ ...defaultSpec(), title: 'Linked', date: '2024-01-01', template: 'house', sections: ['notes'] }, { sectionDirs: [sectionsDir], templateDirs: [join(links, 'templates')], files });
    expect(textOf(built)).toContain('Heading typed through the link');
  });
});

describe('confinement holds through the overlay', () => {
  it('refuses a buffer outside the template folder, as it refuses a file there', async () => {
    const outside = folder();
    const root = folder({ 'template.yaml': MANIFEST, 'brief.hbs': '![Secret](../secret.png)\n' });
    const files = overlayFiles(diskFiles, new Map([[join(dirname(root), 'secret.png'), { content: goodPng(), mtimeMs: --stamp }], [join(outside, 'x.png'), { content: goodPng(), mtimeMs: --stamp }]]));
    await expect(build(root, files)).rejects.toMatchObject({ code: 'TEMPLATE_CONFINEMENT' });
  });

  it('refuses a buffer under a link on the disk that leads out of the folder', async () => {
    const outside = folder({ 'secret.png': goodPng() });
    const root = folder({ 'template.yaml': MANIFEST, 'brief.hbs': '![Secret](linked/secret.png)\n' });
    symlinkSync(outside, join(root, 'linked'));
    const files = buffersOver(root, { 'linked/secret.png': goodPng() });
    const error = await catchAsync(() => build(root, files));
    expect(error.code).toBe('TEMPLATE_CONFINEMENT');
    expect(error.message).toContain('through a symbolic link');
  });

  it('refuses buffered partials in a partials folder that is a link out, and a buffered font named outside', async () => {
    const outside = folder({ 'p.hbs': 'outside\n' });
    const root = folder({ 'template.yaml': MANIFEST, 'brief.hbs': '{{> p}}\n' });
    symlinkSync(outside, join(root, 'partials'));
    const viaLink = await checkTemplate(root, { files: buffersOver(root, { 'partials/p.hbs': 'buffered\n' }) });
    expect(viaLink).toContainEqual(expect.objectContaining({ severity: 'error', code: 'TEMPLATE_CONFINEMENT' }));

    const fontRoot = folder({ 'template.yaml': MANIFEST, 'brief.hbs': 'x\n' });
    const manifest = `${MANIFEST}fonts:\n  families:\n    house:\n      regular: ../house.ttf\n`;
    const files = overlayFiles(diskFiles, new Map<string, OverlayEntry>([
      [join(fontRoot, 'template.yaml'), { content: manifest, mtimeMs: --stamp }],
      [join(dirname(fontRoot), 'house.ttf'), { content: new Uint8Array(readFileSync('assets/fonts/Inter-Regular.ttf')), mtimeMs: --stamp }],
    ]));
    const found = await checkTemplate(fontRoot, { files });
    const refused = found.find((d) => d.code === 'TEMPLATE_CONFINEMENT');
    expect(refused?.location).toMatchObject({ file: join(fontRoot, 'template.yaml'), line: 9 });
  });

  it('lists a section buffer only in its own folder', async () => {
    const elsewhere = folder();
    const files = overlayFiles(diskFiles, new Map([[join(elsewhere, 'ghost.md'), { content: '---\nid: ghost\ntitle: Ghost\nsummary: S.\n---\nBoo.\n', mtimeMs: --stamp }]]));
    await expect(buildBrief({ ...defaultSpec(), title: 'T', date: '2024-01-01', sections: ['ghost'] }, { sectionDirs: [sectionsDir], files })).rejects.toMatchObject({ code: 'SECTION_UNKNOWN' });
  });
});

describe('errors in buffers name the real file and line', () => {
  const root = folder({ 'template.yaml': MANIFEST, 'brief.hbs': '# Fine\n\n{{> part}}\n', 'partials/part.hbs': 'Fine.\n' });

  it('in brief.hbs, a partial and template.yaml', async () => {
    await expect(build(root, buffersOver(root, { 'brief.hbs': '# Title\n\nSee {{brief.date}\n' }))).rejects.toMatchObject({
      code: 'TEMPLATE_SYNTAX',
      location: { file: join(root, 'brief.hbs'), line: 3 },
    });
    await expect(build(root, buffersOver(root, { 'partials/part.hbs': 'One\n{{#each sections}}\n' }))).rejects.toMatchObject({
      location: { file: join(root, 'partials', 'part.hbs') },
    });
    await expect(build(root, buffersOver(root, { 'template.yaml': 'name: X\npage:\n  size: Tabloid\n' }))).rejects.toMatchObject({
      code: 'TEMPLATE_INVALID',
      location: { file: join(root, 'template.yaml'), line: 3 },
    });
    const diagnostics = await checkTemplate(root, { files: buffersOver(root, { 'brief.hbs': '# Title\n\nSee {{brief.date}\n' }) });
    expect(diagnostics[0]).toMatchObject({ severity: 'error', location: { file: join(root, 'brief.hbs'), line: 3 } });
  });

  it('in a brief spec', async () => {
    const spec = join(root, 'unsaved.brief.yaml');
    const files = buffersOver(root, { 'unsaved.brief.yaml': 'title: Unsaved\ndate: 2024-13-45\nsections: [notes]\n' });
    await expect(readSpecFile(spec, files)).rejects.toMatchObject({ code: 'SPEC_INVALID', location: { file: spec, line: 2 } });
    const good = buffersOver(root, { 'unsaved.brief.yaml': 'title: Unsaved but fine\nsections: [notes]\n' });
    expect((await readSpecFile(spec, good)).spec.title).toBe('Unsaved but fine');
  });
});

describe('overlayFiles', () => {
  it('shows the folders that hold buffers, and keeps the disk’s links for real paths', () => {
    const root = folder({ 'a.txt': 'disk' });
    const outside = folder();
    symlinkSync(outside, join(root, 'out'));
    const files = buffersOver(root, { 'new/deeper/b.txt': 'buffer', 'out/c.txt': 'buffer' });
    expect(files.listFolderSync(root).sort()).toEqual(['a.txt', 'new', 'out']);
    expect(files.statSync(join(root, 'new'))).toMatchObject({ isDirectory: true });
    expect(files.statSync(join(root, 'new', 'deeper', 'b.txt'))).toMatchObject({ isFile: true, size: 6 });
    expect(files.realpathSync(join(root, 'new', 'deeper', 'b.txt'))).toBe(join(root, 'new', 'deeper', 'b.txt'));
    // Under a link, the real path is where the link leads, so confinement sees it leave.
    expect(files.realpathSync(join(root, 'out'))).toBe(outside);
    expect(files.realpathSync(join(root, 'out', 'c.txt'))).toBe(join(outside, 'c.txt'));
    expect(files.statSync(join(root, 'missing.txt'))).toBeUndefined();
  });
});

/** A small JPEG: the first page of `result` drawn by poppler at a few dots per inch. */
function jpegOf(result: BuildResult): Uint8Array {
  const dir = folder();
  writeFileSync(join(dir, 'in.pdf'), result.pdf);
  execFileSync('pdftoppm', ['-jpeg', '-r', '8', '-singlefile', join(dir, 'in.pdf'), join(dir, 'page')]);
  return new Uint8Array(readFileSync(join(dir, 'page.jpg')));
}
