import { mkdtemp, readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BriefError } from '../../main/engine/errors.js';
import { writeFileAtomic } from '../../main/engine/write-atomic.js';

const tempDir = (): Promise<string> => mkdtemp(join(tmpdir(), 'brief-atomic-'));

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temporary file', async () => {
    const dir = await tempDir();
    const target = join(dir, 'brief.pdf');
    await writeFile(target, 'old');
    await writeFileAtomic(target, new TextEncoder().encode('new'));
    expect(await readFile(target, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['brief.pdf']);
  });

  it('names a missing folder', async () => {
    const dir = await tempDir();
    const target = join(dir, 'missing', 'brief.pdf');
    const error = await writeFileAtomic(target, 'x').then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(BriefError);
    expect((error as BriefError).code).toBe('OUTPUT_UNWRITABLE');
    expect((error as BriefError).message).toContain('does not exist');
  });

  it('refuses a folder as target', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'out.pdf'));
    await expect(writeFileAtomic(join(dir, 'out.pdf'), 'x')).rejects.toBeInstanceOf(BriefError);
  });

  it('keeps the old file when the write itself fails', async () => {
    const dir = await tempDir();
    const target = join(dir, 'brief.pdf');
    await writeFile(target, 'old');
    // A target name longer than the file system allows makes the temp-file write fail after the checks.
    const longName = join(dir, `${'x'.repeat(250)}.pdf`);
    await expect(writeFileAtomic(longName, 'new')).rejects.toMatchObject({ code: 'OUTPUT_UNWRITABLE' });
    expect(await readFile(target, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['brief.pdf']);
  });
});
