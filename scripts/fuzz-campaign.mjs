/**
 * npm run fuzz -- [--seed N] [--count N] [--kind body|front|spec|all] [--qpdf-every N]
 *
 * A longer run of the property the CI tests check on ~1,000 cases (see
 * test/helpers/fuzz-brief.ts): any section body, front-matter value or spec
 * value gives a PDF that pdf.js and qpdf accept, or a typed BriefError.
 * Prints the seed, so a failure can be replayed with the same seed; exit 1
 * with the counterexample on the first violation.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { register } from 'tsx/esm/api';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: String(Date.now() % 2 ** 31) },
    count: { type: 'string', default: '5000' },
    kind: { type: 'string', default: 'all' },
    'qpdf-every': { type: 'string', default: '5' },
  },
});
const seed = Number(values.seed);
const count = Number(values.count);
const qpdfEvery = Math.max(1, Number(values['qpdf-every']));
const kinds = values.kind === 'all' ? ['body', 'front', 'spec'] : [values.kind];

// Keep the engine's shaping cache out of the user's home for the run.
const cacheDir = mkdtempSync(join(tmpdir(), 'fuzz-campaign-cache-'));
process.env.BRIEF_STUDIO_CACHE_DIR = cacheDir;
register();
const fc = (await import('fast-check')).default;
const { checkFuzzCase, fuzzInputs } = await import('../test/helpers/fuzz-brief.ts');

console.log(`fuzz campaign: seed ${seed}, ${count} cases per kind (${kinds.join(', ')}), qpdf every ${qpdfEvery}`);
let failed = false;
for (const kind of kinds) {
  const started = performance.now();
  const tally = new Map();
  let index = 0;
  let slowest = 0;
  const details = await fc.check(
    fc.asyncProperty(fuzzInputs[kind], async (input) => {
      const outcome = await checkFuzzCase(input, { qpdf: index++ % qpdfEvery === 0, guardMs: 120_000 });
      const key = outcome.code ? `error ${outcome.code}` : 'pdf';
      tally.set(key, (tally.get(key) ?? 0) + 1);
      slowest = Math.max(slowest, outcome.ms);
    }),
    { numRuns: count, seed, endOnFailure: true },
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const summary = [...tally].map(([key, n]) => `${key}: ${n}`).join(', ');
  console.log(`${kind}: ${details.numRuns} cases in ${seconds} s, slowest ${Math.round(slowest)} ms (${summary})`);
  if (details.failed) {
    failed = true;
    console.log(`  FAILED after ${details.numRuns} cases (seed ${seed}, path ${details.counterexamplePath}):`);
    console.log(`  input: ${JSON.stringify(details.counterexample)}`);
    console.log(`  ${String(details.errorInstance ?? details.error).split('\n').slice(0, 12).join('\n  ')}`);
  }
}
rmSync(cacheDir, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
