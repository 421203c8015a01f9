/**
 * "Choose another location" after an export the folder refused is the same
 * export: in Debian's Chromium over the real IPC handlers, the unsaved-edits
 * question is asked once; the retry keeps the answer ("Export without
 * saving", "Save all and export") and the PDF and the section file show it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sectionFile } from '../app/fixtures.js';
import { readPdf } from '../helpers/pdf-read.js';
import { startAppHarness, UI_WAIT, type AppHarness } from './support/app-harness.js';

const SAVED = 'Launch windows open in June.';

let app: AppHarness;
let page: Page;
let sectionPath: string;

beforeAll(async () => {
  app = await startAppHarness({
    prefix: 'brief-studio-export-retry-e2e-',
    viewport: { width: 1440, height: 1000 },
    seed: (dirs) => {
      sectionPath = join(dirs.userSections, 'launch-notes.md');
      writeFileSync(sectionPath, sectionFile('launch-notes', 'Launch notes', SAVED));
    },
  });
  page = app.page;
});

afterAll(async () => {
  await app?.close();
});

/** The page's question (not the Print / Handout dialog). */
const prompt = () => page.locator('dialog.page-dialog:not(.handout-dialog)');
const pdfText = async (path: string) => (await readPdf(readFileSync(path))).pages.map((p) => p.text).join('\n').replace(/\s+/g, ' ');

async function typeUnsaved(words: string): Promise<void> {
  await page.locator('#section-body-host .cm-line').last().click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(` ${words}`);
  await page.waitForSelector('#section-editor:not([data-pending])');
  await page.waitForFunction(() => document.body.dataset.previewState === 'current', undefined, { timeout: UI_WAIT });
}

/**
 * Export to a folder that does not exist, answer the question with `answer`,
 * then (after `meanwhile`, typed while the error shows) choose another location.
 */
async function exportRefusedThenRetry(answer: string, fileName: string, meanwhile?: () => Promise<void>): Promise<string> {
  app.answers.pdfPath.push(join(app.dirs.root, 'gone-folder', fileName));
  await page.click('button[data-command="export-pdf"]');
  await prompt().waitFor({ state: 'visible' });
  expect(await prompt().locator('.page-dialog-title').textContent()).toBe('Unsaved changes');
  await prompt().locator('button', { hasText: answer }).click();
  await prompt().waitFor({ state: 'detached' });
  const error = page.locator('.toast.error', { hasText: 'The PDF was not exported' });
  await error.waitFor({ timeout: UI_WAIT });

  await meanwhile?.();
  const target = join(app.dirs.documents, fileName);
  app.answers.pdfPath.push(target);
  await error.locator('.toast-action', { hasText: 'Choose another location' }).click();
  const done = page.locator('.toast.success', { hasText: `Exported ${fileName}` });
  // The retry goes straight to the save dialog and the export: no second question at any point.
  await Promise.race([
    done.waitFor({ timeout: UI_WAIT }),
    prompt()
      .waitFor({ state: 'visible', timeout: UI_WAIT })
      .then(() => {
        throw new Error('the unsaved-edits question was asked again');
      }),
  ]);
  expect(await prompt().count()).toBe(0);
  await done.locator('.toast-close').click();
  return target;
}

describe('"Choose another location" keeps the answer about unsaved edits', () => {
  it('opens the section and types without saving', async () => {
    await page.check('#include-launch-notes');
    await page.click('[data-edit-section="launch-notes"]');
    await page.waitForSelector('#section-editor[data-ready="launch-notes"]');
    await typeUnsaved('Window moved two days.');
    expect(await page.isVisible('#section-editor-unsaved')).toBe(true);
  });

  it('"Export without saving": the retry exports the unsaved text without asking, and the file stays as saved', async () => {
    const target = await exportRefusedThenRetry('Export without saving', 'as-shown.pdf');
    expect(await pdfText(target)).toContain('Window moved two days.');
    expect(readFileSync(sectionPath, 'utf8')).not.toContain('Window moved two days.');
    expect(await page.isVisible('#section-editor-unsaved')).toBe(true);
  });

  it('"Save all and export": what is typed before the retry is saved the same way, without asking again', async () => {
    const target = await exportRefusedThenRetry('Save all and export', 'saved.pdf', () => typeUnsaved('Then one more day.'));
    const saved = readFileSync(sectionPath, 'utf8');
    expect(saved).toContain('Window moved two days.');
    expect(saved).toContain('Then one more day.');
    expect(await pdfText(target)).toContain('Then one more day.');
    await expect.poll(() => page.isVisible('#section-editor-unsaved')).toBe(false);
  });
});
