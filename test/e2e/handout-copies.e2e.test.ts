/**
 * The Print / Handout dialog's number of copies, in Debian's Chromium over
 * the real IPC handlers and engine: a number that is not a whole number
 * from 1 to the most main makes (0, -3, 2.5, 1000) is marked on the field
 * with a message, and Print and Export wait until it is fixed; a good
 * number builds that many numbered copies, saying so while it prepares and
 * counting the sheet sides as it draws them.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_HANDOUT_COPIES } from '../../main/shared/ipc-contract.js';
import { startAppHarness, SCREENSHOTS, type AppHarness } from './support/app-harness.js';

let app: AppHarness;
let page: Page;

beforeAll(async () => {
  app = await startAppHarness({ prefix: 'brief-studio-handout-copies-e2e-' });
  page = app.page;
});

afterAll(async () => {
  await app?.close();
});

const dialog = () => page.locator('dialog.handout-dialog');
const copies = () => dialog().locator('#handout-copies');
const buttonsEnabled = async () => [await dialog().locator('button', { hasText: 'Print' }).isEnabled(), await dialog().locator('button', { hasText: 'Export' }).isEnabled()];
const status = () => dialog().locator('.handout-status').textContent();
const previewCalls = () => app.bridgeLog.calls.filter((c) => c.name === 'previewHandout').length;

describe('the number of copies in the Print dialog', () => {
  it('opens with one copy, its sheets built and Print and Export ready', async () => {
    await page.check('#include-space-agreement');
    await page.waitForFunction(() => document.body.dataset.previewState === 'current');
    await page.click('button[data-command="print"]');
    await dialog().waitFor({ state: 'visible' });
    await expect.poll(buttonsEnabled).toEqual([true, true]);
    expect(await status()).toContain('one copy');
    expect(await copies().getAttribute('aria-invalid')).toBe(null);
  });

  for (const typed of ['0', '-3', '2.5', String(MAX_HANDOUT_COPIES + 1), '']) {
    it(`marks “${typed}” as not a number of copies, and Print and Export wait until it is fixed`, async () => {
      await copies().fill(typed);
      await expect.poll(() => copies().getAttribute('aria-invalid')).toBe('true');
      expect(await dialog().locator('#handout-copies-error').textContent()).toBe(`Copies must be a whole number from 1 to ${MAX_HANDOUT_COPIES}.`);
      expect(await buttonsEnabled()).toEqual([false, false]);
      // No sheets are built for it (not quietly one copy, or two for 2.5).
      await expect.poll(status).toBe('No sheets to show: fix the number of copies.');
      expect(await status()).not.toMatch(/numbered copies|one copy/);
      if (typed === '2.5') await page.screenshot({ path: join(SCREENSHOTS, 'handout-copies-invalid.png') });
    });
  }

  it('a whole number in range builds that many numbered copies, and the buttons come back', async () => {
    const before = previewCalls();
    await copies().fill('3');
    await expect.poll(() => copies().getAttribute('aria-invalid')).toBe(null);
    expect(await dialog().locator('#handout-copies-error').textContent()).toBe('');
    await expect.poll(status).toContain('3 numbered copies');
    await expect.poll(buttonsEnabled).toEqual([true, true]);
    const asked = app.bridgeLog.calls.filter((c) => c.name === 'previewHandout').slice(before);
    expect(asked.map((c) => (c.request as { handout: { copies: number } }).handout.copies)).toEqual([3]);
  });

  it('says how many copies it prepares, then counts the sheet sides as it draws them', async () => {
    // Every text the status shows, in order (each lasts only while the sheets are built and drawn).
    await dialog().locator('.handout-status').evaluate((status) => {
      const seen: string[] = ((window as unknown as { statusSeen: string[] }).statusSeen = []);
      new MutationObserver(() => seen.push(status.textContent ?? '')).observe(status, { childList: true, characterData: true, subtree: true });
    });
    await copies().fill('12');
    await expect.poll(status).toMatch(/^\d+ sheet sides · 1-up · 12 numbered copies$/);
    const sides = Number(/^(\d+)/.exec((await status()) ?? '')![1]);
    const seen = await page.evaluate(() => (window as unknown as { statusSeen: string[] }).statusSeen);
    expect(seen).toContain('Preparing sheets for 12 numbered copies…');
    expect(seen).toContain(`Drawing sheet sides… 1 of ${sides}`);
    expect(seen).toContain(`Drawing sheet sides… ${sides} of ${sides}`);
  });

  it('a number left invalid does not count once recipients are given (one copy each)', async () => {
    await copies().fill('0');
    await expect.poll(() => copies().getAttribute('aria-invalid')).toBe('true');
    await dialog().locator('#handout-recipients').fill('A. Tanaka\nB. Smith');
    await expect.poll(() => copies().getAttribute('aria-invalid')).toBe(null);
    await expect.poll(status).toContain('one copy per recipient');
    expect(await dialog().locator('.page-dialog-error').isHidden()).toBe(true);
    await expect.poll(buttonsEnabled).toEqual([true, true]);
  });

  it('raised no page errors', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
