/**
 * Cooperative pauses during a long render: every few milliseconds of work the
 * typesetter lets the event loop run, so an abort (a newer preview request)
 * can arrive, and stops with the signal's reason once it has. A process that
 * builds one brief and exits (the command line) has nothing else to run and
 * nothing that could abort: it turns pauses off and skips the clock.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';

let pausesWanted = true;

/** The command line sets this off before it builds. */
export function setCooperativePauses(on: boolean): void {
  pausesWanted = on;
}

export class Pacer {
  private last: number;
  private readonly pauses = pausesWanted;

  constructor(
    private readonly signal: AbortSignal | undefined,
    private readonly sliceMs = 8,
  ) {
    this.last = this.pauses ? performance.now() : 0;
  }

  async pause(): Promise<void> {
    this.signal?.throwIfAborted();
    if (!this.pauses || performance.now() - this.last < this.sliceMs) return;
    await nextTurn();
    this.last = performance.now();
    this.signal?.throwIfAborted();
  }
}
