/**
 * npm run bench: speed of the default brief, as medians and ratios (the
 * machine is shared and noisy, so absolute numbers only mean something next
 * to the baseline measured in the same run).
 *
 *  1. in-process: buildBrief(default spec), warm, median of N runs;
 *  2. the live preview: an edit sent to the real render worker, PDF back;
 *  3. whole process: `brief-studio build` of the default brief, median of N;
 *  4. baselines in the same run: `node -e 0`, and a naive PDFKit script that
 *     sets the same text with stock PDFKit (fonts passed as file paths).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { builtInSectionsDir } from '../main/engine/paths.js';
import { buildBrief } from '../main/engine/render.js';
import { defaultSpec } from '../main/engine/spec-schema.js';
import { naivePdfkit } from './naive-pdfkit.js';
import { PREVIEW_DEBOUNCE_MS } from '../renderer/src/preview-controller.js';
import { previewRoundTrips } from './preview.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const PROCESS_RUNS = Number(process.env.BENCH_PROCESS_RUNS ?? 12);
const FLOOR_IN_PROCESS_MS = 60;
const FLOOR_PROCESS_S = 0.5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function timeAsync(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times;
}

function timeProcess(runs: number, args: string[]): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    times.push(performance.now() - start);
    if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr.toString()}`);
  }
  return times;
}

const fmt = (ms: number): string => `${ms.toFixed(1)} ms`;

async function main(): Promise<void> {
  const spec = defaultSpec();
  const first = await buildBrief(spec);
  const text = first.markup;

  // Warm both, then interleave so noise hits them alike.
  await timeAsync(5, () => buildBrief(spec));
  await timeAsync(3, () => naivePdfkit(text));
  const ours: number[] = [];
  const naive: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    ours.push(...(await timeAsync(1, () => buildBrief(spec))));
    naive.push(...(await timeAsync(1, () => naivePdfkit(text))));
  }

  const out = mkdtempSync(join(tmpdir(), 'brief-bench-'));
  const cli = join(import.meta.dirname, '..', 'bin', 'brief-studio.cjs');
  const buildArgs = [cli, 'build', '-q', '-o', join(out, 'brief.pdf')];
  process.env.BRIEF_STUDIO_CACHE_DIR = mkdtempSync(join(tmpdir(), 'brief-bench-cache-'));
  // A brief of the user's own words: none of them is in the install-time seed,
  // and nothing of them is kept between runs, so each run shapes them afresh.
  const ownText = ownTextArgs(out);
  timeProcess(1, ownText);
  const ownRuns = timeProcess(PROCESS_RUNS, ownText);
  // Without the seed: even the built-in sections are shaped afresh.
  process.env.BRIEF_STUDIO_CACHE_DIR = 'off';
  const uncached = timeProcess(3, buildArgs);
  process.env.BRIEF_STUDIO_CACHE_DIR = mkdtempSync(join(tmpdir(), 'brief-bench-cache-'));
  timeProcess(1, buildArgs);
  const nodeEmpty = timeProcess(PROCESS_RUNS, ['-e', '0']);
  const whole = timeProcess(PROCESS_RUNS, buildArgs);

  const preview = await previewRoundTrips(spec, RUNS);
  const pages = first.pageCount;
  const oursMs = median(ours);
  const naiveMs = median(naive);
  const wholeS = median(whole) / 1000;
  const lines = [
    `Default brief: ${pages} pages, ${spec.sections.length} sections, template ${spec.template}`,
    `machine: ${execFileSync('nproc').toString().trim()} cores, node ${process.version}`,
    '',
    `in-process render (median of ${RUNS}, warm):  ${fmt(oursMs)}   floor ${FLOOR_IN_PROCESS_MS} ms   ${oursMs <= FLOOR_IN_PROCESS_MS ? 'OK' : 'OVER'}`,
    `naive PDFKit, same text (median of ${RUNS}):  ${fmt(naiveMs)}   ratio ours/naive ${(oursMs / naiveMs).toFixed(2)}`,
    `preview: edit → PDF back from the render worker (median of ${RUNS}):  ${fmt(median(preview))}   + ${PREVIEW_DEBOUNCE_MS} ms debounce = ${fmt(median(preview) + PREVIEW_DEBOUNCE_MS)} before pdf.js draws (target 300 ms)`,
    `whole process \`brief-studio build\` (median of ${PROCESS_RUNS}): ${wholeS.toFixed(3)} s   floor ${FLOOR_PROCESS_S} s   ${wholeS <= FLOOR_PROCESS_S ? 'OK' : 'OVER'}`,
    `  a brief of the user's own words (3 sections' worth, shaped afresh every run; median of ${PROCESS_RUNS}): ${(median(ownRuns) / 1000).toFixed(3)} s`,
    `  with the install-time seed off (median of 3): ${(median(uncached) / 1000).toFixed(3)} s`,
    `\`node -e 0\` (median of ${PROCESS_RUNS}):  ${fmt(median(nodeEmpty))}   ratio build/node ${(median(whole) / median(nodeEmpty)).toFixed(1)}`,
  ];
  const report = lines.join('\n');
  console.log(report);
  writeFileSync(join(import.meta.dirname, 'results', 'latest.txt'), `${new Date().toISOString().slice(0, 10)}\n${report}\n`);
}

/**
 * Build arguments for a brief of words the seed has never seen: the default
 * sections' text with every word reversed, as a user's own sections folder.
 */
function ownTextArgs(out: string): string[] {
  const dir = join(out, 'own-sections');
  mkdirSync(dir, { recursive: true });
  const ids = defaultSpec().sections;
  ids.forEach((id) => {
    const text = readFileSync(join(builtInSectionsDir(), `${id}.md`), 'utf8');
    const body = text.slice(text.indexOf('\n---', 4) + 4).replace(/\p{L}+/gu, (word) => [...word].reverse().join(''));
    writeFileSync(join(dir, `own-${id}.md`), `---\nid: own-${id}\ntitle: Own ${id}\nsummary: A section in the user's own words.\nsources:\n  - { id: own, title: Notes, publisher: Office, date: "2023" }\n---\n${body}`);
  });
  const cli = join(import.meta.dirname, '..', 'bin', 'brief-studio.cjs');
  return [cli, 'build', '-q', '--sections-dir', dir, '--sections', ids.map((id) => `own-${id}`).join(','), '-o', join(out, 'own.pdf')];
}

await main();
