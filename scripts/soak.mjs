/**
 * npm run soak -- [--count 2000] [--out bench/results/soak.md]
 *
 * Renders COUNT briefs in one process through the preview path: the app's
 * RenderClient and its render worker thread, one request after another, as
 * the live preview sends them. Each brief differs from the last (title,
 * sections and their order, template, options, and a user section rewritten
 * as if being edited). Checks that resident memory after the last quarter is
 * within 10% of after the first quarter, and that no file handle is left
 * open (/proc/self/fd). Writes the figures to bench/results/soak.md.
 * Run with --expose-gc (npm run soak does) so samples follow a collection.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MessageChannel, Worker } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '2000' },
    out: { type: 'string', default: 'bench/results/soak.md' },
    // Titles, dates and notes cycle through this many variants (0: every brief has new words, as typing gives).
    vocabulary: { type: 'string', default: '0' },
  },
});
const vocabulary = Number(values.vocabulary);
const count = Number(values.count);
const quarter = Math.floor(count / 4);
const root = resolve(import.meta.dirname, '..');

const work = mkdtempSync(join(tmpdir(), 'soak-'));
process.env.BRIEF_STUDIO_CACHE_DIR = join(work, 'cache');
register();
const { RenderClient } = await import('../main/app/render-client.ts');

// The app's render worker, started from its source as the tests do (test/app/ts-worker.ts),
// plus a side channel that collects the worker's garbage and reports its heap for the figures.
const tsxApi = import.meta.resolve('tsx/esm/api');
const workerSource = new URL('../main/app/render-worker.ts', import.meta.url).href;
let heapPort;
function spawnRenderWorker() {
  const { port1, port2 } = new MessageChannel();
  heapPort = port1;
  const bootstrap = `
    const { workerData } = require('node:worker_threads');
    workerData.heapPort.on('message', () => { globalThis.gc?.(); workerData.heapPort.postMessage(process.memoryUsage().heapUsed); });
    import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerSource)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: { heapPort: port2 }, transferList: [port2] });
}
function workerHeap() {
  return new Promise((settle) => {
    heapPort.once('message', settle);
    heapPort.postMessage('gc');
  });
}
const { briefSpecSchema } = await import('../main/engine/spec-schema.ts');

const builtIn = ['space-agreement', 'counterstrike-capability', 'force-posture', 'alliance-overview', 'security-environment', 'defense-industrial-cooperation'];
const templates = ['memo', 'one-pager', 'handout'];
const markings = ['UNCLASSIFIED', 'CUI', 'SECRET', 'UNCLASSIFIED//FOUO'];
const sectionsDir = join(work, 'sections');

/** The user's own section, rewritten now and then as an edit in another editor would. */
function writeUserSection(n) {
  const i = vocabulary ? n % vocabulary : n;
  const body = [`Draft ${i}: the working group met ${i % 7} times.`, '', `- point ${i}`, `- point ${i + 1}`, '', `> A remark numbered ${i}.`, ''].join('\n');
  const text = `---\nid: soak-notes\ntitle: Working notes ${i}\nsummary: Notes from the soak run, revision ${i}.\nsources:\n  - id: s1\n    title: Notes\n    publisher: Soak\n    date: "2024"\n---\n${body}`;
  writeFileSync(join(sectionsDir, 'soak-notes.md'), text);
}

