/**
 * Packaging smoke test: build the app, package it with electron-builder --dir
 * over a stub Electron distribution (the real binary cannot be downloaded
 * here), then check what the package holds and run its main process and its
 * render worker under plain Node.
 */
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultSpec } from '../../main/engine/spec-schema.js';
import { invokeChannels, invokeNames } from '../../main/shared/ipc-contract.js';
import { readPdf } from '../app/fixtures.js';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const asar = createRequire(import.meta.url)('@electron/asar') as { listPackage(path: string): string[]; extractAll(archive: string, dest: string): void };

const work = mkdtempSync(join(tmpdir(), 'brief-studio-package-'));
const stubDist = join(work, 'electron-dist');
const output = join(work, 'release');
const unpacked = join(output, 'linux-unpacked');
const extracted = join(work, 'app');
let files: string[] = [];
const electronVersion = (JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;

/** What electron-builder needs from an Electron distribution on Linux: the executable it renames, and the folders beside it. */
function makeStubElectron(): void {
  mkdirSync(join(stubDist, 'resources'), { recursive: true });
  mkdirSync(join(stubDist, 'locales'), { recursive: true });
  writeFileSync(join(stubDist, 'electron'), '#!/bin/sh\necho "stub Electron"\n');
  chmodSync(join(stubDist, 'electron'), 0o755);
  writeFileSync(join(stubDist, 'version'), electronVersion);
  writeFileSync(join(stubDist, 'LICENSE'), 'stub');
  writeFileSync(join(stubDist, 'LICENSES.chromium.html'), 'stub');
}

beforeAll(async () => {
  makeStubElectron();
  await run('npx', ['electron-vite', 'build'], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
  await run('npx', ['electron-builder', '--linux', '--dir', `-c.electronDist=${stubDist}`, `-c.directories.output=${output}`], {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
  });
  files = asar.listPackage(join(unpacked, 'resources', 'app.asar')).map((f) => f.replace(/\\/g, '/'));
  asar.extractAll(join(unpacked, 'resources', 'app.asar'), extracted);
}, 600_000);

describe('packaged app (electron-builder --dir)', () => {
  it('renames the Electron executable after the product', () => {
    expect(existsSync(join(unpacked, 'brief-studio'))).toBe(true);
    expect(existsSync(join(unpacked, 'resources', 'app.asar'))).toBe(true);
  });

  it('holds the built main process, preload and renderer', () => {
    for (const file of ['/out/main/index.js', '/out/main/render-worker.js', '/out/preload/index.cjs', '/out/renderer/index.html']) expect(files).toContain(file);
    expect(files.some((f) => /^\/out\/renderer\/assets\/pdf\.worker.*\.mjs$/.test(f))).toBe(true);
    expect(files.some((f) => /^\/out\/renderer\/assets\/index-.*\.js$/.test(f))).toBe(true);
    const html = readFileSync(join(extracted, 'out/renderer/index.html'), 'utf8');
    expect(html).toContain("default-src 'none'");
    expect(html).not.toContain('unsafe-eval');
    const pkg = JSON.parse(readFileSync(join(extracted, 'package.json'), 'utf8')) as { main: string; name: string };
    expect(pkg).toMatchObject({ name: 'brief-studio', main: 'out/main/index.js' });
  });

  it('holds the templates, the fonts with their licences and the built-in sections', () => {
    for (const template of ['memo', 'one-pager', 'handout']) expect(files).toContain(`/templates/${template}/template.yaml`);
    const fonts = files.filter((f) => f.startsWith('/assets/fonts/'));
    expect(fonts.filter((f) => f.endsWith('.ttf')).length).toBeGreaterThanOrEqual(3);
    for (const licence of ['Inter-OFL.txt', 'SourceSerif4-OFL.txt', 'NotoSansJP-OFL.txt']) expect(fonts).toContain(`/assets/fonts/${licence}`);
    expect(files).toContain('/assets/sections/space-agreement.md');
  });

  it('holds the runtime dependencies and no sources or tests', () => {
    for (const dep of ['pdfkit', 'fontkit', 'handlebars', 'markdown-it', 'yaml', 'zod', 'chokidar']) expect(files).toContain(`/node_modules/${dep}/package.json`);
    expect(files.some((f) => f.startsWith('/test/') || f.startsWith('/main/') || f.startsWith('/renderer/'))).toBe(false);
    expect(files.some((f) => f.startsWith('/node_modules/electron/') || f.startsWith('/node_modules/vitest/'))).toBe(false);
  });

  it('renders a brief with the packaged render worker', async () => {
    const worker = new Worker(join(extracted, 'out/main/render-worker.js'));
    try {
      const reply = await new Promise<{ type: string; pdf?: Uint8Array; error?: unknown }>((done, fail) => {
        worker.on('message', (message: { type: string }) => void (message.type !== 'ready' && done(message)));
        worker.once('error', fail);
        worker.postMessage({ type: 'render', id: 1, spec: defaultSpec(), sectionDirs: [], templateDirs: [] });
      });
      expect(reply.type, JSON.stringify(reply.error)).toBe('rendered');
      const pdf = await readPdf(reply.pdf!);
      expect(pdf.text).toContain(defaultSpec().title.slice(0, 20));
    } finally {
      await worker.terminate();
    }
  });

  it('checks a template with the packaged render worker (the template editor\'s diagnostics)', async () => {
    const worker = new Worker(join(extracted, 'out/main/render-worker.js'));
    const seen: string[] = [];
    try {
      const reply = await new Promise<{ type: string; diagnostics?: unknown[]; error?: unknown }>((done, fail) => {
        worker.on('message', (message: { type: string }) => {
          seen.push(message.type);
          if (message.type !== 'ready') done(message);
        });
        worker.once('error', fail);
        worker.postMessage({ type: 'check', id: 1, dir: join(extracted, 'templates', 'memo') });
      });
      expect(reply, JSON.stringify(reply.error)).toEqual({ type: 'checked', id: 1, diagnostics: [] });
      // The worker says 'ready' first, once its engine is loaded: the client's time limits start there.
      expect(seen).toEqual(['ready', 'checked']);
    } finally {
      await worker.terminate();
    }
  });

  it('starts the packaged main process: locked-down window, every IPC channel, real handlers', async () => {
    const userData = join(work, 'user-data');
    mkdirSync(userData, { recursive: true });
    const { stdout } = await run(process.execPath, ['--import', resolve(import.meta.dirname, 'fake-electron-register.mjs'), join(extracted, 'out/main/index.js')], {
      env: { ...process.env, FAKE_USER_DATA: userData, ELECTRON_RENDERER_URL: '' },
      timeout: 240_000,
    });
    const line = stdout.split('\n').find((l) => l.startsWith('SMOKE '));
    expect(line, stdout).toBeDefined();
    const report = JSON.parse(line!.slice(6)) as {
      windows: { url: string; pageExists: boolean; preloadExists: boolean; contextIsolation: boolean; sandbox: boolean; nodeIntegration: boolean }[];
      channels: string[];
      calls: { sections: string[]; templates: string[]; preview: { status: string; pageCount: number; header: string }; badPayload: string };
    };
    expect(report.windows).toHaveLength(1);
    expect(report.windows[0]).toMatchObject({ pageExists: true, preloadExists: true, contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(report.windows[0]!.url).toMatch(/^file:.*\/out\/renderer\/index\.html$/);
    expect(report.channels).toEqual(invokeNames.map((n) => invokeChannels[n].channel).sort());
    expect(report.calls.sections).toContain('space-agreement');
    expect(report.calls.templates).toEqual(expect.arrayContaining(['memo', 'one-pager', 'handout']));
    expect(report.calls.preview).toMatchObject({ status: 'rendered', header: '%PDF-' });
    expect(report.calls.badPayload).toMatch(/invalid request/);
    // User folders were created for the user's own sections and templates.
    expect(existsSync(join(userData, 'sections'))).toBe(true);
    expect(existsSync(join(userData, 'templates'))).toBe(true);
  }, 300_000);
});
