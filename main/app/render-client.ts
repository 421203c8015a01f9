/**
 * Main-side handle on the render worker, for rendering briefs and checking
 * templates. The newest request supersedes older ones: a request still waiting is dropped, the running one is aborted, and
 * both callers hear `superseded` at once. A worker that ignores the abort
 * (a template stuck in a loop) or runs past the time limit is terminated and
 * replaced, so the next request never waits behind it.
 *
 * The time limit and the abort grace count from the moment the worker says it
 * is ready: loading the engine into a fresh worker is the app's cost, not the
 * template's, and on a busy machine it can take longer than the limit itself.
 * Getting ready has its own, separate limit.
 */
import type { Worker } from 'node:worker_threads';
import type { BriefErrorData } from '../engine/errors.js';
import type { OverlayEntry } from '../engine/file-provider.js';
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
  /** Unsaved editor buffers (absolute path, entry) the worker lays over the disk. */
  overlay?: [string, OverlayEntry][];
}

export interface RenderClientOptions {
  /** Start a render worker: the built `render-worker.js` in the app, the `.ts` source under tsx in tests. */
  spawn: () => Worker;
  /** How long an aborted render may take to stop before its worker is replaced. */
  abortGraceMs?: number;
  /** Longest a single render may run, counted from when its worker is ready. */
  timeoutMs?: number;
  /** Longest a fresh worker may take to load the engine and say it is ready. */
  startupTimeoutMs?: number;
}

interface Job {
  id: number;
  work: Work;
  settle: (outcome: Outcome) => void;
}

interface RunningJob extends Job {
  timer: NodeJS.Timeout | undefined;
  /** A limit waiting for the worker to be ready before its clock starts. */
  armWhenReady: (() => void) | undefined;
}

export class RenderClient {
  private worker: Worker | undefined;
  private workerReady = false;
  private startupTimer: NodeJS.Timeout | undefined;
  private running: RunningJob | undefined;
  private waiting: Job | undefined;
  private nextId = 1;
  private startedJobs = 0;
  private disposed = false;
  private readonly abortGraceMs: number;
  private readonly timeoutMs: number;
  private readonly startupTimeoutMs: number;

  constructor(private readonly options: RenderClientOptions) {
    this.abortGraceMs = options.abortGraceMs ?? 1500;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.startupTimeoutMs = options.startupTimeoutMs ?? 60_000;
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

  /** Jobs handed to a worker so far (a request superseded while it waited never is), for diagnostics and tests. */
  get started(): number {
    return this.startedJobs;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.waiting?.settle({ status: 'superseded' });
    this.waiting = undefined;
    this.finishRunning({ status: 'superseded' });
    const worker = this.worker;
    this.forgetWorker();
    if (worker) await worker.terminate();
  }

  private supersedeRunning(): void {
    const running = this.running!;
    running.settle({ status: 'superseded' });
    running.settle = () => undefined;
    this.worker?.postMessage({ type: 'abort', id: running.id });
    // A worker still loading reads the abort as soon as it is ready; the grace starts then.
    this.limitRunning(running, this.abortGraceMs, () => this.replaceWorker());
  }

  private startNext(): void {
    const job = this.waiting;
    if (!job || this.running || this.disposed) return;
    this.waiting = undefined;
    const running: RunningJob = { ...job, timer: undefined, armWhenReady: undefined };
    this.running = running;
    const message: ToWorker = { ...job.work, id: job.id };
    try {
      // A worker still loading queues the message until it listens. While it
      // works for someone the process stays alive to hear the answer.
      const worker = this.ensureWorker();
      worker.ref();
      worker.postMessage(message);
    } catch (error) {
      // No worker (it could not be started): answer now rather than after the time limit.
      this.finishRunning(failure('IO', `The render worker could not start: ${error instanceof Error ? error.message : String(error)}`));
      return;
    }
    this.startedJobs++;
    this.limitRunning(running, this.timeoutMs, () => {
      const what = job.work.type === 'check' ? 'Checking the template' : 'Rendering';
      this.finishRunning(failure('TEMPLATE_LIMIT', `${what} took longer than ${formatSeconds(this.timeoutMs)} and was stopped.`));
      this.replaceWorker();
    });
  }

  /** Run `expire` if the running job is still running `ms` after its worker is ready (now, if it already is). */
  private limitRunning(running: RunningJob, ms: number, expire: () => void): void {
    if (running.timer) clearTimeout(running.timer);
    running.timer = undefined;
    running.armWhenReady = () => {
      running.armWhenReady = undefined;
      running.timer = setTimeout(expire, ms);
    };
    if (this.workerReady) running.armWhenReady();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.options.spawn();
    worker.on('message', (message: FromWorker) => this.onMessage(worker, message));
    worker.on('error', (error) => this.onWorkerGone(worker, `The render worker failed: ${error.message}`));
    worker.on('exit', (code) => this.onWorkerGone(worker, `The render worker stopped (exit code ${code}).`));
    // An idle worker must not keep the app (or a test run) alive on its own.
    worker.unref();
    this.worker = worker;
    this.workerReady = false;
    this.startupTimer = setTimeout(() => {
      if (worker !== this.worker) return;
      this.forgetWorker();
      void worker.terminate();
      this.finishRunning(failure('IO', `The render worker did not start within ${formatSeconds(this.startupTimeoutMs)}.`));
      this.startNext();
    }, this.startupTimeoutMs);
    this.startupTimer.unref();
    return worker;
  }

  private forgetWorker(): void {
    if (this.startupTimer) clearTimeout(this.startupTimer);
    this.startupTimer = undefined;
    this.worker = undefined;
    this.workerReady = false;
  }

  private onMessage(worker: Worker, message: FromWorker): void {
    if (worker !== this.worker) return;
    if (message.type === 'ready') {
      if (this.startupTimer) clearTimeout(this.startupTimer);
      this.startupTimer = undefined;
      this.workerReady = true;
      this.running?.armWhenReady?.();
      return;
    }
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
    this.worker?.unref();
    running.settle(outcome);
  }

  private onWorkerGone(worker: Worker, message: string): void {
    if (worker !== this.worker) return;
    this.forgetWorker();
    this.finishRunning(failure('IO', message));
    this.startNext();
  }

  /** Kill a worker that did not stop when asked and carry on with a fresh one. */
  private replaceWorker(): void {
    const worker = this.worker;
    this.forgetWorker();
    this.finishRunning({ status: 'superseded' });
    if (worker) void worker.terminate();
    this.startNext();
  }
}

function formatSeconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}

function failure(code: BriefErrorData['code'], message: string): Failure {
  return { status: 'error', error: { code, message } };
}
