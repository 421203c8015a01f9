/**
 * In-process engine speed, the four cases of the speed floors (medians, ms):
 *
 *   warm   re-render of the default brief, nothing changed;
 *   novel  the same brief in words never shaped before (every word reversed),
 *          with the in-memory shaping memo emptied before each run;
 *   edit   one word of one section changed (an unsaved buffer), re-render;
 *   book   ~100 pages: the six built-in sections repeated in varied order, warm.
 *
 *   npx tsx bench/engine-speed.ts [runs]        (BENCH_CASES=warm,edit to pick cases)
 *
 * The side-by-side comparison with Typst is `npm run bench`; this script is
 * for measuring the engine alone while working on it.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { diskFiles, overlayFiles, type OverlayEntry } from '../main/engine/file-provider.js';
import { builtInSectionsDir } from '../main/engine/paths.js';
import { buildBrief, type BuildOptions } from '../main/engine/render.js';
import { defaultSpec, type BriefSpec } from '../main/engine/spec-schema.js';
import { resetRenderCaches, resetShapingMemo } from '../main/engine/typeset/index.js';

const RUNS = Number(process.argv[2] ?? 30);
const CASES = (process.env.BENCH_CASES ?? 'warm,novel,edit,book').split(',');
/** The default brief (three sections, ~6 pages), as `npm run bench` measures it. */
const brief = defaultSpec();
const ids = brief.sections;
const work = mkdtempSync(join(tmpdir(), 'engine-speed-'));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

interface Timing {
  times: number[];
  /** CPU time of the process per run (the machine is shared: wall time waits for other people's work). */
  cpu: number[];
  pages: number;
}

async function time(runs: number, before: (i: number) => BuildOptions | void, spec: BriefSpec, base: BuildOptions = {}): Promise<Timing> {
  const times: number[] = [];
  const cpu: number[] = [];
  let pages = 0;
  for (let i = 0; i < runs; i++) {
    const extra = before(i) ?? {};
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    const result = await buildBrief(spec, { ...base, ...extra });
    const used = process.cpuUsage(cpuStart);
    times.push(performance.now() - started);
    cpu.push((used.user + used.system) / 1000);
    pages = result.pageCount;
  }
  return { times, cpu, pages };
}

const sectionText = (id: string): string => readFileSync(join(builtInSectionsDir(), `${id}.md`), 'utf8');
const bodyOf = (text: string): string => text.slice(text.indexOf('\n---', 4) + 4);

function writeSection(dir: string, id: string, title: string, body: string): void {
  writeFileSync(join(dir, `${id}.md`), `---\nid: ${id}\ntitle: ${title}\nsummary: A section for the speed measurement.\nsources:\n  - { id: own, title: Notes, publisher: Office, date: "2023" }\n---\n${body}`);
}

/** The brief sections with every word reversed: words the shaper has never seen. */
function novelSpec(): { spec: BriefSpec; options: BuildOptions } {
  const dir = join(work, 'novel');
  mkdirSync(dir, { recursive: true });
  for (const id of ids) writeSection(dir, `own-${id}`, `Own ${id}`, bodyOf(sectionText(id)).replace(/\p{L}+/gu, (word) => [...word].reverse().join('')));
  return { spec: { ...brief, sections: ids.map((id) => `own-${id}`) }, options: { sectionDirs: [dir] } };
}

/** ~100 pages: the built-in sections, copied under new ids, repeated in varied order. */
function bookSpec(): { spec: BriefSpec; options: BuildOptions } {
  const dir = join(work, 'book');
  mkdirSync(dir, { recursive: true });
  const all = ['alliance-overview', 'counterstrike-capability', 'defense-industrial-cooperation', 'force-posture', 'security-environment', 'space-agreement'];
  const sections: string[] = [];
  for (let round = 0; round < 17; round++) {
    for (let k = 0; k < all.length; k++) {
      const id = all[(k * (round % 5 + 1) + round) % all.length]!;
      const copy = `book-${round}-${k}-${id}`;
      writeSection(dir, copy, `Part ${round + 1}.${k + 1}`, bodyOf(sectionText(id)));
      sections.push(copy);
    }
  }
  return { spec: { ...brief, sections }, options: { sectionDirs: [dir] } };
}

async function main(): Promise<void> {
  const rows: string[] = [];
  const report = (name: string, r: Timing) => {
    const line = `${name.padEnd(6)} ${String(r.pages).padStart(4)} pages   median ${median(r.times).toFixed(2).padStart(8)} ms   min ${Math.min(...r.times).toFixed(2).padStart(8)}   max ${Math.max(...r.times).toFixed(2).padStart(8)}   cpu median ${median(r.cpu).toFixed(2).padStart(8)} ms`;
    rows.push(line);
    console.log(line);
  };

  if (CASES.includes('warm')) {
    await time(8, () => {}, brief);
    report('warm', await time(RUNS, () => {}, brief));
  }
  if (CASES.includes('novel')) {
    const { spec, options } = novelSpec();
    // Nothing of it seen before: neither its words (shaping memo) nor its pages and subsets (render caches).
    const forget = () => {
      resetShapingMemo();
      resetRenderCaches();
    };
    await time(3, forget, spec, options);
    report('novel', await time(Math.max(10, RUNS / 2), forget, spec, options));
  }
  if (CASES.includes('edit')) {
    const file = join(builtInSectionsDir(), `${ids[1]}.md`);
    const original = sectionText(ids[1]!);
    const target = original.indexOf('\n---', 4) + 4 + bodyOf(original).search(/\bthe\b/);
    // Every run a new edit (a word of the brief put in place of one "the"): its words are shaped already,
    // the document is new, so the cost is the re-render alone.
    const words = [...new Set(bodyOf(original).match(/\b[a-z]{3,9}\b/g))];
    const edit = (i: number): BuildOptions => {
      const content = original.slice(0, target) + words[i % words.length]! + original.slice(target + 3);
      const overlay = new Map<string, OverlayEntry>([[file, { content, mtimeMs: 1e12 + i }]]);
      return { files: overlayFiles(diskFiles, overlay) };
    };
    await time(8, edit, brief);
    report('edit', await time(RUNS, (i) => edit(i + 1), brief));
  }
  if (CASES.includes('book')) {
    const { spec, options } = bookSpec();
    await time(3, () => {}, spec, options);
    report('book', await time(Math.max(5, Math.round(RUNS / 3)), () => {}, spec, options));
  }
  rmSync(work, { recursive: true, force: true });
  console.log(`node ${process.version}, ${RUNS} runs (novel ${Math.max(10, RUNS / 2)}, book ${Math.max(5, Math.round(RUNS / 3))}), load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
}

await main();
