/**
 * Typesetter micro-benchmark: median time of typesetting the ~4-page sample
 * brief in-process after warm-up (fonts parsed, shaping memo warm, the
 * unchanged document reused), then with the render caches off (laid out and
 * written again) and with the shaping memo off as well, for comparison.
 *
 *   npx tsx bench/typeset.ts [runs]
 */
import { setRenderCachesEnabled, setShapingMemoEnabled, typeset, type TypesetInput } from '../main/engine/typeset/index.js';
import { sampleInput, sampleModel } from '../test/engine/typeset/sample-model.js';

const runs = Number(process.argv[2] ?? 40);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

async function measure(input: TypesetInput, count: number): Promise<{ median: number; min: number; pages: number }> {
  const times: number[] = [];
  let pages = 0;
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const result = await typeset(input);
    times.push(performance.now() - started);
    pages = result.pageCount;
  }
  return { median: median(times), min: Math.min(...times), pages };
}

const model = { blocks: sampleModel().blocks.filter((block) => block.type !== 'page-break') };
const input = sampleInput({ model });

const coldStart = performance.now();
await typeset(input);
const cold = performance.now() - coldStart;
await measure(input, 5);
const warm = await measure(input, runs);

// Without whole-document reuse and the stream/subset caches: every page laid out and written again.
setRenderCachesEnabled(false);
await measure(input, 3);
const relaid = await measure(input, runs);
setShapingMemoEnabled(false);
await measure(input, 3);
const noMemo = await measure(input, Math.max(5, Math.floor(runs / 4)));
setShapingMemoEnabled(true);
setRenderCachesEnabled(true);

console.log(`typeset: ${warm.pages}-page sample brief`);
console.log(`  first render (cold, fonts parsed): ${cold.toFixed(1)} ms`);
console.log(`  warm median over ${runs} runs:      ${warm.median.toFixed(1)} ms (min ${warm.min.toFixed(1)} ms)`);
console.log(`  laid out again (render caches off):  ${relaid.median.toFixed(1)} ms`);
console.log(`  also without shaping memo, median: ${noMemo.median.toFixed(1)} ms`);
