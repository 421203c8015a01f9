/**
 * The section editor's other states, in Debian's Chromium over the real IPC
 * handlers, engine and the app's folder watcher: a section changed on disk by
 * another program is reloaded when nothing is unsaved here, and offered
 * (keep mine / load the disk version) when something is, never losing either
 * silently; a file whose front matter YAML cannot be read opens as text with
 * its problem at line:column, is fixed there and saved (and the form comes
 * back). Each state is screenshotted at 1280×800 and 900×600, light and dark,
 * checked with axe-core (no serious or critical violation), and every command
 * it offers is reachable at both sizes.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchLibrary, type LibraryWatch } from '../../main/app/library-watcher.js';
import { sectionFile } from '../app/fixtures.js';
import { textOfLastPreview } from './support/preview-text.js';
import { startAppHarness, SCREENSHOTS, UI_WAIT, type AppHarness } from './support/app-harness.js';
import { signalLibraryChanged } from './support/bridge.js';
import { checkState } from './support/state-check.js';

const NOTES = sectionFile('field-notes', 'Field notes', 'The survey team reached the ridge on day two.');
/** An unclosed quote: the front matter is not YAML. */
const BROKEN = '---\nid: broken-notes\ntitle: Broken notes\nsummary: "The bottom line, with its quote never closed\ntags: [test]\n---\nThe body of the broken notes.\n';
/** A mapping was meant, a list was written. */
const NOT_A_MAP = '---\n- id: listed-notes\n- title: Listed notes\n---\nThe body of the listed notes.\n';
/** The commands of the section editor, its banner and its raw-mode notice, and the form's add buttons. */
const COMMANDS = '#section-editor .editor-header button, #section-editor-banner button, #section-use-form, #section-form [data-add]';

let app: AppHarness;
let page: Page;
let stopWatching: LibraryWatch | undefined;
const userFile = (name: string) => join(app.dirs.userSections, name);

beforeAll(async () => {
  app = await startAppHarness({
    prefix: 'brief-studio-section-states-e2e-',
    viewport: { width: 1280, height: 800 },
    seed: (dirs) => {
      writeFileSync(join(dirs.userSections, 'field-notes.md'), NOTES);
      writeFileSync(join(dirs.userSections, 'broken-notes.md'), BROKEN);
      writeFileSync(join(dirs.userSections, 'listed-notes.md'), NOT_A_MAP);
    },
  });
  page = app.page;
  // The app's own folder watcher, telling the page as main does.
  stopWatching = watchLibrary([app.dirs.userSections], () => void signalLibraryChanged(page));
  await stopWatching.ready;
});

afterAll(async () => {
  await stopWatching?.();
  await app?.close();
});

const bodyText = async () => (await page.locator('#section-body-host .cm-line').allTextContents()).join('\n');
const previewRequests = () => app.bridgeLog.calls.filter((c) => c.name === 'renderPreview').length;

/** Wait for main's check of the text on screen, and for the preview that follows it. */
async function settled(status: string | RegExp = 'No problems'): Promise<void> {
  await page.waitForSelector('#section-editor:not([data-pending])');
  await expect.poll(() => page.textContent('#section-check-status')).toMatch(status);
  await page.waitForFunction(() => ['done', 'error'].includes(document.querySelector('#render-status')?.getAttribute('data-state') ?? ''));
}


async function typeAtBodyEnd(text: string): Promise<void> {
  await page.locator('#section-body-host .cm-line').last().click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
}

/** Another program writes the file (as an editor saving it would). */
function writeElsewhere(name: string, text: string): void {
  writeFileSync(userFile(name), text);
}

describe('a section open in the editor', () => {
  it('open: screenshots, axe and every command reachable, light and dark, at both sizes', async () => {
    await page.click('[data-edit-section="field-notes"]');
    await page.waitForSelector('#section-editor[data-ready="field-notes"]');
    await settled();
    expect(await checkState(page, 'section-editor-open', COMMANDS)).toEqual([]);
  });

  it('with a diagnostic: the same', async () => {
    await page.fill('#section-field-sources-0-date', 'June 2024');
    await settled(/1 error/);
    expect(await page.locator('#section-diagnostic-list').textContent()).toMatch(/field-notes\.md:\d+:\d+/);
    expect(await checkState(page, 'section-editor-diagnostic', COMMANDS)).toEqual([]);
    // Typed back as it was: nothing unsaved.
    await page.fill('#section-field-sources-0-date', '2024-03');
    await settled();
    expect(await page.isHidden('#section-editor-unsaved')).toBe(true);
  });
});

