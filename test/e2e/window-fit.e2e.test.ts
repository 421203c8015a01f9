/**
 * A window that fits, in Debian's Chromium over the real handlers: at
 * 900×600 every command stays on screen and clickable, the panes fold away
 * so the preview gets the room (and stay folded after a restart), a long
 * title never pushes Print and Export off, a zoomed page scrolls to its left
 * edge, the UI text grows apart from the preview, dark mode and forced
 * colours keep every meaning, a missing section is the item "Go to field"
 * marks, and an export folder that cannot take the PDF says so plainly and
 * offers the save dialog again. At the window's minimum size, at every text
 * size, no pane scrolls sideways and no label, button or tag is cut or covered.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPdf, sectionFile } from '../app/fixtures.js';
import { startAppHarness, SCREENSHOTS, UI_WAIT, type AppHarness } from './support/app-harness.js';
import { sendMenuCommand } from './support/bridge.js';

const SECTIONS = [
  { id: 'alpha-briefing', title: 'Alpha Briefing Notes' },
  { id: 'bravo-briefing', title: 'Bravo Briefing Notes' },
  { id: 'charlie-briefing', title: 'Charlie Briefing Notes' },
];
const SMALL = { width: 900, height: 600 };
/** The window's minimum size (main/app/create-main-window.ts). */
const MINIMUM = { width: 1024, height: 640 };

let app: AppHarness;
let page: Page;

const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `window-${name}.png`) });
const previewSequence = async () => Number((await page.locator('body').getAttribute('data-preview-sequence')) ?? 0);

async function waitForPreviewAfter(since: number): Promise<void> {
  await page.waitForFunction((s) => Number(document.body.dataset.previewSequence ?? 0) > s, since, { timeout: UI_WAIT });
  const count = Number(await page.locator('#preview-pages').getAttribute('data-page-count'));
  await expect.poll(() => page.locator('#preview-pages .page canvas').count()).toBe(count);
}

/** Each toolbar command (and pane toggle): its box inside the viewport, and the element at its centre is the button itself. */
async function unreachableCommands(): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const buttons = [...document.querySelectorAll<HTMLElement>('.toolbar [data-command], .pane-toggles button, .zoom button, #zoom-level')];
    for (const button of buttons) {
      const box = button.getBoundingClientRect();
      const name = button.dataset.command ?? button.id;
      if (box.width < 16 || box.height < 16) problems.push(`${name}: ${box.width}×${box.height}`);
      if (box.left < 0 || box.top < 0 || box.right > innerWidth || box.bottom > innerHeight) problems.push(`${name}: outside the window at ${Math.round(box.left)},${Math.round(box.top)}–${Math.round(box.right)},${Math.round(box.bottom)}`);
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      if (!hit || !button.contains(hit)) problems.push(`${name}: covered by ${hit?.outerHTML.slice(0, 60) ?? 'nothing'}`);
    }
    if (buttons.length < 9) problems.push(`only ${buttons.length} commands found`);
    return problems;
  });
}

/** Rows of the library fully visible in its scroll box. */
const visibleLibraryRows = () =>
  page.evaluate(() => {
    const list = document.getElementById('library-list')!.getBoundingClientRect();
    return [...document.querySelectorAll('#library-list > li')].filter((li) => {
      const box = li.getBoundingClientRect();
      return box.height > 0 && box.top >= list.top - 1 && box.bottom <= list.bottom + 1;
    }).length;
  });

const previewWidth = () => page.evaluate(() => document.getElementById('preview-pages')!.clientWidth);

beforeAll(async () => {
  app = await startAppHarness({
    prefix: 'brief-studio-window-e2e-',
    viewport: SMALL,
    seed: (dirs) => {
      for (const s of SECTIONS) writeFileSync(join(dirs.userSections, `${s.id}.md`), sectionFile(s.id, s.title, `${s.title}: the body of this section, long enough to read.`));
    },
  });
  ({ page } = app);
});

afterAll(async () => {
  await app?.close();
});

