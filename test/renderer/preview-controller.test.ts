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

const rendered: Extract<PreviewResponse, { status: 'rendered' }> = { status: 'rendered', pdf: new Uint8Array([37]), pageCount: 1, warnings: [], renderMs: 1 };
const failed: PreviewResponse = { status: 'error', error: { code: 'SECTION_INVALID', message: 'Broken.' } };

beforeEach(() => {
  const element = { textContent: '', dataset: {} };
  vi.stubGlobal('document', { getElementById: () => element, body: { dataset: {} } });
  // Looked up at each call, so fake timers installed later are the ones used.
  vi.stubGlobal('window', { setTimeout: (run: () => void, ms?: number) => setTimeout(run, ms), clearTimeout: (id?: number) => clearTimeout(id) });
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
    hold: () => undefined,
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

describe('when the preview renders', () => {
  /** A controller whose API answers only when the test says, recording each request's title. */
  function manual() {
    const titles: string[] = [];
    const pending: ((answer: PreviewResponse) => void)[] = [];
    const shown: Uint8Array[] = [];
    const holds = { count: 0 };
    const preview = { markStale: () => undefined, show: (pdf: Uint8Array) => Promise.resolve(void shown.push(pdf)), clear: () => undefined, hold: () => void holds.count++ };
    const errors: unknown[] = [];
    const problems = { showError: (error: unknown) => void (error && errors.push(error)), showWarnings: () => undefined };
    const api = {
      renderPreview: ({ draft }: { draft: { title: string } }) => {
        titles.push(draft.title);
        return new Promise<PreviewResponse>((answer) => pending.push(answer));
      },
    };
    const store = { draft: { title: 'A', sections: ['space-agreement'] } };
    const controller = new PreviewController(api as unknown as BriefStudioApi, store as unknown as BriefStore, preview as unknown as PdfPreview, problems as unknown as ProblemsView);
    const type = (title: string) => {
      store.draft = { ...store.draft, title };
      controller.schedule();
    };
    const reply = (response: PreviewResponse) => pending.shift()!(response);
    const answer = (title: string) => reply({ ...rendered, pdf: new TextEncoder().encode(title) });
    const state = () => (document.body.dataset as Record<string, string>).previewState;
    return { controller, titles, shown, errors, holds, type, reply, answer, state };
  }
  const decode = (bytes: Uint8Array[]) => bytes.map((b) => new TextDecoder().decode(b));

  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends a lone edit at once, without a debounce wait, and holds the drawing of pages out of view meanwhile', async () => {
    const { titles, holds, type } = manual();
    type('Ab');
    expect(holds.count).toBe(1);
    // No timer stands between the keystroke and the request: it goes once the code handling the edit is done.
    await Promise.resolve();
    expect(titles).toEqual(['Ab']);
  });

  it('renders edits made together once', async () => {
    const { titles, type } = manual();
    type('Ab');
    type('Abc');
    await vi.advanceTimersByTimeAsync(0);
    expect(titles).toEqual(['Abc']);
  });

  it('coalesces the edits made while a render is under way into one render of the newest text, sent when the answer comes', async () => {
    const { titles, shown, type, answer, state } = manual();
    type('Ab');
    await vi.advanceTimersByTimeAsync(0);
    for (const title of ['Abc', 'Abcd', 'Abcde']) type(title);
    // However long the render takes, no request queues behind it.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(titles).toEqual(['Ab']);
    answer('Ab');
    await vi.advanceTimersByTimeAsync(0);
    // The newest text is sent as soon as the older answer is in; the older answer is drawn meanwhile but is not current.
    expect(titles).toEqual(['Ab', 'Abcde']);
    expect(decode(shown)).toEqual(['Ab']);
    expect(state()).toBe('pending');
    answer('Abcde');
    await vi.advanceTimersByTimeAsync(0);
    expect(decode(shown)).toEqual(['Ab', 'Abcde']);
    expect(state()).toBe('current');
  });

  it('keeps no keystroke: an edit made while the newest answer is drawn is rendered next', async () => {
    const { titles, type, answer, state, controller } = manual();
    type('Ab');
    await vi.advanceTimersByTimeAsync(0);
    answer('Ab');
    type('Abc');
    await vi.advanceTimersByTimeAsync(0);
    expect(state()).toBe('pending');
    expect(titles).toEqual(['Ab', 'Abc']);
    const flushed = controller.flush();
    answer('Abc');
    await flushed;
    expect(state()).toBe('current');
  });

  it('flush waits for the newest text, not for the render that was under way', async () => {
    const { titles, shown, type, answer, controller } = manual();
    type('Ab');
    await vi.advanceTimersByTimeAsync(0);
    type('Abc');
    let done = false;
    const flushed = controller.flush().then(() => (done = true));
    answer('Ab');
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(false);
    answer('Abc');
    await flushed;
    expect(titles).toEqual(['Ab', 'Abc']);
    expect(decode(shown).at(-1)).toBe('Abc');
  });

  it('asks again when main drops the newest request for another one on its renderer', async () => {
    const { titles, shown, type, reply, answer, state } = manual();
    type('Ab');
    await vi.advanceTimersByTimeAsync(0);
    reply({ status: 'superseded' });
    await vi.advanceTimersByTimeAsync(0);
    expect(titles).toEqual(['Ab', 'Ab']);
    expect(state()).toBe('pending');
    answer('Ab');
    await vi.advanceTimersByTimeAsync(0);
    expect(decode(shown)).toEqual(['Ab']);
    expect(state()).toBe('current');
  });

  it('shows no error of an answer a newer edit made out of date', async () => {
    const { type, reply, answer, state, errors } = manual();
    type('Ab');
    await vi.advanceTimersByTimeAsync(0);
    type('');
    reply(failed);
    await vi.advanceTimersByTimeAsync(0);
    expect(errors).toEqual([]);
    answer('');
    await vi.advanceTimersByTimeAsync(0);
    expect(state()).toBe('current');
  });
});
