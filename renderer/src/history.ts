/**
 * Undo and redo for brief edits, over snapshots of the draft (a draft is a
 * few kilobytes, so whole snapshots are simpler and safer than inverse
 * patches). The rules:
 *
 * - Every edit is one step, except typing: consecutive edits that carry the
 *   same burst key (the text field being typed into) merge into one step
 *   while they come less than `burstMs` apart and nothing else happened in
 *   between. Leaving the field (`seal`) ends the burst.
 * - An edit made synchronously while another is being applied (a view that
 *   tidies the draft after a change, e.g. dropping the fields a newly chosen
 *   template does not declare) belongs to the step that caused it.
 * - Loading a whole brief starts a new history; saving does not.
 */
import { DRAFT_FIELD_LABELS, type BriefDraft } from '../../main/shared/ipc-contract.js';

export interface HistoryStep {
  before: BriefDraft;
  after: BriefDraft;
  /** The text field a typing burst went to (its element id), for focus after undo; undefined for other edits. */
  burstKey: string | undefined;
  /** What the step did, for the Edit menu and screen readers: "typing in Title", "section order". */
  label: string;
  at: number;
}

export interface HistoryOptions {
  /** Typing pauses longer than this start a new step. */
  burstMs?: number;
  /** Oldest steps are forgotten beyond this many. */
  limit?: number;
  now?: () => number;
}

export const BURST_MS = 1000;
const LIMIT = 200;

export class EditHistory {
  private readonly done: HistoryStep[] = [];
  private readonly undone: HistoryStep[] = [];
  private readonly burstMs: number;
  private readonly limit: number;
  private readonly now: () => number;
  /** The burst that the next edit with the same key may join. */
  private openBurst: string | undefined;
  /** True while the last step is still being applied (same task): follow-up edits join it. */
  private applying = false;

  constructor(options: HistoryOptions = {}) {
    this.burstMs = options.burstMs ?? BURST_MS;
    this.limit = options.limit ?? LIMIT;
    this.now = options.now ?? (() => Date.now());
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  /** The step Undo would revert. */
  get nextUndo(): HistoryStep | undefined {
    return this.done.at(-1);
  }

  get nextRedo(): HistoryStep | undefined {
    return this.undone.at(-1);
  }

  /** An edit took the draft from `before` to `after`. */
  record(before: BriefDraft, after: BriefDraft, burstKey?: string): void {
    if (sameDraft(before, after)) return;
    const at = this.now();
    const last = this.done.at(-1);
    const joinsBurst = burstKey !== undefined && last !== undefined && this.openBurst === burstKey && last.burstKey === burstKey && at - last.at < this.burstMs;
    if (last && (this.applying || joinsBurst)) {
      last.after = after;
      last.at = at;
      if (sameDraft(last.before, last.after)) this.done.pop();
    } else {
      this.done.push({ before, after, burstKey, label: describeChange(before, after), at });
      if (this.done.length > this.limit) this.done.shift();
    }
    this.undone.length = 0;
    this.openBurst = burstKey;
    this.holdStep();
  }

  /** End the typing burst (the field lost focus): the next keystroke starts a new step. */
  seal(): void {
    this.openBurst = undefined;
  }

  /** The draft to restore, or undefined when there is nothing to undo. */
  undo(): HistoryStep | undefined {
    const step = this.done.pop();
    if (!step) return undefined;
    this.undone.push(step);
    this.seal();
    return step;
  }

  redo(): HistoryStep | undefined {
    const step = this.undone.pop();
    if (!step) return undefined;
    this.done.push(step);
    this.seal();
    return step;
  }

  clear(): void {
    this.done.length = 0;
    this.undone.length = 0;
    this.seal();
  }

  private holdStep(): void {
    this.applying = true;
    queueMicrotask(() => {
      this.applying = false;
    });
  }
}

export function sameDraft(a: BriefDraft, b: BriefDraft): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}


/** A short name for what changed between two drafts. */
export function describeChange(before: BriefDraft, after: BriefDraft): string {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (key) => JSON.stringify(before[key as keyof BriefDraft]) !== JSON.stringify(after[key as keyof BriefDraft]),
  );
  if (keys.length === 1 && keys[0] === 'sections') {
    const a = before.sections;
    const b = after.sections;
    if (b.length > a.length) return 'adding a section';
    if (b.length < a.length) return 'removing a section';
    return 'section order';
  }
  if (keys.includes('template')) return 'choosing a template';
  if (keys.length === 1) return `editing ${(DRAFT_FIELD_LABELS[keys[0]!] ?? keys[0]!).toLowerCase()}`;
  return 'editing the brief';
}
