/**
 * The bench's Brief Studio cases alone, for profiling (`node --cpu-prof`):
 *
 *   node --import tsx bench/profile-cases.ts novel [rounds]
 *   node --import tsx bench/profile-cases.ts book [rounds]
 *
 * novel: a brief of never-seen words per round (bench/content.ts, as `npm run bench`
 * builds it), the default brief rendered untimed before each; book: the ~100-page
 * book rendered again and again. Prints each round's time and the median.
 * With PROFILE=file.cpuprofile, only the timed renders are profiled.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import { buildBrief } from '../main/engine/render.js';
import { bookBrief, defaultBrief, novelBrief, type BenchBrief } from './content.js';

const kind = process.argv[2] ?? 'novel';
const rounds = Number(process.argv[3] ?? 10);

async function render(brief: BenchBrief): Promise<number> {
  const result = await buildBrief(brief.spec, { files: brief.files, sectionDirs: brief.sectionDirs, maxPages: 2000 });
  return result.pageCount;
}

const times: number[] = [];
const session = process.env.PROFILE ? new Session() : undefined;
let profiling = false;
async function startProfile(): Promise<void> {
  if (!session || profiling) return;
  profiling = true;
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
}
if (kind === 'novel') {
  const base = await defaultBrief();
  const briefs = await Promise.all(Array.from({ length: rounds + 2 }, (_, i) => novelBrief(1000 + 2 * i, `/virtual/profile-novel-${i}`)));
  for (let i = 0; i < briefs.length; i++) {
    await render(base);
    if (i >= 2) await startProfile();
    const start = performance.now();
    await render(briefs[i]!);
    if (i >= 2) times.push(performance.now() - start);
  }
} else {
  const book = await bookBrief(Number(process.env.BOOK_REPEATS ?? 9), '/virtual/profile-book');
  await render(book);
  await startProfile();
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    const pages = await render(book);
    times.push(performance.now() - start);
    if (i === 0) console.log(`${pages} pages`);
  }
}
if (session) {
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(process.env.PROFILE!, JSON.stringify(profile));
}
const sorted = [...times].sort((a, b) => a - b);
console.log(`${kind}: ${times.map((t) => t.toFixed(1)).join(' ')}; median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms`);
