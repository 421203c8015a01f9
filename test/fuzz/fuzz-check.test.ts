/** The property's own check can fail: each way a build can go wrong is caught. */
import { describe, expect, it } from 'vitest';
import { BriefError } from '../../main/engine/errors.js';
import type { BuildResult } from '../../main/engine/render.js';
import { checkFuzzCase, FuzzViolation, type FuzzInput } from '../helpers/fuzz-brief.js';
import { buildOneSection, plainFront } from '../helpers/one-section.js';

const input: FuzzInput = { kind: 'body', body: 'Hello world.' };
const options = { qpdf: true, guardMs: 30_000 };

async function goodBuild(): Promise<BuildResult> {
  return buildOneSection({ front: plainFront(), body: 'Hello world.\n' });
}

describe('the fuzz check', () => {
  it('passes a real build and a typed error', async () => {
    expect((await checkFuzzCase(input, options)).result).toBe('pdf');
    const refused = await checkFuzzCase(input, { ...options, build: () => Promise.reject(new BriefError('MARKUP_INVALID', 'Brief markup: nope')) });
    expect(refused).toMatchObject({ result: 'error', code: 'MARKUP_INVALID' });
  });

  it('fails an exception that is not a BriefError', async () => {
    await expect(checkFuzzCase(input, { ...options, build: () => Promise.reject(new TypeError('x is undefined')) })).rejects.toThrow(FuzzViolation);
  });

  it('fails a PDF pdf.js cannot open', async () => {
    const good = await goodBuild();
    const truncated = { ...good, pdf: good.pdf.slice(0, good.pdf.length / 2) };
    await expect(checkFuzzCase(input, { ...options, build: () => Promise.resolve(truncated) })).rejects.toThrow(/pdf\.js rejects/);
  });

  it('fails a damaged PDF that pdf.js repairs but qpdf --check does not pass', async () => {
    const good = await goodBuild();
    const damaged = new Uint8Array(good.pdf);
    for (let i = 2000; i < 2400; i++) damaged[i]! ^= 0x55;
    await expect(checkFuzzCase(input, { ...options, build: () => Promise.resolve({ ...good, pdf: damaged }) })).rejects.toThrow(/qpdf --check/);
  });

  it('fails a page count the PDF does not have', async () => {
    const good = await goodBuild();
    await expect(checkFuzzCase(input, { ...options, build: () => Promise.resolve({ ...good, pageCount: good.pageCount + 1 }) })).rejects.toThrow(/pages/);
  });

  it('fails a build that never answers', async () => {
    await expect(checkFuzzCase(input, { ...options, guardMs: 200, build: () => new Promise<never>(() => undefined) })).rejects.toThrow(/no answer/);
  });
});
