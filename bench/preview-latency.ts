/**
 * The live preview as the user feels it: keystroke in the title to the
 * updated page in view painted, in Debian's Chromium over the real render
 * worker, for the default brief (6 pages) and one twice as long. Medians,
 * with where the time went (debounce, render, draw). The same measurement
 * the e2e suite prints (test/e2e/preview-speed.e2e.test.ts).
 *
 *   node --import tsx bench/preview-latency.ts          (BENCH_KEYS: keystrokes per brief, default 15)
 */
import { startAppHarness } from '../test/e2e/support/app-harness.js';
import { chooseSections, describeSamples, measureKeystrokes } from '../test/e2e/support/preview-latency.js';

const KEYS = 'summitreadaheadnotes'.slice(0, Number(process.env.BENCH_KEYS ?? 15));

export async function previewLatency(): Promise<string[]> {
  const app = await startAppHarness({ prefix: 'brief-studio-bench-preview-' });
  try {
    const { page } = app;
    await chooseSections(page, ['space-agreement', 'counterstrike-capability', 'force-posture']);
    await page.fill('#field-title', 'Alliance ');
    await measureKeystrokes(page, '#field-title', 'abc'); // warm-up
    const short = await measureKeystrokes(page, '#field-title', KEYS);
    await chooseSections(page, ['alliance-overview', 'security-environment', 'defense-industrial-cooperation']);
    const long = await measureKeystrokes(page, '#field-title', KEYS);
    return [describeSamples('default brief', short), describeSamples('longer brief', long)];
  } finally {
    await app.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const lines = await previewLatency();
  console.log(`Preview latency, keystroke → page in view painted (Chromium):\n  ${lines.join('\n  ')}`);
}
