/**
 * The live preview's share of an edit's latency that the engine controls:
 * a changed spec goes to the real render worker (worker_threads, as in the
 * app) and the PDF comes back. Each edit changes the title, as typing does.
 */
import { performance } from 'node:perf_hooks';
import { RenderClient } from '../main/app/render-client.js';
import type { BriefSpec } from '../main/engine/spec-schema.js';
import { spawnTsWorker } from '../test/app/ts-worker.js';

export async function previewRoundTrips(spec: BriefSpec, runs: number): Promise<number[]> {
  const client = new RenderClient({ spawn: () => spawnTsWorker() });
  const folders = { sectionDirs: [], templateDirs: [] };
  try {
    for (let i = 0; i < 5; i++) await client.render({ ...spec, title: `${spec.title} warm ${i}` }, folders);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      const outcome = await client.render({ ...spec, title: `${spec.title} ${'x'.repeat(i % 7)}${i}` }, folders);
      times.push(performance.now() - start);
      if (outcome.status !== 'rendered') throw new Error(`preview render failed: ${JSON.stringify(outcome)}`);
    }
    return times;
  } finally {
    await client.dispose();
  }
}
