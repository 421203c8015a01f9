/**
 * Export and Print with an unsaved section edit, in Debian's Chromium over
 * the real IPC handlers and engine: the section is edited in the section
 * editor and not saved; Export asks first (Save all and export / Export
 * without saving / Cancel) and each choice does what it says; the PDF,
 * read back with pdf.js, holds the text the preview shows; the section's
 * file changes only when the user chose to save. Print asks the same, and
 * its sheets carry the same text.
 */
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IpcHandlers } from '../../main/app/ipc-handlers.js';
import { builtInTemplatesDir } from '../../main/engine/paths.js';
import { sectionFile } from '../app/fixtures.js';
import { readPdf } from '../helpers/pdf-read.js';
import { textOfLastPreview as textOfLastPreviewOf } from './support/preview-text.js';
import { startAppHarness, SCREENSHOTS, UI_WAIT, type AppHarness } from './support/app-harness.js';
import { seriousViolations } from './support/axe.js';
import { typeAtEnd } from './support/code-editor.js';

const SAVED = 'Launch windows open in June.';
const UNSAVED = 'Window moved two days.';

let app: AppHarness;
let page: Page;
let sectionPath: string;

beforeAll(async () => {
  app = await startAppHarness({
    prefix: 'brief-studio-export-unsaved-e2e-',
    viewport: { width: 1440, height: 1000 },
    seed: (dirs) => {
      sectionPath = join(dirs.userSections, 'launch-notes.md');
      writeFileSync(sectionPath, sectionFile('launch-notes', 'Launch notes', SAVED));
      cpSync(join(builtInTemplatesDir(), 'memo'), join(dirs.userTemplates, 'house'), { recursive: true });
    },
  });
  page = app.page;
});

afterAll(async () => {
  await app?.close();
});

/** The page's question (not the Print / Handout dialog, which is a page dialog too). */
const prompt = () => page.locator('dialog.page-dialog:not(.handout-dialog)');
/** The PDF's text with line breaks as spaces (a sentence may wrap). */
const pdfText = async (bytes: Uint8Array) => (await readPdf(bytes)).pages.map((p) => p.text).join('\n').replace(/\s+/g, ' ');
const callsOf = (name: string) => app.bridgeLog.calls.filter((call) => call.name === name);

/** Wait until the preview matches the form (main has the section's text and the preview drew it). */
async function previewSettled(): Promise<void> {
  await page.waitForSelector('#section-editor:not([data-pending])');
  await page.waitForFunction(() => document.body.dataset.previewState === 'current', undefined, { timeout: UI_WAIT });
}

/** The text of the preview the page last asked for, rendered again through the real handler (same buffers in main). */
const textOfLastPreview = async () => (await textOfLastPreviewOf(app)).replace(/\s+/g, ' ');

async function choose(label: string): Promise<void> {
  await prompt().locator('button', { hasText: label }).click();
  await prompt().waitFor({ state: 'detached' });
}

