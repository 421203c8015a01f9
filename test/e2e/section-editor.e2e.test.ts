/**
 * The section editor in Debian's Chromium over the real IPC handlers and
 * engine: a section written from scratch (a key fact citing its source)
 * shows in the preview before it is saved, is saved as the `.md` file the
 * command line builds, reports a front-matter mistake at its line and
 * column, turns pasted HTML into Markdown and copies a dropped picture into
 * its own folder; a built-in is duplicated to edit (taking its place in a
 * brief that uses it); a section is renamed and deleted (after asking).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli.js';
import { builtInSectionsDir } from '../../main/engine/paths.js';
import { readPdf } from '../app/fixtures.js';
import { goodPng } from '../helpers/bad-images.js';
import { textOfLastPreview } from './support/preview-text.js';
import { startAppHarness, SCREENSHOTS, UI_WAIT, type AppHarness } from './support/app-harness.js';

let app: AppHarness;
let page: Page;

beforeAll(async () => {
  app = await startAppHarness({ prefix: 'brief-studio-section-editor-e2e-', viewport: { width: 1440, height: 1000 } });
  page = app.page;
});

afterAll(async () => {
  await app?.close();
});

const userFile = (name: string) => join(app.dirs.userSections, name);
const body = '#section-body-host .cm-content';
const chosenOrder = () => page.locator('#chosen-list li').evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.sectionId));
/** Put the cursor at the end of the body (clicking its last line, as a user would). */
async function toBodyEnd(): Promise<void> {
  await page.locator('#section-body-host .cm-line').last().click();
  await page.keyboard.press('Control+End');
}

/** The section body as the editor shows it, line by line (short bodies: CodeMirror draws every line). */
async function bodyText(): Promise<string> {
  return (await page.locator('#section-body-host .cm-line').allTextContents()).join('\n');
}


/** Build a brief of `sections` with the command line, reading the user's sections folder; the PDF's bytes. */
async function buildWithCli(sections: string[]): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), 'brief-studio-section-cli-'));
  writeFileSync(join(dir, 'test.brief.yaml'), `title: Section editor test\ndate: 2024-06-03\nsections: [${sections.join(', ')}]\nsectionFolders: [${JSON.stringify(app.dirs.userSections)}]\n`);
  let err = '';
  const code = await runCli(['build', 'test.brief.yaml', '-o', 'out.pdf'], { out: () => undefined, err: (t) => (err += `${t}\n`), cwd: dir });
  // Only the line that says where the PDF went: no warning about the section.
  expect(err.trim()).toMatch(/^Wrote \S+out\.pdf/);
  expect(err).not.toMatch(/SECTION_|warning/i);
  expect(code).toBe(0);
  return readFileSync(join(dir, 'out.pdf'));
}

