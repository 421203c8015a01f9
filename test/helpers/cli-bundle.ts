/**
 * The installed command runs dist/cli.cjs, not the sources: tests that run it
 * rebuild the bundle first whenever anything it is built from is newer, so a
 * stale bundle never hides a source change. Test files run in parallel, so
 * one rebuild at a time (build-cli.mjs starts by removing dist/).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const installedCommand = join(repoRoot, 'bin', 'brief-studio.cjs');

export function ensureFreshCliBundle(): void {
  withLock(join(repoRoot, 'dist.build-lock'), () => {
    execFileSync(process.execPath, ['scripts/build-cli.mjs', '--if-stale'], { cwd: repoRoot, stdio: 'pipe' });
  });
}

function withLock(lock: string, work: () => void): void {
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (!holderAlive(lock)) rmSync(lock, { recursive: true, force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    writeFileSync(join(lock, 'pid'), String(process.pid));
    work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** A lock whose holder died (or has not written its pid yet, which a retry sorts out) must not block for ever. */
function holderAlive(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
  } catch {
    return true;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
