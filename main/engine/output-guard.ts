/**
 * What a build may not write over: a non-regular file (a FIFO, a device, a
 * folder) or one of the files the same build reads. `-o spec.brief.yaml`
 * must not turn the spec into a PDF.
 */
import { realpath, stat } from './fs-async.js';
import { BriefError } from './errors.js';
import { kindOf } from './read-input.js';
import { isInside } from './template/confine.js';

/** The files a build reads: single files (spec, sections) and whole folders (the template; in the app, the library). */
export interface BuildInputs {
  files: string[];
  folders: string[];
}

export async function assertSafeOutput(path: string, inputs: BuildInputs | undefined): Promise<void> {
  // Follows a symbolic link: what matters is what would be replaced for the reader.
  const target = await stat(path).catch(() => undefined);
  if (!target) return; // a new file (or a dangling link, which the rename replaces)
  if (!target.isFile()) {
    throw new BriefError('OUTPUT_UNWRITABLE', `the output is ${kindOf(target)}, not a regular file: choose a file name for the PDF.`, { location: { file: path } });
  }
  if (!inputs) return;
  for (const file of inputs.files) {
    const input = await stat(file).catch(() => undefined);
    // Same device and inode: the same file, whatever links or spellings lead to it.
    if (input && input.dev === target.dev && input.ino === target.ino) {
      throw new BriefError('OUTPUT_IS_INPUT', `the output is ${file === path ? 'an input' : `the input ${file}`} of this build: writing the PDF there would destroy it. Choose another output file.`, {
        location: { file: path },
      });
    }
  }
  const real = await realpath(path);
  for (const folder of inputs.folders) {
    const root = await realpath(folder).catch(() => undefined);
    if (root && isInside(root, real)) {
      throw new BriefError('OUTPUT_IS_INPUT', `the output is a file of ${root}, a folder this build reads: writing the PDF there would destroy it. Choose another output file.`, {
        location: { file: path },
      });
    }
  }
}
