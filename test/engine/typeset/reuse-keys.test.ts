/**
 * Reuse keys cover every input that changes the output: a build warms every
 * cache and memo with one input, the next build has one change, and its bytes
 * must equal a build of the same input with every cache and memo off.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { setBuildMemosEnabled } from '../../../main/engine/build-memos.js';
import { diskFiles, overlayFiles, type FileProvider, type OverlayEntry } from '../../../main/engine/file-provider.js';
import { setMarkupMemoEnabled } from '../../../main/engine/markup.js';
import { builtInSectionsDir, builtInTemplatesDir } from '../../../main/engine/paths.js';
import { buildBrief, type BuildOptions } from '../../../main/engine/render.js';
import { defaultSpec, type BriefSpec } from '../../../main/engine/spec-schema.js';
import { setHarfBuzzShapingEnabled, setRenderCachesEnabled, setShapingMemoEnabled } from '../../../main/engine/typeset/index.js';

function allCaches(on: boolean): void {
  setMarkupMemoEnabled(on);
  setBuildMemosEnabled(on);
  setShapingMemoEnabled(on);
  setRenderCachesEnabled(on);
  setHarfBuzzShapingEnabled(on);
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

interface Build {
  spec: BriefSpec;
  options?: () => BuildOptions;
  before?: () => void;
}

/** Build `first` with every cache on, then `second`; the second's bytes must be those of `second` with no cache at all. */
async function expectFresh(first: Build, second: Build): Promise<void> {
  allCaches(true);
  first.before?.();
  const a = await buildBrief(first.spec, first.options?.());
  second.before?.();
  const cached = await buildBrief(second.spec, second.options?.());
  allCaches(false);
  second.before?.();
  const uncached = await buildBrief(second.spec, second.options?.());
  allCaches(true);
  expect(same(a.pdf, uncached.pdf), 'the change changes the PDF').toBe(false);
  expect(same(cached.pdf, uncached.pdf), 'cached vs uncached').toBe(true);
}

const base = defaultSpec();
const temps: string[] = [];
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
afterEach(() => allCaches(true));

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'reuse-keys-'));
  temps.push(dir);
  return dir;
}

let stamp = 1_700_000_000;
function writeStamped(path: string, text: string | Uint8Array): void {
  writeFileSync(path, text);
  stamp += 10;
  utimesSync(path, stamp, stamp);
}

describe('reuse keys follow every input', () => {
  it.each<[string, Partial<BriefSpec>]>([
    ['title', { title: 'Another title for the brief' }],
    ['date', { date: '2024-02-03' }],
    ['classification banner', { classification: 'SECRET' }],
    ['author', { author: 'Somebody Else' }],
    ['subtitle', { subtitle: 'Another subtitle' }],
    ['audience', { audience: 'Other readers' }],
    ['lang', { lang: 'en-GB' }],
    ['portion mark', { options: { ...base.options, portionMark: '(S)' } }],
    ['pdf standard', { options: { ...base.options, pdfStandard: 'PDF/A-2b' } }],
    ['pdf standard 1b', { options: { ...base.options, pdfStandard: 'PDF/A-1b' } }],
    ['handout', { options: { ...base.options, handout: { layout: '2-up', copies: 1, notes: false } } }],
    ['toc', { options: { ...base.options, toc: true } }],
    ['distribution', { options: { ...base.options, distribution: 'Internal only' } }],
    ['bilingual', { options: { ...base.options, bilingual: true } }],
    ['template', { template: 'handout' }],
    ['template one-pager', { template: 'one-pager' }],
    ['section order', { sections: [...base.sections].reverse() }],
  ])('spec change: %s', async (_name, change) => {
    await expectFresh({ spec: base }, { spec: { ...base, ...change } });
    // and back again
    await expectFresh({ spec: { ...base, ...change } }, { spec: base });
  }, 120_000);
});
