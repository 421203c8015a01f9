/**
 * Undo and redo, the start screen, dropping a brief on the window, the stale
 * preview, and recovery of unsaved work after the main side is killed, in
 * Debian's Chromium over the real IPC handlers, render worker and engine.
 */
import { cpSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECOVERY_FOLDER } from '../../main/app/recovery-store.js';
import { loadSpecFile } from '../../main/engine/spec.js';
import type { BriefDraft } from '../../main/shared/ipc-contract.js';
import { startAppHarness, SCREENSHOTS, UI_WAIT, type AppHarness } from './support/app-harness.js';
import { dropFile, sendMenuCommand } from './support/bridge.js';
import { editorLines, typeAtEnd } from './support/code-editor.js';

const HOUSE = resolve(import.meta.dirname, '../fixtures/templates/house');
const SUMMIT = `title: Summit read-ahead
date: 2024-06-03
template: memo
sections: [space-agreement]
`;

let app: AppHarness;
let page: Page;
const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
const chosenOrder = () => page.locator('#chosen-list li').evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.sectionId));
const previewSequence = async () => Number((await page.locator('body').getAttribute('data-preview-sequence')) ?? 0);
const lastPreviewDraft = () => (app.bridgeLog.calls.filter((c) => c.name === 'renderPreview').at(-1)?.request as { draft: BriefDraft } | undefined)?.draft;
const undo = () => page.keyboard.press('Control+z');
const redo = () => page.keyboard.press('Control+Shift+z');

async function waitForPreviewAfter(since: number): Promise<void> {
  await page.waitForFunction((s) => Number(document.body.dataset.previewSequence ?? 0) > s, since, { timeout: UI_WAIT });
}

const recoveryFiles = (harness: AppHarness) => {
  const dir = join(harness.dirs.userData, RECOVERY_FOLDER);
  return existsSync(dir) ? readdirSync(dir) : [];
};

