/**
 * axe-core over every state of the window a user reaches — the start, a
 * brief with sections, errors shown, the template editor (with a problem in
 * it), the page's dialogs (name, unsaved edits, PDF/A, Print / Handout) — in
 * light and dark, at 1280×800 and 900×600: no serious or critical
 * violation. Each state's screenshots go to test-output/screenshots/a11y-*.
 */
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInTemplatesDir } from '../../main/engine/paths.js';
import { sectionFile } from '../app/fixtures.js';
import { startAppHarness, SCREENSHOTS, UI_WAIT, type AppHarness } from './support/app-harness.js';
import { seriousViolations } from './support/axe.js';
import { sendMenuCommand } from './support/bridge.js';
import { typeAtEnd } from './support/code-editor.js';

const SIZES = [
  { width: 1280, height: 800 },
  { width: 900, height: 600 },
];
const SCHEMES = ['light', 'dark'] as const;

let app: AppHarness;
let page: Page;

const previewSequence = async () => Number((await page.locator('body').getAttribute('data-preview-sequence')) ?? 0);

async function waitForPreviewAfter(since: number): Promise<void> {
  await page.waitForFunction((s) => Number(document.body.dataset.previewSequence ?? 0) > s, since, { timeout: UI_WAIT });
  const count = Number(await page.locator('#preview-pages').getAttribute('data-page-count'));
  await expect.poll(() => page.locator('#preview-pages .page canvas').count()).toBe(count);
}

/** Screenshot the state at each size in light and dark, and run axe on each: the serious and critical findings. */
async function checkState(name: string): Promise<string[]> {
  const found: string[] = [];
  for (const size of SIZES) {
    await page.setViewportSize(size);
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme });
      // Let a resize settle (the fitted preview redraws after 120 ms) before looking.
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(SCREENSHOTS, `a11y-${name}-${size.width}x${size.height}-${scheme}.png`) });
      for (const violation of await seriousViolations(page)) found.push(`[${size.width}×${size.height} ${scheme}] ${violation}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize(SIZES[0]!);
  return [...new Set(found)];
}

beforeAll(async () => {
  app = await startAppHarness({
    prefix: 'brief-studio-a11y-e2e-',
    viewport: SIZES[0],
    seed: (dirs) => {
      writeFileSync(join(dirs.userSections, 'alpha-briefing.md'), sectionFile('alpha-briefing', 'Alpha Briefing Notes', 'Alpha Briefing Notes: the body of this section.'));
      cpSync(join(builtInTemplatesDir(), 'memo'), join(dirs.userTemplates, 'house'), { recursive: true });
      writeFileSync(join(dirs.userTemplates, 'house', 'template.yaml'), 'name: House\ndescription: Our office look\n', { flag: 'w' });
    },
  });
  ({ page } = app);
});

afterAll(async () => {
  await app?.close();
});

describe('no serious or critical axe violations, light and dark, 1280×800 and 900×600', () => {
  it('the start', async () => {
    expect(await checkState('start')).toEqual([]);
  });

  it('a brief with sections in the preview', async () => {
    const before = await previewSequence();
    await page.check('#include-alpha-briefing');
    await page.check('#include-space-agreement');
    await waitForPreviewAfter(before);
    expect(await checkState('brief')).toEqual([]);
  });

  it('a brief in forced colours (high contrast)', async () => {
    await page.emulateMedia({ forcedColors: 'active' });
    await page.screenshot({ path: join(SCREENSHOTS, 'a11y-brief-1280x800-forced-colours.png') });
    const found = await seriousViolations(page);
    await page.emulateMedia({ forcedColors: 'none' });
    expect(found).toEqual([]);
  });

  it('errors shown: a missing section beside the preview, an export error', async () => {
    const spec = join(app.dirs.documents, 'missing.brief.yaml');
    writeFileSync(spec, 'title: Summit read-ahead\ndate: 2024-06-03\nsections: [alpha-briefing, no-such-section]\n');
    app.answers.discard.push('discard');
    app.answers.briefPath.push(spec);
    await page.click('[data-command="open"]');
    await expect.poll(() => page.locator('#problem-list .problem.error').count(), { timeout: UI_WAIT }).toBe(1);
    app.answers.pdfPath.push(join(app.dirs.root, 'gone', 'x.pdf'));
    await page.click('[data-command="export-pdf"]');
    await page.locator('.toast.error').first().waitFor({ timeout: UI_WAIT });
    expect(await checkState('errors')).toEqual([]);
    for (const close of await page.locator('.toast .toast-close').all()) await close.click();
    await page.locator('#chosen-list li[data-section-id="no-such-section"]').focus();
    await page.keyboard.press('Delete');
    await expect.poll(() => page.isVisible('#problems'), { timeout: UI_WAIT }).toBe(false);
  });

  it('the Print / Handout dialog', async () => {
    await page.click('[data-command="print"]');
    const dialog = page.locator('dialog.handout-dialog');
    await dialog.waitFor({ state: 'visible' });
    await expect.poll(() => dialog.locator('.handout-sheet canvas').count(), { timeout: UI_WAIT }).toBeGreaterThan(0);
    expect(await checkState('handout-dialog')).toEqual([]);
    await dialog.locator('button', { hasText: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('the PDF/A choice dialog', async () => {
    await sendMenuCommand(page, { command: 'export-pdfa' });
    const dialog = page.locator('.page-dialog');
    await dialog.waitFor();
    expect(await checkState('pdfa-dialog')).toEqual([]);
    await dialog.locator('button', { hasText: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('the name dialog (Duplicate template)', async () => {
    await page.click('#template-duplicate');
    const dialog = page.locator('.page-dialog');
    await dialog.waitFor();
    expect(await checkState('name-dialog')).toEqual([]);
    await dialog.locator('button', { hasText: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('the template editor, with a problem in the template, and its unsaved-edits dialog', async () => {
    await page.check('#template-house');
    await page.click('#template-edit');
    await page.locator('#template-editor').waitFor({ state: 'visible' });
    await page.locator('#code-editor-host .cm-content').waitFor();
    await expect.poll(() => page.locator('#editor-file-list .file-button').count()).toBeGreaterThan(2);
    await page.click('#editor-file-list [data-path="brief.hbs"]');
    await typeAtEnd(page, '\n{{#if brief.title}}\n');
    await expect.poll(() => page.locator('#editor-diagnostic-list li').count(), { timeout: UI_WAIT }).toBeGreaterThan(0);
    expect(await checkState('template-editor')).toEqual([]);

    await page.click('#editor-close');
    const dialog = page.locator('.page-dialog');
    await dialog.waitFor();
    expect(await checkState('unsaved-template-dialog')).toEqual([]);
    await dialog.locator('button', { hasText: /Discard|Don’t save|Don't save/ }).click();
    await page.locator('#template-editor').waitFor({ state: 'hidden' });
    expect(app.pageErrors).toEqual([]);
  });
});
