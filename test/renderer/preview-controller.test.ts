/**
 * The preview controller's bookkeeping, without a browser: a fake preview and
 * API whose answers the test releases one by one, so the order of events that
 * a busy machine produces by chance is produced here on purpose.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BriefStudioApi, PreviewResponse } from '../../main/shared/ipc-contract.js';
import type { PdfPreview } from '../../renderer/src/pdf-preview.js';
import { PreviewController } from '../../renderer/src/preview-controller.js';
import type { ProblemsView } from '../../renderer/src/problems-view.js';
import type { BriefStore } from '../../renderer/src/store.js';

const rendered: PreviewResponse = { status: 'rendered', pdf: new Uint8Array([37]), pageCount: 1, warnings: [], renderMs: 1 };
const failed: PreviewResponse = { status: 'error', error: { code: 'SECTION_INVALID', message: 'Broken.' } };

beforeEach(() => {
  const element = { textContent: '', dataset: {} };
  vi.stubGlobal('document', { getElementById: () => element, body: { dataset: {} } });
  vi.stubGlobal('window', { setTimeout, clearTimeout });
});
afterEach(() => vi.unstubAllGlobals());

function setup() {
  const answers: PreviewResponse[] = [];
  const drawing: (() => void)[] = [];
  const preview = {
    stale: false,
    markStale(stale: boolean | { kind: string }) {
      // Only an error marks the pages here: a pending mark waits out its grace, which these turns never reach.
      this.stale = typeof stale === 'object' ? stale.kind === 'error' : stale;
    },
    // Drawing takes as long as the test says: it ends when the test calls the function it left.
    show: () => new Promise<boolean>((done) => drawing.push(() => done(true))),
    clear: () => undefined,
  };
  const problems = { showError: () => undefined, showWarnings: () => undefined };
  const api = { renderPreview: () => Promise.resolve(answers.shift()!) };
  const store = { draft: { sections: ['space-agreement'] } };
  const controller = new PreviewController(api as unknown as BriefStudioApi, store as unknown as BriefStore, preview as unknown as PdfPreview, problems as unknown as ProblemsView);
  /** Start a render now (as an edit followed by printing would). */
  const render = (answer: PreviewResponse) => {
    answers.push(answer);
    controller.schedule();
    return controller.flush();
  };
  return { preview, drawing, render };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('preview controller', () => {
  it('keeps the preview marked stale when a newer render fails while an older one is still drawing', async () => {
    const { preview, drawing, render } = setup();
    const older = render(rendered);
    await turn();
    expect(drawing).toHaveLength(1);
    await render(failed);
    expect(preview.stale).toBe(true);
    drawing[0]!();
    await older;
    expect(preview.stale).toBe(true);
  });

  it('clears the stale mark once the newest render is on screen', async () => {
    const { preview, drawing, render } = setup();
    await render(failed);
    expect(preview.stale).toBe(true);
    const newest = render(rendered);
    await turn();
    expect(preview.stale).toBe(true);
    drawing[0]!();
    await newest;
    expect(preview.stale).toBe(false);
  });
});

describe('preview debounce', () => {
  it('waits about one render’s time after a keystroke, between 40 and 150 ms', async () => {
    const { debounceFor, MIN_DEBOUNCE_MS, PREVIEW_DEBOUNCE_MS } = await import('../../renderer/src/preview-controller.js');
    expect(debounceFor(undefined)).toBe(PREVIEW_DEBOUNCE_MS);
    expect(debounceFor(65)).toBe(65);
    expect(debounceFor(5)).toBe(MIN_DEBOUNCE_MS);
    expect(debounceFor(900)).toBe(PREVIEW_DEBOUNCE_MS);
  });
});
