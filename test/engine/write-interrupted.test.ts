/**
 * An export killed at any moment: the file it was replacing is whole (old
 * or new bytes, never a mix), and the next export clears what the killed
 * one left behind — only that, never anyone else's files.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../main/engine/write-atomic.js';

const root = resolve(import.meta.dirname, '../..');
const temp = (): string => mkdtempSync(join(tmpdir(), 'brief-interrupted-'));
const SIZE = 16 * 1024 * 1024;
const isTemp = (name: string): boolean => /\.tmp-\d+-[0-9a-f]{8}$/.test(name);

/** A process id that is surely not running: one of a child that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('stale temporary files', () => {
  it('removes only leftovers of exited writers that are older than the write, in that folder', async () => {
    const dir = temp();
    const old = new Date(Date.now() - 60_000);
    const dead = deadPid();
    const leftovers = [`.brief.pdf.tmp-${dead}-0123abcd`, `.other.pdf.tmp-${dead}-89abcdef`];
    const kept = [
      `.brief.pdf.tmp-${process.ppid}-0123abcd`, // a writer still running
      `.brief.pdf.tmp-${process.pid}-4567cdef`, // this process's: another thread may be writing it
      `.brief.pdf.tmp-${dead}-notours`, // not our pattern
      `brief.pdf.tmp-${dead}-0123abcd`, // not hidden: not ours
      'notes.txt',
    ];
    for (const name of [...leftovers, ...kept]) {
      writeFileSync(join(dir, name), 'x');
      utimesSync(join(dir, name), old, old);
    }
    const future = new Date(Date.now() + 60_000);
    const newer = `.brief.pdf.tmp-${dead}-fedcba98`; // made after this write started
    writeFileSync(join(dir, newer), 'x');
    utimesSync(join(dir, newer), future, future);

    await writeFileAtomic(join(dir, 'brief.pdf'), 'new');
    expect(readdirSync(dir).sort()).toEqual(['brief.pdf', newer, ...kept].sort());
  });
});

describe('an export killed at random moments', () => {
  let childScript: string;
  beforeAll(async () => {
    // The real writeFileAtomic, bundled so each child starts in a few milliseconds.
    const dir = temp();
    await build({ entryPoints: [join(root, 'main/engine/write-atomic.ts')], bundle: true, platform: 'node', format: 'esm', outfile: join(dir, 'write-atomic.mjs'), logLevel: 'silent' });
    childScript = join(dir, 'child.mjs');
    writeFileSync(
      childScript,
      `import { writeFileAtomic } from './write-atomic.mjs';
const [target, size, fill] = process.argv.slice(2);
const bytes = Buffer.alloc(Number(size), Number(fill));
process.stdout.write('ready\\n');
await writeFileAtomic(target, bytes);
process.stdout.write('done\\n');
`,
    );
  });

  /** Start a writer; kill it with SIGKILL when `when` says so. Resolves once it has exited. */
  async function killedWrite(target: string, fill: number, when: 'at-start' | 'temp-seen' | 'random'): Promise<void> {
    const child = spawn(process.execPath, [childScript, target, String(SIZE), String(fill)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    await new Promise<void>((ready) => child.stdout.once('data', () => ready()));
    if (when === 'temp-seen') {
      const dir = resolve(target, '..');
      // Until the temp file appears (the writer is mid-write), or the writer has finished.
      while (child.exitCode === null && !readdirSync(dir).some(isTemp)) await new Promise((r) => setImmediate(r));
    } else if (when === 'random') {
      await new Promise((r) => setTimeout(r, Math.random() * 60));
    }
    child.kill('SIGKILL');
    await exited;
  }

  it('keeps the old file whole every time, and the next export leaves no temporary file', async () => {
    const dir = temp();
    const target = join(dir, 'brief.pdf');
    let current = Buffer.from('the old export, which must survive');
    writeFileSync(target, current);
    const modes = ['at-start', 'temp-seen', 'random'] as const;
    let leftBehind = 0;
    for (let i = 0; i < 24; i++) {
      const fill = 1 + (i % 250);
      await killedWrite(target, fill, modes[i % modes.length]!);
      const now = readFileSync(target);
      const whole = now.equals(current) || (now.length === SIZE && now.every((b) => b === fill));
      expect(whole, `iteration ${i}: the target is neither the old file nor the complete new one`).toBe(true);
      current = now;
      if (readdirSync(dir).some(isTemp)) leftBehind++;
    }
    // Some kills landed mid-write (otherwise this test proves nothing about leftovers).
    expect(leftBehind).toBeGreaterThan(0);

    await writeFileAtomic(target, 'the next export');
    expect(readFileSync(target, 'utf8')).toBe('the next export');
    expect(readdirSync(dir)).toEqual(['brief.pdf']);
    rmSync(dir, { recursive: true, force: true });
  }, 300_000);
});
