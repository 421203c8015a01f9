/**
 * The live preview as the user feels it: keystroke in the title to the
 * updated page in view painted, in Debian's Chromium over the real render
 * worker, for the default brief (6 pages), one twice as long, and one of
 * about 36 pages (each built-in section three times: copies seeded as the
 * user's own sections). Medians, with where the time went (debounce: the
 * wait before the request; render: IPC and worker; draw). The same
 * measurement the e2e suite prints (test/e2e/preview-speed.e2e.test.ts).
 *
 *   node --import tsx bench/preview-latency.ts          (BENCH_KEYS: keystrokes per brief, default 15)
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtInSectionsDir } from '../main/engine/index.js';
import { startAppHarness } from '../test/e2e/support/app-harness.js';
import { chooseSections, describeSamples, measureKeystrokes } from '../test/e2e/support/preview-latency.js';

const KEYS = 'summitreadaheadnotes'.slice(0, Number(process.env.BENCH_KEYS ?? 15));
const BUILT_IN = readdirSync(builtInSectionsDir()).filter((name) => name.endsWith('.md')).map((name) => name.slice(0, -3)).sort();
const COPIES = [2, 3];

/** The built-in sections again under new ids, as the user's own sections. */
function seedCopies(userSections: string): void {
  for (const id of BUILT_IN) {
    const text = readFileSync(join(builtInSectionsDir(), `${id}.md`), 'utf8');
    for (const copy of COPIES) {
      const renamed = text.replace(new RegExp(`^id: ${id}$`, 'm'), `id: ${id}-${copy}`).replace(/^title: (")?(.*?)\1$/m, (_line, quote = '', title: string) => `title: ${quote}${title} (${copy})${quote}`);
      writeFileSync(join(userSections, `${id}-${copy}.md`), renamed);
    }
  }
}

export async function previewLatency(): Promise<string[]> {
  const app = await startAppHarness({ prefix: 'brief-studio-bench-preview-', seed: (dirs) => seedCopies(dirs.userSections) });
  try {
    const { page } = app;
    await chooseSections(page, ['space-agreement', 'counterstrike-capability', 'force-posture']);
    await page.fill('#field-title', 'Alliance ');
    await measureKeystrokes(page, '#field-title', 'abc'); // warm-up
    const short = await measureKeystrokes(page, '#field-title', KEYS);
    await chooseSections(page, ['alliance-overview', 'security-environment', 'defense-industrial-cooperation']);
    const long = await measureKeystrokes(page, '#field-title', KEYS);
    await chooseSections(page, COPIES.flatMap((copy) => BUILT_IN.map((id) => `${id}-${copy}`)));
    const longest = await measureKeystrokes(page, '#field-title', KEYS);
    return [describeSamples('default brief', short), describeSamples('longer brief', long), describeSamples('long brief', longest)];
  } finally {
    await app.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const lines = await previewLatency();
  console.log(`Preview latency, keystroke → page in view painted (Chromium):\n  ${lines.join('\n  ')}`);
}
