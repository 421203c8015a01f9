/**
 * Property (any section body): a PDF that pdf.js accepts (and qpdf, on every tenth case),
 * or a typed BriefError, for Big List of Naughty Strings entries, right-to-left
 * text, emoji, combining marks, zero-width characters and lone surrogates.
 * FUZZ_SEED replays a run; scripts/fuzz-campaign.mjs runs longer campaigns.
 */
import fc from 'fast-check';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { checkFuzzCase, fuzzInputs } from '../helpers/fuzz-brief.js';

process.env.BRIEF_STUDIO_CACHE_DIR = mkdtempSync(join(tmpdir(), 'fuzz-cache-'));

const RUNS = 400;

it('any section body gives a valid PDF or a typed error (400 cases)', async () => {
  const seen = { pdf: 0, error: 0 };
  let index = 0;
  await fc.assert(
    fc.asyncProperty(fuzzInputs.body, async (input) => {
      const outcome = await checkFuzzCase(input, { qpdf: index++ % 10 === 0, guardMs: 60_000 });
      seen[outcome.result]++;
    }),
    { numRuns: RUNS, seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined, endOnFailure: true },
  );
  // The generators must reach the typesetter, not only the validators.
  expect(seen.pdf).toBeGreaterThan(RUNS / 3);
}, 600_000);
