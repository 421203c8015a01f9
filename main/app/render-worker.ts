/**
 * The render worker: a worker thread that runs the engine, so a slow or
 * runaway template never blocks the main process (menus, dialogs, IPC).
 * It renders briefs and checks templates (which fills them in with sample
 * briefs, so it is just as untrusted). One job at a time; the client decides
 * which job is worth running.
 */
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { toErrorData } from '../engine/errors.js';
import { diskFiles, overlayFiles } from '../engine/file-provider.js';
import { buildBrief } from '../engine/render.js';
import { checkTemplate } from '../engine/template/index.js';
import type { CheckJob, FromWorker, RenderJob, ToWorker } from './render-protocol.js';

const port = parentPort;
if (!port) throw new Error('render-worker must run as a worker thread');

const running = new Map<number, AbortController>();

port.on('message', (message: ToWorker) => {
  if (message.type === 'abort') running.get(message.id)?.abort();
  else if (message.type === 'check') void check(message);
  else void render(message);
});
// Loading the engine (above) is done: the client starts its time limits from here.
port.postMessage({ type: 'ready' } satisfies FromWorker);

async function check(job: CheckJob): Promise<void> {
  let reply: FromWorker;
  try {
    reply = { type: 'checked', id: job.id, diagnostics: await checkTemplate(job.dir) };
  } catch (error) {
    reply = { type: 'failed', id: job.id, error: toErrorData(error) };
  }
  port!.postMessage(reply);
}

async function render(job: RenderJob): Promise<void> {
  const controller = new AbortController();
  running.set(job.id, controller);
  const started = performance.now();
  try {
    const files = job.overlay?.length ? overlayFiles(diskFiles, new Map(job.overlay)) : undefined;
    const result = await buildBrief(job.spec, { sectionDirs: job.sectionDirs, templateDirs: job.templateDirs, signal: controller.signal, files });
    const renderMs = Math.round(performance.now() - started);
    const pdf = ownBuffer(result.pdf);
    const reply: FromWorker = { type: 'rendered', id: job.id, pdf, pageCount: result.pageCount, warnings: result.warnings, renderMs };
    // Hand the bytes over instead of copying them again.
    port!.postMessage(reply, [pdf.buffer as ArrayBuffer]);
  } catch (error) {
    const reply: FromWorker = controller.signal.aborted ? { type: 'aborted', id: job.id } : { type: 'failed', id: job.id, error: toErrorData(error) };
    port!.postMessage(reply);
  } finally {
    running.delete(job.id);
  }
}

/** A Node Buffer may be a view into a shared pool; only a whole ArrayBuffer can be transferred. */
function ownBuffer(bytes: Uint8Array): Uint8Array {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  return whole ? bytes : new Uint8Array(bytes);
}