describe('a window that fits at 900×600', () => {
  it('keeps every command on screen and clickable, and the library shows several rows', async () => {
    expect(await unreachableCommands()).toEqual([]);
    expect(await visibleLibraryRows()).toBeGreaterThanOrEqual(3);
    const before = await previewSequence();
    for (const s of SECTIONS) await page.check(`#include-${s.id}`);
    await waitForPreviewAfter(before);
    expect(await unreachableCommands()).toEqual([]);
    // The preview is a readable width beside both panes (the thumbnail strip gives way).
    expect(await previewWidth()).toBeGreaterThanOrEqual(380);
    await shot('900x600-brief');
  });

  /** The view settings as written in the user-data folder (undefined until the file exists). */
  const storedView = (): object | undefined => {
    try {
      return (JSON.parse(readFileSync(join(app.dirs.userData, 'settings.json'), 'utf8')) as { view?: object }).view;
    } catch {
      return undefined;
    }
  };

  it('folds the library and the brief away from the toggles and the View menu, and keeps that in the settings', async () => {
    const widthWithPanes = await previewWidth();
    await page.click('#toggle-library');
    expect(await page.getAttribute('#toggle-library', 'aria-expanded')).toBe('false');
    expect(await page.isHidden('#library-pane')).toBe(true);
    await sendMenuCommand(page, { command: 'toggle-brief' });
    await expect.poll(() => page.isHidden('#brief-pane')).toBe(true);
    expect(await page.getAttribute('#toggle-brief', 'aria-expanded')).toBe('false');
    // The preview takes the whole window.
    expect(await previewWidth()).toBeGreaterThanOrEqual(SMALL.width - 200);
    expect(await previewWidth()).toBeGreaterThan(widthWithPanes + 300);
    expect(await unreachableCommands()).toEqual([]);
    await shot('900x600-panes-folded');
    await expect.poll(async () => (await app.handlers.getViewSettings({}, app.context))).toMatchObject({ libraryCollapsed: true, briefCollapsed: true });
    // The settings file is written after the value changes in memory (queued, atomic): wait for it.
    await expect.poll(() => storedView(), { timeout: UI_WAIT }).toMatchObject({ libraryCollapsed: true, briefCollapsed: true });

    // The next start opens the window as it was left.
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.isHidden('#library-pane')).toBe(true);
    expect(await page.isHidden('#brief-pane')).toBe(true);
    await page.click('#toggle-library');
    await page.click('#toggle-brief');
    expect(await page.isVisible('#library-pane')).toBe(true);
    expect(await page.isVisible('#brief-pane')).toBe(true);
    await expect.poll(async () => (await app.handlers.getViewSettings({}, app.context))).toMatchObject({ libraryCollapsed: false, briefCollapsed: false });
    const before = await previewSequence();
    for (const s of SECTIONS) await page.check(`#include-${s.id}`);
    await waitForPreviewAfter(before);
  });

  it('cuts a long title with an ellipsis and a tooltip; Print and Export stay on the toolbar', async () => {
    const long = 'Readout of the Trilateral Summit on Maritime Security, Semiconductor Supply Chains and Space Cooperation, with Annexes on Export Controls';
    await page.fill('#field-title', long);
    await expect.poll(() => page.getAttribute('#document-name', 'title')).toBe(long);
    const name = await page.evaluate(() => {
      const el = document.getElementById('document-name')!;
      return { cut: el.scrollWidth > el.clientWidth, overflow: getComputedStyle(el).textOverflow };
    });
    expect(name).toEqual({ cut: true, overflow: 'ellipsis' });
    expect(await unreachableCommands()).toEqual([]);
    for (const command of ['print', 'export-pdf']) expect(await page.isVisible(`[data-command="${command}"]`)).toBe(true);
    await shot('900x600-long-title');
  });

  it('keeps a zoomed page scrollable to its left edge', async () => {
    for (const zoom of ['1', '1.5', '2']) {
      // The page is drawn anew at the new zoom: wait for a canvas that is not the marked old one.
      await page.evaluate(() => document.querySelector('#preview-pages canvas')?.setAttribute('data-old', ''));
      await page.selectOption('#zoom-level', zoom);
      await page.waitForFunction(() => document.querySelector('#preview-pages canvas:not([data-old])') !== null, undefined, { timeout: UI_WAIT });
      const fit = await page.evaluate(() => {
        const pages = document.getElementById('preview-pages')!;
        pages.scrollLeft = 0;
        const view = pages.getBoundingClientRect();
        const sheet = document.getElementById('page-1')!.getBoundingClientRect();
        const atStart = { left: sheet.left - view.left };
        pages.scrollLeft = pages.scrollWidth;
        const end = document.getElementById('page-1')!.getBoundingClientRect();
        return { overflows: pages.scrollWidth > pages.clientWidth, leftAtStart: atStart.left, rightAtEnd: view.left + pages.clientWidth - end.right, width: sheet.width, view: pages.clientWidth };
      });
      // Wider than the pane: scrolled to the start, the page's left edge is in view; scrolled to the end, its right edge.
      expect(fit.width).toBeGreaterThan(fit.view);
      expect(fit.overflows).toBe(true);
      expect(fit.leftAtStart).toBeGreaterThanOrEqual(0);
      expect(fit.rightAtEnd).toBeGreaterThanOrEqual(0);
      if (zoom === '1.5') await shot('900x600-zoom-150-scrolled-left');
    }
    await page.selectOption('#zoom-level', 'fit');
  });

  it('grows the UI text from View → Text size, apart from the preview zoom, and keeps it', async () => {
    await page.selectOption('#zoom-level', '1');
    await page.waitForFunction(() => document.querySelector<HTMLSelectElement>('#zoom-level')!.value === '1');
    await expect.poll(() => page.evaluate(() => document.querySelector('#preview-pages canvas')?.getBoundingClientRect().width ?? 0)).toBeGreaterThan(0);
    const canvasWidth = () => page.evaluate(() => Math.round(document.querySelector('#preview-pages canvas')!.getBoundingClientRect().width));
    const fontSize = (selector: string) => page.evaluate((s) => parseFloat(getComputedStyle(document.querySelector(s)!).fontSize), selector);
    // The page is redrawn at the new zoom after the choice: wait until its width holds still.
    let pageWidth = 0;
    await expect
      .poll(async () => {
        const before = await canvasWidth();
        await page.waitForTimeout(250);
        const after = await canvasWidth();
        pageWidth = after;
        return before === after && after > 0;
      })
      .toBe(true);
    const labelBefore = await fontSize('label[for="field-title"]');
    const buttonBefore = await page.evaluate(() => document.querySelector('[data-command="save"]')!.getBoundingClientRect().height);

    await sendMenuCommand(page, { command: 'text-bigger' });
    await sendMenuCommand(page, { command: 'text-bigger' });
    await expect.poll(() => fontSize('html')).toBeCloseTo(13 * 1.3, 1);
    expect(await fontSize('label[for="field-title"]')).toBeCloseTo(labelBefore * 1.3, 1);
    expect(await page.evaluate(() => document.querySelector('[data-command="save"]')!.getBoundingClientRect().height)).toBeGreaterThan(buttonBefore * 1.2);
    // The page in the preview is drawn at the same zoom.
    expect(await canvasWidth()).toBe(pageWidth);
    expect(await unreachableCommands()).toEqual([]);
    await shot('900x600-text-130');
    await expect.poll(async () => (await app.handlers.getViewSettings({}, app.context)).textScale).toBe(1.3);

    // At the largest size the commands keep their icons (and names for screen readers) and stay on screen.
    for (let i = 0; i < 6; i++) await sendMenuCommand(page, { command: 'text-bigger' });
    await expect.poll(() => fontSize('html')).toBeCloseTo(26, 1);
    expect(await unreachableCommands()).toEqual([]);
    expect(await page.locator('[data-command="export-pdf"]').getAttribute('title')).toContain('Export PDF');
    expect(await page.evaluate(() => document.querySelector('[data-command="export-pdf"]')!.textContent?.trim())).toBe('Export PDF…');
    await shot('900x600-text-200');

    await sendMenuCommand(page, { command: 'text-smaller' });
    await expect.poll(() => fontSize('html')).toBeCloseTo(13 * 1.75, 1);
    await sendMenuCommand(page, { command: 'text-reset' });
    await expect.poll(() => fontSize('html')).toBeCloseTo(13, 1);
    await expect.poll(async () => (await app.handlers.getViewSettings({}, app.context)).textScale).toBe(1);
    await page.selectOption('#zoom-level', 'fit');
  });

  it('follows a dark system theme', async () => {
    const luminance = (selector: string, property: 'backgroundColor' | 'color') =>
      page.evaluate(
        ([s, p]) => {
          const [r, g, b] = (getComputedStyle(document.querySelector(s)!)[p as 'color'].match(/\d+(\.\d+)?/g) ?? []).map(Number);
          return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
        },
        [selector, property] as const,
      );
    expect(await luminance('.library-pane', 'backgroundColor')).toBeGreaterThan(0.8);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => luminance('.library-pane', 'backgroundColor')).toBeLessThan(0.2);
    expect(await luminance('.library-pane', 'color')).toBeGreaterThan(0.7);
    expect(await luminance('#field-title', 'backgroundColor')).toBeLessThan(0.2);
    // The page itself stays paper white.
    expect(await luminance('.page', 'backgroundColor')).toBeGreaterThan(0.95);
    await shot('900x600-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('keeps the marking and the errors in forced colours', async () => {
    await page.emulateMedia({ forcedColors: 'active' });
    await page.selectOption('#field-classification-preset', 'SECRET');
    const swatch = await page.evaluate(() => {
      const el = document.getElementById('marking-swatch')!;
      const style = getComputedStyle(el);
      return { text: el.textContent, border: parseFloat(style.borderTopWidth), background: style.backgroundColor };
    });
    // A text label and a border, and the banner colour kept (forced-color-adjust: none).
    expect(swatch).toEqual({ text: 'S', border: 2, background: 'rgb(200, 16, 46)' });
    await page.selectOption('#field-classification-preset', 'UNCLASSIFIED');
    expect(await page.textContent('#marking-swatch')).toBe('U');

    await page.fill('#field-title', '');
    const problem = page.locator('#problem-list .problem.error');
    await expect.poll(() => problem.textContent(), { timeout: UI_WAIT }).toContain('needs a title');
    // The error is said in words, and the field carries a mark that survives forced colours (an outline, not a tint).
    expect(await problem.locator('.problem-kind').textContent()).toBe('Error');
    const mark = await page.evaluate(() => {
      // Not focused: the focus ring is not the mark being tested.
      (document.activeElement as HTMLElement | null)?.blur();
      const style = getComputedStyle(document.getElementById('field-title')!);
      return { invalid: document.getElementById('field-title')!.getAttribute('aria-invalid'), outline: style.outlineStyle };
    });
    expect(mark).toEqual({ invalid: 'true', outline: 'dashed' });
    await shot('900x600-forced-colours-error');
    await page.fill('#field-title', 'Summit read-ahead');
    await expect.poll(() => page.isVisible('#problems'), { timeout: UI_WAIT }).toBe(false);
    await page.emulateMedia({ forcedColors: 'none' });
  });

  it('"Go to field" on a missing section focuses and marks that section; no success toast beside the error', async () => {
    const spec = join(app.dirs.documents, 'missing.brief.yaml');
    writeFileSync(spec, 'title: Summit read-ahead\ndate: 2024-06-03\nsections: [alpha-briefing, no-such-section, bravo-briefing]\n');
    app.answers.discard.push('discard');
    app.answers.briefPath.push(spec);
    await page.click('[data-command="open"]');
    const problem = page.locator('#problem-list .problem.error');
    await expect.poll(() => problem.getAttribute('data-code'), { timeout: UI_WAIT }).toBe('SECTION_UNKNOWN');
    const missing = page.locator('#chosen-list li[data-section-id="no-such-section"]');
    expect(await missing.getAttribute('aria-invalid')).toBe('true');
    expect(await missing.locator('.missing-mark').textContent()).toBe('Missing');
    expect(await page.locator('#chosen-list li[aria-invalid="true"]').count()).toBe(1);
    await problem.locator('button', { hasText: 'Go to field' }).click();
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.sectionId)).toBe('no-such-section');
    // The problem is read out with the focused section.
    const described = await missing.getAttribute('aria-describedby');
    expect(await page.textContent(`#${described}`)).toContain('no-such-section');
    expect(await page.locator('.toast.success').count()).toBe(0);
    await shot('900x600-missing-section');

    // Removing it clears the mark and the error.
    await page.keyboard.press('Delete');
    await expect.poll(() => page.isVisible('#problems'), { timeout: UI_WAIT }).toBe(false);
    expect(await page.locator('#chosen-list li[aria-invalid="true"]').count()).toBe(0);
  });

  it('an export folder that cannot take the PDF: a plain sentence naming it, and "Choose another location"', async () => {
    const cases = [
      { path: join(app.dirs.root, 'gone-folder', 'readout.pdf'), says: `The folder ${join(app.dirs.root, 'gone-folder')} does not exist.` },
      { path: join(app.dirs.documents, `${'r'.repeat(250)}.pdf`), says: 'is too long for the folder' },
    ];
    for (const { path, says } of cases) {
      app.answers.pdfPath.push(path);
      await page.click('[data-command="export-pdf"]');
      const error = page.locator('.toast.error', { hasText: 'The PDF was not exported' });
      await error.waitFor({ timeout: UI_WAIT });
      const text = (await error.textContent()) ?? '';
      expect(text).toContain(says);
      expect(text).toContain('Choose another location');
      expect(text).not.toMatch(/ENOENT|ENAMETOOLONG|\.tmp-|errno/);
      if (path.includes('gone-folder')) await shot('900x600-export-unwritable');

      // The action opens the save dialog again; a good folder this time exports.
      const target = join(app.dirs.documents, 'readout.pdf');
      app.answers.pdfPath.push(target);
      await error.locator('.toast-action', { hasText: 'Choose another location' }).click();
      await page.locator('.toast.success', { hasText: 'Exported readout.pdf' }).waitFor({ timeout: UI_WAIT });
      expect(await error.count()).toBe(0);
      expect((await readPdf(readFileSync(target))).text).toContain('Alpha Briefing Notes');
      for (const old of await page.locator('.toast .toast-close').all()) await old.click();
    }
    expect(existsSync(join(app.dirs.root, 'gone-folder'))).toBe(false);
  });

  it('the template editor keeps its commands and the preview\'s on screen', async () => {
    await page.click('#template-edit');
    await page.locator('#template-editor').waitFor({ state: 'visible' });
    await page.locator('#code-editor-host .cm-content').waitFor();
    const offScreen = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('#template-editor .editor-header button, #template-editor .editor-file-list button, .zoom button, #zoom-level, .toolbar [data-command]')]
        .filter((button) => !button.hidden && button.getClientRects().length > 0)
        .filter((button) => {
          const box = button.getBoundingClientRect();
          const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
          return box.left < 0 || box.right > innerWidth || box.bottom > innerHeight || !hit || !button.contains(hit);
        })
        .map((button) => button.id || button.dataset.command || button.textContent),
    );
    expect(offScreen).toEqual([]);
    await shot('900x600-template-editor');
    await page.click('#editor-close');
    await page.locator('#template-editor').waitFor({ state: 'hidden' });
    expect(app.pageErrors).toEqual([]);
  });
});

