/**
 * A preview that keeps up, in Debian's Chromium over the real render worker:
 * keystroke to the updated page in view painted, for the default brief
 * (6 pages) and a brief twice as long. The medians are printed (for the
 * record and `bench/preview-latency.ts`), never asserted: the machine is
 * shared. What is asserted is why the time does not grow with the page
 * count: only the page in view is drawn before the update shows (the edge of
 * the next page keeps its older drawing, dimmed, for a moment), and the pages
 * an edit did not change keep their drawing.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, SCREENSHOTS, type AppHarness } from './support/app-harness.js';
import { chooseSections, describeSamples, measureKeystrokes, previewSettled, type LatencySample } from './support/preview-latency.js';

const DEFAULT_BRIEF = ['space-agreement', 'counterstrike-capability', 'force-posture'];
const MORE = ['alliance-overview', 'security-environment', 'defense-industrial-cooperation'];
const KEYS = 'summitreadahead';

let app: AppHarness;
let page: Page;
const figures: string[] = [];

function report(label: string, samples: LatencySample[]): void {
  figures.push(describeSamples(label, samples));
}

beforeAll(async () => {
  app = await startAppHarness({ prefix: 'brief-studio-speed-e2e-' });
  page = app.page;
});
afterAll(async () => {
  console.log(`preview latency, keystroke → page in view painted:\n  ${figures.join('\n  ')}`);
  await app?.close();
});

describe('a preview that keeps up', () => {
  it('times keystrokes in the title of the default brief', async () => {
    expect(await chooseSections(page, DEFAULT_BRIEF)).toBe(6);
    await page.fill('#field-title', 'Alliance ');
    await measureKeystrokes(page, '#field-title', 'abc'); // warm-up, not counted
    const samples = await measureKeystrokes(page, '#field-title', KEYS);
    report('default brief', samples);
    for (const sample of samples) {
      expect(sample.pages).toBe(6);
      // The title is in every running head: every page changes, yet only the one in view is drawn first.
      expect(sample.drawnBeforeSwap).toBe(1);
    }
  });

  it('times the same keystrokes in a brief twice as long, drawing no more before the update shows', async () => {
    const pages = await chooseSections(page, MORE);
    expect(pages).toBeGreaterThanOrEqual(10);
    const samples = await measureKeystrokes(page, '#field-title', KEYS);
    report('longer brief', samples);
    for (const sample of samples) {
      expect(sample.pages).toBe(pages);
      expect(sample.drawnBeforeSwap).toBe(1);
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'speed-01-long-brief.png') });
  });

  it('keeps the drawing of every page an edit did not change', async () => {
    await page.fill('#field-subtitle', 'Background brief for the summit');
    const pages = await previewSettled(page);
    // Deleting a letter the other pages also use changes the first page only.
    const [sample] = await measureKeystrokes(page, '#field-subtitle', ['Backspace']);
    expect(sample).toBeDefined();
    expect(sample!.reused).toBe(pages - 1);
    expect(sample!.drawnBeforeSwap).toBe(1);
    expect(app.pageErrors).toEqual([]);
  });
});
