/**
 * Section text over the recovery cap, without a browser: main's contract
 * would refuse it, so the page does not send it and tells the user once
 * (save it to keep it safe) instead of failing unseen; text back under the
 * cap is kept again, and growing past it again is told again.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { invokeChannels, MAX_RECOVERY_TEXT_CHARS, type BriefStudioApi } from '../../main/shared/ipc-contract.js';
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

let kept: { kind: string; key: string; length: number }[];
const api = {
  keepRecovery: (request: { kind: string; key: string; content: { text: string } }) => {
    // The bridge checks the request against the contract as main does.
    invokeChannels.keepRecovery.request.parse(request);
    kept.push({ kind: request.kind, key: request.key, length: request.content.text.length });
    return Promise.resolve({ ok: true });
  },
  forgetRecovery: () => Promise.resolve({ ok: true }),
} as unknown as BriefStudioApi;
const store = { subscribe: () => undefined, dirty: false } as unknown as BriefStore;

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('window', { setTimeout: (run: () => void, ms?: number) => setTimeout(run, ms), clearTimeout: (id?: number) => clearTimeout(id) });
  vi.stubGlobal('document', { body: { dataset: {} } });
  kept = [];
  toasts.length = 0;
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const typed = async (keeper: InstanceType<typeof RecoveryKeeper>, length: number) => {
  keeper.track('section', 'big-notes', 'Big notes', { text: 'x'.repeat(length) });
  await vi.advanceTimersByTimeAsync(RECOVERY_DEBOUNCE_MS);
};

describe('section text too large to keep for recovery', () => {
  it('the cap is the contract’s: one character more is refused by it', () => {
    const request = (length: number) => ({ kind: 'section', key: 'k', label: 'k', content: { text: 'x'.repeat(length) } });
    expect(invokeChannels.keepRecovery.request.safeParse(request(MAX_RECOVERY_TEXT_CHARS)).success).toBe(true);
    expect(invokeChannels.keepRecovery.request.safeParse(request(MAX_RECOVERY_TEXT_CHARS + 1)).success).toBe(false);
  });

  it('is not sent, and the user is told once while it stays too large; under the cap it is kept again', async () => {
    const keeper = new RecoveryKeeper(api, store);
    await typed(keeper, 10);
    expect(kept).toEqual([{ kind: 'section', key: 'big-notes', length: 10 }]);
    expect(toasts).toEqual([]);

    await typed(keeper, MAX_RECOVERY_TEXT_CHARS + 1);
    await typed(keeper, MAX_RECOVERY_TEXT_CHARS + 50);
    expect(kept).toHaveLength(1);
    expect(toasts).toHaveLength(1);
    expect(toasts[0]!.message).toBe('This section is too large to be kept for recovery');
    expect(toasts[0]!.detail).toContain('“Big notes”');
    expect(toasts[0]!.detail).toContain('Save it to keep it safe.');

    await typed(keeper, MAX_RECOVERY_TEXT_CHARS);
    expect(kept.at(-1)).toEqual({ kind: 'section', key: 'big-notes', length: MAX_RECOVERY_TEXT_CHARS });
    await typed(keeper, MAX_RECOVERY_TEXT_CHARS + 1);
    expect(toasts).toHaveLength(2);
    expect(kept).toHaveLength(2);
  });
});
