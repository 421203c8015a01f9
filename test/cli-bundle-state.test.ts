/**
 * The installed command's bundle counts as fresh right after it is built:
 * a bundle that always looked stale would be rebuilt (dist/ removed) by one
 * test file while another was running it.
 */
import { describe, expect, it } from 'vitest';
import { ensureFreshCliBundle, repoRoot } from './helpers/cli-bundle.js';
// @ts-expect-error: a plain .mjs script without types
import { staleCliBundle, VIRTUAL_INPUT } from '../scripts/cli-bundle-state.mjs';

const stale = staleCliBundle as (root?: string) => string | undefined;

describe('the command-line bundle', () => {
  it('is up to date once built, whatever virtual modules its plugins made', () => {
    ensureFreshCliBundle();
    expect(stale(repoRoot)).toBeUndefined();
  });

  it('tells virtual modules from files, Windows drive letters included', () => {
    const virtual = VIRTUAL_INPUT as RegExp;
    expect(virtual.test('brotli-on-demand:brotli-on-demand')).toBe(true);
    expect(virtual.test('main/cli-main.ts')).toBe(false);
    expect(virtual.test('C:/work/main/cli-main.ts')).toBe(false);
  });
});
