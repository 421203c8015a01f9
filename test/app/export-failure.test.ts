import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeExportFailure } from '../../main/app/export-failure.js';
import { BriefError } from '../../main/engine/errors.js';
import { writeFileAtomic } from '../../main/engine/write-atomic.js';

/** What the app says when writing `target` fails for real. */
async function failureFor(target: string) {
  const error = await writeFileAtomic(target, 'pdf').then(() => undefined, (e: unknown) => e);
  expect(error).toBeDefined();
  return describeExportFailure(error, target);
}

describe('an export the file system refuses, told plainly', () => {
  it('names a missing folder and says what to do next', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'brief-export-'));
    const target = join(dir, 'gone', 'brief.pdf');
    const failure = await failureFor(target);
    expect(failure).toEqual({ code: 'OUTPUT_UNWRITABLE', message: `The folder ${join(dir, 'gone')} does not exist. Choose another location.`, location: { file: target } });
  });

  it('a name too long for the folder: no errno, no temporary file name', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'brief-export-'));
    const target = join(dir, `${'x'.repeat(250)}.pdf`);
    const failure = await failureFor(target);
    expect(failure.message).toMatch(/^The name x+… is too long for the folder .*\. Choose another location\.$/);
    expect(failure.message).not.toMatch(/ENAMETOOLONG|\.tmp-/);
  });

  it('a folder in the way of the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'brief-export-'));
    await mkdir(join(dir, 'brief.pdf'));
    const failure = await failureFor(join(dir, 'brief.pdf'));
    expect(failure.message).toBe(`brief.pdf in ${dir} is not a file that can be replaced. Choose another location.`);
  });

  it('a folder that vanished mid-write (ENOENT on the temporary file) names the folder, not the temporary file', () => {
    const cause = Object.assign(new Error("ENOENT: no such file or directory, open '/data/out/.brief.pdf.tmp-12-abcd1234'"), { code: 'ENOENT' });
    const error = Object.assign(new Error('Could not write /data/out/brief.pdf: ENOENT …'), { cause });
    const failure = describeExportFailure(error, '/data/out/brief.pdf');
    expect(failure.message).toBe('The folder /data/out could not be reached (it may have been moved or removed). Choose another location.');
  });

  it('leaves an export that would replace one of the brief’s own files in its own words', () => {
    const error = new BriefError('OUTPUT_IS_INPUT', 'the output is an input of this build: writing the PDF there would destroy it. Choose another output file.', { location: { file: '/data/brief.pdf' } });
    expect(describeExportFailure(error, '/data/brief.pdf')).toEqual({ code: 'OUTPUT_IS_INPUT', message: error.message, location: { file: '/data/brief.pdf' }, field: undefined });
  });
});
