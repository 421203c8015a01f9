/**
 * npm run bench: Brief Studio and Typst side by side on the same content.
 *
 * Typst runs in-process through its Node addon (@myriaddreamin/typst-ts-node-compiler,
 * a dev dependency used only here), on a Typst document written from the
 * brief's own markup and styled like the memo template (bench/typst-doc.ts),
 * with the same fonts. Two Typst figures for each case: "fresh" evicts the
 * compiler's memo cache before each compile, "kept" keeps it. Rounds are
 * interleaved (every case and engine once per round), so a busy machine slows
 * them alike; medians, min and max, and ratios from the same run.
 *
 * Cases:
 *   brief-warm    the default brief, rendered again (each engine rendered it just before);
 *   brief-novel   the default brief in never-seen words (letters shuffled and shifted, a new
 *                 text every round): no shaping or layout cache of either engine knows it;
 *   brief-edit    the default brief with one word changed since the previous render;
 *   book-warm     ~100 pages: the six built-in sections nine times, each time in another order;
 *   brief-cold    a fresh process: `node bin/brief-studio.cjs build` against a node process
 *                 that loads the Typst compiler and compiles the same brief;
 *   brief-cold-cpu  the CPU time (user + system) of those processes, steadier than wall time on a busy machine;
 *   brief-rss-mb  peak resident memory of those processes (MB, in the median_ms field);
 *   book500-warm  (not in --quick) ~500 pages (the sections 43 times), for the per-page cost against
 *                 book-warm: in the same interleaved rounds (Brief Studio and Typst kept), so both
 *                 sizes are timed in the same state of the process (heap, caches, other cases' garbage).
 *
 * Then (not in --quick) the live preview as felt, keystroke to page painted in Chromium
 * (bench/preview-latency.ts), printed and added to latest.md.
 *
 *   npm run bench [-- --json] [-- --quick]
 *
 * --json prints one JSON object, {cases: [{engine, case, median_ms, min_ms, max_ms}], …};
 * --quick is a smoke test (two rounds, small book, one cold process each) and
 * does not write bench/results/latest.md. --cold-only runs only the fresh
 * processes (results in bench/results/cold-start.md); with
 * BENCH_BASELINE_CLI=<other checkout>/bin/brief-studio.cjs that build runs
 * beside this one, for a before/after in the same run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { fontsDir } from '../main/engine/paths.js';
import { buildBrief } from '../main/engine/render.js';
import { bookBrief, defaultBrief, editedBrief, novelBrief, type BenchBrief } from './content.js';
import { previewLatency } from './preview-latency.js';

const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const JSON_OUT = args.includes('--json');
const ROUNDS = QUICK ? 2 : Number(process.env.BENCH_ROUNDS ?? 15);
const COLD_RUNS = QUICK ? 1 : Number(process.env.BENCH_COLD_RUNS ?? 12);
const BOOK_REPEATS = QUICK ? 2 : 9;
const BIG_BOOK_REPEATS = QUICK ? 0 : 43;

const ENGINES = ['brief-studio', 'typst-fresh', 'typst-kept'] as const;
/** Another build of the CLI (BENCH_BASELINE_CLI=…/bin/brief-studio.cjs), run beside this one in the cold cases: before/after in one run. */
const BASELINE_CLI = process.env.BENCH_BASELINE_CLI;
const COLD_ONLY = args.includes('--cold-only');
type Engine = (typeof ENGINES)[number] | 'brief-studio-baseline';
const CASES = ['brief-warm', 'brief-novel', 'brief-edit', 'book-warm', 'brief-cold', 'brief-cold-cpu', 'brief-rss-mb', 'book500-warm'] as const;
type Case = (typeof CASES)[number];

export interface BenchCase {
  engine: Engine;
  case: Case;
  median_ms: number;
  min_ms: number;
  max_ms: number;
  runs: number;
}