async function answerName(value: string, confirm: string): Promise<void> {
  const dialog = page.locator('dialog.page-dialog');
  await dialog.locator('input').fill(value);
  await dialog.locator('button', { hasText: confirm }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** Wait for main's check of what is on screen (and its answer), then for the preview that follows it. */
async function settled(status: string | RegExp = 'No problems'): Promise<void> {
  await page.waitForSelector('#section-editor:not([data-pending])');
  expect(await page.textContent('#section-check-status')).toMatch(status);
  await page.waitForFunction(() => ['done', 'error'].includes(document.querySelector('#render-status')?.getAttribute('data-state') ?? ''));
}

/** Save with the button and wait until the file on disk holds `expected`. */
async function saveAndWait(file: string, expected: string): Promise<void> {
  await page.click('#section-save');
  await expect.poll(() => (existsSync(file) ? readFileSync(file, 'utf8') : ''), { timeout: UI_WAIT }).toContain(expected);
  await page.waitForSelector('#section-editor-unsaved', { state: 'hidden' });
}

describe('writing a new section', () => {
  const fact = 'The launch pad passed its safety review on 3 June.';

  it('starts a new section from a title, with nothing written to disk', async () => {
    await page.click('#section-new');
    await answerName('Launch readiness', 'Create');
    await page.waitForSelector('#section-editor[data-ready="launch-readiness"]');
    expect(await page.isVisible('.library-pane')).toBe(false);
    expect(await page.inputValue('#section-field-title')).toBe('Launch readiness');
    expect(await page.textContent('#section-editor-id')).toBe('launch-readiness.md');
    // The summary is required, but an empty field the user has not been to yet is not an error yet.
    await page.waitForSelector('#section-editor:not([data-pending])');
    expect(await page.textContent('#section-check-status')).toBe('Required fields to fill in');
    expect(await page.locator('#section-diagnostic-list li').count()).toBe(0);
    expect(await page.getAttribute('#section-field-summary', 'aria-invalid')).toBe(null);
    expect(await page.isHidden('#section-field-summary-error')).toBe(true);
    // Leaving it empty: the engine's problem shows, in the form's words, at its line in the file to be.
    await page.focus('#section-field-summary');
    await page.keyboard.press('Tab');
    await expect.poll(() => page.locator('#section-diagnostic-list').textContent()).toContain('launch-readiness.md:4:');
    expect(await page.textContent('#section-field-summary-error')).toBe('Summary should not be empty');
    expect(await page.getAttribute('#section-field-summary', 'aria-invalid')).toBe('true');
    expect(existsSync(userFile('launch-readiness.md'))).toBe(false);
  });

  it('fills in the front matter, cites a source from a key fact, writes the body, and sees it in the preview unsaved', async () => {
    await page.fill('#section-field-summary', 'The launch is on track: two checks remain.');
    await page.fill('#section-field-tags', 'space, launch');
    await page.click('[data-add="sources"]');
    await page.fill('#section-field-sources-0-id', 'review');
    await page.fill('#section-field-sources-0-title', 'Pad safety review');
    await page.fill('#section-field-sources-0-publisher', 'Range Safety Office');
    await page.fill('#section-field-sources-0-date', '2024-06-03');
    await page.click('[data-add="key_facts"]');
    await page.fill('#section-field-key_facts-0-text', fact);
    // The key fact's source is chosen from the section's own source ids.
    expect(await page.locator('#section-field-key_facts-0-source option').allTextContents()).toEqual(['— none —', 'review']);
    await page.selectOption('#section-field-key_facts-0-source', 'review');
    await page.click('[data-add="quotes"]');
    await page.fill('#section-field-quotes-0-text', 'We are ready to fly.');
    await page.fill('#section-field-quotes-0-speaker', 'A. Tanaka');
    await page.fill('#section-field-quotes-0-role', 'Launch Director');
    await page.fill('#section-field-quotes-0-date', '2024-06');
    await page.locator('#section-body-host .cm-line').first().click();
    await page.keyboard.type('Countdown rehearsals finished without a hold.');
    await settled();
    expect(await page.isVisible('#section-editor-unsaved')).toBe(true);

    const preview = await textOfLastPreview(app);
    expect(preview).toContain('Launch readiness');
    expect(preview).toContain(fact);
    expect(preview).toContain('Countdown rehearsals finished without a hold.');
    expect(preview).toContain('We are ready to fly.');
    // Still only in memory.
    expect(existsSync(userFile('launch-readiness.md'))).toBe(false);
    await page.screenshot({ path: join(SCREENSHOTS, 'section-editor-01-new-section-unsaved.png') });
  });

  it('saves the .md file the command line reads, and the command line builds it', async () => {
    await saveAndWait(userFile('launch-readiness.md'), 'Countdown rehearsals');
    await page.locator('.toast', { hasText: 'Saved launch-readiness.md' }).waitFor();
    const text = readFileSync(userFile('launch-readiness.md'), 'utf8');
    expect(text).toBe(`---
id: launch-readiness
title: Launch readiness
summary: "The launch is on track: two checks remain."
key_facts:
  - text: ${fact}
    source: review
quotes:
  - text: We are ready to fly.
    speaker: A. Tanaka
    role: Launch Director
    date: "2024-06"
sources:
  - id: review
    title: Pad safety review
    publisher: Range Safety Office
    date: "2024-06-03"
tags: [ space, launch ]
---
Countdown rehearsals finished without a hold.
`);
    // The library lists it as the user's own.
    await page.locator('#library-list li[data-section-id="launch-readiness"]').waitFor({ state: 'attached' });

    const pdf = await readPdf(await buildWithCli(['launch-readiness']));
    expect(pdf.text).toContain('Launch readiness');
    expect(pdf.text).toContain(fact);
    expect(pdf.text).toContain('Countdown rehearsals finished without a hold.');
  });

  it('shows a front-matter mistake at its line and column, on the field, and clears it once fixed', async () => {
    await page.fill('#section-field-sources-0-date', 'June 2024');
    await settled(/1 error/);
    const item = page.locator('#section-diagnostic-list li').first();
    const [, line, column] = /launch-readiness\.md:(\d+):(\d+)/.exec((await item.textContent()) ?? '') ?? [];
    expect(await item.textContent()).toContain('YYYY, YYYY-MM or YYYY-MM-DD');
    expect(await page.getAttribute('#section-field-sources-0-date', 'aria-invalid')).toBe('true');
    // In the form's words: the field as it is labelled, not its path in the YAML.
    expect(await page.textContent('#section-field-sources-0-date-error')).toMatch(/^Source 1 › Date should be .*YYYY/);
    expect(await item.textContent()).toContain('Source 1 › Date should be');
    expect(await page.locator('#section-editor').textContent()).not.toMatch(/sources\.0|section front matter/);
    await page.screenshot({ path: join(SCREENSHOTS, 'section-editor-02-front-matter-error.png') });
    // The place is exact in the file as it is saved: line and column point at the value.
    await saveAndWait(userFile('launch-readiness.md'), 'June 2024');
    const lines = readFileSync(userFile('launch-readiness.md'), 'utf8').split('\n');
    expect(lines[Number(line) - 1]!.slice(Number(column) - 1)).toBe('"June 2024"');
    // Picking the problem goes to its field.
    await item.locator('button').click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('section-field-sources-0-date');

    await page.fill('#section-field-sources-0-date', '2024-06-03');
    await settled();
    expect(await page.getAttribute('#section-field-sources-0-date', 'aria-invalid')).toBe(null);
  });

  it('says a date that is not in the calendar under the field, in the form’s words', async () => {
    await page.fill('#section-field-quotes-0-date', '2023-02-29');
    await settled(/1 error/);
    expect(await page.textContent('#section-field-quotes-0-date-error')).toBe('Quotation 1 › Date should be a real calendar date (February 2023 has 28 days)');
    expect(await page.textContent('#section-diagnostic-list')).toContain('Quotation 1 › Date should be a real calendar date');
    expect(await page.locator('#section-editor').textContent()).not.toContain('quotes.0');
    await page.screenshot({ path: join(SCREENSHOTS, 'section-editor-02b-calendar-date.png') });
    await page.fill('#section-field-quotes-0-date', '2024-06');
    await settled();
  });

  it('marks a mistake in the body at its line in the body editor, named by its line in the file', async () => {
    await toBodyEnd();
    await page.keyboard.type('\n\n#### Too deep');
    await settled(/1 error/);
    // Body line 3 is line 22 of the file (the body starts on line 20, after 18 lines of front matter and its two fences).
    expect(await page.locator('#section-diagnostic-list').textContent()).toContain('launch-readiness.md:22:1');
    await expect.poll(() => page.locator('#section-body-host .cm-lintRange-error').count()).toBeGreaterThan(0);
    const markedLine = await page.locator('#section-body-host .cm-lintRange-error').first().evaluate((mark) => mark.closest('.cm-line')?.textContent);
    expect(markedLine).toBe('#### Too deep');
    for (let i = 0; i < '\n\n#### Too deep'.length; i++) await page.keyboard.press('Backspace');
    await settled();
  });

  it('lists the warnings a build gives for the body, as the preview does, and says briefs still build', async () => {
    await toBodyEnd();
    await page.keyboard.type('\n\n```\nnever closed');
    await settled(/1 warning/);
    expect(await page.getAttribute('#section-check-status', 'data-state')).toBe('warning');
    // Body line 3 is line 22 of the file, as above.
    expect(await page.locator('#section-diagnostic-list').textContent()).toMatch(/launch-readiness\.md:22(?!\d).*code fence ``` opened here is never closed/s);
    for (let i = 0; i < '\n\n```\nnever closed'.length; i++) await page.keyboard.press('Backspace');
    await settled();
  });

  it('turns HTML pasted from a web page or a document into Markdown', async () => {
    await toBodyEnd();
    await page.keyboard.type('\n\n');
    const html = `<meta charset="utf-8"><!--StartFragment--><h2>Next steps</h2><p class="MsoNormal">Finish the <b>weather</b> review and read <a href="https://example.org/plan">the plan</a>.<o:p></o:p></p>
      <ul><li>Fuel load</li><li>Range clearance</li></ul><h5>Detail</h5>
      <table><tr><td>Check</td><td>Status</td></tr><tr><td>Weather</td><td>Open</td></tr></table><p><img src="https://example.org/chart.png" alt="chart"></p><script>alert(1)</script><!--EndFragment-->`;
    await page.locator(body).evaluate((content, pasted) => {
      const data = new DataTransfer();
      data.setData('text/html', pasted);
      data.setData('text/plain', 'Next steps');
      content.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, html);
    await settled();
    const text = await bodyText();
    // A pasted h2 becomes a subheading of the section, as h5 does (## would outrank the section's own title).
    expect(text).toContain('\n### Next steps\n\nFinish the **weather** review and read [the plan](https://example.org/plan).');
    expect(text).toContain('- Fuel load\n- Range clearance');
    expect(text).toContain('### Detail');
    expect(text).toContain('| Check | Status |\n| --- | --- |\n| Weather | Open |');
    expect(text).not.toMatch(/<|alert|chart\.png/);
    await page.locator('.toast', { hasText: 'A picture in the pasted text was left out' }).waitFor();
    const preview = await textOfLastPreview(app);
    // A subheading: the memo sets it in capitals.
    expect(preview).toMatch(/Next steps/i);
    expect(preview).toContain('Range clearance');
  });

  it('copies a dropped picture into the section’s folder, refers to it relatively, and the PDF shows it', async () => {
    const png = goodPng();
    await toBodyEnd();
    await page.locator(body).evaluate((content, base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'Seal chart.png', { type: 'image/png' }));
      const box = content.getBoundingClientRect();
      content.dispatchEvent(new DragEvent('drop', { dataTransfer: data, clientX: box.left + 20, clientY: box.bottom - 5, bubbles: true, cancelable: true }));
    }, png.toString('base64'));
    await expect.poll(bodyText).toContain('![Seal chart](launch-readiness.assets/seal-chart.png)');
    const copied = userFile('launch-readiness.assets/seal-chart.png');
    expect(readFileSync(copied).equals(png)).toBe(true);
    await settled();
    await saveAndWait(userFile('launch-readiness.md'), 'seal-chart.png');
    await page.screenshot({ path: join(SCREENSHOTS, 'section-editor-03-picture-and-paste.png') });

    const pdf = await buildWithCli(['launch-readiness']);
    const images = spawnSync('pdfimages', ['-list', '-'], { input: pdf, encoding: 'utf8' });
    const rows = images.stdout.split('\n').slice(2).filter((l) => l.trim() && !/ smask /.test(l));
    expect(rows.map((r) => r.trim().split(/\s+/).slice(3, 5).join('x'))).toEqual(['12x8']);
    expect((await readPdf(pdf)).text).toMatch(/Next steps/i);
  });
});

describe('built-in sections, rename and delete', () => {
  it('opens a built-in read-only and duplicates it to edit', async () => {
    await page.click('#section-close');
    await page.waitForSelector('#section-editor', { state: 'hidden' });
    await page.click('[data-edit-section="space-agreement"]');
    await page.waitForSelector('#section-editor[data-ready="space-agreement"]');
    expect(await page.isVisible('#section-editor-read-only')).toBe(true);
    expect(await page.locator('#section-field-title').evaluate((i) => (i as HTMLInputElement).readOnly)).toBe(true);
    expect(await page.isHidden('#section-save')).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'section-editor-04-built-in-read-only.png') });
    const builtIn = readFileSync(join(builtInSectionsDir(), 'space-agreement.md'), 'utf8');

    await page.click('#section-duplicate');
    await answerName('My space notes', 'Duplicate');
    await page.waitForSelector('#section-editor[data-ready="my-space-notes"]');
    expect(await page.isVisible('#section-editor-read-only')).toBe(false);
    expect(await page.inputValue('#section-field-title')).toBe('My space notes');
    const copy = readFileSync(userFile('my-space-notes.md'), 'utf8');
    expect(copy).toContain('id: my-space-notes\ntitle: My space notes\n');
    // Its comments came along; the built-in is untouched.
    expect(copy).toContain('# Paragraph numbers count each line of the source copy');
    expect(readFileSync(join(builtInSectionsDir(), 'space-agreement.md'), 'utf8')).toBe(builtIn);
    // The original is not in the brief: the brief is left as it was, and the toast says where the copy is.
    expect(await page.locator('.toast', { hasText: 'Created “my-space-notes”' }).textContent()).toContain('The copy is in your library (your brief is unchanged)');
    expect(await chosenOrder()).toEqual([]);
  });

  it('renames the section: the file, its id, and the brief that uses it follow', async () => {
    await page.click('#section-close');
    await page.waitForSelector('#section-editor', { state: 'hidden' });
    await page.check('#include-my-space-notes');
    await page.click('[data-edit-section="my-space-notes"]');
    await page.waitForSelector('#section-editor[data-ready="my-space-notes"]');
    await page.click('#section-rename');
    await page.locator('dialog.page-dialog input').fill('Bad Id!');
    await page.locator('dialog.page-dialog button', { hasText: 'Rename' }).click();
    await page.locator('dialog.page-dialog .page-dialog-error').waitFor();
    expect(await page.textContent('dialog.page-dialog .page-dialog-error')).toContain('lowercase letters, digits and hyphens');
    await answerName('space-notes', 'Rename');
    await page.waitForSelector('#section-editor[data-ready="space-notes"]');
    expect(existsSync(userFile('my-space-notes.md'))).toBe(false);
    expect(readFileSync(userFile('space-notes.md'), 'utf8')).toMatch(/^---\nid: space-notes\ntitle: My space notes\n/);
    await page.click('#section-close');
    await page.waitForSelector('#section-editor', { state: 'hidden' });
    expect(await page.isChecked('#include-space-notes')).toBe(true);
    expect(await page.locator('#include-my-space-notes').count()).toBe(0);
  });

  it('deletes a section only after asking', async () => {
    await page.click('[data-edit-section="space-notes"]');
    await page.waitForSelector('#section-editor[data-ready="space-notes"]');
    await page.click('#section-delete');
    await page.click('dialog.page-dialog button[data-value="cancel"]');
    expect(existsSync(userFile('space-notes.md'))).toBe(true);
    await page.click('#section-delete');
    await page.screenshot({ path: join(SCREENSHOTS, 'section-editor-05-delete-asks.png') });
    await page.click('dialog.page-dialog button[data-value="delete"]');
    await page.waitForSelector('#section-editor', { state: 'hidden' });
    expect(existsSync(userFile('space-notes.md'))).toBe(false);
    await expect.poll(() => page.locator('#library-list li[data-section-id="space-notes"]').count()).toBe(0);
    expect(await page.locator('#chosen-list li').count()).toBe(0);
  });

});

