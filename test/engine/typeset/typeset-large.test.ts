import { describe, expect, it } from 'vitest';
import { BriefError } from '../../../main/engine/errors.js';
import type { Block } from '../../../main/engine/model.js';
import { typeset } from '../../../main/engine/typeset/index.js';
import { cpuTimeOf } from '../../helpers/cpu-time.js';
import { readPdf } from '../../helpers/pdf-read.js';
import { heading, para, sampleInput } from './sample-model.js';

/** About 1 MB of text in paragraphs of pseudo-random words (few repeats, so the shaping memo helps little). */
function megabyteModel(): { blocks: Block[]; chars: number } {
  let state = 42;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const word = () => Array.from({ length: 3 + Math.floor(random() * 8) }, () => String.fromCharCode(97 + Math.floor(random() * 26))).join('');
  const blocks: Block[] = [];
  let chars = 0;
  for (let i = 0; chars < 1_000_000; i++) {
    if (i % 12 === 0) blocks.push(heading(2, `Part ${i / 12 + 1}`, `part-${i}`));
    const text = Array.from({ length: 150 }, word).join(' ');
    chars += text.length;
    blocks.push(para(text));
  }
  return { blocks, chars };
}

describe('typeset: large documents', () => {
  it('typesets a 1 MB paragraph-heavy model in reasonable time', async () => {
    const { blocks, chars } = megabyteModel();
    expect(chars).toBeGreaterThanOrEqual(1_000_000);
    const { result, cpuMs } = await cpuTimeOf(() => typeset(sampleInput({ model: { blocks } })));
    expect(cpuMs).toBeLessThan(20_000);
    expect(result.pageCount).toBeGreaterThan(200);
    const pdf = await readPdf(result.pdf);
    expect(pdf.pageCount).toBe(result.pageCount);
    expect(pdf.pages.at(-1)?.text).toContain(`Page ${result.pageCount} of ${result.pageCount}`);
  });

  it('stops early with TEMPLATE_LIMIT when the model cannot fit the page limit', async () => {
    const { blocks } = megabyteModel();
    const { result: error, cpuMs } = await cpuTimeOf(() => typeset(sampleInput({ model: { blocks }, maxPages: 40 })).then(() => undefined, (e: unknown) => e));
    expect(error).toBeInstanceOf(BriefError);
    expect(error).toMatchObject({ code: 'TEMPLATE_LIMIT', message: expect.stringMatching(/more than 40 pages/) as unknown });
    // Long before laying out the whole megabyte.
    expect(cpuMs).toBeLessThan(3_000);
  });
});
