/**
 * The title block's date in Debian's Chromium over the real IPC handlers: a
 * date with its year erased is not "no date". The field is marked, the
 * problem is listed, and the brief is neither built nor saved with a date
 * other than the one on screen.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSpecFile } from '../../main/engine/spec.js';
import { startAppHarness, UI_WAIT, type AppHarness } from './support/app-harness.js';

let app: AppHarness;
let page: Page;
let saved: string;

const problems = () => page.locator('#problem-list').textContent();
const dateInvalid = () => page.getAttribute('#field-date', 'aria-invalid');

async function save(): Promise<void> {
  await page.click('button[data-command="save"]');
}

describe('a date not fully typed', () => {
  beforeAll(async () => {
    app = await startAppHarness({ prefix: 'brief-studio-title-date-e2e-' });
    page = app.page;
    saved = join(app.dirs.documents, 'dated.brief.yaml');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('starts from a brief saved with a whole date', async () => {
    await page.check('#include-space-agreement');
    await page.fill('#field-title', 'Dated brief');
    await page.fill('#field-date', '2024-12-31');
    app.answers.briefPath.push(saved);
    await save();
    await expect.poll(() => page.textContent('#document-name')).toBe('dated.brief.yaml');
    expect(await loadSpecFile(saved)).toMatchObject({ date: '2024-12-31' });
    // Its pages are drawn: those a problem leaves out of date.
    await page.waitForFunction(() => Number(document.body.dataset.previewSequence ?? 0) > 0, undefined, { timeout: UI_WAIT });
  });

  it('marks the field and lists the problem when the year is erased, and refuses to save', async () => {
    // The date's first part has the focus; the year is its third part (month, day, year).
    await page.focus('#field-date');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Backspace');
    expect(await page.locator('#field-date').evaluate((input: HTMLInputElement) => input.validity.badInput)).toBe(true);

    await expect.poll(dateInvalid).toBe('true');
    await expect.poll(problems).toContain('Date is incomplete: enter day, month and year, or clear it to date the brief the day it is built.');
    // The pages are not built with another date: they are marked out of date, with the reason.
    await page.locator('#preview-pages[data-stale="error"]').waitFor({ state: 'attached', timeout: UI_WAIT });
    expect(await page.textContent('#preview-stale')).toContain('Date is incomplete');

    await save();
    const refused = page.locator('.toast.error', { hasText: 'The brief was not saved' });
    await refused.waitFor({ timeout: UI_WAIT });
    expect(await refused.textContent()).toContain('Date is incomplete');
    expect(readFileSync(saved, 'utf8')).toMatch(/^date: 2024-12-31$/m);
    expect(await page.isVisible('#dirty-mark')).toBe(true);
  });

  it('is a date again once the year is typed, and saves it', async () => {
    await page.fill('#field-date', '2025-01-15');
    await expect.poll(dateInvalid).toBe(null);
    await save();
    await expect.poll(async () => (await loadSpecFile(saved)).date).toBe('2025-01-15');
  });

  it('is no date at all once cleared, as the field says', async () => {
    await page.fill('#field-date', '');
    await expect.poll(dateInvalid).toBe(null);
    await save();
    await expect.poll(async () => (await loadSpecFile(saved)).date).toBe(undefined);
  });

  it('is incomplete, too, when only a month and day are typed into the empty field and it is left', async () => {
    await page.focus('#field-date');
    await page.keyboard.type('1231');
    await page.focus('#field-author');
    await expect.poll(dateInvalid).toBe('true');
    await expect.poll(problems).toContain('Date is incomplete');
    await page.fill('#field-date', '');
    await expect.poll(dateInvalid).toBe(null);
    expect(app.pageErrors).toEqual([]);
  });
});
