/**
 * A FIFO (or a folder) given as any input is an error at once, never a hang.
 * Each build runs in its own process: a read blocked on a FIFO would block a
 * whole thread, so only a process can be stopped from outside (the guard
 * below kills it; a hang fails the test instead of stalling the suite).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fontsDir } from '../main/engine/paths.js';

const root = resolve(import.meta.dirname, '..');
// The CLI from its sources (not a bundle that could be stale), whatever the working folder.
const tsxLoader = import.meta.resolve('tsx');
/** Only a guard against a hang: a working build takes a second or two even on a loaded machine. */
const HANG_GUARD_MS = 60_000;

function project(): string {
  const cwd = mkdtempSync(join(tmpdir(), 'brief-fifo-'));
  const template = join(cwd, 'house');
  mkdirSync(join(template, 'partials'), { recursive: true });
  mkdirSync(join(template, 'images'));
  mkdirSync(join(template, 'fonts'));
  writeFileSync(
    join(template, 'template.yaml'),
    'name: House\ndescription: A house style\nfonts:\n  families:\n    house: { regular: fonts/House.ttf }\nstyles:\n  body: { font: house }\n',
  );
  writeFileSync(join(template, 'brief.hbs'), '# {{brief.title}}\n\n{{> note}}\n\n![Seal](images/seal.png)\n');
  writeFileSync(join(template, 'partials', 'note.hbs'), 'A note.\n');
  copyFileSync(join(fontsDir(), 'Inter-Regular.ttf'), join(template, 'fonts', 'House.ttf'));
  mkdirSync(join(cwd, 'sections'));
  writeFileSync(
    join(cwd, 'sections', 'mine.md'),
    '---\nid: mine\ntitle: Mine\nsummary: My own section.\nsources:\n  - { id: s, title: T, publisher: P, date: "2023" }\n---\nBody.\n',
  );
  writeFileSync(join(cwd, 'plan.brief.yaml'), 'title: Plan\ndate: 2023-01-13\nsections: [mine]\n');
  return cwd;
}

function replaceWithFifo(path: string): void {
  rmSync(path, { recursive: true, force: true });
  execFileSync('mkfifo', [path]);
}

function build(cwd: string, args: string[] = []) {
  return spawnSync(process.execPath, ['--import', tsxLoader, join(root, 'main', 'cli-main.ts'), 'build', 'plan.brief.yaml', '--sections-dir', 'sections', '--template', './house', '-o', 'out.pdf', ...args], {
    cwd,
    encoding: 'utf8',
    timeout: HANG_GUARD_MS,
    env: { ...process.env, BRIEF_STUDIO_CACHE_DIR: join(cwd, 'cache') },
  });
}

describe.skipIf(process.platform === 'win32')('a non-regular file as input', { timeout: HANG_GUARD_MS + 15_000 }, () => {
  it('builds the project when every input is a regular file (the image is a PNG)', () => {
    const cwd = project();
    // A tiny valid PNG for the image input.
    writeFileSync(join(cwd, 'house', 'images', 'seal.png'), Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'));
    const result = build(cwd);
    expect(result.stderr).not.toMatch(/error/);
    expect(result.status).toBe(0);
  });

  it.each([
    ['spec', 'plan.brief.yaml'],
    ['section file', 'sections/mine.md'],
    ['template manifest', 'house/template.yaml'],
    ['template file', 'house/brief.hbs'],
    ['partial', 'house/partials/note.hbs'],
    ['font', 'house/fonts/House.ttf'],
    ['image', 'house/images/seal.png'],
  ])('a FIFO as the %s is a located error at once', (_kind, relative) => {
    const cwd = project();
    writeFileSync(join(cwd, 'house', 'images', 'seal.png'), 'placeholder');
    const fifo = join(cwd, relative);
    replaceWithFifo(fifo);
    const result = build(cwd);
    expect(result.error).toBeUndefined(); // not killed by the guard
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/named pipe \(FIFO\), not a regular file/);
    expect(result.stderr).toContain(fifo);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('a folder as the image is a located error', () => {
    const cwd = project();
    mkdirSync(join(cwd, 'house', 'images', 'seal.png'));
    const result = build(cwd);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${join(cwd, 'house', 'images', 'seal.png')}: The image`);
    expect(result.stderr).toMatch(/is a folder, not a regular file/);
  });
});
