/**
 * The title block shows the chosen template's own fields, in Debian's
 * Chromium over the real IPC handlers and engine: the house template (a
 * fixture the guide describes) declares a required decision, people who
 * cleared the note, a priority and a deadline. Inputs are checked as the
 * user types, and the exported PDF carries what was typed.
 */
import { cpSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPdf } from '../app/fixtures.js';
import { startAppHarness, SCREENSHOTS, UI_WAIT, type AppHarness } from './support/app-harness.js';
import type { BridgeLog } from './support/bridge.js';

const HOUSE = resolve(import.meta.dirname, '../fixtures/templates/house');

let app: AppHarness;
let page: Page;
let bridgeLog: BridgeLog;
let pageErrors: string[];

beforeAll(async () => {
  app = await startAppHarness({
    prefix: 'brief-studio-fields-e2e-',
    viewport: { width: 1440, height: 1000 },
    seed: (dirs) => cpSync(HOUSE, join(dirs.userTemplates, 'house'), { recursive: true }),
  });
  ({ page, bridgeLog, pageErrors } = app);
});

afterAll(async () => {
  await app?.close();
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
    const target = join(app.dirs.documents, 'house.pdf');
    app.answers.pdfPath.push(target);
    await page.click('button[data-command="export-pdf"]');
    await page.locator('.toast.success', { hasText: 'Exported house.pdf' }).waitFor({ timeout: UI_WAIT });
    const pdf = await readPdf(readFileSync(target));
    expect(pdf.text).toContain('Approve the framework agreement.');
    expect(pdf.text).toContain('Cleared by: A. Tanaka; B. Smith');
    expect(pdf.text).toContain('DECISION NOTE · IMMEDIATE');
    expect(pageErrors).toEqual([]);
  });
});