describe('undo and redo of every brief edit, the start screen, dropping a brief, a stale preview', () => {
  beforeAll(async () => {
    app = await startAppHarness({
      prefix: 'brief-studio-undo-e2e-',
      seed: (dirs) => {
        cpSync(HOUSE, join(dirs.userTemplates, 'house'), { recursive: true });
        const summit = join(dirs.documents, 'summit.brief.yaml');
        writeFileSync(summit, SUMMIT);
        writeFileSync(join(dirs.userData, 'recent-briefs.json'), JSON.stringify([summit]));
      },
    });
    page = app.page;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('starts on the start screen, which lists the recent briefs; one click opens one', async () => {
    await page.locator('#start-screen').waitFor({ state: 'visible' });
    const recent = page.locator('#start-screen .recent-brief');
    expect(await recent.count()).toBe(1);
    expect(await recent.locator('.recent-name').textContent()).toBe('summit');
    expect(await recent.locator('.recent-folder').textContent()).toBe(app.dirs.documents);
    await shot('undo-01-start-screen');
    const seq = await previewSequence();
    await recent.click();
    await expect.poll(() => page.inputValue('#field-title')).toBe('Summit read-ahead');
    expect(await page.textContent('#document-name')).toBe('summit.brief.yaml');
    await waitForPreviewAfter(seq);
    expect(await page.isHidden('#start-screen')).toBe(true);
    expect(await chosenOrder()).toEqual(['space-agreement']);
  });

  it('undoes and redoes choosing a section, from the keys and from the Edit menu', async () => {
    await page.check('#include-force-posture');
    expect(await chosenOrder()).toEqual(['space-agreement', 'force-posture']);
    expect(await page.isVisible('#dirty-mark')).toBe(true);
    await undo();
    expect(await chosenOrder()).toEqual(['space-agreement']);
    expect(await page.isChecked('#include-force-posture')).toBe(false);
    // Back to the brief as it is on disk: not edited any more.
    expect(await page.isVisible('#dirty-mark')).toBe(false);
    await sendMenuCommand(page, { command: 'redo' });
    expect(await chosenOrder()).toEqual(['space-agreement', 'force-posture']);
    await sendMenuCommand(page, { command: 'undo' });
    expect(await chosenOrder()).toEqual(['space-agreement']);
    await redo();
    expect(await chosenOrder()).toEqual(['space-agreement', 'force-posture']);
  });

  it('undoes and redoes a change of order (Ctrl+Y redoes too)', async () => {
    await page.focus('#chosen-list li[data-section-id="force-posture"]');
    await page.keyboard.press('Alt+ArrowUp');
    expect(await chosenOrder()).toEqual(['force-posture', 'space-agreement']);
    await undo();
    expect(await chosenOrder()).toEqual(['space-agreement', 'force-posture']);
    await page.keyboard.press('Control+y');
    expect(await chosenOrder()).toEqual(['force-posture', 'space-agreement']);
  });

  it('undoes a burst of typing in one field as one step, and each field as its own step; the preview follows', async () => {
    await page.click('#field-title');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('Kishida visit', { delay: 15 });
    await page.click('#field-author');
    await page.keyboard.type('Japan desk', { delay: 15 });
    expect(await page.inputValue('#field-title')).toBe('Kishida visit');

    await undo(); // the author, in one step
    expect(await page.inputValue('#field-author')).toBe('');
    expect(await page.inputValue('#field-title')).toBe('Kishida visit');
    const seq = await previewSequence();
    await undo(); // the title, in one step
    expect(await page.inputValue('#field-title')).toBe('Summit read-ahead');
    // Focus goes back to the field the step was typed in.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-title');
    await waitForPreviewAfter(seq);
    await expect.poll(() => lastPreviewDraft()?.title).toBe('Summit read-ahead');
    await redo();
    expect(await page.inputValue('#field-title')).toBe('Kishida visit');
    await redo();
    expect(await page.inputValue('#field-author')).toBe('Japan desk');
  });

  it('undoes the marking and the template, with the template’s own fields', async () => {
    await page.selectOption('#field-classification-preset', 'CUI');
    await undo();
    expect(await page.inputValue('#field-classification-preset')).toBe('UNCLASSIFIED');
    await redo();
    expect(await page.inputValue('#field-classification-preset')).toBe('CUI');

    await page.check('#template-house');
    await page.waitForSelector('#template-fields:not([hidden])');
    await page.fill('#template-field-decision', 'Approve the framework.');
    await page.locator('#template-field-decision').blur();
    await undo();
    expect(await page.inputValue('#template-field-decision')).toBe('');
    await undo();
    expect(await page.isChecked('#template-memo')).toBe(true);
    expect(await page.isHidden('#template-fields')).toBe(true);
    await redo();
    expect(await page.isChecked('#template-house')).toBe(true);
    await redo();
    expect(await page.inputValue('#template-field-decision')).toBe('Approve the framework.');
    await shot('undo-02-after-redo');
  });

  it('leaves the undo of a text field outside the brief (the library filter) to the field', async () => {
    const title = await page.inputValue('#field-title');
    await page.click('#library-filter');
    await page.keyboard.type('space', { delay: 10 });
    await undo();
    // Chromium's own undo of the input takes back the last typing (how much is the field's business).
    const filter = await page.inputValue('#library-filter');
    expect(filter).not.toBe('space');
    expect('space'.startsWith(filter)).toBe(true);
    expect(await page.inputValue('#field-title')).toBe(title);
    expect(await page.inputValue('#template-field-decision')).toBe('Approve the framework.');
  });

  it('marks the pages out of date in one line below the page\'s top, the reason in Problems and the label\'s tooltip, for as long as the brief has an error', async () => {
    // The redo steps before this passed through a brief that fails (the house template before its field is filled
    // in): start from the latest brief's pages, so the error below is the title's, not that one's.
    await expect.poll(() => page.getAttribute('#preview-pages', 'data-stale'), { timeout: UI_WAIT }).toBe(null);
    await page.click('#field-title');
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await page.locator('#preview-pages[data-stale="error"]').waitFor({ timeout: UI_WAIT });
    const label = page.locator('#preview-stale');
    expect(await label.isVisible()).toBe(true);
    await expect.poll(() => label.textContent(), { timeout: UI_WAIT }).toMatch(/^Out of date — see Problems: not updated: .*title/i);
    // What shows is one short line; the reason is its tooltip and is read out with it (visually hidden), and the Problems strip says it in full.
    expect(await label.evaluate((e) => e.firstChild?.textContent)).toBe('Out of date — see Problems');
    expect(await label.locator('.visually-hidden').textContent()).toMatch(/not updated: .*title/i);
    expect(await label.getAttribute('title')).toMatch(/^not updated: .*title/i);
    expect(await page.textContent('#problem-list .problem.error')).toMatch(/title/i);
    const boxes = await page.evaluate(() => {
      const label = document.getElementById('preview-stale')!;
      const line = parseFloat(getComputedStyle(label).lineHeight) || parseFloat(getComputedStyle(label).fontSize) * 1.5;
      const box = label.getBoundingClientRect();
      const sheet = document.getElementById('page-1')!.getBoundingClientRect();
      return { height: box.height, line, labelTop: box.top, pageTop: sheet.top, pageWidth: sheet.width };
    });
    expect(boxes.height).toBeLessThan(boxes.line * 2);
    // The banner and the title (the page's top third, at its width) are not under the label.
    expect(boxes.labelTop).toBeGreaterThan(boxes.pageTop + (boxes.pageWidth * 11) / 8.5 / 3);
    // Still marked well after the old ~450 ms.
    await page.waitForTimeout(1500);
    expect(await page.getAttribute('#preview-pages', 'data-stale')).toBe('error');
    expect(await page.locator('#preview-pages').evaluate((e) => getComputedStyle(e).filter)).toContain('grayscale');
    await shot('undo-03-stale-after-error');
    const seq = await previewSequence();
    await undo();
    await waitForPreviewAfter(seq);
    await expect.poll(() => page.getAttribute('#preview-pages', 'data-stale')).toBe(null);
    expect(await label.isHidden()).toBe(true);
  });

  it('opens a .brief.yaml dropped on the window; with a missing section and template, the old pages go and Problems lists both', async () => {
    expect(await page.locator('#preview-pages .page').count()).toBeGreaterThan(0);
    // Any moment the new brief's name is up while a page is in the preview is recorded.
    await page.evaluate(() => {
      const w = window as unknown as { oldPagesSeen: boolean };
      w.oldPagesSeen = false;
      new MutationObserver(() => {
        if (document.getElementById('document-name')!.textContent === 'missing.brief.yaml' && document.querySelector('#preview-pages .page')) w.oldPagesSeen = true;
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    app.answers.discard.push('discard');
    const missing = join(app.dirs.documents, 'missing.brief.yaml');
    writeFileSync(missing, 'title: Another brief\ntemplate: no-such-template\nsections: [no-such-section]\n');
    await dropFile(page, { name: 'missing.brief.yaml', path: missing, text: '' });
    await expect.poll(() => page.textContent('#document-name')).toBe('missing.brief.yaml');
    expect(await page.inputValue('#field-title')).toBe('Another brief');
    const codes = () => page.locator('#problem-list .problem.error').evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.code));
    await expect.poll(codes, { timeout: UI_WAIT }).toEqual(['SECTION_UNKNOWN', 'TEMPLATE_UNKNOWN']);
    await page.locator('body[data-preview-state="error"]').waitFor({ timeout: UI_WAIT });
    expect(await page.textContent('#problem-list')).toContain('no-such-template');
    // The preview is empty (no old pages, greyed or not; no hint to tick sections), and never showed the old pages for this brief.
    expect(await page.locator('#preview-pages .page').count()).toBe(0);
    expect(await page.getAttribute('#preview-pages', 'data-page-count')).toBe('0');
    expect(await page.isHidden('#preview-stale')).toBe(true);
    expect(await page.isHidden('#preview-empty')).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { oldPagesSeen: boolean }).oldPagesSeen)).toBe(false);
    // The problems, not a success beside them.
    expect(await page.locator('.toast.success', { hasText: 'Opened missing.brief.yaml' }).count()).toBe(0);
    // "Go to field" on the template's problem goes to the template list.
    await page.locator('#problem-list .problem[data-code="TEMPLATE_UNKNOWN"] button', { hasText: 'Go to field' }).click();
    expect(await page.evaluate(() => document.activeElement?.closest('#template-list') !== null)).toBe(true);
    await shot('undo-04-dropped-brief-missing-section');
    // A new brief starts a new history: nothing of the earlier brief to undo into.
    await undo();
    expect(await page.inputValue('#field-title')).toBe('Another brief');
  });

  it('says plainly that a dropped file which is not a brief is not one, and keeps the brief open', async () => {
    const notes = join(app.dirs.documents, 'notes.txt');
    writeFileSync(notes, 'Some notes.');
    await dropFile(page, { name: 'notes.txt', path: notes, text: 'Some notes.' });
    const error = page.locator('.toast.error', { hasText: 'That file is not a brief' });
    await error.waitFor({ timeout: UI_WAIT });
    expect(await error.textContent()).toContain('notes.txt is not a brief: drop a .brief.yaml file');
    expect(await page.textContent('#document-name')).toBe('missing.brief.yaml');
    expect(app.pageErrors).toEqual([]);
  });
});

describe('recovery after the main side is killed mid-edit', () => {
  let first: AppHarness;
  let second: AppHarness;
  let third: AppHarness | undefined;
  afterAll(async () => {
    await second?.close();
    await third?.close();
  });

  it('keeps the unsaved brief in the user-data folder as the user types, owner-only', async () => {
    first = await startAppHarness({ prefix: 'brief-studio-recovery-e2e-' });
    page = first.page;
    await page.check('#include-space-agreement');
    await page.check('#include-force-posture');
    await page.click('#field-title');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('Unsaved summit notes', { delay: 10 });
    await page.waitForFunction(() => Number(document.body.dataset.recoveryKept ?? 0) > 0, undefined, { timeout: UI_WAIT });
    await expect
      .poll(async () => {
        await first.recovery.settle();
        return recoveryFiles(first).length;
      })
      .toBe(1);
    const dir = join(first.dirs.userData, RECOVERY_FOLDER);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, recoveryFiles(first)[0]!)).mode & 0o777).toBe(0o600);
    // Killed: the window never closes, nothing is saved or discarded.
    await first.close();
  });

  it('offers it back on the next start, and restores it as an unsaved brief', async () => {
    second = await startAppHarness({ prefix: 'unused-', dirs: first.dirs });
    page = second.page;
    const offers = page.locator('#recovery-offers');
    await offers.waitFor({ state: 'visible' });
    expect(await offers.textContent()).toContain('Brief: Unsaved summit notes');
    await shot('recovery-01-offer');
    const seq = await previewSequence();
    await page.click('#recovery-offers [data-recovery-restore]');
    await expect.poll(() => page.inputValue('#field-title')).toBe('Unsaved summit notes');
    expect(await chosenOrder()).toEqual(['space-agreement', 'force-posture']);
    expect(await page.isVisible('#dirty-mark')).toBe(true);
    expect(await offers.isHidden()).toBe(true);
    await waitForPreviewAfter(seq);
    await shot('recovery-02-restored');
  });

  it('removes the copy once the brief is saved', async () => {
    const target = join(second.dirs.documents, 'summit-notes');
    second.answers.briefPath.push(target);
    await page.click('button[data-command="save"]');
    await expect.poll(() => page.textContent('#document-name')).toBe('summit-notes.brief.yaml');
    expect(await loadSpecFile(`${target}.brief.yaml`)).toMatchObject({ title: 'Unsaved summit notes', sections: ['space-agreement', 'force-posture'] });
    await second.recovery.settle();
    expect(recoveryFiles(second)).toEqual([]);
  });

  it('offers an edit made after saving, and discarding it removes the copy', async () => {
    await page.fill('#field-subtitle', 'Edited after saving');
    await page.waitForFunction(() => Number(document.body.dataset.recoveryKept ?? 0) > 0, undefined, { timeout: UI_WAIT });
    await expect
      .poll(async () => {
        await second.recovery.settle();
        return recoveryFiles(second).length;
      })
      .toBe(1);
    await second.close();

    third = await startAppHarness({ prefix: 'unused-', dirs: first.dirs });
    page = third.page;
    await page.locator('#recovery-offers').waitFor({ state: 'visible' });
    expect(await page.textContent('#recovery-offers')).toContain('(summit-notes.brief.yaml)');
    await page.click('#recovery-offers [data-recovery-discard]');
    await page.locator('#recovery-offers').waitFor({ state: 'hidden' });
    await third.recovery.settle();
    expect(recoveryFiles(third)).toEqual([]);
    // The saved brief is the start screen's recent brief.
    expect(await page.locator('#start-screen .recent-name').allTextContents()).toEqual(['summit-notes']);
    expect(third.pageErrors).toEqual([]);
  });
});

