/**
 * The bench's Brief Studio cases alone, for profiling (`node --cpu-prof`) and
 * for before/after comparisons on a busy machine (CPU time as well as wall time):
 *
 *   node --import tsx bench/profile-cases.ts novel [rounds]
 *   node --import tsx bench/profile-cases.ts book [rounds]
 *   node --import tsx bench/profile-cases.ts warm [rounds]
 *   node --import tsx bench/profile-cases.ts edit [rounds]
 *   node --import tsx bench/profile-cases.ts edit-prepare [rounds]
 *   node --import tsx bench/profile-cases.ts insert [rounds]
 *
 * novel: a brief of never-seen words per round (bench/content.ts, as `npm run bench`
 * builds it), the default brief rendered untimed before each; book: the ~100-page
 * book rendered again and again; edit: the default brief with one word changed
 * since the previous render (as the bench's brief-edit); insert: the default brief with a
 * paragraph added to its first section, then without it, in turn; edit-prepare: the same edits, timing
 * only the work before typesetting (sections, template, markup, document model, coverage, and
 * the typesetter's document key), each edit then typeset untimed. Prints the medians.
 * With PROFILE=file.cpuprofile, only the timed renders are profiled; with
 * TYPST=1, Typst compiles the same document in each round too (novel: its
 * cache evicted first, as "Typst fresh"; book: cache kept, as "Typst kept").
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { fontsDir } from '../main/engine/paths.js';
import { buildBrief, prepareBrief } from '../main/engine/render.js';
import { documentKey } from '../main/engine/typeset/document-memo.js';
import { typeset } from '../main/engine/typeset/index.js';
import { bookBrief, defaultBrief, editedBrief, insertedBrief, novelBrief, type BenchBrief } from './content.js';

const kind = process.argv[2] ?? 'novel';
const rounds = Number(process.argv[3] ?? 10);
const withTypst = process.env.TYPST === '1';

async function render(brief: BenchBrief): Promise<void> {
  await buildBrief(brief.spec, { files: brief.files, sectionDirs: brief.sectionDirs, maxPages: 2000 });
}

const compiler = withTypst ? NodeCompiler.create({ fontArgs: [{ fontPaths: [fontsDir()] }] }) : undefined;
function typst(source: string, fresh: boolean): void {
  if (!compiler) return;
  if (fresh) compiler.evictCache(0);
  const result = compiler.compile({ mainFileContent: source });
  const document = result.result;
  if (result.takeError() || !document) throw new Error('typst: the document did not compile');
  compiler.pdf(document);
}

/** CPU time of this process's main thread so far, in ms (Linux; 10 ms ticks, so only sums over many renders mean much). */
function mainThreadCpu(): number {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}
const mainThread = new Map<string, number>();

/** Wall and CPU milliseconds per engine (CPU: the whole process, so also threads an engine starts). */
const samples = new Map<string, { wall: number[]; cpu: number[] }>();
async function timed(engine: string, work: () => unknown, keep: boolean): Promise<void> {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const threadStart = mainThreadCpu();
  await work();
  const used = process.cpuUsage(cpuStart);
  if (!keep) return;
  mainThread.set(engine, (mainThread.get(engine) ?? 0) + mainThreadCpu() - threadStart);
  const entry = samples.get(engine) ?? { wall: [], cpu: [] };
  entry.wall.push(performance.now() - start);
  entry.cpu.push((used.user + used.system) / 1000);
  samples.set(engine, entry);
}

const session = process.env.PROFILE ? new Session() : undefined;
async function startProfile(): Promise<void> {
  if (!session) return;
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
}

if (kind === 'novel') {
  const base = await defaultBrief();
  const warmUp = 2;
  const briefs = await Promise.all(Array.from({ length: rounds + warmUp }, (_, i) => novelBrief(1000 + 2 * i, `/virtual/profile-novel-${i}`)));
  for (let i = 0; i < briefs.length; i++) {
    if (i === warmUp) await startProfile();
    await render(base);
    await timed('brief-studio', () => render(briefs[i]!), i >= warmUp);
    await timed('typst-fresh', () => typst(briefs[i]!.typst, true), i >= warmUp);
  }
} else if (kind === 'edit' || kind === 'insert') {
  const edits = await Promise.all(Array.from({ length: rounds + 3 }, (_, i) => (kind === 'edit' ? editedBrief : insertedBrief)(i + 1)));
  await render(await defaultBrief());
  await render(edits[0]!);
  await render(edits[1]!);
  await startProfile();
  // insert: even rounds add a paragraph never seen, odd ones go back to the brief as it was (which the document memo may hold).
  for (let i = 2; i < edits.length; i++) await timed(kind === 'insert' && i % 2 === 1 ? 'paragraph gone again' : 'brief-studio', () => render(edits[i]!), true);
} else if (kind === 'edit-prepare') {
  const edits = await Promise.all(Array.from({ length: rounds + 3 }, (_, i) => editedBrief(i + 1)));
  await render(await defaultBrief());
  await render(edits[0]!);
  await render(edits[1]!);
  await startProfile();
  for (let i = 2; i < edits.length; i++) {
    const brief = edits[i]!;
    let input: Parameters<typeof typeset>[0] | undefined;
    await timed(
      'brief-studio',
      async () => {
        input = (await prepareBrief(brief.spec, { files: brief.files, sectionDirs: brief.sectionDirs, maxPages: 2000 })).typesetInput;
        documentKey(input);
      },
      true,
    );
    await typeset(input!);
  }
} else {
  // book: the ~100-page book; warm: the default brief, rendered again unchanged.
  const book = kind === 'warm' ? await defaultBrief() : await bookBrief(Number(process.env.BOOK_REPEATS ?? 9), '/virtual/profile-book');
  await render(book);
  typst(book.typst, false);
  await startProfile();
  for (let i = 0; i < rounds; i++) {
    await timed('brief-studio', () => render(book), true);
    await timed('typst-kept', () => typst(book.typst, false), true);
  }
}
if (session) {
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(process.env.PROFILE!, JSON.stringify(profile));
}
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
for (const [engine, { wall, cpu }] of samples) {
  if (engine.startsWith('typst') && !withTypst) continue;
  const thread = (mainThread.get(engine) ?? Number.NaN) / wall.length;
  console.log(`${kind} ${engine.padEnd(12)} median ${median(wall).toFixed(1).padStart(7)} ms wall (${Math.min(...wall).toFixed(1)}–${Math.max(...wall).toFixed(1)}), ${median(cpu).toFixed(1).padStart(7)} ms CPU, main thread ${thread.toFixed(1)} ms CPU on average`);
}
