/**
 * An export the file system refused, told the way a user can act on it: a
 * plain sentence naming the folder and what to do next, never a raw errno
 * or the temporary file the write went through (`.x.pdf.tmp-…`).
 */
import { basename, dirname } from 'node:path';
import { toErrorData, type BriefErrorData } from '../engine/index.js';

/** The same words the page offers as the action (Export's "Choose another location"). */
export const CHOOSE_ANOTHER = 'Choose another location.';

export function describeExportFailure(error: unknown, target: string): BriefErrorData {
  const data = toErrorData(error);
  // An export that would replace one of the brief's own files says so in its own words.
  if (data.code !== 'OUTPUT_UNWRITABLE' && data.code !== 'IO') return data;
  const folder = dirname(target);
  const name = basename(target);
  return { code: 'OUTPUT_UNWRITABLE', message: `${reasonFor(error, data.message, folder, name)} ${CHOOSE_ANOTHER}`, location: { file: target } };
}

function reasonFor(error: unknown, message: string, folder: string, name: string): string {
  const errno = (error as { cause?: NodeJS.ErrnoException } | undefined)?.cause?.code ?? (error as NodeJS.ErrnoException | undefined)?.code;
  if (/does not exist/.test(message)) return `The folder ${folder} does not exist.`;
  if (/is not a folder/.test(message)) return `${folder} is not a folder.`;
  if (/not writable/.test(message) || errno === 'EACCES' || errno === 'EPERM') return `Brief Studio may not write in the folder ${folder}.`;
  if (/not a regular file/.test(message)) return `${name} in ${folder} is not a file that can be replaced.`;
  switch (errno) {
    case 'ENOENT':
      return `The folder ${folder} could not be reached (it may have been moved or removed).`;
    case 'ENOSPC':
      return `The disk that holds ${folder} is full.`;
    case 'EROFS':
      return `The folder ${folder} is on a read-only disk.`;
    case 'ENAMETOOLONG':
      return `The name ${name.length > 60 ? `${name.slice(0, 57)}…` : name} is too long for the folder ${folder}.`;
    case 'EFBIG':
    case 'EDQUOT':
      return `The folder ${folder} has no room for a file this size.`;
    default:
      return `The PDF could not be written in the folder ${folder}.`;
  }
}