describe('recovery of unsaved template edits', () => {
  let before: AppHarness;
  let after: AppHarness | undefined;
  afterAll(async () => {
    await after?.close();
  });

  it('keeps the template editor’s unsaved text and restores it into the editor, still unsaved', async () => {
    before = await startAppHarness({ prefix: 'brief-studio-template-recovery-e2e-', seed: (dirs) => cpSync(HOUSE, join(dirs.userTemplates, 'house'), { recursive: true }) });
    page = before.page;
    await page.check('#template-house');
    await page.click('#template-edit');
    await page.locator('#code-editor-host .cm-content').waitFor();
    await expect.poll(async () => (await editorLines(page)).join('\n')).toContain('{{');
    await typeAtEnd(page, '{{!-- recovered note --}}');
    await page.waitForFunction(() => Number(document.body.dataset.recoveryKeptOther ?? 0) > 0, undefined, { timeout: UI_WAIT });
    // Choosing the template was a brief edit: the brief is kept too, each in its own file.
    await expect
      .poll(async () => {
        await before.recovery.settle();
        return recoveryFiles(before).length;
      })
      .toBe(2);
    await before.close(); // killed with the template unsaved

    after = await startAppHarness({ prefix: 'unused-', dirs: before.dirs });
    page = after.page;
    await page.locator('#recovery-offers').waitFor({ state: 'visible' });
    expect(await page.locator('#recovery-offers .recovery-label').allTextContents()).toEqual(expect.arrayContaining(['Template: house', 'Brief: Untitled brief']));
    await page.click('#recovery-offers [data-recovery-kind="template"] [data-recovery-restore]');
    await page.locator('#template-editor').waitFor({ state: 'visible' });
    await expect.poll(async () => (await editorLines(page)).join('\n')).toContain('{{!-- recovered note --}}');
    expect(await page.locator('#editor-file-list [data-path="brief.hbs"] .dirty-dot').count()).toBe(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'recovery-03-template-restored.png') });
    expect(after.pageErrors).toEqual([]);
  });
});

