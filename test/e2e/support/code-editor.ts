/**
 * Driving the template editor's CodeMirror view as a user does: clicking on
 * lines and typing. Playwright's CSS selectors reach into the editor's open
 * shadow root.
 */
import type { Page } from 'playwright-core';

/** The editor's text, line by line, as far as CodeMirror has drawn it (it draws what is near the view). */
export function editorLines(page: Page): Promise<string[]> {
  return page.locator('#code-editor-host .cm-content .cm-line').allTextContents();
}

/** The cursor's line and column, as the status bar shows them. */
export async function cursorPosition(page: Page): Promise<{ line: number; column: number }> {
  const [, line, column] = /Ln (\d+), Col (\d+)/.exec((await page.textContent('#editor-cursor')) ?? '') ?? [];
  return { line: Number(line), column: Number(column) };
}

/** Replace the whole line that contains `containing` with `text`. */
export async function replaceLine(page: Page, containing: string, text: string): Promise<void> {
  await page.locator('#code-editor-host .cm-line', { hasText: containing }).first().click();
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.type(text);
}

/** Put the cursor at the very end of the file and type. */
export async function typeAtEnd(page: Page, text: string): Promise<void> {
  await page.locator('#code-editor-host .cm-content').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
}

/** The line number (from the gutter beside it) of the line holding the first inline error mark, or 0. */
export function lineOfFirstError(page: Page): Promise<number> {
  return page.locator('#code-editor-host .cm-editor').evaluate((editor) => {
    const line = editor.querySelector('.cm-lintRange-error')?.closest('.cm-line');
    if (!line) return 0;
    const top = line.getBoundingClientRect().top;
    const numbers = [...editor.querySelectorAll('.cm-lineNumbers .cm-gutterElement')];
    const beside = numbers.find((n) => Math.abs(n.getBoundingClientRect().top - top) < 2);
    return Number(beside?.textContent ?? 0);
  });
}

/** The colour and weight a piece of text is drawn with in the editor (the first element holding exactly `text`). */
export function styleOfToken(page: Page, text: string): Promise<{ color: string; fontWeight: string } | undefined> {
  return page.locator('#code-editor-host .cm-content').evaluate((content, wanted) => {
    const span = [...content.querySelectorAll('span')].find((s) => s.textContent === wanted);
    if (!span) return undefined;
    const style = getComputedStyle(span);
    return { color: style.color, fontWeight: style.fontWeight };
  }, text);
}
