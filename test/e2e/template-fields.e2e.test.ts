/**
 * The title block shows the chosen template's own fields, in Debian's
 * Chromium over the real IPC handlers and engine: the house template (a
 * fixture the guide describes) declares a required decision, people who
 * cleared the note, a priority and a deadline. Inputs are checked as the
 * user types, and the exported PDF carries what was typed.
 */
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentSession } from '../../main/app/document-session.js';
import { createIpcHandlers } from '../../main/app/ipc-handlers.js';
import { RecentFiles } from '../../main/app/recent-files.js';
import { RenderClient } from '../../main/app/render-client.js';
import { SettingsStore } from '../../main/app/settings.js';
import { TemplateScratch } from '../../main/app/template-scratch.js';
import { builtInSectionsDir, builtInTemplatesDir } from '../../main/engine/paths.js';
import { readPdf, tempAppDirs } from '../app/fixtures.js';
import { spawnTsWorker } from '../app/ts-worker.js';
import { buildRenderer } from './support/build-renderer.js';
import { installBridge, type BridgeLog } from './support/bridge.js';
import { serveFolder, type StaticServer } from './support/static-server.js';

const HOUSE = resolve(import.meta.dirname, '../fixtures/templates/house');
const SCREENSHOTS = resolve(import.meta.dirname, '../../test-output/screenshots');
const UI_WAIT = 60_000;

const dirs = tempAppDirs('brief-studio-fields-e2e-');
const pdfPaths: string[] = [];
const renderer = new RenderClient({ spawn: () => spawnTsWorker() });
const exporter = new RenderClient({ spawn: () => spawnTsWorker() });
const checker = new RenderClient({ spawn: () => spawnTsWorker() });
const scratch = new TemplateScratch();

let browser: Browser;
let page: Page;
let server: StaticServer;
let bridgeLog: BridgeLog;
const pageErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  cpSync(HOUSE, join(dirs.userTemplates, 'house'), { recursive: true });
  server = await serveFolder(await buildRenderer());
  const handlers = createIpcHandlers({
    folders: { builtInSectionsDir: builtInSectionsDir(), builtInTemplatesDir: builtInTemplatesDir(), userSectionsDir: dirs.userSections, userTemplatesDir: dirs.userTemplates, documentsDir: dirs.documents },
    previewRenderer: renderer,
    exportRenderer: exporter,
    templateChecker: checker,
    templateScratch: scratch,
    dialogs: {
      chooseBriefToOpen: () => Promise.resolve(undefined),
      chooseBriefSavePath: () => Promise.resolve(undefined),
      choosePdfSavePath: () => Promise.resolve(pdfPaths.shift()),
      confirmUnsavedChanges: () => Promise.resolve('cancel'),
      confirmDeleteTemplate: () => Promise.resolve(false),
    },
    shell: { openPath: () => Promise.resolve(''), showItemInFolder: () => undefined, openWebLink: () => Promise.resolve(true) },
    settings: new SettingsStore(dirs.userData),
    recent: new RecentFiles(dirs.userData),
    today: () => '2024-06-03',
  });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, deviceScaleFactor: 1 });
  page.setDefaultTimeout(UI_WAIT);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  bridgeLog = await installBridge(page, handlers, {
    session: new DocumentSession(),
    window: { setDocumentState: () => undefined, close: () => undefined, print: () => Promise.resolve({ printed: false }) },
  });
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: UI_WAIT });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await Promise.all([renderer.dispose(), exporter.dispose(), checker.dispose()]);
  scratch.dispose();
});

describe('the title block shows the chosen template’s fields', () => {
  it('shows no template fields for the memo, which declares none', async () => {
    expect(await page.locator('#template-memo').isChecked()).toBe(true);
    expect(await page.isHidden('#template-fields')).toBe(true);
  });

  it('shows one input per declared field, with label and help, once the house template is chosen', async () => {
    await page.check('#template-house');
    await page.waitForSelector('#template-fields:not([hidden])');
    expect(await page.locator('#template-fields label').allTextContents()).toEqual(['Decision requested *', 'Cleared by', 'Priority', 'Decision needed by']);
    expect(await page.locator('#template-field-decision').evaluate((e) => e.tagName)).toBe('TEXTAREA');
    expect(await page.locator('#template-field-priority option').allTextContents()).toEqual(['—', 'Routine', 'Priority', 'Immediate']);
    expect(await page.inputValue('#template-field-priority')).toBe('Routine'); // the declared default
    expect(await page.getAttribute('#template-field-deadline', 'type')).toBe('date');
    expect(await page.locator('#template-field-decision-help').textContent()).toContain('What the reader is asked to decide');
    // Required and empty: marked before the user types anything.
    expect(await page.getAttribute('#template-field-decision', 'aria-invalid')).toBe('true');
    expect(await page.locator('#template-field-decision-error').textContent()).toBe('Decision requested is required by this template.');
  });

  it('checks a value as the user types', async () => {
    await page.fill('#template-field-decision', 'Approve the framework agreement.');
    expect(await page.getAttribute('#template-field-decision', 'aria-invalid')).toBe('false');
    expect(await page.locator('#template-field-decision-error').textContent()).toBe('');
    await page.fill('#template-field-clearedBy', 'A. Tanaka; B. Smith');
    expect(await page.getAttribute('#template-field-clearedBy', 'aria-invalid')).toBe('false');
  });

  it('sends the values with the draft and exports a PDF that carries them', async () => {
    await page.check('#include-space-agreement');
    await page.selectOption('#template-field-priority', 'Immediate');
    await page.screenshot({ path: join(SCREENSHOTS, 'fields-01-house-title-block.png') });
    await expect
      .poll(() => {
        const last = bridgeLog.calls.filter((c) => c.name === 'renderPreview').pop()?.request as { draft?: { fields?: unknown } } | undefined;
        return last?.draft?.fields;
      })
      .toEqual({ decision: 'Approve the framework agreement.', clearedBy: ['A. Tanaka', 'B. Smith'], priority: 'Immediate' });
    const target = join(dirs.documents, 'house.pdf');
    pdfPaths.push(target);
    await page.click('button[data-command="export-pdf"]');
    await page.locator('.toast.success', { hasText: 'Exported house.pdf' }).waitFor({ timeout: UI_WAIT });
    const pdf = await readPdf(readFileSync(target));
    expect(pdf.text).toContain('Approve the framework agreement.');
    expect(pdf.text).toContain('Cleared by: A. Tanaka; B. Smith');
    expect(pdf.text).toContain('DECISION NOTE · IMMEDIATE');
    expect(pageErrors).toEqual([]);
  });
});