describe('a section changed on disk by another program', () => {
  it('is reloaded, with the preview, when the editor has no unsaved edits', async () => {
    const before = previewRequests();
    writeElsewhere('field-notes.md', NOTES.replace('reached the ridge on day two', 'reached the summit on day three'));
    await expect.poll(bodyText, { timeout: UI_WAIT }).toContain('reached the summit on day three');
    await page.locator('.toast', { hasText: 'Reloaded field-notes.md' }).waitFor();
    expect(await page.isHidden('#section-editor-unsaved')).toBe(true);
    expect(await page.isHidden('#section-editor-banner')).toBe(true);
    await expect.poll(previewRequests).toBeGreaterThan(before);
    await settled();
    expect(await textOfLastPreview(app)).toContain('reached the summit on day three');
  });

  it('with unsaved edits: says so plainly, keeps both, and a save does not replace the other version unasked', async () => {
    await typeAtBodyEnd('\n\nMy own line, typed here.');
    await settled();
    writeElsewhere('field-notes.md', NOTES.replace('reached the ridge on day two', 'Other program line.'));
    const banner = page.locator('#section-editor-banner');
    await banner.waitFor({ state: 'visible', timeout: UI_WAIT });
    expect(await banner.textContent()).toContain('field-notes.md was changed in another program while you have unsaved edits here');
    // The user's text is untouched, still unsaved, and the preview still shows it.
    expect(await bodyText()).toContain('My own line, typed here.');
    expect(await page.isVisible('#section-editor-unsaved')).toBe(true);
    expect(await textOfLastPreview(app)).toContain('My own line, typed here.');
    expect(await checkState(page, 'section-editor-external-change', COMMANDS)).toEqual([]);

    // Saving first asks; cancelled, the other program's version stays on disk.
    await page.click('#section-save');
    const dialog = page.locator('dialog.page-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Replace that version with yours?');
    expect(await checkState(page, 'section-editor-replace-dialog', 'dialog.page-dialog button')).toEqual([]);
    await dialog.locator('button[data-value="cancel"]').click();
    await dialog.waitFor({ state: 'detached' });
    expect(readFileSync(userFile('field-notes.md'), 'utf8')).toContain('Other program line.');
    expect(await banner.isVisible()).toBe(true);
  });

  it('“Keep my edits” keeps them unsaved; saving then replaces the other version', async () => {
    await page.click('#section-editor-banner [data-conflict="keep"]');
    await page.locator('#section-editor-banner').waitFor({ state: 'hidden' });
    expect(await page.isVisible('#section-editor-unsaved')).toBe(true);
    await page.click('#section-save');
    await expect.poll(() => readFileSync(userFile('field-notes.md'), 'utf8'), { timeout: UI_WAIT }).toContain('My own line, typed here.');
    expect(readFileSync(userFile('field-notes.md'), 'utf8')).not.toContain('Other program line.');
    await page.waitForSelector('#section-editor-unsaved', { state: 'hidden' });
  });

  it('“Load the version on disk” replaces the unsaved edits with it, and main forgets them', async () => {
    await typeAtBodyEnd('\n\nAn edit to be dropped.');
    await settled();
    expect(app.editBuffers.has(userFile('field-notes.md'))).toBe(true);
    writeElsewhere('field-notes.md', NOTES.replace('reached the ridge on day two', 'Third version from elsewhere.'));
    await page.locator('#section-editor-banner').waitFor({ state: 'visible', timeout: UI_WAIT });
    await page.click('#section-editor-banner [data-conflict="load"]');
    await expect.poll(bodyText).toContain('Third version from elsewhere.');
    expect(await bodyText()).not.toContain('An edit to be dropped.');
    expect(await page.isHidden('#section-editor-banner')).toBe(true);
    expect(await page.isHidden('#section-editor-unsaved')).toBe(true);
    expect(app.editBuffers.has(userFile('field-notes.md'))).toBe(false);
    await settled();
    expect(await textOfLastPreview(app)).toContain('Third version from elsewhere.');
  });

  it('deleted by another program: the text stays in the editor as unsaved, and Save writes it back', async () => {
    rmSync(userFile('field-notes.md'));
    await page.locator('#section-editor-banner').waitFor({ state: 'visible', timeout: UI_WAIT });
    expect(await page.textContent('#section-editor-banner')).toContain('field-notes.md was deleted or moved by another program');
    expect(await page.isVisible('#section-editor-unsaved')).toBe(true);
    await settled();
    expect(await textOfLastPreview(app)).toContain('Third version from elsewhere.');
    await page.click('#section-save');
    await expect.poll(() => (existsSync(userFile('field-notes.md')) ? readFileSync(userFile('field-notes.md'), 'utf8') : ''), { timeout: UI_WAIT }).toMatch(
      /^---\nid: field-notes\ntitle: Field notes\n[\s\S]*\nThe survey team Third version from elsewhere\.\.\n$/,
    );
    await page.locator('#section-editor-banner').waitFor({ state: 'hidden' });
    await page.click('#section-close');
    await page.waitForSelector('#section-editor', { state: 'hidden' });
  });
});

