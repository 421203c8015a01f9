import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_TEXT_BYTES, readInputFileSync, readInputText } from '../../main/engine/read-input.js';
import { catchAsync, catchError } from '../helpers/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'brief-read-input-'));

describe('reading an input file', () => {
  it('reads a regular file, async and sync', async () => {
    writeFileSync(join(dir, 'a.md'), 'héllo');
    await expect(readInputText(join(dir, 'a.md'))).resolves.toBe('héllo');
    expect(readInputFileSync(join(dir, 'a.md')).toString('utf8')).toBe('héllo');
  });

  it.skipIf(process.platform === 'win32')('refuses a FIFO at once, naming it, without waiting for a writer', async () => {
    const fifo = join(dir, 'pipe.md');
    execFileSync('mkfifo', [fifo]);
    // Sync first: if the open or read blocked, this test (not the suite) would never return.
    const sync = catchError(() => readInputFileSync(fifo, { what: 'font file' }));
    expect(sync.code).toBe('IO');
    expect(sync.location).toEqual({ file: fifo });
    expect(sync.message).toBe(`The font file ${fifo} is a named pipe (FIFO), not a regular file.`);
    expect((await catchAsync(() => readInputText(fifo))).message).toMatch(/named pipe/);
  });

  it('refuses a folder and a device', async () => {
    mkdirSync(join(dir, 'folder.md'));
    expect((await catchAsync(() => readInputText(join(dir, 'folder.md')))).message).toMatch(/is a folder, not a regular file/);
    if (process.platform !== 'win32') expect(catchError(() => readInputFileSync('/dev/zero')).message).toMatch(/is a device, not a regular file/);
  });

  it('refuses a text file over the size limit before reading it', async () => {
    const big = join(dir, 'big.md');
    writeFileSync(big, '');
    truncateSync(big, MAX_TEXT_BYTES + 1); // sparse: no disk space used
    const error = await catchAsync(() => readInputText(big, { what: 'section file' }));
    expect(error.code).toBe('IO');
    expect(error.message).toBe(`The section file ${big} is larger than the limit of 32 MB.`);
  });
});
