/**
 * The desktop app end to end, in Debian's Chromium: the built renderer page,
 * the preload bridge injected with page.exposeFunction, and behind it the real
 * IPC handlers, the real render worker and the real engine. Dialogs answer
 * from a queue; printing prints the page to PDF. The template editor's part
 * runs the app's folder watcher too. Screenshots go to test-output/screenshots/.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInTemplatesDir } from '../../main/engine/paths.js';
import { loadSpecFile } from '../../main/engine/spec.js';
import type { HandlerContext, IpcHandlers } from '../../main/app/ipc-handlers.js';
import { watchLibrary } from '../../main/app/library-watcher.js';
import { BROKEN_SECTION, readPdf, sectionFile } from '../app/fixtures.js';
import { lastPreview } from './support/preview-text.js';
import { startAppHarness, SCREENSHOTS, UI_WAIT, type AppHarness } from './support/app-harness.js';
import { sendMenuCommand, signalLibraryChanged, type BridgeLog } from './support/bridge.js';
import { cursorPosition, editorLines, lineOfFirstError, replaceLine, styleOfToken, typeAtEnd } from './support/code-editor.js';

const SECTIONS = [
  { id: 'alpha-briefing', title: 'Alpha Briefing Notes' },
  { id: 'bravo-briefing', title: 'Bravo Briefing Notes' },
  { id: 'charlie-briefing', title: 'Charlie Briefing Notes' },
];
const NEW_TITLE = 'Kishida Visit Readout 2024';
let app: AppHarness;
let page: Page;
let dirs: AppHarness['dirs'];
let answers: AppHarness['answers'];
let windowLog: AppHarness['windowLog'];
let bridgeLog: BridgeLog;
let handlers: IpcHandlers;
let handlerContext: HandlerContext;
let pageErrors: string[];

const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
const chosenOrder = () => page.locator('#chosen-list li').evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.sectionId));
const previewSequence = async () => Number((await page.locator('body').getAttribute('data-preview-sequence')) ?? 0);

/** Wait until the preview has been redrawn after `since` and shows `pages` page canvases. */
async function waitForPreviewAfter(since: number): Promise<number> {
  try {
    await page.waitForFunction((s) => Number(document.body.dataset.previewSequence ?? 0) > s, since, { timeout: UI_WAIT });
  } catch (error) {
    const status = await page.textContent('#render-status');
    const problems = await page.textContent('#problems');
    throw new Error(`The preview did not update (status: "${status}", problems: "${problems?.trim()}")`, { cause: error });
  }
  const count = Number(await page.locator('#preview-pages').getAttribute('data-page-count'));
  await expect.poll(() => page.locator('#preview-pages .page canvas').count()).toBe(count);
  return count;
}

beforeAll(async () => {
  app = await startAppHarness({
    prefix: 'brief-studio-e2e-',
    seed: (folders) => {
      for (const s of SECTIONS) writeFileSync(join(folders.userSections, `${s.id}.md`), sectionFile(s.id, s.title, `${s.title}: the body of this section, long enough to read.`));
    },
  });
  ({ page, dirs, answers, windowLog, bridgeLog, handlers, pageErrors } = app);
  handlerContext = app.context;
});

afterAll(async () => {
  await app?.close();
});

