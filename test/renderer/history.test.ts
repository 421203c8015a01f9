/**
 * The brief's undo history, without a browser: steps, typing bursts, follow-up
 * edits that belong to the step that caused them, and the limit.
 */
import { describe, expect, it } from 'vitest';
import type { BriefDraft } from '../../main/shared/ipc-contract.js';
import { describeChange, EditHistory } from '../../renderer/src/history.js';
import { EMPTY_DRAFT } from '../../renderer/src/store.js';

const draft = (patch: Partial<BriefDraft>): BriefDraft => ({ ...EMPTY_DRAFT, ...patch });
const turn = () => new Promise((resolve) => setImmediate(resolve));

function clockAt(start = 0) {
  const clock = { now: start, tick: (ms: number) => (clock.now += ms) };
  return clock;
}

describe('edit history', () => {
  it('undoes and redoes discrete edits one at a time, in order', async () => {
    const history = new EditHistory();
    const a = draft({ sections: [] });
    const b = draft({ sections: ['space-agreement'] });
    const c = draft({ sections: ['space-agreement', 'force-posture'] });
    history.record(a, b);
    await turn();
    history.record(b, c);
    await turn();
    expect(history.undo()?.before).toEqual(b);
    expect(history.undo()?.before).toEqual(a);
    expect(history.undo()).toBeUndefined();
    expect(history.redo()?.after).toEqual(b);
    expect(history.redo()?.after).toEqual(c);
    expect(history.redo()).toBeUndefined();
  });

  it('makes one step of a typing burst in one field, and a new one after a pause, a blur or another field', async () => {
    const clock = clockAt();
    const history = new EditHistory({ burstMs: 1000, now: () => clock.now });
    let current = draft({ title: '' });
    const type = async (key: string, patch: Partial<BriefDraft>, pauseMs = 100) => {
      clock.tick(pauseMs);
      const next = { ...current, ...patch };
      history.record(current, next, key);
      current = next;
      await turn();
    };
    for (const title of ['S', 'Su', 'Sum', 'Summ']) await type('field-title', { title });
    expect(history.nextUndo).toMatchObject({ before: { title: '' }, after: { title: 'Summ' }, burstKey: 'field-title' });
    await type('field-title', { title: 'Summit' }, 1500); // a pause: a new step
    await type('field-author', { author: 'O' }); // another field: a new step
    history.seal(); // leaving the field
    await type('field-author', { author: 'Of' });
    expect(history.undo()?.before).toMatchObject({ author: 'O' });
    expect(history.undo()?.before).toMatchObject({ author: '' });
    expect(history.undo()?.before).toMatchObject({ title: 'Summ' });
    expect(history.undo()?.before).toMatchObject({ title: '' });
    expect(history.canUndo).toBe(false);
  });

  it('folds an edit made while another is being applied into the step that caused it', async () => {
    const history = new EditHistory();
    const before = draft({ template: 'house', fields: { decision: 'Approve' } });
    const switched = { ...before, template: 'memo' };
    const tidied = { ...switched, fields: {} };
    history.record(before, switched);
    history.record(switched, tidied); // the same task: the template form dropped fields the memo does not declare
    await turn();
    expect(history.undo()).toMatchObject({ before, after: tidied, label: 'choosing a template' });
    expect(history.canUndo).toBe(false);
  });

  it('drops the redo steps once a new edit is made, and ignores edits that change nothing', async () => {
    const history = new EditHistory();
    const a = draft({ title: 'A' });
    const b = draft({ title: 'B' });
    history.record(a, b);
    await turn();
    history.undo();
    expect(history.canRedo).toBe(true);
    history.record(a, { ...a });
    expect(history.canRedo).toBe(true);
    history.record(a, draft({ title: 'C' }));
    await turn();
    expect(history.canRedo).toBe(false);
  });

  it('typing back to where the burst started leaves no step', async () => {
    const history = new EditHistory();
    history.record(draft({ title: 'A' }), draft({ title: 'AB' }), 'field-title');
    await turn();
    history.record(draft({ title: 'AB' }), draft({ title: 'A' }), 'field-title');
    expect(history.canUndo).toBe(false);
  });

  it('forgets the oldest steps beyond its limit', async () => {
    const history = new EditHistory({ limit: 3 });
    for (let i = 0; i < 5; i++) {
      history.record(draft({ title: String(i) }), draft({ title: String(i + 1) }));
      await turn();
    }
    const undone: string[] = [];
    for (let step = history.undo(); step; step = history.undo()) undone.push(step.before.title);
    expect(undone).toEqual(['4', '3', '2']);
  });

  it('names what each step did', () => {
    expect(describeChange(draft({ sections: ['a', 'b'] }), draft({ sections: ['b', 'a'] }))).toBe('section order');
    expect(describeChange(draft({ sections: ['a'] }), draft({ sections: ['a', 'b'] }))).toBe('adding a section');
    expect(describeChange(draft({ sections: ['a', 'b'] }), draft({ sections: ['a'] }))).toBe('removing a section');
    expect(describeChange(draft({ title: 'A' }), draft({ title: 'B' }))).toBe('editing title');
    expect(describeChange(draft({ template: 'memo' }), draft({ template: 'one-pager', fields: {} }))).toBe('choosing a template');
    expect(describeChange(draft({ options: {} }), draft({ options: { toc: true } }))).toBe('editing options');
  });
});