const root = join(import.meta.dirname, '..');
const log = (text: string): void => {
  process.stderr.write(`${text}\n`);
};
const samples = new Map<string, number[]>();
const record = (engine: Engine, kase: Case, value: number): void => {
  const key = `${engine}\t${kase}`;
  samples.set(key, [...(samples.get(key) ?? []), value]);
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function timed(work: () => unknown): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

// --- the two engines, in this process ---------------------------------------

const pagesOf = new Map<string, { ours: number; typst: number }>();

async function ours(brief: BenchBrief): Promise<number> {
  const result = await buildBrief(brief.spec, { files: brief.files, sectionDirs: brief.sectionDirs, maxPages: 2000 });
  return result.pageCount;
}

const compiler = NodeCompiler.create({ fontArgs: [{ fontPaths: [fontsDir()] }] });
function typst(source: string): number {
  const result = compiler.compile({ mainFileContent: source });
  const error = result.takeError();
  const document = result.result;
  if (error || !document) throw new Error(`typst: ${JSON.stringify(error?.shortDiagnostics ?? 'no document')}`);
  compiler.pdf(document);
  return document.numOfPages;
}

/**
 * One case, once per engine: `before` is what each engine last rendered (its
 * warm state), rendered again untimed right before, since other cases ran in
 * between; `brief` is what is timed. Typst fresh starts from an empty cache.
 */
async function runCase(kase: Case, round: number, before: BenchBrief | undefined, brief: BenchBrief, typstKeptBrief = brief, engines: readonly Engine[] = ENGINES): Promise<void> {
  const order = [...engines.slice(round % engines.length), ...engines.slice(0, round % engines.length)];
  for (const engine of order) {
    if (engine === 'brief-studio') {
      if (before) await ours(before);
      record(engine, kase, await timed(() => ours(brief)));
    } else if (engine === 'typst-fresh') {
      compiler.evictCache(0);
      record(engine, kase, await timed(() => typst(brief.typst)));
    } else {
      if (before) typst(before.typst);
      record(engine, kase, await timed(() => typst(typstKeptBrief.typst)));
    }
  }
}

// --- fresh processes ---------------------------------------------------------

interface ProcessRun {
  ms: number;
  /** User + system CPU time of the process itself. */
  cpuMs: number;
  maxRssMb: number;
}

function runProcess(args: string[], cwd: string): ProcessRun {
  const rssFile = join(cwd, 'max-rss');
  rmSync(rssFile, { force: true });
  const start = performance.now();
  const result = spawnSync(process.execPath, ['-r', join(root, 'bench', 'max-rss.cjs'), ...args], {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, BENCH_MAX_RSS_FILE: rssFile },
  });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr.toString()}`);
  const [rssKb, cpuUs] = readFileSync(rssFile, 'utf8').split(' ').map(Number);
  return { ms, cpuMs: cpuUs! / 1000, maxRssMb: rssKb! / 1024 };
}

function coldRuns(brief: BenchBrief): void {
  const scratch = mkdtempSync(join(tmpdir(), 'brief-bench-'));
  try {
    const source = join(scratch, 'brief.typ');
    writeFileSync(source, brief.typst);
    const oursArgs = [join(root, 'bin', 'brief-studio.cjs'), 'build', '-q', '-o', join(scratch, 'brief.pdf')];
    const typstArgs = [join(root, 'bench', 'typst-cold.cjs'), source, join(scratch, 'typst.pdf')];
    const contenders: [Engine, string[]][] = [['brief-studio', oursArgs], ['typst-fresh', typstArgs]];
    if (BASELINE_CLI) contenders.push(['brief-studio-baseline', [BASELINE_CLI, 'build', '-q', '-o', join(scratch, 'baseline.pdf')]]);
    // One run each first: the CLI writes its code cache on its first start.
    for (const [, processArgs] of contenders) runProcess(processArgs, scratch);
    for (let i = 0; i < COLD_RUNS; i++) {
      for (const [engine, processArgs] of [...contenders.slice(i % contenders.length), ...contenders.slice(0, i % contenders.length)]) {
        const run = runProcess(processArgs, scratch);
        record(engine, 'brief-cold', run.ms);
        record(engine, 'brief-cold-cpu', run.cpuMs);
        record(engine, 'brief-rss-mb', run.maxRssMb);
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

// --- report ------------------------------------------------------------------

function results(): BenchCase[] {
  const out: BenchCase[] = [];
  for (const kase of CASES) {
    for (const engine of [...ENGINES, 'brief-studio-baseline'] as const) {
      const values = samples.get(`${engine}\t${kase}`);
      if (!values?.length) continue;
      const round = (n: number) => Math.round(n * 100) / 100;
      out.push({ engine, case: kase, median_ms: round(median(values)), min_ms: round(Math.min(...values)), max_ms: round(Math.max(...values)), runs: values.length });
    }
  }
  return out;
}

function versions(): Record<string, string> {
  const version = (name: string) => (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    // not a git checkout
  }
  return { node: process.version, 'brief-studio': commit, '@myriaddreamin/typst-ts-node-compiler': version('@myriaddreamin/typst-ts-node-compiler'), pdfkit: version('pdfkit'), fontkit: version('fontkit') };
}

interface Floor {
  what: string;
  value: string;
  ok: boolean;
}

function floors(cases: BenchCase[]): Floor[] {
  const get = (engine: Engine, kase: Case) => cases.find((c) => c.engine === engine && c.case === kase)?.median_ms;
  const list: Floor[] = [];
  const ratio = (what: string, kase: Case, against: Engine, limit: number) => {
    const a = get('brief-studio', kase);
    const b = get(against, kase);
    if (a !== undefined && b !== undefined) list.push({ what, value: `${(a / b).toFixed(2)}×`, ok: a / b <= limit });
  };
  ratio('warm re-render of the brief ≤ 1.0× Typst kept', 'brief-warm', 'typst-kept', 1);
  ratio('brief of never-seen words ≤ 1.0× Typst fresh', 'brief-novel', 'typst-fresh', 1);
  const edit = get('brief-studio', 'brief-edit');
  if (edit !== undefined) list.push({ what: 'one-word edit, re-render ≤ 5 ms', value: `${edit.toFixed(1)} ms`, ok: edit <= 5 });
  ratio('~100-page book warm ≤ 1.0× Typst kept', 'book-warm', 'typst-kept', 1);
  const cold = get('brief-studio', 'brief-cold');
  if (cold !== undefined) list.push({ what: 'cold `brief-studio build` of the default brief ≤ 0.25 s', value: `${(cold / 1000).toFixed(3)} s`, ok: cold <= 250 });
  ratio('cold process ≤ 1.5× Typst cold process', 'brief-cold', 'typst-fresh', 1.5);
  const rss = get('brief-studio', 'brief-rss-mb');
  if (rss !== undefined) list.push({ what: 'peak RSS of that process ≤ 80 MB', value: `${rss.toFixed(1)} MB`, ok: rss <= 80 });
  const book = get('brief-studio', 'book-warm');
  const big = get('brief-studio', 'book500-warm');
  const pages = pagesOf.get('book-warm')?.ours;
  const bigPages = pagesOf.get('book500-warm')?.ours;
  if (book !== undefined && big !== undefined && pages && bigPages) {
    const perPage = big / bigPages / (book / pages);
    list.push({ what: `per-page cost at ${bigPages} pages ≤ 1.2× at ${pages} pages`, value: `${(big / bigPages).toFixed(2)} vs ${(book / pages).toFixed(2)} ms/page = ${perPage.toFixed(2)}×`, ok: perPage <= 1.2 });
  }
  return list;
}

function markdownReport(cases: BenchCase[], meta: { load: number[][]; machine: string; versions: Record<string, string> }): string {
  const cell = (c: BenchCase | undefined, unit: 'ms' | 'MB') => (c ? `${c.median_ms.toFixed(1)} ${unit} (${c.min_ms.toFixed(1)}–${c.max_ms.toFixed(1)})` : '–');
  const rows = CASES.flatMap((kase) => {
    const [o, f, k] = ENGINES.map((engine) => cases.find((c) => c.case === kase && c.engine === engine));
    if (!o) return [];
    const unit = kase === 'brief-rss-mb' ? 'MB' : 'ms';
    const ratio = (other: BenchCase | undefined) => (other ? `${(o.median_ms / other.median_ms).toFixed(2)}×` : '–');
    const pages = pagesOf.get(kase);
    const pageText = pages ? `${pages.ours} / ${pages.typst}` : '';
    return [`| ${kase} | ${pageText} | ${cell(o, unit)} | ${cell(f, unit)} | ${cell(k, unit)} | ${ratio(f)} | ${ratio(k)} |`];
  });
  const baselineRows = cases
    .filter((c) => c.engine === 'brief-studio-baseline')
    .map((c) => `| ${c.case}, baseline build (${BASELINE_CLI ?? ''}) | | ${cell(c, c.case === 'brief-rss-mb' ? 'MB' : 'ms')} | | | | |`);
  const floorRows = floors(cases).map((f) => `| ${f.what} | ${f.value} | ${f.ok ? 'met' : 'not met'} |`);
  const runs = cases.find((c) => c.case === 'brief-warm')?.runs ?? 0;
  const coldRunsDone = cases.find((c) => c.case === 'brief-cold')?.runs ?? 0;
  return [
    '# Brief Studio and Typst, side by side',
    '',
    `\`npm run bench\` (bench/run.ts), ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    `Medians (min–max) of ${runs} interleaved rounds in one process; brief-cold and brief-rss-mb from ${coldRunsDone} fresh processes each, alternating.`,
    'Typst fresh: its memo cache evicted before each compile (for brief-cold: a fresh node process that loads the compiler); Typst kept: cache kept from its previous compile.',
    'Ratios are Brief Studio ÷ Typst (below 1: Brief Studio is faster); pages are Brief Studio / Typst.',
    '',
    '| case | pages | Brief Studio | Typst fresh | Typst kept | ÷ fresh | ÷ kept |',
    '|---|---|---:|---:|---:|---:|---:|',
    ...rows,
    ...baselineRows,
    '',
    '## Floors (issue 13)',
    '',
    '| floor | measured | |',
    '|---|---|---|',
    ...floorRows,
    '',
    '## Machine',
    '',
    `- ${meta.machine}`,
    `- load average (1, 5, 15 min) at start: ${meta.load[0]!.map((n) => n.toFixed(2)).join(', ')}; at end: ${meta.load[1]!.map((n) => n.toFixed(2)).join(', ')}`,
    `- versions: ${Object.entries(meta.versions).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    '',
  ].join('\n');
}

