import { EventEmitter } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { builtInTemplatesDir } from '../../main/engine/paths.js';
import { defaultSpec } from '../../main/engine/spec-schema.js';
import { RenderClient } from '../../main/app/render-client.js';
import { tempAppDirs } from './fixtures.js';
import { spawnStuckWorker, spawnTsWorker } from './ts-worker.js';

const folders = { sectionDirs: [], templateDirs: [] };
const clients: RenderClient[] = [];
const client = (options: Partial<ConstructorParameters<typeof RenderClient>[0]> = {}) => {
  const created = new RenderClient({ spawn: () => spawnTsWorker(), ...options });
  clients.push(created);
  return created;
};

afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
});

/** Only the client's timers are faked; worker messages and setImmediate stay real. */
const fakeTimers = () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });

/** Wait, without a time budget, until `condition` holds (the test's own timeout is the bound). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

/** Tell when `promise` has settled, without waiting for it. */
function settledFlag(promise: Promise<unknown>): () => boolean {
  let settled = false;
  void promise.then(() => (settled = true));
  return () => settled;
}

/** A worker the test drives by hand: it says `ready` and answers only when told to. */
class ScriptedWorker extends EventEmitter {
  readonly received: { type: string; id: number }[] = [];
  terminated = false;
  postMessage(message: { type: string; id: number }): void {
    this.received.push(message);
  }
  terminate(): Promise<number> {
    this.terminated = true;
    return Promise.resolve(1);
  }
  unref(): void {}
  ref(): void {}
  ready(): void {
    this.emit('message', { type: 'ready' });
  }
  answer(id: number): void {
    this.emit('message', { type: 'rendered', id, pdf: new Uint8Array([37]), pageCount: 1, warnings: [], renderMs: 1 });
  }
}

function scriptedWorkers() {
  const spawned: ScriptedWorker[] = [];
  const spawn = () => {
    const worker = new ScriptedWorker();
    spawned.push(worker);
    return worker as unknown as Worker;
  };
  return { spawned, spawn };
}