describe('Brief Studio in a browser, over the real engine', () => {
  it('starts with the library, the templates and an empty brief', async () => {
    await expect.poll(() => page.locator('#library-list li').count()).toBeGreaterThanOrEqual(SECTIONS.length + 3);
    // Built-in sections and the user's own are both listed; the user's carry a badge.
    await expect.poll(() => page.locator('#library-list li[data-section-id="space-agreement"]').count()).toBe(1);
    expect(await page.locator('#library-list li[data-section-id="alpha-briefing"] .badge').textContent()).toBe('Yours');
    const templates = await page.locator('.template-card .template-name').allTextContents();
    expect(templates.join(' ')).toContain('Memo');
    expect(await page.locator('.template-card .template-description').first().textContent()).not.toBe('');
    expect(await page.locator('#template-memo').isChecked()).toBe(true);
    expect(await page.inputValue('#field-date')).toBe('2024-06-03');
    expect(await page.isVisible('#preview-empty')).toBe(true);
    await shot('01-start');
  });

  it('filters the library by text and by tag and shows a summary on hover', async () => {
    await page.fill('#library-filter', 'bravo');
    expect(await page.locator('#library-list li').evaluateAll((li) => li.map((l) => (l as HTMLElement).dataset.sectionId))).toEqual(['bravo-briefing']);
    await page.fill('#library-filter', '');
    await page.selectOption('#library-tag', 'test');
    expect(await page.locator('#library-list li').count()).toBe(SECTIONS.length);
    await page.selectOption('#library-tag', '');
    await page.hover('#library-list li[data-section-id="charlie-briefing"]');
    await expect.poll(() => page.locator('#section-detail').textContent()).toContain('Summary of Charlie Briefing Notes');
  });

  it('adds sections with their checkboxes and shows the preview', async () => {
    const before = await previewSequence();
    for (const s of SECTIONS) await page.check(`#include-${s.id}`);
    expect(await chosenOrder()).toEqual(['alpha-briefing', 'bravo-briefing', 'charlie-briefing']);
    const pages = await waitForPreviewAfter(before);
    expect(pages).toBeGreaterThan(0);
    expect(await page.locator('#thumbnails .thumb').count()).toBe(pages);
    expect(await page.textContent('#page-count')).toBe(`${pages} ${pages === 1 ? 'page' : 'pages'}`);
    await shot('02-sections-chosen');
  });

  it('reorders by drag and drop', async () => {
    const charlie = page.locator('#chosen-list li[data-section-id="charlie-briefing"]');
    const alpha = page.locator('#chosen-list li[data-section-id="alpha-briefing"]');
    await charlie.dragTo(alpha, { targetPosition: { x: 40, y: 4 } });
    expect(await chosenOrder()).toEqual(['charlie-briefing', 'alpha-briefing', 'bravo-briefing']);
  });

  it('reorders with Alt+Arrow keys, keeps focus on the moved section and announces it', async () => {
    await page.focus('#chosen-list li[data-section-id="bravo-briefing"]');
    await page.keyboard.press('Alt+ArrowUp');
    expect(await chosenOrder()).toEqual(['charlie-briefing', 'bravo-briefing', 'alpha-briefing']);
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.sectionId)).toBe('bravo-briefing');
    await expect.poll(() => page.textContent('#announcer')).toContain('moved to position 2 of 3');
    // Alt+ArrowUp at the top does nothing; ArrowDown only moves focus.
    await page.focus('#chosen-list li[data-section-id="charlie-briefing"]');
    await page.keyboard.press('Alt+ArrowUp');
    await page.keyboard.press('ArrowDown');
    expect(await chosenOrder()).toEqual(['charlie-briefing', 'bravo-briefing', 'alpha-briefing']);
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.sectionId)).toBe('bravo-briefing');
  });

  it('updates the preview soon after the title changes', async () => {
    const before = await previewSequence();
    await page.fill('#field-title', NEW_TITLE);
    await page.fill('#field-author', 'Office of Japan Affairs');
    await page.selectOption('#field-classification-preset', 'CUI');
    await waitForPreviewAfter(before);
    expect(await page.textContent('#document-name')).toBe(NEW_TITLE);
    expect(await page.isVisible('#dirty-mark')).toBe(true);
    expect(windowLog.titles.at(-1)).toBe(`• ${NEW_TITLE} — Brief Studio`);

    // Latency from the last keystroke to the new preview on screen, measured in the page.
    const latencies: number[] = [];
    for (const suffix of [' A', ' B', ' C', ' D', ' E']) {
      const seq = await previewSequence();
      await page.type('#field-subtitle', suffix);
      await waitForPreviewAfter(seq);
      latencies.push(Number(await page.locator('body').getAttribute('data-preview-latency')));
      console.log(await page.locator('body').getAttribute('data-preview-timings'));
    }
    latencies.sort((a, b) => a - b);
    // Speed is measured by `npm run bench` (medians on a quiet machine), not asserted here:
    // this only checks that every edit produced a new preview and reported its latency.
    console.log(`preview latency after an edit (ms): ${latencies.join(', ')}`);
    expect(latencies.every((ms) => Number.isFinite(ms) && ms > 0)).toBe(true);
    await shot('03-preview');
  });

  it('exports the PDF: sections in the chosen order, the new title present', async () => {
    const target = join(dirs.documents, 'readout.pdf');
    answers.pdfPath.push(target);
    await page.click('button[data-command="export-pdf"]');
    const toast = page.locator('.toast.success', { hasText: 'Exported readout.pdf' });
    await toast.waitFor({ timeout: UI_WAIT });
    expect(await toast.locator('.toast-action').allTextContents()).toEqual(['Open', 'Show in folder']);
    await shot('04-exported');

    const pdf = await readPdf(readFileSync(target));
    expect(pdf.text).toContain(NEW_TITLE);
    expect(pdf.text).toContain('CUI');
    const positions = ['Charlie Briefing Notes', 'Bravo Briefing Notes', 'Alpha Briefing Notes'].map((title) => pdf.text.indexOf(title));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(pdf.numPages).toBe(Number(await page.locator('#preview-pages').getAttribute('data-page-count')));

    await toast.locator('.toast-action', { hasText: 'Show in folder' }).click();
    await expect.poll(() => bridgeLog.calls.filter((c) => c.name === 'revealExport').map((c) => c.request)).toEqual([{ path: target, action: 'show-in-folder' }]);
  });

  it('prints: the Print / Handout dialog previews the sheets; the print view holds the sheets last chosen, at their paper size', async () => {
    await page.click('button[data-command="print"]');
    const dialog = page.locator('dialog.handout-dialog');
    await dialog.waitFor({ state: 'visible' });
    const pageCount = Number(await page.locator('#preview-pages').getAttribute('data-page-count'));
    // 1-up, one copy: the sheets are the brief's pages; 2-up halves them.
    await expect.poll(() => dialog.locator('.handout-sheet canvas').count(), { timeout: UI_WAIT }).toBe(pageCount);
    await dialog.locator('#handout-layout').selectOption('2-up');
    await expect.poll(() => dialog.locator('.handout-sheet canvas').count(), { timeout: UI_WAIT }).toBe(Math.ceil(pageCount / 2));
    await dialog.locator('#handout-layout').selectOption('1-up');
    await expect.poll(() => dialog.locator('.handout-sheet canvas').count(), { timeout: UI_WAIT }).toBe(pageCount);
    await page.screenshot({ path: join(SCREENSHOTS, 'handout-dialog.png') });
    // No spooler in this test: the dialog offers the system print dialog.
    expect(await dialog.locator('#handout-printer').inputValue()).toBe('');
    await expect.poll(() => dialog.locator('button.primary').isEnabled()).toBe(true);
    // What prints is what is chosen on screen: 2-up, chosen a moment before Print, while its sheets are not built yet.
    await dialog.locator('#handout-layout').selectOption('2-up');
    await dialog.locator('button.primary').click();
    try {
      await expect.poll(() => windowLog.printPdf?.length ?? 0, { timeout: UI_WAIT }).toBeGreaterThan(0);
    } catch (error) {
      // Where it stopped: the dialog's own status, whether main was asked to print, and what the page reported.
      const status = await dialog.locator('.handout-status, .page-dialog-error').allTextContents().catch(() => []);
      const asked = bridgeLog.calls.filter((c) => c.name === 'printPages');
      throw new Error(`No print PDF. Dialog status: ${JSON.stringify(status)}; printPages calls: ${JSON.stringify(asked)}; page errors: ${JSON.stringify(pageErrors)}`, { cause: error });
    }
    expect(windowLog.printed).toHaveLength(1);
    // Letter turned sideways, two pages to a side.
    expect(windowLog.printed[0]!.pageSize).toEqual({ width: 279400, height: 215900 });
    writeFileSync(join(SCREENSHOTS, 'printed.pdf'), windowLog.printPdf!);
    const printed = await readPdf(windowLog.printPdf!);
    expect(printed.numPages).toBe(Math.ceil(pageCount / 2));
    // The print view is emptied again once the job is handed over, and the page is free for the next command.
    await expect.poll(() => page.locator('#print-view img').count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.body.classList.contains('is-busy'))).toBe(false);
  });

  it('saves the same *.brief.yaml the CLI builds', async () => {
    answers.briefPath.push(join(dirs.documents, 'readout'));
    await page.keyboard.press('Escape');
    await page.click('button[data-command="save"]');
    await expect.poll(() => page.textContent('#document-name')).toBe('readout.brief.yaml');
    expect(await page.isVisible('#dirty-mark')).toBe(false);
    const spec = await loadSpecFile(join(dirs.documents, 'readout.brief.yaml'));
    expect(spec).toMatchObject({ title: NEW_TITLE, classification: 'CUI', author: 'Office of Japan Affairs', sections: ['charlie-briefing', 'bravo-briefing', 'alpha-briefing'], template: 'memo', date: '2024-06-03' });
  });

  it('shows a broken section file with its location, and keeps previewing the brief that does not use it', async () => {
    await page.fill('#field-title', `${NEW_TITLE} (draft)`);
    const seq = await previewSequence();
    writeFileSync(join(dirs.userSections, 'broken-notes.md'), BROKEN_SECTION);
    await signalLibraryChanged(page);

    const libraryProblem = page.locator('#library-problems');
    await libraryProblem.waitFor({ state: 'visible' });
    expect(await libraryProblem.textContent()).toMatch(/broken-notes\.md:\d+:\d+/);

    // The brief uses none of the broken file: the preview follows the library change and stays current.
    await waitForPreviewAfter(seq);
    expect(await page.locator('#problem-list .problem.error').count()).toBe(0);
    expect(await page.locator('#preview-pages').getAttribute('class')).not.toContain('is-stale');
    expect(await page.inputValue('#field-title')).toBe(`${NEW_TITLE} (draft)`);
    expect(await chosenOrder()).toEqual(['charlie-briefing', 'bravo-briefing', 'alpha-briefing']);
    await shot('05-broken-section');

    // Fixing the file clears the library's note.
    rmSync(join(dirs.userSections, 'broken-notes.md'));
    const fixed = await previewSequence();
    await signalLibraryChanged(page);
    await waitForPreviewAfter(fixed);
    expect(await page.isVisible('#library-problems')).toBe(false);
    expect(await page.locator('#problem-list .problem.error').count()).toBe(0);
  });

  it('shows a broken template with its location', async () => {
    mkdirSync(join(dirs.userTemplates, 'house-style'), { recursive: true });
    writeFileSync(join(dirs.userTemplates, 'house-style', 'template.yaml'), 'name: House style\ndescription: Our office look\n');
    writeFileSync(join(dirs.userTemplates, 'house-style', 'brief.hbs'), '# {{title}\n');
    await signalLibraryChanged(page);
    await page.locator('#template-house-style').waitFor();
    expect(await page.locator('label[for="template-house-style"] .template-description').textContent()).toBe('Our office look');
    await page.check('#template-house-style');
    const problem = page.locator('#problem-list .problem.error');
    await expect.poll(() => problem.locator('.location').textContent(), { timeout: UI_WAIT }).toMatch(/brief\.hbs:1/);
    await shot('06-broken-template');
    await page.check('#template-memo');
    await expect.poll(() => page.isVisible('#problems'), { timeout: UI_WAIT }).toBe(false);
  });

  it('reports an unwritable export target and a half-filled form without losing anything', async () => {
    answers.pdfPath.push(join(dirs.root, 'no-such-folder', 'x.pdf'));
    await page.click('button[data-command="export-pdf"]');
    const error = page.locator('.toast.error', { hasText: 'The PDF was not exported' });
    await error.waitFor({ timeout: UI_WAIT });
    expect(await error.textContent()).toContain('does not exist');

    await page.fill('#field-title', '');
    const problem = page.locator('#problem-list .problem.error');
    await expect.poll(() => problem.textContent(), { timeout: UI_WAIT }).toContain('needs a title');
    expect(await page.getAttribute('#field-title', 'aria-invalid')).toBe('true');
    await problem.locator('button', { hasText: 'Go to field' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-title');
    await shot('07-form-problem');
    await page.fill('#field-title', NEW_TITLE);
    await expect.poll(() => page.isVisible('#problems'), { timeout: UI_WAIT }).toBe(false);
  });

  it('labels every control, reaches them by keyboard and shows focus', async () => {
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('input, select, button, textarea, [tabindex="0"]')]
        .filter((el) => el.offsetParent !== null || el.getClientRects().length > 0)
        .filter((el) => {
          const labels = (el as HTMLInputElement).labels;
          const named = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || (labels && labels.length > 0) || el.textContent?.trim();
          return !named;
        })
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(unlabelled).toEqual([]);

    await page.click('body', { position: { x: 5, y: 880 } });
    await page.focus('#library-filter');
    const reached = new Set<string>();
    const unfocused: string[] = [];
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        if (el === document.body) return { key: 'body', outline: true };
        const style = getComputedStyle(el);
        return { key: el.id || el.dataset.sectionId || el.dataset.command || el.className, outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 };
      });
      reached.add(info.key);
      if (!info.outline) unfocused.push(info.key);
    }
    for (const key of ['library-tag', 'include-alpha-briefing', 'field-title', 'field-date', 'field-classification-preset', 'template-memo', 'charlie-briefing', 'zoom-level']) {
      expect(reached, `Tab reaches ${key}`).toContain(key);
    }
    expect(unfocused, 'every focused control shows a focus ring').toEqual([]);
  });

  it('zooms the preview', async () => {
    const width = async () => (await page.locator('#preview-pages .page canvas').first().boundingBox())!.width;
    await page.selectOption('#zoom-level', '0.5');
    await expect.poll(width).toBeCloseTo(612 * (96 / 72) * 0.5, -1);
    await page.click('#zoom-in');
    await expect.poll(width).toBeCloseTo(612 * (96 / 72) * 0.75, -1);
    expect(await page.inputValue('#zoom-level')).toBe('0.75');
    await page.selectOption('#zoom-level', 'fit');
  });

  it('asks before New drops unsaved edits, and opens a saved brief', async () => {
    const asked = () => bridgeLog.calls.filter((c) => c.name === 'confirmDiscard').length;
    const before = asked();
    answers.discard.push('cancel');
    await sendMenuCommand(page, { command: 'new' });
    await expect.poll(asked).toBe(before + 1);
    expect(await page.inputValue('#field-title')).toBe(NEW_TITLE);
    expect(await chosenOrder()).toEqual(['charlie-briefing', 'bravo-briefing', 'alpha-briefing']);

    answers.discard.push('discard');
    await sendMenuCommand(page, { command: 'new' });
    await expect.poll(() => page.inputValue('#field-title')).toBe('Untitled brief');
    expect(await chosenOrder()).toEqual([]);
    await expect.poll(() => page.isVisible('#preview-empty')).toBe(true);
    expect(await page.textContent('#document-name')).toBe('Untitled brief');

    const seq = await previewSequence();
    answers.briefPath.push(join(dirs.documents, 'readout.brief.yaml'));
    await page.click('button[data-command="open"]');
    await expect.poll(() => page.textContent('#document-name')).toBe('readout.brief.yaml');
    expect(await chosenOrder()).toEqual(['charlie-briefing', 'bravo-briefing', 'alpha-briefing']);
    expect(await page.inputValue('#field-title')).toBe(NEW_TITLE);
    expect(await page.inputValue('#field-classification-preset')).toBe('CUI');
    expect(await page.isChecked('#include-bravo-briefing')).toBe(true);
    expect(await page.isVisible('#dirty-mark')).toBe(false);
    await waitForPreviewAfter(seq);
  });

  it('keeps a custom marking as free text', async () => {
    const seq = await previewSequence();
    await page.selectOption('#field-classification-preset', '__custom__');
    await page.fill('#field-classification', 'UNCLASSIFIED//REL TO USA, JPN');
    expect(await page.locator('#marking-swatch').getAttribute('data-level')).toBe('unclassified');
    await waitForPreviewAfter(seq);
    await shot('08-custom-marking');
  });

  it('previews a multi-page brief with thumbnails that jump to their page', async () => {
    const seq = await previewSequence();
    for (const id of ['space-agreement', 'counterstrike-capability', 'force-posture']) await page.check(`#include-${id}`);
    let pages = await waitForPreviewAfter(seq);
    // On a busy machine a render started after the first tick may land first; the last one follows.
    while (pages <= 1) pages = await waitForPreviewAfter(await previewSequence());
    expect(pages).toBeGreaterThan(1);
    await expect.poll(() => page.locator('#thumbnails .thumb canvas').count()).toBe(pages);
    await page.click(`#thumbnails .thumb[data-page-number="${pages}"]`);
    await expect.poll(() => page.locator('#thumbnails .thumb.is-current').getAttribute('data-page-number')).toBe(String(pages));
    await page.click('#thumbnails .thumb[data-page-number="1"]');
    await expect.poll(() => page.locator('#thumbnails .thumb.is-current').getAttribute('data-page-number')).toBe('1');
    await shot('09-multi-page');
  });

  it('saves, then closes, when the window is closed with unsaved changes and the user chooses Save', async () => {
    await page.fill('#field-audience', 'Delegation to Tokyo');
    await sendMenuCommand(page, { command: 'save-and-close' });
    await expect.poll(() => windowLog.closed).toBe(1);
    const spec = await loadSpecFile(join(dirs.documents, 'readout.brief.yaml'));
    expect(spec).toMatchObject({ audience: 'Delegation to Tokyo', classification: 'UNCLASSIFIED//REL TO USA, JPN' });
  });

  it('says so when a user folder cannot be opened', async () => {
    const original = handlers.openUserFolder;
    handlers.openUserFolder = () => Promise.resolve({ ok: false, message: 'The folder could not be created: permission denied' });
    try {
      await page.click('#open-sections-folder');
      const error = page.locator('.toast.error', { hasText: 'Your sections folder could not be opened' });
      await error.waitFor({ timeout: UI_WAIT });
      expect(await error.textContent()).toContain('permission denied');
    } finally {
      handlers.openUserFolder = original;
    }
  });

  it('never crashed or logged an error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});

describe('Custom templates: duplicate, edit with live diagnostics, external edits', () => {
  const copyDir = () => join(dirs.userTemplates, 'house-memo');
  const editor = () => page.locator('#template-editor');
  let stopWatching: (() => Promise<void>) | undefined;
  let lastPreviewRequest: Parameters<IpcHandlers['renderPreview']>[0] | undefined;

  /** Render the page's latest preview request again through the real handler and read the text of the PDF. */
  async function textOfLastPreview(): Promise<string> {
    const rendered = await lastPreview(app);
    lastPreviewRequest = rendered.request;
    return rendered.text;
  }

  beforeAll(async () => {
    // The app's own folder watcher, telling the page as main does.
    const watch = watchLibrary([dirs.userSections, dirs.userTemplates], () => void signalLibraryChanged(page));
    stopWatching = watch;
    await watch.ready;
    // Fewer sections: each preview renders faster.
    for (const id of ['space-agreement', 'counterstrike-capability', 'force-posture']) await page.uncheck(`#include-${id}`);
    await page.check('#template-memo');
  });
  afterAll(async () => {
    await stopWatching?.();
  });


  it('duplicates a built-in under a new name, refusing a taken one, and the brief uses the copy', async () => {
    await page.click('#template-duplicate');
    const dialog = page.locator('.page-dialog');
    await dialog.waitFor();
    expect(await dialog.locator('input').inputValue()).toBe('Memo (copy)');
    await dialog.locator('input').fill('Handout');
    await dialog.locator('button', { hasText: 'Duplicate' }).click();
    await expect.poll(() => dialog.locator('.page-dialog-error').textContent()).toContain('already exists');
    await shot('10-duplicate-refused');

    await dialog.locator('input').fill('House Memo');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.locator('#template-house-memo').waitFor();
    expect(await page.isChecked('#template-house-memo')).toBe(true);
    expect(readFileSync(join(copyDir(), 'template.yaml'), 'utf8')).toMatch(/^name: House Memo$/m);
    expect(readFileSync(join(copyDir(), 'brief.hbs'), 'utf8')).toBe(readFileSync(join(builtInTemplatesDir(), 'memo', 'brief.hbs'), 'utf8'));
    expect(await page.locator('label[for="template-house-memo"] .badge').textContent()).toBe('Yours');
  });

  it('opens the copy in the editor, highlighting Handlebars, Markdown and YAML, with the CSP kept strict', async () => {
    const seq = await previewSequence();
    await page.click('#template-edit');
    await editor().waitFor({ state: 'visible' });
    await page.locator('#code-editor-host .cm-content').waitFor();
    // The file list fills in on its own; on a busy machine after the editor shows.
    await expect.poll(() => page.locator('#editor-file-list .file-button').evaluateAll((buttons) => buttons.map((b) => (b as HTMLElement).dataset.path))).toEqual([
      'template.yaml',
      'brief.hbs',
      'partials/section.hbs',
      'partials/title-block.hbs',
    ]);
    await expect.poll(() => page.locator('#editor-file-list [aria-current="true"]').getAttribute('data-path')).toBe('brief.hbs');
    await expect.poll(async () => (await editorLines(page)).join('\n')).toContain('{{#each sections}}');
    // CodeMirror's own styles are in force (its base theme lays the editor out as a flex box)…
    expect(await page.locator('#code-editor-host .cm-editor').evaluate((e) => getComputedStyle(e).display)).toBe('flex');
    // …and the three layers are coloured apart: a block keyword, a partial name, a Markdown heading, a YAML key.
    expect(await styleOfToken(page, 'each')).toEqual({ color: 'rgb(176, 36, 122)', fontWeight: '600' });
    expect(await styleOfToken(page, 'title-block')).toMatchObject({ color: 'rgb(15, 111, 106)' });
    expect(await styleOfToken(page, ' Sources {#sources}')).toEqual({ color: 'rgb(31, 58, 95)', fontWeight: '700' });
    await page.click('#editor-file-list [data-path="template.yaml"]');
    await expect.poll(async () => (await editorLines(page)).some((line) => line.startsWith('name: House Memo'))).toBe(true);
    expect(await styleOfToken(page, 'name')).toEqual({ color: 'rgb(31, 58, 95)', fontWeight: '600' });
    await page.click('#editor-file-list [data-path="brief.hbs"]');
    // The preview follows the template being edited and says so.
    await waitForPreviewAfter(seq);
    expect(await page.textContent('#preview-template-note')).toBe('Template: House Memo');
    await expect.poll(() => page.textContent('#editor-check-status')).toBe('No problems');
    await shot('11-template-editor');
  });

  it('shows a Handlebars syntax error inline at its line and column, and the preview follows the fix', async () => {
    const broken = 'Closing note: {{brief.title}';
    // Save the brief first, so that only the template edit can make the document unsaved.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await sendMenuCommand(page, { command: 'save' });
    await expect.poll(() => handlerContext.session.dirty).toBe(false);
    const seq = await previewSequence();
    await typeAtEnd(page, broken);
    const lineCount = (await cursorPosition(page)).line;
    expect(lineCount).toBe(readFileSync(join(copyDir(), 'brief.hbs'), 'utf8').split('\n').length);

    const item = page.locator('#editor-diagnostic-list .diagnostic.error').first();
    await item.waitFor({ timeout: UI_WAIT });
    const place = (await item.locator('.location').textContent())!;
    expect(place).toMatch(new RegExp(`^brief\\.hbs:${lineCount}:\\d+$`));
    const column = Number(place.split(':')[2]);
    expect(column).toBeGreaterThan(1);
    expect(column).toBeLessThanOrEqual(broken.length + 1);
    expect(await item.locator('.diagnostic-message').textContent()).toContain('Handlebars syntax');
    // Inline: the underline sits on that line, with a marker in the gutter and the place in its tooltip.
    await expect.poll(() => lineOfFirstError(page)).toBe(lineCount);
    expect(await page.locator('#code-editor-host .cm-lint-marker-error').count()).toBe(1);
    await page.locator('#code-editor-host .cm-lintRange-error').first().hover();
    const tooltip = page.locator('#code-editor-host .cm-tooltip-lint');
    await tooltip.waitFor();
    expect(await tooltip.textContent()).toContain(place);
    // The file list marks the file as unsaved and holding an error; the preview shows the same error.
    const file = page.locator('#editor-file-list [data-path="brief.hbs"]');
    expect(await file.locator('.dirty-dot').count()).toBe(1);
    // Main knows there are unsaved edits, so closing the window asks first.
    await expect.poll(() => handlerContext.session.dirty).toBe(true);
    expect(await file.locator('.file-errors').textContent()).toBe('1');
    await expect.poll(() => page.locator('#problem-list .problem.error .location').textContent(), { timeout: UI_WAIT }).toBe(place);
    await shot('12-inline-error');

    // Fix it, and rename a heading: the diagnostic goes and the preview shows the edit, unsaved.
    await page.keyboard.press('End');
    await page.keyboard.type('}');
    await replaceLine(page, '## Sources', '## Works Cited {#sources}');
    await expect.poll(() => page.locator('#editor-diagnostic-list .diagnostic').count(), { timeout: UI_WAIT }).toBe(0);
    expect(await page.locator('#code-editor-host .cm-lintRange-error').count()).toBe(0);
    expect(await page.isVisible('#editor-diagnostics-empty')).toBe(true);
    await waitForPreviewAfter(seq);
    await expect.poll(() => page.isVisible('#problems'), { timeout: UI_WAIT }).toBe(false);
    // What the page asked main to draw: the brief in the edited template, the unsaved buffer included.
    await expect.poll(() => textOfLastPreview(), { timeout: UI_WAIT }).toContain('Works Cited');
    expect(lastPreviewRequest?.templateEdit).toMatchObject({ id: 'house-memo', overlay: [{ path: 'brief.hbs' }] });
    expect(await textOfLastPreview()).toContain(`Closing note: ${NEW_TITLE}`);
    await expect.poll(() => page.textContent('#render-status')).toMatch(/^Updated/);
    expect(readFileSync(join(copyDir(), 'brief.hbs'), 'utf8')).not.toContain('Works Cited');
    await shot('13-fixed-preview');
  });

  it('saves with Ctrl+S, and the exported PDF uses the saved template', async () => {
    const briefFile = join(dirs.documents, 'readout.brief.yaml');
    const briefBefore = readFileSync(briefFile, 'utf8');
    await page.locator('#code-editor-host .cm-content').click();
    await page.keyboard.press('Control+S');
    await expect.poll(() => readFileSync(join(copyDir(), 'brief.hbs'), 'utf8')).toContain('## Works Cited {#sources}');
    await expect.poll(() => page.locator('#editor-file-list [data-path="brief.hbs"] .dirty-dot').count()).toBe(0);
    expect(await page.isDisabled('#editor-save')).toBe(true);
    // Saving the template did not touch the brief file.
    expect(readFileSync(briefFile, 'utf8')).toBe(briefBefore);

    const target = join(dirs.documents, 'house.pdf');
    answers.pdfPath.push(target);
    await page.click('button[data-command="export-pdf"]');
    await page.locator('.toast.success', { hasText: 'Exported house.pdf' }).waitFor({ timeout: UI_WAIT });
    const pdf = await readPdf(readFileSync(target));
    expect(pdf.text).toContain('Works Cited');
    expect(pdf.text).toContain(`Closing note: ${NEW_TITLE}`);
  });

  it('picks up an edit made in another editor: the editor reloads it, the preview and the template list refresh', async () => {
    const seq = await previewSequence();
    const saved = readFileSync(join(copyDir(), 'brief.hbs'), 'utf8');
    writeFileSync(join(copyDir(), 'brief.hbs'), saved.replace('## Works Cited', '## Reference List'));
    await expect.poll(async () => (await editorLines(page)).join('\n'), { timeout: UI_WAIT }).toContain('## Reference List {#sources}');
    await waitForPreviewAfter(seq);
    expect(await textOfLastPreview()).toContain('Reference List');
    // Not an unsaved edit: it is what is on disk.
    expect(await page.locator('#editor-file-list .dirty-dot').count()).toBe(0);

    const manifest = readFileSync(join(copyDir(), 'template.yaml'), 'utf8');
    writeFileSync(join(copyDir(), 'template.yaml'), manifest.replace('name: House Memo', 'name: House Memo Revised'));
    await expect.poll(() => page.textContent('label[for="template-house-memo"] .template-name'), { timeout: UI_WAIT }).toContain('House Memo Revised');
    await expect.poll(() => page.textContent('#editor-template-name')).toBe('House Memo Revised');
    const pages = Number(await page.locator('#preview-pages').getAttribute('data-page-count'));
    await expect.poll(() => page.locator('#thumbnails .thumb canvas').count()).toBe(pages);
    await shot('14-external-edit');
  });

  it('opens a built-in read-only, with Duplicate to edit', async () => {
    await page.click('#editor-close');
    await editor().waitFor({ state: 'hidden' });
    await page.check('#template-one-pager');
    expect(await page.textContent('#template-edit')).toContain('View…');
    expect(await page.isDisabled('#template-rename')).toBe(true);
    expect(await page.isDisabled('#template-delete')).toBe(true);
    await page.click('#template-edit');
    await editor().waitFor({ state: 'visible' });
    expect(await page.isVisible('#editor-read-only')).toBe(true);
    expect(await page.isVisible('#editor-save')).toBe(false);
    expect(await page.isVisible('#editor-duplicate')).toBe(true);
    await typeAtEnd(page, 'typed into a built-in');
    // The end of the file is in view, and nothing was typed into it.
    expect((await editorLines(page)).join('\n')).toContain('{{/if}}');
    expect((await editorLines(page)).join('\n')).not.toContain('typed into');
    await page.keyboard.press('Control+S');
    await page.locator('.toast', { hasText: 'Built-in templates are read-only' }).waitFor();
    await expect.poll(() => page.locator('#thumbnails .thumb canvas').count()).toBeGreaterThan(0);
    await shot('15-read-only');
    await page.click('#editor-close');
    await editor().waitFor({ state: 'hidden' });
  });

  it('renames, then deletes a template of the user’s after asking', async () => {
    await page.check('#template-house-memo');
    await page.click('#template-rename');
    const dialog = page.locator('.page-dialog');
    await dialog.locator('input').fill('Office Memo');
    await dialog.locator('button', { hasText: 'Rename' }).click();
    await page.locator('#template-office-memo').waitFor();
    expect(await page.isChecked('#template-office-memo')).toBe(true);
    expect(existsSync(copyDir())).toBe(false);
    expect(readFileSync(join(dirs.userTemplates, 'office-memo', 'template.yaml'), 'utf8')).toMatch(/^name: Office Memo$/m);

    answers.deleteTemplate.push(false);
    await page.click('#template-delete');
    await expect.poll(() => bridgeLog.calls.filter((c) => c.name === 'deleteTemplate').length).toBe(1);
    expect(existsSync(join(dirs.userTemplates, 'office-memo'))).toBe(true);

    answers.deleteTemplate.push(true);
    await page.click('#template-delete');
    await expect.poll(() => existsSync(join(dirs.userTemplates, 'office-memo'))).toBe(false);
    await expect.poll(() => page.locator('#template-office-memo').count()).toBe(0);
    await expect.poll(() => page.isChecked('#template-memo')).toBe(true);
  });

  it('lists a template whose template.yaml is broken with its error, and fixes it in the editor', async () => {
    const dir = join(dirs.userTemplates, 'field-notes');
    mkdirSync(dir);
    writeFileSync(join(dir, 'brief.hbs'), '# {{brief.title}}\n');
    writeFileSync(join(dir, 'template.yaml'), 'name: Field notes\npage:\n  size: Tabloid\n');
    // Picked up by the folder watcher; not offered for briefs, but open to editing.
    const fix = page.locator('button[data-template-id="field-notes"]');
    await fix.waitFor({ timeout: UI_WAIT });
    expect(await page.locator('.broken-template').textContent()).toMatch(/template\.yaml:3:\d+/);
    expect(await page.locator('#template-field-notes').count()).toBe(0);
    await fix.click();
    await editor().waitFor({ state: 'visible' });

    const item = page.locator('#editor-diagnostic-list .diagnostic.error').first();
    await item.waitFor({ timeout: UI_WAIT });
    expect(await item.locator('.location').textContent()).toMatch(/^template\.yaml:3:\d+$/);
    expect(await page.locator('#editor-file-list [data-path="template.yaml"] .file-errors').textContent()).toBe('1');
    // The list jumps to the problem: the file opens with the error marked on its line.
    await item.locator('button').click();
    // Opening the file is asynchronous (it is read through main): wait for it rather than race it.
    await expect.poll(() => page.locator('#editor-file-list [aria-current="true"]').getAttribute('data-path')).toBe('template.yaml');
    await expect.poll(() => lineOfFirstError(page)).toBe(3);
    await expect.poll(async () => (await cursorPosition(page)).line).toBe(3);
    // The preview, following the template being edited, shows the same problem.
    await expect.poll(() => page.locator('#problem-list .problem.error .location').textContent(), { timeout: UI_WAIT }).toMatch(/^template\.yaml:3:\d+$/);
    await shot('16-yaml-error');

    await replaceLine(page, 'size: Tabloid', 'size: A4');
    await expect.poll(() => page.locator('#editor-diagnostic-list .diagnostic').count(), { timeout: UI_WAIT }).toBe(0);
    await page.keyboard.press('Control+S');
    await expect.poll(() => readFileSync(join(dir, 'template.yaml'), 'utf8')).toBe('name: Field notes\npage:\n  size: A4\n');
    await page.locator('#template-field-notes').waitFor({ state: 'attached', timeout: UI_WAIT });
    await page.click('#editor-close');
    await editor().waitFor({ state: 'hidden' });
    expect(await page.locator('button[data-template-id="field-notes"]').count()).toBe(0);
  });

  it('never crashed or logged an error in the page (no CSP violation either)', () => {
    expect(pageErrors).toEqual([]);
  });
});
