/**
 * The preview under a burst of typing, in Debian's Chromium over the real
 * render worker: edits made while a render is under way are coalesced into
 * one render of the newest text (never a queue), no keystroke is lost, and
 * the pages and thumbnails out of view, whose drawing each edit stops, are
 * all drawn once the typing pauses. Nothing here is timed.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IpcHandlers } from '../../main/app/ipc-handlers.js';
import { readPdf } from '../helpers/pdf-read.js';
import { startAppHarness, UI_WAIT, type AppHarness } from './support/app-harness.js';
import { chooseSections, previewSettled } from './support/preview-latency.js';

const SECTIONS = ['space-agreement', 'counterstrike-capability', 'force-posture', 'alliance-overview', 'security-environment', 'defense-industrial-cooperation'];
const BURST = 'Summit read-ahead';

let app: AppHarness;
let page: Page;

beforeAll(async () => {
  app = await startAppHarness({ prefix: 'brief-studio-burst-e2e-' });
  page = app.page;
});
afterAll(async () => {
  await app?.close();
});

type PreviewRequest = Parameters<IpcHandlers['renderPreview']>[0];
const previewRequests = () => app.bridgeLog.calls.filter((call) => call.name === 'renderPreview').map((call) => call.request as PreviewRequest);

describe('a burst of typing', () => {
  it('renders the newest text, with fewer renders than keystrokes, and shows it as current', async () => {
    const pages = await chooseSections(page, SECTIONS);
    expect(pages).toBeGreaterThanOrEqual(10);
    await page.fill('#field-title', '');
    await page.focus('#field-title');
    const before = previewRequests().length;
    // No delay between keys: they arrive while the first render is under way.
    await page.keyboard.type(BURST);
    await previewSettled(page);
    expect(await page.inputValue('#field-title')).toBe(BURST);
    const sent = previewRequests().slice(before);
    // One request per answer at most, so never one per keystroke queued behind each other.
    expect(sent.length).toBeLessThan(BURST.length);
    expect(sent.at(-1)!.draft.title).toBe(BURST);
    // Current means the newest request was drawn: nothing was sent after it, nothing is pending.
    expect(await page.getAttribute('body', 'data-preview-state')).toBe('current');
    expect(await page.getAttribute('#preview-pages', 'class')).not.toContain('is-stale');
    // That newest request renders the whole title (no keystroke lost on the way to main).
    const response = await app.handlers.renderPreview(sent.at(-1)!, app.context);
    if (response.status !== 'rendered') throw new Error(`The newest preview request did not render: ${JSON.stringify(response)}`);
    expect((await readPdf(response.pdf)).pages[0]!.text).toContain(BURST);
  });

  it('draws every page and thumbnail once the typing pauses, though each edit stopped the drawing out of view', async () => {
    await page.keyboard.type(' notes');
    const pages = await previewSettled(page);
    await page.waitForFunction((count) => document.querySelectorAll('#thumbnails .thumb canvas').length === count, pages, { timeout: UI_WAIT });
    expect(await page.locator('#preview-pages .page[data-state="pending"]').count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  });
});

describe('bursts that overtake one another on a slow machine', () => {
  it('draws every page out of view once each burst pauses, though a newer PDF replaced the one being drawn', async () => {
    // Chromium slowed to a quarter of its speed: a PDF takes longer to show than the pause after which the
    // pages out of view are drawn, so that drawing and the swap to a newer PDF meet, as on a busy machine.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    try {
      for (let round = 0; round < 3; round++) {
        await page.fill('#field-title', '');
        await page.focus('#field-title');
        await page.keyboard.type(round % 2 ? 'Summit' : 'Notes');
        // Further down each time, so the pages in view (drawn first) and out of view (drawn later) change.
        await page.evaluate(() => document.getElementById('preview-pages')!.scrollBy(0, 900));
        await previewSettled(page);
      }
    } finally {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      await cdp.detach();
    }
    expect(app.pageErrors).toEqual([]);
  });
});
