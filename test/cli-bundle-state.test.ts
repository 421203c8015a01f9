/**
 * The installed command's bundle counts as fresh right after it is built:
 * a bundle that always looked stale would be rebuilt (dist/ removed) by one
 * test file while another was running it.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('is built (the install step of `npm run brief`) without leaving anything in the temp folder', { timeout: 300_000 }, () => {
    // A copy of the project to build in: the build starts by removing dist/, which other test files are running.
    const world = mkdtempSync(join(tmpdir(), 'brief-install-'));
    try {
      const project = join(world, 'project');
      const temp = join(world, 'tmp');
      mkdirSync(project);
      mkdirSync(temp);
      for (const shared of ['main', 'scripts', 'templates', 'assets', 'node_modules', 'package.json']) symlinkSync(join(repoRoot, shared), join(project, shared));
      // Copied: Node runs a symlinked script from its real folder, whose dist/ is not this one.
      cpSync(join(repoRoot, 'bin'), join(project, 'bin'), { recursive: true });
      const result = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: project, env: { ...process.env, TMPDIR: temp, TMP: temp, TEMP: temp }, encoding: 'utf8' });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(existsSync(join(project, 'dist', 'cli.cjs'))).toBe(true);
      expect(readdirSync(join(project, 'dist', 'shaping-seed')).length).toBeGreaterThan(0);
      expect(readdirSync(temp)).toEqual([]);
    } finally {
      rmSync(world, { recursive: true, force: true });
    }
  });
});
