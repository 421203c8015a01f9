import { spawnSync } from 'node:child_process';
import { chmod, chown, lchown, lstat, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BriefError } from '../../main/engine/errors.js';
import { writeFileAtomic } from '../../main/engine/write-atomic.js';

const made: string[] = [];
const tempDir = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'brief-atomic-'));
  made.push(dir);
  return dir;
};
afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temporary file', async () => {
    const dir = await tempDir();
    const target = join(dir, 'brief.pdf');
    await writeFile(target, 'old');
    await writeFileAtomic(target, new TextEncoder().encode('new'));
    expect(await readFile(target, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['brief.pdf']);
  });

  it('keeps the permissions of the file it replaces: a private brief stays private', async () => {
    const dir = await tempDir();
    const target = join(dir, 'brief.pdf');
    await writeFile(target, 'old');
    for (const mode of [0o600, 0o640, 0o664]) {
      await chmod(target, mode);
      await writeFileAtomic(target, 'new');
      expect((await stat(target)).mode & 0o777).toBe(mode);
    }
    // A new file is one the user shares; a file of the app's own stays as the app asks.
    await writeFileAtomic(join(dir, 'new.pdf'), 'new');
    expect((await stat(join(dir, 'new.pdf'))).mode & 0o777).toBe(0o644 & ~process.umask());
    await writeFileAtomic(target, 'private', { mode: 0o600 });
    expect((await stat(target)).mode & 0o777).toBe(0o600);
  });

  it.runIf(process.getuid?.() === 0)('keeps the group of the file it replaces (a brief shared with one group stays with it)', async () => {
    const dir = await tempDir();
    const target = join(dir, 'brief.pdf');
    await writeFile(target, 'old');
    await chown(target, 0, 100);
    await chmod(target, 0o640);
    await writeFileAtomic(target, 'new');
    const info = await stat(target);
    expect([info.gid, info.mode & 0o777]).toEqual([100, 0o640]);
  });

  it('refuses to replace a read-only file, leaving it as it was', async () => {
    const dir = await tempDir();
    const target = join(dir, 'brief.pdf');
    await writeFile(target, 'old');
    await chmod(target, 0o444);
    const error = await writeFileAtomic(target, 'new').then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(BriefError);
    expect((error as BriefError).message).toContain('is read-only');
    expect((error as BriefError).location).toEqual({ file: target });
    expect(await readFile(target, 'utf8')).toBe('old');
    expect((await stat(target)).mode & 0o777).toBe(0o444);
    expect(await readdir(dir)).toEqual(['brief.pdf']);
  });

  it('writes through a symbolic link: the file it names is replaced, the link stays', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'out'));
    const real = join(dir, 'out', 'summit.pdf');
    await writeFile(real, 'old');
    await symlink(real, join(dir, 'elsewhere.pdf'));
    await writeFileAtomic(join(dir, 'elsewhere.pdf'), 'new');
    expect((await lstat(join(dir, 'elsewhere.pdf'))).isSymbolicLink()).toBe(true);
    expect(await readFile(real, 'utf8')).toBe('new');
    // A link to a file not written yet: the file is made where it points.
    await symlink('out/later.pdf', join(dir, 'later.pdf'));
    await writeFileAtomic(join(dir, 'later.pdf'), 'first');
    expect(await readlink(join(dir, 'later.pdf'))).toBe('out/later.pdf');
    expect(await readFile(join(dir, 'out', 'later.pdf'), 'utf8')).toBe('first');
    expect((await readdir(join(dir, 'out'))).sort()).toEqual(['later.pdf', 'summit.pdf']);
  });

  it.runIf(process.getuid?.() === 0)('refuses a symbolic link someone else made (in a shared folder it could lead the brief into theirs)', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'theirs.pdf'), 'theirs');
    await symlink(join(dir, 'theirs.pdf'), join(dir, 'brief.pdf'));
    await lchown(join(dir, 'brief.pdf'), 65534, 65534);
    const error = await writeFileAtomic(join(dir, 'brief.pdf'), 'secret').then(() => undefined, (e: unknown) => e);
    expect((error as BriefError).message).toContain('is a symbolic link someone else made');
    expect(await readFile(join(dir, 'theirs.pdf'), 'utf8')).toBe('theirs');
  });

  it('names a missing folder', async () => {
    const dir = await tempDir();
    const target = join(dir, 'missing', 'brief.pdf');
    const error = await writeFileAtomic(target, 'x').then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(BriefError);
    expect((error as BriefError).code).toBe('OUTPUT_UNWRITABLE');
    expect((error as BriefError).message).toContain('does not exist');
  });

  it('names the file asked for, not its temporary file, where a folder takes no new files (/proc)', async () => {
    const error = await writeFileAtomic('/proc/brief.pdf', 'x').then(() => undefined, (e: unknown) => e);
    expect((error as BriefError).code).toBe('OUTPUT_UNWRITABLE');
    expect((error as BriefError).message).toBe('Could not write /proc/brief.pdf: the folder does not accept new files');
  });

  it('refuses a folder as target', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'out.pdf'));
    await expect(writeFileAtomic(join(dir, 'out.pdf'), 'x')).rejects.toBeInstanceOf(BriefError);
  });

  it('reports a name the file system refuses, leaving the folder as it was', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'brief.pdf'), 'old');
    const longName = join(dir, `${'x'.repeat(250)}.pdf`);
    await expect(writeFileAtomic(longName, 'new')).rejects.toMatchObject({ code: 'OUTPUT_UNWRITABLE' });
    expect(await readdir(dir)).toEqual(['brief.pdf']);
  });

  it('keeps the old file when writing the new content fails part-way', async () => {
    const dir = await tempDir();
    const target = join(dir, 'brief.pdf');
    await writeFile(target, 'old');
    // The kernel refuses to grow any file past 16 KB in this process (EFBIG), so the
    // write fails after some of the new content is on disk, replacing this very target.
    const result = writeInLimitedProcess(target, 256 * 1024, 16 * 1024);
    expect(result.stdout).toMatch(/^OUTPUT_UNWRITABLE Could not write .*brief\.pdf: .*file too large/);
    expect(await readFile(target, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['brief.pdf']);
  });
});

/** Run writeFileAtomic(target, `size` bytes) in a child process whose files may not grow past `limit` bytes. */
function writeInLimitedProcess(target: string, size: number, limit: number) {
  const module = pathToFileURL(join(import.meta.dirname, '../../main/engine/write-atomic.ts')).href;
  const script = `import(${JSON.stringify(module)}).then((m) => m.writeFileAtomic(${JSON.stringify(target)}, new Uint8Array(${size}).fill(65)))
    .then(() => console.log('written'), (error) => console.log(error.code, error.message));`;
  const result = spawnSync('prlimit', [`--fsize=${limit}:`, process.execPath, '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  if (result.error) throw result.error;
  return result;
}
