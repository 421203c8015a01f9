/**
 * Recovery of unsaved section edits, in Debian's Chromium over the real IPC
 * handlers and engine: a section edited and not saved is kept in the
 * user-data folder as the user types; after the main side is killed, the
 * next start offers it back, Restore reopens the section editor with the
 * unsaved text (the preview shows it), and saving writes it to the file and
 * removes the copy. Discarding an offer removes its file and leaves the
 * section file as it was.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { RECOVERY_FOLDER } from '../../main/app/recovery-store.js';
import { sectionFile } from '../app/fixtures.js';
import { textOfLastPreview } from './support/preview-text.js';
import { startAppHarness, SCREENSHOTS, UI_WAIT, type AppHarness } from './support/app-harness.js';

const ORIGINAL = sectionFile('field-notes', 'Field notes', 'The survey team reached the ridge on day two.');
const ADDED = 'The second camp moved north after the storm.';

const recoveryDir = (harness: AppHarness) => join(harness.dirs.userData, RECOVERY_FOLDER);
const recoveryFiles = (harness: AppHarness) => (existsSync(recoveryDir(harness)) ? readdirSync(recoveryDir(harness)) : []);
const sectionPath = (harness: AppHarness) => join(harness.dirs.userSections, 'field-notes.md');

/** The number of recovery files once every queued write and removal is done. */
async function settledRecoveryCount(harness: AppHarness): Promise<number> {
  await harness.recovery.settle();
  return recoveryFiles(harness).length;
}

/** Wait for main's check of the text on screen, and for the preview that follows it. */
async function settled(page: Page): Promise<void> {
  await page.waitForSelector('#section-editor:not([data-pending])');
  await page.waitForFunction(() => ['done', 'error'].includes(document.querySelector('#render-status')?.getAttribute('data-state') ?? ''));
}


/** Open the section, add a line at the end of its body and change its title; wait until recovery has kept it. */
async function editUnsaved(page: Page, title: string, line: string): Promise<void> {
  await page.click('[data-edit-section="field-notes"]');
  await page.waitForSelector('#section-editor[data-ready="field-notes"]');
  await page.fill('#section-field-title', title);
  await page.locator('#section-body-host .cm-line').last().click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(`\n\n${line}`);
  await settled(page);
  await page.waitForFunction(() => Number(document.body.dataset.recoveryKeptOther ?? 0) > 0, undefined, { timeout: UI_WAIT });
}

describe('recovery of unsaved section edits after the main side is killed', () => {
  let first: AppHarness;
  let second: AppHarness | undefined;
  let third: AppHarness | undefined;
  afterAll(async () => {
    await second?.close();
    await third?.close();
  });

  it('keeps the unsaved section in the user-data folder as the user types, owner-only, and leaves the file alone', async () => {
    first = await startAppHarness({ prefix: 'brief-studio-section-recovery-e2e-', seed: (dirs) => writeFileSync(join(dirs.userSections, 'field-notes.md'), ORIGINAL) });
    await editUnsaved(first.page, 'Field notes, revised', ADDED);
    await expect.poll(() => settledRecoveryCount(first), { timeout: UI_WAIT }).toBe(1);
    const [name] = recoveryFiles(first);
    const kept = readFileSync(join(recoveryDir(first), name!), 'utf8');
    // What is kept is the section file as it would be saved: the new title and the new line in it.
    expect(JSON.parse(kept)).toMatchObject({ kind: 'section', key: 'field-notes', label: 'Field notes, revised' });
    expect((JSON.parse(kept) as { content: { text: string } }).content.text).toMatch(/^---\nid: field-notes\ntitle: Field notes, revised\n[\s\S]*The second camp moved north after the storm\.\n$/);
    expect(statSync(join(recoveryDir(first), name!)).mode & 0o777).toBe(0o600);
    expect(readFileSync(sectionPath(first), 'utf8')).toBe(ORIGINAL);
    expect(first.pageErrors).toEqual([]);
    // Killed: the window never closes, nothing is saved or discarded.
    await first.close();
  });

  it('offers it back on the next start; Restore reopens the section editor with the unsaved text, and the preview shows it', async () => {
    second = await startAppHarness({ prefix: 'unused-', dirs: first.dirs });
    const page = second.page;
    await page.locator('#recovery-offers').waitFor({ state: 'visible' });
    expect(await page.locator('#recovery-offers .recovery-label').allTextContents()).toEqual(['Section: Field notes, revised']);
    await page.click('#recovery-offers [data-recovery-kind="section"] [data-recovery-restore]');
    await page.waitForSelector('#section-editor[data-ready="field-notes"]');
    expect(await page.inputValue('#section-field-title')).toBe('Field notes, revised');
    expect((await page.locator('#section-body-host .cm-line').allTextContents()).join('\n')).toContain(ADDED);
    // Still unsaved: the file on disk is the old one, and the editor says so.
    expect(await page.isVisible('#section-editor-unsaved')).toBe(true);
    expect(readFileSync(sectionPath(second), 'utf8')).toBe(ORIGINAL);
    await settled(page);
    const preview = await textOfLastPreview(second);
    expect(preview).toContain('Field notes, revised');
    expect(preview).toContain(ADDED);
    await page.screenshot({ path: join(SCREENSHOTS, 'section-recovery-01-restored.png') });
  });

  it('saves the restored text to the section file, and the recovery copy is gone', async () => {
    const page = second!.page;
    await page.click('#section-save');
    await expect.poll(() => readFileSync(sectionPath(second!), 'utf8'), { timeout: UI_WAIT }).toContain(ADDED);
    expect(readFileSync(sectionPath(second!), 'utf8')).toContain('title: Field notes, revised\n');
    await page.waitForSelector('#section-editor-unsaved', { state: 'hidden' });
    await expect.poll(() => settledRecoveryCount(second!), { timeout: UI_WAIT }).toBe(0);
    expect(second!.pageErrors).toEqual([]);
  });

  it('offers an edit made after saving; Discard removes the recovery file and leaves the saved section as it was', async () => {
    const saved = readFileSync(sectionPath(second!), 'utf8');
    const page = second!.page;
    await page.locator('#section-body-host .cm-line').last().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n\nA line nobody wanted.');
    await settled(page);
    await expect.poll(() => settledRecoveryCount(second!), { timeout: UI_WAIT }).toBe(1);
    await second!.close();
    second = undefined;

    third = await startAppHarness({ prefix: 'unused-', dirs: first.dirs });
    await third.page.locator('#recovery-offers').waitFor({ state: 'visible' });
    expect(await third.page.locator('#recovery-offers .recovery-label').allTextContents()).toEqual(['Section: Field notes, revised']);
    await third.page.click('#recovery-offers [data-recovery-kind="section"] [data-recovery-discard]');
    await third.page.locator('#recovery-offers').waitFor({ state: 'hidden' });
    expect(await settledRecoveryCount(third)).toBe(0);
    expect(readFileSync(sectionPath(third), 'utf8')).toBe(saved);
    expect(await third.page.isHidden('#section-editor')).toBe(true);
    expect(third.pageErrors).toEqual([]);
  });
});