describe('the code editors keep their own undo, apart from the brief’s', () => {
  const NOTES = '---\nid: field-notes\ntitle: Field notes\nsummary: Notes from the field.\ntags: [test]\n---\nThe camp moved.\n';
  let harness: AppHarness;
  const bodyLine = () => page.locator('#section-body-host .cm-line').first().textContent();
  /** What the brief holds: the sections chosen and the template. */
  const brief = async () => ({ sections: await chosenOrder(), template: await page.locator('#template-list input:checked').getAttribute('id') });

  beforeAll(async () => {
    harness = await startAppHarness({
      prefix: 'brief-studio-editor-undo-e2e-',
      seed: (dirs) => {
        cpSync(HOUSE, join(dirs.userTemplates, 'house'), { recursive: true });
        writeFileSync(join(dirs.userSections, 'field-notes.md'), NOTES);
      },
    });
    page = harness.page;
    // Two brief edits to undo wrongly: choosing a template and adding a section.
    await page.check('#template-house');
    await page.check('#include-field-notes');
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y and the Edit menu in the template code undo and redo the typing, not the brief', async () => {
    const before = await brief();
    expect(before).toEqual({ sections: ['field-notes'], template: 'template-house' });
    await page.click('#template-edit');
    await page.locator('#code-editor-host .cm-content').waitFor();
    await expect.poll(async () => (await editorLines(page)).join('\n')).toContain('{{');
    const original = await editorLines(page);
    await page.locator('#code-editor-host .cm-content').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText('{{!-- XYZ --}}');
    await expect.poll(async () => (await editorLines(page)).join('\n')).toContain('XYZ');
    await undo();
    await expect.poll(() => editorLines(page)).toEqual(original);
    expect(await brief()).toEqual(before);
    await redo();
    await expect.poll(async () => (await editorLines(page)).join('\n')).toContain('XYZ');
    await sendMenuCommand(page, { command: 'undo' });
    await expect.poll(() => editorLines(page)).toEqual(original);
    await page.keyboard.press('Control+y');
    await expect.poll(async () => (await editorLines(page)).join('\n')).toContain('XYZ');
    await sendMenuCommand(page, { command: 'undo' });
    await expect.poll(() => editorLines(page)).toEqual(original);
    expect(await brief()).toEqual(before);
    expect(await page.textContent('#announcer')).not.toMatch(/Undone|Redone/);
    await page.click('#editor-close');
    await page.locator('#template-editor').waitFor({ state: 'hidden' });
  });

  it('Ctrl+Z and the Edit menu in a section’s body undo the typing, not the brief', async () => {
    const before = await brief();
    await page.click('[data-edit-section="field-notes"]');
    await page.waitForSelector('#section-editor[data-ready="field-notes"]');
    await page.locator('#section-body-host .cm-line', { hasText: 'The camp moved.' }).click();
    await page.keyboard.press('End');
    await page.keyboard.insertText(' XYZ');
    await expect.poll(bodyLine).toBe('The camp moved. XYZ');
    await undo();
    await expect.poll(bodyLine).toBe('The camp moved.');
    expect(await brief()).toEqual(before);
    await redo();
    await expect.poll(bodyLine).toBe('The camp moved. XYZ');
    await sendMenuCommand(page, { command: 'undo' });
    await expect.poll(bodyLine).toBe('The camp moved.');
    await sendMenuCommand(page, { command: 'redo' });
    await expect.poll(bodyLine).toBe('The camp moved. XYZ');
    await undo();
    await expect.poll(bodyLine).toBe('The camp moved.');
    expect(await brief()).toEqual(before);
    expect(await page.textContent('#announcer')).not.toMatch(/Undone|Redone/);
    expect(harness.pageErrors).toEqual([]);
  });
});