describe('export and print with an unsaved section edit', () => {
  it('edits a chosen section in the section editor without saving; the preview shows the unsaved text', async () => {
    await page.check('#include-launch-notes');
    await page.click('[data-edit-section="launch-notes"]');
    await page.waitForSelector('#section-editor[data-ready="launch-notes"]');
    await page.locator('#section-body-host .cm-line').last().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(` ${UNSAVED}`);
    await previewSettled();
    expect(await page.isVisible('#section-editor-unsaved')).toBe(true);
    expect(await textOfLastPreview()).toContain(UNSAVED);
    expect(readFileSync(sectionPath, 'utf8')).not.toContain(UNSAVED);
  });

  it('Export asks first, naming the file; Cancel exports nothing', async () => {
    const exportsBefore = callsOf('exportPdf').length;
    await page.click('button[data-command="export-pdf"]');
    await prompt().waitFor({ state: 'visible' });
    expect(await prompt().locator('.page-dialog-title').textContent()).toBe('Unsaved changes');
    expect(await prompt().locator('.page-dialog-hint').textContent()).toContain('“launch-notes.md” (section)');
    expect(await prompt().locator('button').allTextContents()).toEqual(['Cancel', 'Export without saving', 'Save all and export']);
    await page.screenshot({ path: join(SCREENSHOTS, 'export-unsaved-prompt.png') });
    expect(await seriousViolations(page)).toEqual([]);
    // The safe choice has the focus: Enter saves first, it never loses anything.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Save all and export');
    await choose('Cancel');
    await expect.poll(() => page.evaluate(() => document.body.classList.contains('is-busy'))).toBe(false);
    expect(callsOf('exportPdf').length).toBe(exportsBefore);
    expect(readdirSync(app.dirs.documents)).toEqual([]);
  });

  it('"Export without saving" writes the PDF the preview shows and leaves the section file as saved', async () => {
    const target = join(app.dirs.documents, 'as-shown.pdf');
    app.answers.pdfPath.push(target);
    await page.click('button[data-command="export-pdf"]');
    await prompt().waitFor({ state: 'visible' });
    await choose('Export without saving');
    const toast = page.locator('.toast.success', { hasText: 'Exported as-shown.pdf' });
    await toast.waitFor({ timeout: UI_WAIT });

    const pdf = await readPdf(readFileSync(target));
    expect(await pdfText(readFileSync(target))).toContain(UNSAVED);
    // The page count shown with the export is the file's, and the preview's.
    expect(await toast.locator('.toast-detail').textContent()).toContain(`${pdf.pageCount} ${pdf.pageCount === 1 ? 'page' : 'pages'} · ${target}`);
    expect(pdf.pageCount).toBe(Number(await page.locator('#preview-pages').getAttribute('data-page-count')));
    expect(readFileSync(sectionPath, 'utf8')).not.toContain(UNSAVED);
    expect(await page.isVisible('#section-editor-unsaved')).toBe(true);
    expect(readdirSync(app.dirs.documents)).toEqual(['as-shown.pdf']);
    await toast.locator('.toast-close').click();
  });

  it('Print asks the same; Cancel opens nothing, "Print without saving" makes sheets with the unsaved text', async () => {
    await page.click('button[data-command="print"]');
    await prompt().waitFor({ state: 'visible' });
    expect(await prompt().locator('button').allTextContents()).toEqual(['Cancel', 'Print without saving', 'Save all and print']);
    await choose('Cancel');
    await expect.poll(() => page.evaluate(() => document.body.classList.contains('is-busy'))).toBe(false);
    expect(await page.locator('dialog.handout-dialog').count()).toBe(0);

    const previewsBefore = callsOf('previewHandout').length;
    await page.click('button[data-command="print"]');
    await prompt().waitFor({ state: 'visible' });
    await choose('Print without saving');
    const dialog = page.locator('dialog.handout-dialog');
    await dialog.waitFor({ state: 'visible' });
    await expect.poll(() => dialog.locator('.handout-sheet canvas').count(), { timeout: UI_WAIT }).toBeGreaterThan(0);
    const request = callsOf('previewHandout').at(-1)!.request as Parameters<IpcHandlers['previewHandout']>[0];
    expect(callsOf('previewHandout').length).toBeGreaterThan(previewsBefore);
    expect(request.unsaved).toBe('include');
    const sheets = await app.handlers.previewHandout(request, app.context);
    if (sheets.status !== 'rendered') throw new Error(JSON.stringify(sheets));
    expect(await pdfText(sheets.pdf)).toContain(UNSAVED);

    // Export… from the dialog writes those sheets, the section file still as saved.
    const target = join(app.dirs.documents, 'sheets.pdf');
    app.answers.pdfPath.push(target);
    await dialog.locator('button', { hasText: 'Export…' }).click();
    await page.locator('.toast.success', { hasText: 'Exported sheets.pdf' }).waitFor({ timeout: UI_WAIT });
    expect(await pdfText(readFileSync(target))).toContain(UNSAVED);
    expect(readFileSync(sectionPath, 'utf8')).not.toContain(UNSAVED);
  });

  it('"Save all and export" saves the section first, then exports; the next export asks nothing', async () => {
    const target = join(app.dirs.documents, 'saved.pdf');
    app.answers.pdfPath.push(target);
    await page.click('button[data-command="export-pdf"]');
    await prompt().waitFor({ state: 'visible' });
    await choose('Save all and export');
    await page.locator('.toast.success', { hasText: 'Exported saved.pdf' }).waitFor({ timeout: UI_WAIT });
    expect(readFileSync(sectionPath, 'utf8')).toContain(UNSAVED);
    await page.waitForSelector('#section-editor-unsaved', { state: 'hidden' });
    expect(await pdfText(readFileSync(target))).toContain(UNSAVED);

    const again = join(app.dirs.documents, 'again.pdf');
    app.answers.pdfPath.push(again);
    await page.click('button[data-command="export-pdf"]');
    await page.locator('.toast.success', { hasText: 'Exported again.pdf' }).waitFor({ timeout: UI_WAIT });
    expect(await prompt().count()).toBe(0);
    expect(existsSync(again)).toBe(true);
    expect(app.pageErrors).toEqual([]);
  });
});

