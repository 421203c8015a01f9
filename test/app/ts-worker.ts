/**
 * Start the render worker from its TypeScript source, as tests run without a
 * build: a tiny bootstrap registers tsx inside the worker, then imports it.
 */
import { Worker } from 'node:worker_threads';

const tsxApi = import.meta.resolve('tsx/esm/api');
export const renderWorkerSource = new URL('../../main/app/render-worker.ts', import.meta.url).href;

export function spawnTsWorker(source = renderWorkerSource): Worker {
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); })`;
  return new Worker(bootstrap, { eval: true });
}

/** A worker that takes render jobs and never answers or yields: a template stuck in a loop. */
export function spawnStuckWorker(): Worker {
  const port = `require('node:worker_threads').parentPort`;
  return new Worker(`${port}.on('message', (m) => { if (m.type === 'render') for (;;) {} }); ${port}.postMessage({ type: 'ready' });`, { eval: true });
}
