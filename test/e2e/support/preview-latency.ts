/**
 * The preview's latency as the user feels it, measured in the page: from the
 * keydown of one keystroke in a title-block field to the next animation frame
 * after the updated page in view is drawn and swapped in (the preview marks
 * that frame in `data-preview-painted-at`). Each keystroke is measured alone:
 * the preview is left to settle (every page drawn) before the next one.
 * The e2e suite prints these figures and `bench/preview-latency.ts` reports
 * them; nothing asserts a time.
 */
import type { Page } from 'playwright-core';
import { UI_WAIT } from './app-harness.js';

export interface LatencySample {
  /** Keydown to the frame after the new page in view was swapped in. */
  ms: number;
  pages: number;
  /** Pages drawn before the swap (the ones in view). */
  drawnBeforeSwap: number;
  /** Pages whose drawing was kept because their signature did not change. */
  reused: number;
  /** Where the time went: the debounce, the render (IPC and worker), drawing and swapping (preview-controller.ts). */
  parts: { wait: number; ipc: number; draw: number };
}

type Marks = { __keyAt?: number };

/** Wait until every page of the current preview is drawn (nothing pending) and no render is under way. */
export async function previewSettled(page: Page): Promise<number> {
  try {
    await page.waitForFunction(
      () => {
        const list = document.getElementById('preview-pages');
        const count = Number(list?.dataset.pageCount ?? 0);
        const drawn = list?.querySelectorAll('.page:not([data-state="pending"]) canvas').length ?? 0;
        return count > 0 && drawn === count && document.body.dataset.previewState === 'current';
      },
      undefined,
      { timeout: UI_WAIT },
    );
  } catch (error) {
    // Say where it stopped: the render (status "Updating…", state pending) or the drawing (pages pending).
    const state = await describePreview(page).catch((reason: unknown) => `(could not read the page: ${String(reason)})`);
    throw new Error(`The preview did not settle: ${state}`, { cause: error });
  }
  return Number(await page.getAttribute('#preview-pages', 'data-page-count'));
}

/** The preview's state as the page shows it, for a failure message. */
export function describePreview(page: Page): Promise<string> {
  return page.evaluate(() => {
    const list = document.getElementById('preview-pages');
    const pages = [...(list?.querySelectorAll<HTMLElement>('.page') ?? [])];
    const pending = pages.filter((p) => p.dataset.state === 'pending').map((p) => p.dataset.pageNumber);
    const blank = pages.filter((p) => !p.querySelector('canvas')).map((p) => p.dataset.pageNumber);
    return JSON.stringify({
      previewState: document.body.dataset.previewState,
      sequence: document.body.dataset.previewSequence,
      status: document.getElementById('render-status')?.textContent,
      pageCount: list?.dataset.pageCount,
      pagesInList: pages.length,
      pending,
      withoutCanvas: blank,
      stale: document.getElementById('preview-stale')?.textContent,
    });
  });
}

/** Press `keys` (characters, or key names in an array) one at a time in `field`, timing each keystroke to the painted page. */
export async function measureKeystrokes(page: Page, field: string, keys: string | string[]): Promise<LatencySample[]> {
  await page.focus(field);
  await page.evaluate((selector) => {
    const input = document.querySelector<HTMLInputElement>(selector);
    input?.setSelectionRange(input.value.length, input.value.length);
  }, field);
  const samples: LatencySample[] = [];
  for (const key of typeof keys === 'string' ? [...keys] : keys) {
    await previewSettled(page);
    // A short pause: the last update's drawing is done, as after a reader's glance.
    await page.waitForTimeout(150);
    const before = Number((await page.getAttribute('body', 'data-preview-sequence')) ?? 0);
    await page.evaluate(() => {
      const marks = window as unknown as Marks;
      marks.__keyAt = undefined;
      document.addEventListener('keydown', () => (marks.__keyAt = performance.now()), { capture: true, once: true });
    });
    await page.keyboard.press(key);
    await page.waitForFunction(
      (since) => {
        const marks = window as unknown as Marks;
        const body = document.body.dataset;
        return marks.__keyAt !== undefined && Number(body.previewSequence ?? 0) > since && Number(body.previewPaintedAt ?? 0) > marks.__keyAt;
      },
      before,
      { timeout: UI_WAIT },
    );
    const sample = await page.evaluate(() => {
      const marks = window as unknown as Marks;
      const list = document.getElementById('preview-pages')!;
      // The page in view at the top of the list is drawn for this update, not a stand-in.
      const first = list.querySelector<HTMLElement>('.page');
      if (!first || first.dataset.state === 'pending' || !first.querySelector('canvas')) throw new Error('the page in view was not drawn');
      return {
        ms: Number(document.body.dataset.previewPaintedAt) - marks.__keyAt!,
        pages: Number(list.dataset.pageCount),
        drawnBeforeSwap: Number(list.dataset.drawnBeforeSwap),
        reused: Number(list.dataset.reused),
        parts: JSON.parse(document.body.dataset.previewTimings ?? '{}') as { wait: number; ipc: number; draw: number },
      };
    });
    samples.push(sample);
  }
  return samples;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Choose these library sections (in this order) for the brief, and wait for its preview. */
export async function chooseSections(page: Page, ids: string[]): Promise<number> {
  for (const id of ids) await page.check(`#include-${id}`);
  return previewSettled(page);
}

/** "default brief (6 pages): median 212 ms (debounce 40, render 95, draw 70), min …, max … (n=15)" */
export function describeSamples(label: string, samples: LatencySample[]): string {
  const ms = samples.map((s) => s.ms);
  const part = (name: keyof LatencySample['parts']) => Math.round(median(samples.map((s) => s.parts[name])));
  return `${label} (${samples[0]?.pages ?? 0} pages): median ${Math.round(median(ms))} ms (debounce ${part('wait')}, render ${part('ipc')}, draw ${part('draw')}), min ${Math.round(Math.min(...ms))}, max ${Math.round(Math.max(...ms))} (n=${ms.length})`;
}
