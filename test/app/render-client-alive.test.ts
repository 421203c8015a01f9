import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

describe('render client in a plain script', () => {
  it('keeps the process alive while a render is pending, and lets it exit when idle', () => {
    // Before, an unreferenced worker let Node exit with 13 (unsettled top-level await) mid-render.
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'test/fixtures/scripts/render-once.mts'], { cwd: root, encoding: 'utf8', timeout: 170_000 });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^rendered \d+\n$/);
    expect(run.status).toBe(0);
  });
});
