/**
 * A recovery copy main could not write (a full disk, a folder it may not
 * write in): the page tells the user once, with main's reason, while writes
 * keep failing; a write that works again ends it, and a new failure is told
 * again. The same for the brief and for another editor's work.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BriefStudioApi, Done } from '../../main/shared/ipc-contract.js';
import type { BriefStore } from '../../renderer/src/store.js';

const toasts: { message: string; kind?: string; detail?: string }[] = [];
vi.mock('../../renderer/src/toasts.js', () => ({
  toast: (message: string, options: { kind?: string; detail?: string } = {}) => {
    toasts.push({ message, ...options });
    return {};
  },
}));
vi.mock('../../renderer/src/dom.js', () => ({ byId: () => ({}), el: () => ({}), announce: () => undefined }));
const { RecoveryKeeper, RECOVERY_DEBOUNCE_MS } = await import('../../renderer/src/recovery-keeper.js');

const REASON = 'Unsaved work cannot be kept for recovery: the disk that holds /u/recovery is full. Save your work to keep it safe.';
let answer: Done;
let requests: number;
const api = {
  keepRecovery: () => {
    requests++;
    return Promise.resolve(answer);
  },
  forgetRecovery: () => Promise.resolve({ ok: true }),
} as unknown as BriefStudioApi;

let changed: () => void = () => undefined;
const store = {
  subscribe: (listener: () => void) => (changed = listener),
  dirty: true,
  draft: { title: 'Summit', date: '2024-05-06', template: 'memo', sections: [], options: {} },
} as unknown as BriefStore;

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('window', { setTimeout: (run: () => void, ms?: number) => setTimeout(run, ms), clearTimeout: (id?: number) => clearTimeout(id) });
  vi.stubGlobal('document', { body: { dataset: {} } });
  toasts.length = 0;
  requests = 0;
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('a recovery copy that cannot be written', () => {
  it('is told once for the brief while it keeps failing, and again after a copy was written in between', async () => {
    new RecoveryKeeper(api, store);
    const edit = async () => {
      changed();
      await vi.advanceTimersByTimeAsync(RECOVERY_DEBOUNCE_MS);
    };
    answer = { ok: false, message: REASON };
    await edit();
    await edit();
    expect(requests).toBe(2);
    expect(toasts).toEqual([{ message: 'Unsaved work is not being kept for recovery', kind: 'error', detail: REASON }]);

    answer = { ok: true };
    await edit();
    expect(toasts).toHaveLength(1);
    answer = { ok: false, message: REASON };
    await edit();
    expect(toasts).toHaveLength(2);
  });

  it('is told for a section editor’s work as well, once', async () => {
    const keeper = new RecoveryKeeper(api, { ...store, subscribe: () => undefined } as unknown as BriefStore);
    answer = { ok: false, message: REASON };
    for (const text of ['a', 'ab', 'abc']) {
      keeper.track('section', 'notes', 'Notes', { text });
      await vi.advanceTimersByTimeAsync(RECOVERY_DEBOUNCE_MS);
    }
    expect(requests).toBe(3);
    expect(toasts).toHaveLength(1);
    expect(toasts[0]!.detail).toBe(REASON);
  });
});
