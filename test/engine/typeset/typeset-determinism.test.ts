import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Block } from '../../../main/engine/model.js';
import { resetShapingMemo, setShapingMemoEnabled, typeset } from '../../../main/engine/typeset/index.js';
import { qpdfCheck } from '../../helpers/pdf-read.js';
import { para, prose, sampleInput } from './sample-model.js';

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

describe('typeset: determinism and validity', () => {
  afterEach(() => setShapingMemoEnabled(true));

  it('gives byte-identical PDFs for the same input', async () => {
    const input = sampleInput();
    const first = await typeset(input);
    const second = await typeset(input);
    expect(same(first.pdf, second.pdf)).toBe(true);
    // And from a freshly built input (new objects, new manifest): still the same bytes.
    const third = await typeset({ ...sampleInput(), resolveAsset: input.resolveAsset, templateDir: input.templateDir });
    expect(same(first.pdf, third.pdf)).toBe(true);
  });

  it('gives the same bytes with a warm memo, a cold memo and no memo', async () => {
    const input = sampleInput();
    const warm = await typeset(input);
    resetShapingMemo();
    const cold = await typeset(input);
    setShapingMemoEnabled(false);
    const without = await typeset(input);
    expect(same(warm.pdf, cold.pdf)).toBe(true);
    expect(same(warm.pdf, without.pdf)).toBe(true);
  });

  it('does not depend on text laid out earlier in the process', () => {
    // Fresh processes, so the first text each font ever shapes differs: plain, or odd characters first.
    const script = fileURLToPath(new URL('./fresh-process-render.ts', import.meta.url));
    const run = (...args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8' });
    const plain = run();
    expect(plain).toMatch(/^[0-9a-f]{64}$/);
    expect(run('odd-first')).toBe(plain);
  });

  it('passes qpdf --check and compresses its page streams', async () => {
    const { pdf } = await typeset(sampleInput());
    const check = qpdfCheck(pdf);
    expect(check.ok, check.output).toBe(true);
    expect(check.output).toContain('No syntax or stream encoding errors');
    const raw = Buffer.from(pdf).toString('latin1');
    const streams = raw.match(/\/Length \d+[^>]*>>\nstream/g) ?? [];
    expect(streams.length).toBeGreaterThan(5);
    expect(raw).toContain('/FlateDecode');
    expect(raw).not.toMatch(/\nBT\n/);
  });

  it('rejects with the abort reason when the signal is already aborted', async () => {
    const controller = new AbortController();
    const reason = new Error('superseded by a newer preview');
    controller.abort(reason);
    await expect(typeset(sampleInput({ signal: controller.signal }))).rejects.toBe(reason);
  });

  it('stops between blocks when aborted while running', async () => {
    const blocks: Block[] = Array.from({ length: 1500 }, (_, i) => para(prose(60, i)));
    const controller = new AbortController();
    const reason = new Error('newer request');
    // Count the typesetter's checks of the signal; at the 100th (well into the layout)
    // queue the abort on the event loop, where a newer preview request would come from.
    let checks = 0;
    const signal = new Proxy(controller.signal, {
      get(target, key) {
        if (key === 'throwIfAborted') {
          return () => {
            if (++checks === 100) setImmediate(() => controller.abort(reason));
            target.throwIfAborted();
          };
        }
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    await expect(typeset(sampleInput({ model: { blocks }, signal }))).rejects.toBe(reason);
    // It yielded to the event loop and stopped at a later check, long before laying
    // out all 1,500 paragraphs (at least one check each).
    expect(checks).toBeGreaterThan(100);
    expect(checks).toBeLessThan(1500);
  });
});
