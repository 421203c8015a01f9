/**
 * One state of the window, looked at the way the accessibility suite looks:
 * a screenshot at 1280×800 and 900×600, light and dark, and axe-core's
 * serious and critical findings for each; and whether every command the
 * state offers can be reached (inside the window once scrolled to, not
 * covered by anything).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOTS } from './app-harness.js';
import { seriousViolations } from './axe.js';

export const STATE_SIZES = [
  { width: 1280, height: 800 },
  { width: 900, height: 600 },
] as const;
const SCHEMES = ['light', 'dark'] as const;

/**
 * Screenshot `name` (test-output/screenshots/<name>-<w>x<h>-<scheme>.png) at each size and scheme and
 * run axe on each; with `commands`, also the commands (a CSS selector) that cannot be reached at each size.
 * Returns every finding, one line each; the window is left at 1280×800, light.
 */
export async function checkState(page: Page, name: string, commands?: string): Promise<string[]> {
  const found: string[] = [];
  for (const size of STATE_SIZES) {
    await page.setViewportSize(size);
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme });
      // Let a resize settle (the fitted preview redraws after a short pause) before looking.
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-${size.width}x${size.height}-${scheme}.png`) });
      for (const violation of await seriousViolations(page)) found.push(`[${size.width}×${size.height} ${scheme}] axe ${violation}`);
    }
    if (commands) for (const problem of await unreachable(page, commands)) found.push(`[${size.width}×${size.height}] ${problem}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize(STATE_SIZES[0]);
  return [...new Set(found)];
}

/** Each visible command matching `selector`, scrolled to as a user would: its box inside the window and the element at its centre is the command itself. */
export function unreachable(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((wanted) => {
    const problems: string[] = [];
    const commands = [...document.querySelectorAll<HTMLElement>(wanted)].filter((c) => c.getClientRects().length > 0);
    for (const command of commands) {
      command.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      const box = command.getBoundingClientRect();
      const name = command.id || command.dataset.conflict || command.textContent?.trim() || command.outerHTML.slice(0, 40);
      if (box.width < 16 || box.height < 16) problems.push(`${name}: ${Math.round(box.width)}×${Math.round(box.height)}`);
      // A pixel's leeway: a box at the edge of a scroll box may end at a fraction past the window's edge.
      if (box.left < -1 || box.top < -1 || box.right > innerWidth + 1 || box.bottom > innerHeight + 1) {
        problems.push(`${name}: outside the window at ${Math.round(box.left)},${Math.round(box.top)}–${Math.round(box.right)},${Math.round(box.bottom)}`);
      }
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      if (!hit || !command.contains(hit)) problems.push(`${name}: covered by ${hit?.outerHTML.slice(0, 60) ?? 'nothing'}`);
    }
    if (commands.length === 0) problems.push(`no command matches ${wanted}`);
    return problems;
  }, selector);
}
