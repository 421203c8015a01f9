/**
 * Temporary files an interrupted write left behind. writeFileAtomic names
 * its temp file `.NAME.tmp-PID-HEX8` beside the target; a process killed
 * mid-write (power cut, kill -9) leaves it there. The next write to that
 * folder removes such leftovers — only names of exactly that form, only
 * when the process that made them is gone and they are older than the
 * current write, so another export still running is never disturbed.
 */
import { lstat, readdir, unlink } from './fs-async.js';
import { join } from 'node:path';

const TEMP_NAME = /^\..+\.tmp-(\d+)-[0-9a-f]{8}$/;

export async function removeStaleTemps(dir: string, startedMs: number): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return; // the write itself reports an unreadable folder
  }
  for (const name of names) {
    const match = TEMP_NAME.exec(name);
    if (!match) continue;
    const path = join(dir, name);
    if (isRunning(Number(match[1]))) continue;
    const info = await lstat(path).catch(() => undefined);
    if (!info?.isFile() || info.mtimeMs >= startedMs) continue;
    await unlink(path).catch(() => undefined);
  }
}

function isRunning(pid: number): boolean {
  // Ours: another thread of this process may be writing it (a failed write removes its own temp file).
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
