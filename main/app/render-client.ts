/**
 * Main-side handle on the render worker, for rendering briefs and checking
 * templates. The newest request supersedes older ones: a request still waiting is dropped, the running one is aborted, and
 * both callers hear `superseded` at once. A worker that ignores the abort
 * (a template stuck in a loop) or runs past the time limit is terminated and
 * replaced, so the next request never waits behind it.
 */
import type { Worker } from 'node:worker_threads';
import type { BriefErrorData } from '../engine/errors.js';
import type { BriefSpec } from '../engine/spec-schema.js';
import type { TemplateDiagnostic } from '../engine/template/index.js';
import type { Failure, PreviewResponse } from '../shared/ipc-contract.js';
import type { FromWorker, ToWorker } from './render-protocol.js';

export type RenderOutcome = PreviewResponse;
export type CheckOutcome = { status: 'checked'; diagnostics: TemplateDiagnostic[] } | { status: 'superseded' } | Failure;
type Outcome = RenderOutcome | CheckOutcome;

/** A job as the worker receives it, less the id the client gives it. */
type Work = Omit<Extract<ToWorker, { type: 'render' }>, 'id'> | Omit<Extract<ToWorker, { type: 'check' }>, 'id'>;

export interface RenderFolders {
  sectionDirs: string[];
  templateDirs: string[];
}

export interface RenderClientOptions {
  /** Start a render worker: the built `render-worker.js` in the app, the `.ts` source under tsx in tests. */
  spawn: () => Worker;
  /** How long an aborted render may take to stop before its worker is replaced. */
  abortGraceMs?: number;
  /** Longest a single render may run. */
  timeoutMs?: number;
}

interface Job {
  id: number;
  work: Work;
  settle: (outcome: Outcome) => void;
}

export class RenderClient {
  private worker: Worker | undefined;
  private running: (Job & { timer: NodeJS.Timeout | undefined }) | undefined;
  private waiting: Job | undefined;
  private nextId = 1;
  private disposed = false;
  private readonly abortGraceMs: number;
  private readonly timeoutMs: number;

  constructor(private readonly options: RenderClientOptions) {
    this.abortGraceMs = options.abortGraceMs ?? 1500;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  render(spec: BriefSpec, folders: RenderFolders): Promise<RenderOutcome> {
    return this.run({ type: 'render', spec, ...folders }) as Promise<RenderOutcome>;
  }

  /** Check the template folder `dir` (its compile, sample-fill and markup diagnostics). */
  check(dir: string): Promise<CheckOutcome> {
    return this.run({ type: 'check', dir }) as Promise<CheckOutcome>;
  }

  private run(work: Work): Promise<Outcome> {
    if (this.disposed) return Promise.resolve(failure('IO', 'The renderer has been shut down.'));
    return new Promise((settle) => {
      const job: Job = { id: this.nextId++, work, settle };
      this.waiting?.settle({ status: 'superseded' });
      this.waiting = job;
      if (this.running) this.supersedeRunning();
      else this.startNext();
    });
  }

  /** Jobs started so far, for diagnostics and tests. */
  get started(): number {
    return this.nextId - 1;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.waiting?.settle({ status: 'superseded' });
    this.waiting = undefined;
    this.finishRunning({ status: 'superseded' });
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private supersedeRunning(): void {
    const running = this.running!;
    running.settle({ status: 'superseded' });
    running.settle = () => undefined;
    this.worker?.postMessage({ type: 'abort', id: running.id });
    if (running.timer) clearTimeout(running.timer);
    running.timer = setTimeout(() => this.replaceWorker(), this.abortGraceMs);
  }

  private startNext(): void {
    const job = this.waiting;
    if (!job || this.running || this.disposed) return;
    this.waiting = undefined;
    const timer = setTimeout(() => {
      const what = job.work.type === 'check' ? 'Checking the template' : 'Rendering';
      this.finishRunning(failure('TEMPLATE_LIMIT', `${what} took longer than ${Math.round(this.timeoutMs / 1000)} s and was stopped.`));
      this.replaceWorker();
    }, this.timeoutMs);
    this.running = { ...job, timer };
    const message: ToWorker = { ...job.work, id: job.id };
    try {
      this.ensureWorker().postMessage(message);
    } catch (error) {
      // No worker (it could not be started): answer now rather than after the time limit.
      this.finishRunning(failure('IO', `The render worker could not start: ${error instanceof Error ? error.message : String(error)}`));
    }
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.options.spawn();
    worker.on('message', (message: FromWorker) => this.onMessage(message));
    worker.on('error', (error) => this.onWorkerGone(worker, `The render worker failed: ${error.message}`));
    worker.on('exit', (code) => this.onWorkerGone(worker, `The render worker stopped (exit code ${code}).`));
    // The worker must not keep the app (or a test run) alive on its own.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private onMessage(message: FromWorker): void {
    if (!this.running || message.id !== this.running.id) return;
    if (message.type === 'rendered') {
      const { pdf, pageCount, warnings, renderMs } = message;
      this.finishRunning({ status: 'rendered', pdf, pageCount, warnings, renderMs });
    } else if (message.type === 'checked') {
      this.finishRunning({ status: 'checked', diagnostics: message.diagnostics });
    } else if (message.type === 'failed') {
      this.finishRunning({ status: 'error', error: message.error });
    } else {
      this.finishRunning({ status: 'superseded' });
    }
    this.startNext();
  }

  private finishRunning(outcome: Outcome): void {
    const running = this.running;
    if (!running) return;
    if (running.timer) clearTimeout(running.timer);
    this.running = undefined;
    running.settle(outcome);
  }

  private onWorkerGone(worker: Worker, message: string): void {
    if (worker !== this.worker) return;
    this.worker = undefined;
    this.finishRunning(failure('IO', message));
    this.startNext();
  }

  /** Kill a worker that did not stop when asked and carry on with a fresh one. */
  private replaceWorker(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.finishRunning({ status: 'superseded' });
    if (worker) void worker.terminate();
    this.startNext();
  }
}

function failure(code: BriefErrorData['code'], message: string): Failure {
  return { status: 'error', error: { code, message } };
}