// --- the run -----------------------------------------------------------------

async function main(): Promise<void> {
  const loadAtStart = loadavg();
  log(`bench: preparing content (${QUICK ? 'quick' : `${ROUNDS} rounds`})`);
  const brief = await defaultBrief();
  if (!COLD_ONLY) await inProcessCases(brief);

  log('bench: cold processes');
  coldRuns(brief);
  // The live preview as felt (issue 9), in Chromium over the real render worker; not in the quick smoke test.
  const preview = QUICK || COLD_ONLY ? [] : (log('bench: live preview (Chromium)'), await previewLatency());
  report(loadAtStart, preview);
}

async function inProcessCases(brief: BenchBrief): Promise<void> {
  const book = await bookBrief(BOOK_REPEATS, '/virtual/bench-book');
  // Round 0 warms up every case; its samples are dropped.
  const novel = await Promise.all(Array.from({ length: ROUNDS + 1 }, (_, i) => novelBrief(1000 + 2 * i, `/virtual/bench-novel-${i}`)));
  const novelKept = await Promise.all(Array.from({ length: ROUNDS + 1 }, (_, i) => novelBrief(1001 + 2 * i, `/virtual/bench-novel-kept-${i}`)));
  const edits = await Promise.all(Array.from({ length: ROUNDS + 1 }, (_, i) => editedBrief(i + 1)));

  pagesOf.set('brief-warm', { ours: await ours(brief), typst: typst(brief.typst) });
  pagesOf.set('brief-novel', { ours: await ours(novel[0]!), typst: typst(novel[0]!.typst) });
  pagesOf.set('brief-edit', { ours: await ours(edits[0]!), typst: typst(edits[0]!.typst) });
  pagesOf.set('book-warm', { ours: await ours(book), typst: typst(book.typst) });
  const big = BIG_BOOK_REPEATS > 0 ? await bookBrief(BIG_BOOK_REPEATS, '/virtual/bench-book-500') : undefined;
  if (big) pagesOf.set('book500-warm', { ours: await ours(big), typst: typst(big.typst) });

  for (let round = 0; round <= ROUNDS; round++) {
    log(`bench: round ${round}/${ROUNDS}`);
    await runCase('brief-warm', round, brief, brief);
    await runCase('brief-novel', round, brief, novel[round]!, novelKept[round]);
    await runCase('brief-edit', round, round === 0 ? brief : edits[round - 1], edits[round]!);
    await runCase('book-warm', round, book, book);
    // Not Typst fresh: compiling ~500 pages from an empty cache takes seconds a round.
    if (big) await runCase('book500-warm', round, big, big, big, ['brief-studio', 'typst-kept']);
    if (round === 0) samples.clear();
  }

}

function report(loadAtStart: number[], preview: string[]): void {
  const cases = results();
  const cpu = cpus();
  const meta = {
    load: [loadAtStart, loadavg()],
    machine: `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GB, ${process.platform} ${process.arch}`,
    versions: versions(),
  };
  const previewSection = preview.length ? `\n## Live preview (bench/preview-latency.ts)\n\nKeystroke in the title to the page in view painted, in Chromium over the real render worker:\n\n${preview.map((line) => `- ${line}`).join('\n')}\n` : '';
  const report = markdownReport(cases, meta) + previewSection;
  if (!QUICK) writeFileSync(join(root, 'bench', 'results', COLD_ONLY ? 'cold-start.md' : 'latest.md'), report);
  if (JSON_OUT) {
    process.stdout.write(`${JSON.stringify({ cases, pages: Object.fromEntries(pagesOf), floors: floors(cases), ...meta })}\n`);
  } else {
    process.stdout.write(report);
  }
}

await main();
