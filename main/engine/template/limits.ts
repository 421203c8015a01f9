/**
 * Bounds on one Handlebars render. Templates are untrusted: a loop nested ten
 * deep or a partial that includes itself must stop with a clear message, not
 * freeze the preview or exhaust memory. The page limit is the typesetter's.
 */
import { BriefError } from '../errors.js';

export interface RenderLimits {
  /** Wall-clock budget for one render, in milliseconds (default 10 000: a runaway loop stops, a large brief on a busy machine does not). */
  timeoutMs?: number;
  /** Largest markup a render may produce, in characters (default 20 MB worth). */
  maxOutputBytes?: number;
  /** Deepest chain of partials including partials (default 64). */
  maxPartialDepth?: number;
}

export const DEFAULT_RENDER_LIMITS: Required<RenderLimits> = {
  timeoutMs: 10_000,
  maxOutputBytes: 20 * 1024 * 1024,
  maxPartialDepth: 64,
};

/**
 * The running account of one render. Block helpers (`each`, `with`, `if`,
 * `unless`) and partials run their bodies through `measure`, which checks the
 * clock and counts the text each body adds. Text is counted once: a body's
 * own contribution is its output minus what the bodies nested in it already
 * reported, so nested loops are not counted twice.
 */
export class RenderBudget {
  private readonly limits: Required<RenderLimits>;
  private readonly deadline: number;
  private produced = 0;
  /** For each body being run, the output length its finished children reported. */
  private readonly childOutput: number[] = [];
  private partialDepth = 0;

  constructor(limits: RenderLimits = {}, private readonly now: () => number = Date.now) {
    this.limits = { ...DEFAULT_RENDER_LIMITS, ...definedOnly(limits) };
    this.deadline = this.now() + this.limits.timeoutMs;
  }

  checkTime(): void {
    if (this.now() > this.deadline) {
      throw new BriefError(
        'TEMPLATE_LIMIT',
        `The template took longer than ${this.limits.timeoutMs} ms to fill in; a loop is probably nested too deep or runs over too much data.`,
      );
    }
  }

  measure(body: () => string): string {
    this.checkTime();
    this.childOutput.push(0);
    let out: string;
    try {
      out = body();
    } catch (error) {
      this.childOutput.pop();
      throw error;
    }
    const fromChildren = this.childOutput.pop() ?? 0;
    this.produced += Math.max(0, out.length - fromChildren);
    const parent = this.childOutput.length - 1;
    if (parent >= 0) this.childOutput[parent]! += out.length;
    this.checkOutput(this.produced);
    return out;
  }

  /** The final markup, whose top-level text no block body has counted. */
  checkOutput(length: number): void {
    if (length > this.limits.maxOutputBytes) {
      throw new BriefError(
        'TEMPLATE_LIMIT',
        `The template produced more than ${formatSize(this.limits.maxOutputBytes)} of markup; a loop probably repeats far more than intended.`,
      );
    }
  }

  enterPartial(name: string): void {
    this.partialDepth++;
    if (this.partialDepth > this.limits.maxPartialDepth) {
      throw new BriefError(
        'TEMPLATE_LIMIT',
        `Partials are nested more than ${this.limits.maxPartialDepth} deep (at \`${name}\`); a partial that includes itself needs a condition that stops it.`,
      );
    }
  }

  leavePartial(): void {
    this.partialDepth--;
  }
}

function definedOnly(limits: RenderLimits): RenderLimits {
  return Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined));
}

function formatSize(chars: number): string {
  if (chars >= 1024 * 1024) return `${Math.round(chars / (1024 * 1024))} MB`;
  if (chars >= 1024) return `${Math.round(chars / 1024)} KB`;
  return `${chars} characters`;
}