describe('export with an unsaved template edit', () => {
  const CLOSING = 'House closing line for review.';

  it('names the template file; "Export without saving" uses the edit, "Save all and export" saves it through the template editor first', async () => {
    await page.click('#section-close');
    await page.locator('#section-editor').waitFor({ state: 'hidden' });
    await page.check('#template-house');
    await page.click('#template-edit');
    await page.locator('#template-editor').waitFor({ state: 'visible' });
    await expect.poll(() => page.locator('#editor-file-list [aria-current="true"]').getAttribute('data-path')).toBe('brief.hbs');
    const hbs = join(app.dirs.userTemplates, 'house', 'brief.hbs');
    const onDisk = readFileSync(hbs, 'utf8');
    await typeAtEnd(page, `\n\n${CLOSING}\n`);
    await expect.poll(() => page.locator('#editor-file-list [data-path="brief.hbs"] .dirty-dot').count()).toBe(1);

    const shown = join(app.dirs.documents, 'template-as-shown.pdf');
    app.answers.pdfPath.push(shown);
    await page.click('button[data-command="export-pdf"]');
    await prompt().waitFor({ state: 'visible' });
    expect(await prompt().locator('.page-dialog-hint').textContent()).toContain('“house/brief.hbs” (template)');
    await choose('Export without saving');
    await page.locator('.toast.success', { hasText: 'Exported template-as-shown.pdf' }).waitFor({ timeout: UI_WAIT });
    expect(await pdfText(readFileSync(shown))).toContain(CLOSING);
    expect(readFileSync(hbs, 'utf8')).toBe(onDisk);

    const saved = join(app.dirs.documents, 'template-saved.pdf');
    app.answers.pdfPath.push(saved);
    await page.click('button[data-command="export-pdf"]');
    await prompt().waitFor({ state: 'visible' });
    await choose('Save all and export');
    await page.locator('.toast.success', { hasText: 'Exported template-saved.pdf' }).waitFor({ timeout: UI_WAIT });
    expect(readFileSync(hbs, 'utf8')).toContain(CLOSING);
    expect(await page.locator('#editor-file-list [data-path="brief.hbs"] .dirty-dot').count()).toBe(0);
    expect(await pdfText(readFileSync(saved))).toContain(CLOSING);
    expect(app.pageErrors).toEqual([]);
  });
});

describe('a section shown in the preview only because it is open in the section editor', () => {
  it('is named before exporting; Export makes the PDF as the preview shows it', async () => {
    await page.click('#editor-close');
    await page.locator('#template-editor').waitFor({ state: 'hidden' });
    await page.click('[data-edit-section="space-agreement"]');
    await page.waitForSelector('#section-editor[data-ready="space-agreement"]');
    await page.waitForFunction(() => document.body.dataset.previewState === 'current', undefined, { timeout: UI_WAIT });
    const target = join(app.dirs.documents, 'with-open-section.pdf');
    app.answers.pdfPath.push(target);
    await page.click('button[data-command="export-pdf"]');
    await prompt().waitFor({ state: 'visible' });
    expect(await prompt().locator('.page-dialog-title').textContent()).toBe('Section not in the brief');
    expect(await prompt().locator('.page-dialog-hint').textContent()).toContain('“space-agreement” is in the preview because it is open in the section editor');
    expect(await prompt().locator('button').allTextContents()).toEqual(['Cancel', 'Export']);
    await choose('Export');
    const toast = page.locator('.toast.success', { hasText: 'Exported with-open-section.pdf' });
    await toast.waitFor({ timeout: UI_WAIT });
    const pdf = await readPdf(readFileSync(target));
    expect(await pdfText(readFileSync(target))).toContain('Space Cooperation Framework Agreement');
    expect(pdf.pageCount).toBe(Number(await page.locator('#preview-pages').getAttribute('data-page-count')));
    expect(app.pageErrors).toEqual([]);
  });
});