describe('render client (worker thread over the real engine)', () => {
  it('renders a brief off the main thread', async () => {
    const outcome = await client().render(defaultSpec(), folders);
    expect(outcome.status).toBe('rendered');
    if (outcome.status !== 'rendered') return;
    expect(Buffer.from(outcome.pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(outcome.pageCount).toBeGreaterThan(0);
    expect(outcome.renderMs).toBeGreaterThan(0);
  });

  it('lets the newest request supersede older ones', async () => {
    const renderer = client();
    const spec = defaultSpec();
    const first = renderer.render({ ...spec, title: 'First' }, folders);
    const second = renderer.render({ ...spec, title: 'Second' }, folders);
    const third = renderer.render({ ...spec, title: 'Third' }, folders);
    await expect(first).resolves.toEqual({ status: 'superseded' });
    await expect(second).resolves.toEqual({ status: 'superseded' });
    const last = await third;
    expect(last.status).toBe('rendered');
    // The first ran (and was aborted), the second was dropped while it waited, the third ran.
    expect(renderer.started).toBe(2);
  });

  it('reports engine errors as data with their code', async () => {
    const outcome = await client().render({ ...defaultSpec(), sections: ['no-such-section'] }, folders);
    expect(outcome).toMatchObject({ status: 'error', error: { code: 'SECTION_UNKNOWN' } });
  });

  it('replaces a worker that does not stop when superseded', async () => {
    let spawned = 0;
    const renderer = client({ spawn: () => (spawned++ === 0 ? spawnStuckWorker() : spawnTsWorker()), abortGraceMs: 300 });
    const stuck = renderer.render({ ...defaultSpec(), title: 'Stuck' }, folders);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    const fresh = await renderer.render(defaultSpec(), folders);
    await expect(stuck).resolves.toEqual({ status: 'superseded' });
    expect(fresh.status).toBe('rendered');
    expect(spawned).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('stops a render that runs past the time limit and keeps working afterwards', async () => {
    fakeTimers();
    let spawned = 0;
    let stuckReady = false;
    const renderer = client({
      spawn: () => {
        if (spawned++ > 0) return spawnTsWorker();
        const stuck = spawnStuckWorker();
        stuck.on('message', (message: { type: string }) => (stuckReady ||= message.type === 'ready'));
        return stuck;
      },
      timeoutMs: 3000,
    });
    const stopped = renderer.render(defaultSpec(), folders);
    const isStopped = settledFlag(stopped);
    await until(() => stuckReady);
    vi.advanceTimersByTime(2999);
    await new Promise((resolve) => setImmediate(resolve));
    expect(isStopped()).toBe(false);
    vi.advanceTimersByTime(1);
    await expect(stopped).resolves.toMatchObject({ status: 'error', error: { code: 'TEMPLATE_LIMIT', message: 'Rendering took longer than 3 s and was stopped.' } });
    // A fresh worker (the clock is stopped, so however slowly it loads and renders, no limit runs out).
    await expect(renderer.render(defaultSpec(), folders)).resolves.toMatchObject({ status: 'rendered' });
    expect(spawned).toBe(2);
  });

  it('starts the time limit when a fresh worker is ready, not when the request is sent', async () => {
    fakeTimers();
    const { spawned, spawn } = scriptedWorkers();
    const renderer = client({ spawn, timeoutMs: 3000, startupTimeoutMs: 60_000 });
    const outcome = renderer.render(defaultSpec(), folders);
    const settled = settledFlag(outcome);
    const worker = spawned[0]!;
    expect(worker.received).toMatchObject([{ type: 'render', id: 1 }]);
    // Loading the engine takes ten times the limit: none of that counts.
    vi.advanceTimersByTime(30_000);
    worker.ready();
    vi.advanceTimersByTime(2999);
    await Promise.resolve();
    expect(settled()).toBe(false);
    worker.answer(1);
    await expect(outcome).resolves.toMatchObject({ status: 'rendered', pageCount: 1 });
    expect(worker.terminated).toBe(false);
  });

  it('stops a render the time limit after its worker is ready', async () => {
    fakeTimers();
    const { spawned, spawn } = scriptedWorkers();
    const renderer = client({ spawn, timeoutMs: 3000 });
    const outcome = renderer.render(defaultSpec(), folders);
    spawned[0]!.ready();
    vi.advanceTimersByTime(3000);
    await expect(outcome).resolves.toMatchObject({ status: 'error', error: { code: 'TEMPLATE_LIMIT' } });
    expect(spawned[0]!.terminated).toBe(true);
  });

  it('gives the abort of a superseded render its grace from when the worker is ready', async () => {
    fakeTimers();
    const { spawned, spawn } = scriptedWorkers();
    const renderer = client({ spawn, abortGraceMs: 300 });
    const first = renderer.render(defaultSpec(), folders);
    const second = renderer.render(defaultSpec(), folders);
    await expect(first).resolves.toEqual({ status: 'superseded' });
    const worker = spawned[0]!;
    vi.advanceTimersByTime(10_000);
    expect(worker.terminated).toBe(false);
    worker.ready();
    vi.advanceTimersByTime(299);
    expect(worker.terminated).toBe(false);
    vi.advanceTimersByTime(1);
    // The worker never answered the abort: it is replaced and the newest request runs on a fresh one.
    expect(worker.terminated).toBe(true);
    expect(spawned).toHaveLength(2);
    expect(spawned[1]!.received).toMatchObject([{ type: 'render', id: 2 }]);
    spawned[1]!.ready();
    spawned[1]!.answer(2);
    await expect(second).resolves.toMatchObject({ status: 'rendered' });
  });

  it('gives up on a worker that never gets ready, and starts a fresh one for the next request', async () => {
    fakeTimers();
    const { spawned, spawn } = scriptedWorkers();
    const renderer = client({ spawn, startupTimeoutMs: 60_000 });
    const outcome = renderer.render(defaultSpec(), folders);
    const settled = settledFlag(outcome);
    vi.advanceTimersByTime(59_999);
    await Promise.resolve();
    expect(settled()).toBe(false);
    vi.advanceTimersByTime(1);
    await expect(outcome).resolves.toMatchObject({ status: 'error', error: { code: 'IO', message: 'The render worker did not start within 60 s.' } });
    expect(spawned[0]!.terminated).toBe(true);
    const next = renderer.render(defaultSpec(), folders);
    expect(spawned).toHaveLength(2);
    spawned[1]!.ready();
    spawned[1]!.answer(2);
    await expect(next).resolves.toMatchObject({ status: 'rendered' });
  });

  it('answers at once when the worker cannot start, and starts one for the next request', async () => {
    let spawned = 0;
    const renderer = client({
      spawn: () => {
        if (spawned++ === 0) throw new Error('out of threads');
        return spawnTsWorker();
      },
    });
    // Without the fix this waits for the time limit and then reports TEMPLATE_LIMIT instead.
    const first = await renderer.render(defaultSpec(), folders);
    expect(first.status).toBe('error');
    if (first.status !== 'error') return;
    expect(first.error.code).toBe('IO');
    expect(first.error.message).toContain('out of threads');
    expect((await renderer.render(defaultSpec(), folders)).status).toBe('rendered');
  });

  it('checks a template folder in the worker, reporting located diagnostics as data', async () => {
    const checker = client();
    await expect(checker.check(join(builtInTemplatesDir(), 'memo'))).resolves.toEqual({ status: 'checked', diagnostics: [] });
    const broken = join(tempAppDirs().userTemplates, 'broken');
    mkdirSync(broken);
    writeFileSync(join(broken, 'template.yaml'), 'name: Broken\n');
    writeFileSync(join(broken, 'brief.hbs'), '# {{brief.title}}\n{{#each sections}}\n');
    const outcome = await checker.check(broken);
    expect(outcome).toMatchObject({ status: 'checked', diagnostics: [{ severity: 'error', code: 'TEMPLATE_SYNTAX', location: { file: join(broken, 'brief.hbs') } }] });
  });
});