/**
 * What is cut, covered or too narrow to read in the library and the brief and
 * in the preview's header and problems: a pane scrolling sideways, a label,
 * legend or button whose text does not fit (unless cut with an ellipsis and a
 * tooltip), a select narrower than its choice, a field narrower than seven
 * characters, a section name squeezed to a letter, a tag under a button.
 */
async function layoutFaults(): Promise<string[]> {
  return page.evaluate(() => {
    const faults: string[] = [];
    const shown = (e: Element) => e.getClientRects().length > 0 && !e.closest('.visually-hidden, [hidden]') && getComputedStyle(e).clipPath === 'none';
    const name = (e: Element) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''} "${(e.textContent ?? '').trim().slice(0, 30) || e.getAttribute('aria-label')}"`;
    const areas = ['#library-pane', '#brief-pane', '.preview-toolbar', '#problems'];
    for (const selector of ['.brief-scroll', '#library-list', '.filters', '.preview-toolbar', '#problems']) {
      const e = document.querySelector(selector)!;
      if (shown(e) && e.scrollWidth > e.clientWidth) faults.push(`${selector} scrolls sideways: ${e.scrollWidth} px in ${e.clientWidth}`);
    }
    const inAreas = (selector: string) => areas.flatMap((area) => [...document.querySelectorAll(`${area} ${selector}`)]).filter(shown) as HTMLElement[];
    for (const area of areas) {
      const pane = document.querySelector(area)!.getBoundingClientRect();
      for (const e of [...document.querySelectorAll<HTMLElement>(`${area} :is(label, legend, button, .tag, .chosen-title)`)].filter(shown)) {
        const style = getComputedStyle(e);
        if (e.scrollWidth > e.clientWidth + 1 && !(style.textOverflow === 'ellipsis' && e.title)) faults.push(`${name(e)} cut: ${e.scrollWidth} px in ${e.clientWidth}`);
        const box = e.getBoundingClientRect();
        if (box.left < pane.left - 1 || box.right > pane.right + 1) faults.push(`${name(e)} out of its pane: ${Math.round(box.left)}–${Math.round(box.right)} in ${Math.round(pane.left)}–${Math.round(pane.right)}`);
      }
    }
    for (const e of inAreas('.chosen-title')) {
      if (e.clientWidth < parseFloat(getComputedStyle(e).fontSize) * 5) faults.push(`${name(e)} squeezed to ${e.clientWidth} px`);
    }
    for (const e of inAreas('input[type="text"], input[type="search"], input[type="date"]')) {
      if (e.clientWidth < parseFloat(getComputedStyle(e).fontSize) * 7) faults.push(`${name(e)} only ${e.clientWidth} px wide`);
    }
    for (const select of inAreas('select') as HTMLSelectElement[]) {
      // The width the select takes to show its choice whole: a copy holding that choice alone, as wide as its content.
      const copy = select.parentElement!.appendChild(select.cloneNode(false) as HTMLSelectElement);
      copy.removeAttribute('id');
      copy.append(select.selectedOptions[0]!.cloneNode(true));
      copy.style.cssText = 'position:absolute;width:auto;min-width:0;max-width:none;flex:none';
      const needs = copy.offsetWidth;
      copy.remove();
      if (select.offsetWidth < needs - 1) faults.push(`select#${select.id} "${select.selectedOptions[0]?.textContent}" ${select.offsetWidth} px wide of ${needs}`);
    }
    for (const item of document.querySelectorAll('#library-list > li')) {
      const button = item.querySelector('.item-edit');
      if (!button || !shown(button)) continue;
      const b = button.getBoundingClientRect();
      for (const tag of item.querySelectorAll('.tag, .badge')) {
        const t = tag.getBoundingClientRect();
        if (t.left < b.right && b.left < t.right && t.top < b.bottom && b.top < t.bottom) faults.push(`tag "${tag.textContent}" under ${name(button)}`);
      }
    }
    return faults;
  });
}