/** Brief number i: a different choice of sections, order, template and options each time. */
function briefSpec(n) {
  const i = vocabulary ? n % vocabulary : n;
  const pick = builtIn.filter((_, k) => ((i >> k) & 1) === 1 || k === i % builtIn.length).slice(0, 3);
  if (i % 3 === 0) pick.reverse();
  const sections = i % 4 === 0 ? [...pick, 'soak-notes'] : pick;
  return {
    title: `Soak brief ${i}: ${'alliance '.repeat(i % 5)}review`,
    subtitle: i % 2 ? `Revision ${i}` : undefined,
    date: `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
    author: `Analyst ${i % 17}`,
    classification: markings[i % markings.length],
    template: templates[i % templates.length],
    sections,
    options: { toc: i % 5 === 0, provenance: i % 2 === 0, pdfStandard: 'none', ...(i % 6 === 0 ? { portionMark: '(U)' } : {}) },
  };
}

function openHandles() {
  return readdirSync('/proc/self/fd').length;
}

async function sample(label, rendered) {
  const workerHeapMb = heapPort ? (await workerHeap()) / 2 ** 20 : 0;
  globalThis.gc?.();
  const memory = process.memoryUsage();
  return { label, rendered, rssMb: memory.rss / 2 ** 20, heapMb: memory.heapUsed / 2 ** 20, workerHeapMb, externalMb: memory.external / 2 ** 20, handles: openHandles() };
}

mkdirSync(sectionsDir);
writeUserSection(0);

const client = new RenderClient({ spawn: spawnRenderWorker, timeoutMs: 120_000 });
const folders = { sectionDirs: [sectionsDir], templateDirs: [] };
const samples = [await sample('before the first render', 0)];
const WINDOW = 50;
const windowSamples = [];
const outcomes = { rendered: 0, error: 0, superseded: 0 };
const errors = new Map();
let totalPages = 0;
const started = performance.now();
for (let i = 1; i <= count; i++) {
  if (i % 10 === 0) writeUserSection(i);
  // The app validates a spec (with its defaults) before it goes to the worker.
  const outcome = await client.render(briefSpecSchema.parse(briefSpec(i)), folders);
  outcomes[outcome.status] = (outcomes[outcome.status] ?? 0) + 1;
  if (outcome.status === 'rendered') totalPages += outcome.pageCount;
  if (outcome.status === 'error') errors.set(outcome.error.code, `${outcome.error.message}`.slice(0, 200));
  // Around the end of the first and of the last quarter, sample every 5th render: one RSS
  // reading swings with the collector's timing, a median of ten does not.
  const inWindow = (i > quarter - WINDOW && i <= quarter) || i > count - WINDOW;
  if (inWindow && i % 5 === 0) windowSamples.push(await sample(`after ${i}`, i));
  if (i % 100 === 0 || i === quarter || i === count) {
    samples.push(inWindow && i % 5 === 0 ? windowSamples.at(-1) : await sample(`after ${i}`, i));
    process.stdout.write(`${i} rendered, rss ${samples.at(-1).rssMb.toFixed(1)} MB, worker heap ${samples.at(-1).workerHeapMb.toFixed(1)} MB, ${samples.at(-1).handles} handles\n`);
  }
}
const seconds = (performance.now() - started) / 1000;
await client.dispose();
rmSync(work, { recursive: true, force: true });

const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const firstWindow = windowSamples.filter((x) => x.rendered <= quarter);
const lastWindow = windowSamples.filter((x) => x.rendered > count - WINDOW);
const afterFirst = { workerHeapMb: median(firstWindow.map((x) => x.workerHeapMb)), rssMb: median(firstWindow.map((x) => x.rssMb)), handles: Math.max(...firstWindow.map((x) => x.handles)) };
const afterLast = { workerHeapMb: median(lastWindow.map((x) => x.workerHeapMb)), rssMb: median(lastWindow.map((x) => x.rssMb)), handles: Math.max(...lastWindow.map((x) => x.handles)) };
const rssChange = (afterLast.rssMb - afterFirst.rssMb) / afterFirst.rssMb;
const checks = [
  { what: `every render answered "rendered"`, ok: outcomes.rendered === count, detail: JSON.stringify(outcomes) },
  { what: `resident memory after the last ${quarter} within 10% of after the first ${quarter} (median of ${firstWindow.length} samples each)`, ok: Math.abs(rssChange) <= 0.1, detail: `${afterFirst.rssMb.toFixed(1)} MB → ${afterLast.rssMb.toFixed(1)} MB (${(rssChange * 100).toFixed(1)}%)` },
  { what: `no file handles leaked (most open fds near the end ≤ near ${quarter})`, ok: afterLast.handles <= afterFirst.handles, detail: `${afterFirst.handles} → ${afterLast.handles}` },
];

const table = samples
  .filter((s) => s.rendered === 0 || s.rendered % 250 === 0 || s.rendered === quarter || s.rendered === count)
  .map((s) => `| ${s.rendered} | ${s.rssMb.toFixed(1)} | ${s.workerHeapMb.toFixed(1)} | ${s.heapMb.toFixed(1)} | ${s.externalMb.toFixed(1)} | ${s.handles} |`);
const report = `# Soak: ${count} briefs through the preview path

\`npm run soak\` (scripts/soak.mjs), ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${process.platform}.
One process, one RenderClient and its render worker thread, one request at a time;
each brief differs (sections and order, template, title, date, marking, options),
and a user section file is rewritten every 10th render.
${vocabulary ? `Titles, dates and the user section cycle through ${vocabulary} variants.` : 'Every brief brings new words (titles and notes carry its number), as typing does.'}
RSS is the whole process (main thread and worker), sampled after a garbage
collection in both; open handles are the entries of /proc/self/fd.

- ${count} renders in ${seconds.toFixed(1)} s (${((seconds * 1000) / count).toFixed(1)} ms each on average), ${totalPages} pages in all
- render worker's heap after a collection: ${afterFirst.workerHeapMb.toFixed(1)} MB after the first ${quarter}, ${afterLast.workerHeapMb.toFixed(1)} MB after the last ${quarter} (medians)
- outcomes: ${JSON.stringify(outcomes)}${errors.size ? `; errors: ${JSON.stringify(Object.fromEntries(errors))}` : ''}

| check | result | figures |
|---|---|---|
${checks.map((c) => `| ${c.what} | ${c.ok ? 'pass' : 'FAIL'} | ${c.detail} |`).join('\n')}

| briefs rendered | RSS (MB) | worker heap used (MB) | main heap used (MB) | main external (MB) | open fds |
|---:|---:|---:|---:|---:|---:|
${table.join('\n')}
`;
writeFileSync(resolve(root, values.out), report);
console.log(report);
process.exit(checks.every((c) => c.ok) ? 0 : 1);