describe('a section file whose front matter cannot be read', () => {
  it('is listed with a way to fix it, and opens as text: the form off, the problem at its line and column', async () => {
    const problems = page.locator('#library-problems');
    await expect.poll(() => problems.locator('[data-edit-broken]').count()).toBe(2);
    // The library with the broken files listed, each with its way to be fixed.
    expect(await checkState(page, 'section-library-broken', '#library-problems [data-edit-broken]')).toEqual([]);
    await problems.locator('[data-edit-broken="broken-notes"]').click();
    await page.waitForSelector('#section-editor[data-ready="broken-notes"][data-mode="raw"]');
    expect(await page.isHidden('#section-form')).toBe(true);
    const location = (await page.textContent('#section-raw-location')) ?? '';
    expect(location).toMatch(/^broken-notes\.md:\d+:\d+$/);
    expect(await page.textContent('#section-raw-message')).toContain('not valid YAML');
    // The problems list names the same place, and the whole file is in the editor, fences and all.
    expect(await page.locator('#section-diagnostic-list').textContent()).toContain(location);
    expect(await bodyText()).toBe(BROKEN);
    expect(await page.isDisabled('#section-use-form')).toBe(true);
    expect(await page.isHidden('#section-rename')).toBe(true);
    // The line and column point into the file as written: at the quote that is never closed.
    expect(location).toBe('broken-notes.md:4:10');
    expect(await checkState(page, 'section-editor-raw', COMMANDS)).toEqual([]);
  });

  it('is fixed as text and saved as typed; the form comes back', async () => {
    await page.locator('#section-body-host .cm-line', { hasText: 'summary:' }).click();
    await page.keyboard.press('End');
    await page.keyboard.type('"');
    await settled();
    expect(await page.textContent('#section-raw-message')).toContain('reads now');
    expect(await page.isEnabled('#section-use-form')).toBe(true);
    await page.keyboard.press('Control+s');
    const fixed = BROKEN.replace('never closed\n', 'never closed"\n');
    await expect.poll(() => readFileSync(userFile('broken-notes.md'), 'utf8'), { timeout: UI_WAIT }).toBe(fixed);
    await page.waitForSelector('#section-editor[data-ready="broken-notes"][data-mode="form"]');
    expect(await page.inputValue('#section-field-title')).toBe('Broken notes');
    expect(await page.isHidden('#section-editor-unsaved')).toBe(true);
    // The library reads it now.
    await page.locator('#library-list li[data-section-id="broken-notes"]').waitFor({ state: 'attached' });
  });

  it('a front matter that is YAML but not fields: fixed as text, then shown in the form (unsaved) and saved from it', async () => {
    await page.click('#section-close');
    await page.waitForSelector('#section-editor', { state: 'hidden' });
    await page.click('[data-edit-broken="listed-notes"]');
    await page.waitForSelector('#section-editor[data-ready="listed-notes"][data-mode="raw"]');
    expect(await page.textContent('#section-raw-location')).toMatch(/^listed-notes\.md:\d+(:\d+)?$/);
    for (const [from, to] of [['- id: listed-notes', 'id: listed-notes'], ['- title: Listed notes', 'title: Listed notes']] as const) {
      await page.locator('#section-body-host .cm-line', { hasText: from }).click();
      await page.keyboard.press('End');
      await page.keyboard.press('Shift+Home');
      await page.keyboard.type(to);
    }
    await settled(/1 error/); // the summary is missing, but the front matter reads
    expect(await page.isEnabled('#section-use-form')).toBe(true);
    await page.click('#section-use-form');
    await page.waitForSelector('#section-editor[data-ready="listed-notes"][data-mode="form"]');
    expect(await page.inputValue('#section-field-title')).toBe('Listed notes');
    expect(await page.isVisible('#section-editor-unsaved')).toBe(true);
    expect(readFileSync(userFile('listed-notes.md'), 'utf8')).toBe(NOT_A_MAP);
    await page.fill('#section-field-summary', 'Now a proper section.');
    await settled();
    await page.click('#section-save');
    await expect.poll(() => readFileSync(userFile('listed-notes.md'), 'utf8'), { timeout: UI_WAIT }).toBe(
      '---\nid: listed-notes\ntitle: Listed notes\nsummary: Now a proper section.\n---\nThe body of the listed notes.\n',
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'section-editor-raw-fixed-in-form.png') });
  });

  it('a built-in section, read-only: the same checks', async () => {
    await page.click('#section-close');
    await page.waitForSelector('#section-editor', { state: 'hidden' });
    await page.click('[data-edit-section="space-agreement"]');
    await page.waitForSelector('#section-editor[data-ready="space-agreement"]');
    expect(await page.isVisible('#section-editor-read-only')).toBe(true);
    expect(await checkState(page, 'section-editor-built-in', COMMANDS)).toEqual([]);
  });

  it('raised no page errors', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
