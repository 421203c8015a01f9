/**
 * The unsaved-edits question of Export, without a browser: asked once per
 * export; its retry ("Choose another location" after the folder refused the
 * file) keeps the answer the user gave and does not ask again.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BriefStudioApi, UnsavedInput } from '../../main/shared/ipc-contract.js';
import { EMPTY_DRAFT } from '../../renderer/src/store.js';

const asked: string[] = [];
let answer = 'cancel';
vi.mock('../../renderer/src/page-dialogs.js', () => ({
  askChoice: (title: string) => {
    asked.push(title);
    return Promise.resolve(answer);
  },
}));
const { decideUnsaved } = await import('../../renderer/src/unsaved-output.js');

const NOTES: UnsavedInput = { kind: 'section', id: 'launch-notes', fileName: 'launch-notes.md' };
let unsaved: UnsavedInput[];
let saves: number;
const api = { listUnsavedInputs: () => Promise.resolve({ files: unsaved }) } as unknown as BriefStudioApi;
const editors = {
  flush: () => Promise.resolve(),
  saveAll: () => {
    saves += 1;
    unsaved = [];
    return Promise.resolve(true);
  },
};
const request = { draft: { ...EMPTY_DRAFT, sections: ['launch-notes'] } };
const decide = (kept?: Parameters<typeof decideUnsaved>[5]) => decideUnsaved(api, request, ['launch-notes'], editors, 'export', kept);

beforeEach(() => {
  asked.length = 0;
  unsaved = [NOTES];
  saves = 0;
});

describe('the unsaved-edits question of an export and its retry', () => {
  it('a first export asks', async () => {
    answer = 'include';
    expect(await decide()).toBe('include');
    expect(asked).toEqual(['Unsaved changes']);
  });

  it('"Export without saving" is kept for the retry: no second question, the edits still go in unsaved', async () => {
    answer = 'include';
    const first = await decide();
    if (first === 'cancel') throw new Error('cancelled');
    expect(await decide(first)).toBe('include');
    expect(asked).toEqual(['Unsaved changes']);
    expect(saves).toBe(0);
  });

  it('"Save all and export" is kept for the retry: edits typed since are saved the same way, unasked', async () => {
    answer = 'save';
    const first = await decide();
    expect(first).toBe('saved');
    expect(saves).toBe(1);
    if (first === 'cancel') throw new Error('cancelled');
    // Nothing unsaved since: nothing to save again.
    expect(await decide(first)).toBe('none');
    expect(saves).toBe(1);
    // Typed again before choosing another location: saved, as the user asked for this export.
    unsaved = [NOTES];
    expect(await decide(first)).toBe('saved');
    expect(saves).toBe(2);
    expect(asked).toEqual(['Unsaved changes']);
  });

  it('a retry of an export that had nothing unsaved still asks about edits made since (never answered)', async () => {
    unsaved = [];
    expect(await decide()).toBe('none');
    expect(asked).toEqual([]);
    unsaved = [NOTES];
    answer = 'cancel';
    expect(await decide('none')).toBe('cancel');
    expect(asked).toEqual(['Unsaved changes']);
  });

  it('the question about a section shown only because it is open in the editor is kept for the retry too', async () => {
    unsaved = [];
    answer = 'go';
    const extra = { draft: { ...EMPTY_DRAFT, sections: ['launch-notes', 'draft-notes'] } };
    const first = await decideUnsaved(api, extra, ['launch-notes'], editors, 'export');
    expect(first).toBe('none');
    expect(asked).toEqual(['Section not in the brief']);
    expect(await decideUnsaved(api, extra, ['launch-notes'], editors, 'export', 'none')).toBe('none');
    expect(asked).toEqual(['Section not in the brief']);
  });
});
