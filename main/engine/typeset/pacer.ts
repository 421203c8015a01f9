/**
 * Cooperative pauses during a long render: every few milliseconds of work the
 * typesetter lets the event loop run, so an abort (a newer preview request)
 * can arrive, and stops with the signal's reason once it has.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';

export class Pacer {
  private last = performance.now();

  constructor(
    private readonly signal: AbortSignal | undefined,
    private readonly sliceMs = 8,
  ) {}

  async pause(): Promise<void> {
    this.signal?.throwIfAborted();
    if (performance.now() - this.last < this.sliceMs) return;
    await nextTurn();
    this.last = performance.now();
    this.signal?.throwIfAborted();
  }
}