describe('the window at its minimum size, 1024×640', () => {
  it('at every text size: no pane scrolls sideways, no label, button or tag is cut or covered, long names are cut with a tooltip', async () => {
    await page.setViewportSize(MINIMUM);
    const spec = join(app.dirs.documents, 'smallest.brief.yaml');
    writeFileSync(
      spec,
      'title: U.S.–Japan Alliance readout\ndate: 2024-06-03\naudience: Delegation to Tokyo and the Deputy Secretary\nsections: [space-agreement, force-posture, no-such-section-with-a-long-name]\n',
    );
    app.answers.discard.push('discard');
    app.answers.briefPath.push(spec);
    await page.click('[data-command="open"]');
    await expect.poll(() => page.locator('#problem-list .problem.error').getAttribute('data-code'), { timeout: UI_WAIT }).toBe('SECTION_UNKNOWN');
    // The library shows a section with a long tag (two-plus-two) beside its Open button.
    await page.locator('#include-force-posture').scrollIntoViewIfNeeded();
    const fontSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    const sizes: [string, number][] = [['100', 13], ['130', 13 * 1.3], ['200', 26]];
    for (const [label, size] of sizes) {
      while ((await fontSize()) < size - 0.1) {
        const before = await fontSize();
        await sendMenuCommand(page, { command: 'text-bigger' });
        await expect.poll(fontSize).toBeGreaterThan(before);
      }
      expect(await fontSize()).toBeCloseTo(size, 1);
      await page.locator('#include-force-posture').scrollIntoViewIfNeeded();
      await shot(`1024x640-text-${label}`);
      expect(await layoutFaults()).toEqual([]);
      expect(await unreachableCommands()).toEqual([]);
    }
    // The missing section's name, cut in the narrow pane, is whole in its tooltip.
    expect(await page.getAttribute('#chosen-list li[data-section-id="no-such-section-with-a-long-name"] .chosen-title', 'title')).toBe('no-such-section-with-a-long-name');
    await sendMenuCommand(page, { command: 'text-reset' });
    await expect.poll(fontSize).toBeCloseTo(13, 1);
    expect(app.pageErrors).toEqual([]);
  });
});