describe('duplicating a section the brief uses', () => {
  it('puts the copy in the brief in place of the built-in (one undoable edit), so the edits are what it exports', async () => {
    for (const id of ['space-agreement', 'force-posture', 'security-environment']) await page.check(`#include-${id}`);
    expect(await chosenOrder()).toEqual(['space-agreement', 'force-posture', 'security-environment']);
    await page.click('[data-edit-section="force-posture"]');
    await page.waitForSelector('#section-editor[data-ready="force-posture"]');
    await page.click('#section-duplicate');
    await answerName('Force posture, my notes', 'Duplicate');
    await page.waitForSelector('#section-editor[data-ready="force-posture-my-notes"]');
    expect(await page.locator('.toast', { hasText: 'Created “force-posture-my-notes”' }).textContent()).toContain('Your brief now uses the copy in place of “force-posture”');

    await page.fill('#section-field-summary', 'Posture notes written in the copy.');
    await settled();
    await saveAndWait(userFile('force-posture-my-notes.md'), 'Posture notes written in the copy.');
    await page.click('#section-close');
    await page.waitForSelector('#section-editor', { state: 'hidden' });
    // The copy holds the original's place; the original is no longer in the brief.
    expect(await chosenOrder()).toEqual(['space-agreement', 'force-posture-my-notes', 'security-environment']);

    const target = join(app.dirs.documents, 'with-copy.pdf');
    app.answers.pdfPath.push(target);
    await page.click('button[data-command="export-pdf"]');
    await page.locator('.toast.success', { hasText: 'Exported with-copy.pdf' }).waitFor();
    const exported = (await readPdf(readFileSync(target))).text;
    expect(exported).toContain('Posture notes written in the copy.');
    // The original's summary is in the built-in only.
    expect(exported).not.toContain('An overhaul of U.S.');

    // One undo puts the original back where it was.
    await page.keyboard.press('Control+z');
    await expect.poll(chosenOrder).toEqual(['space-agreement', 'force-posture', 'security-environment']);
  });

  it('a new section saved at once shows the problems of its empty fields', async () => {
    await page.click('#section-new');
    await answerName('Held back', 'Create');
    await page.waitForSelector('#section-editor[data-ready="held-back"]:not([data-pending])');
    expect(await page.isHidden('#section-field-summary-error')).toBe(true);
    await page.click('#section-save');
    await page.locator('#section-field-summary-error', { hasText: 'Summary should not be empty' }).waitFor();
    expect(await page.textContent('#section-check-status')).toBe('1 error');
  });

  it('raised no page errors', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
