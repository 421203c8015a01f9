/**
 * A recipients file: one name per line, UTF-8. Blank lines and lines starting
 * with `#` are skipped. Anything that is not a plain list of names is refused
 * at its line, before a sheet is printed.
 */
import { BriefError } from '../errors.js';
import { diskFiles, type FileProvider } from '../file-provider.js';
import { MAX_TEXT_BYTES } from '../read-input.js';

export const MAX_RECIPIENTS = 999;
export const MAX_NAME_LENGTH = 120;

export async function loadRecipientsFile(path: string, files: FileProvider = diskFiles): Promise<string[]> {
  let bytes: Buffer;
  try {
    // Through the input reader: a pipe or a device is refused at once, never waited on.
    bytes = await files.readFile(path, { what: 'recipients file', maxBytes: MAX_TEXT_BYTES });
  } catch (error) {
    if (error instanceof BriefError) throw new BriefError('RECIPIENTS_INVALID', error.message, { location: { file: path }, cause: error });
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code ?? 'unknown error'})`;
    throw new BriefError('RECIPIENTS_INVALID', `the recipients file ${path} ${reason}`, { location: { file: path }, cause: error });
  }
  return parseRecipients(bytes, path);
}

export function parseRecipients(bytes: Uint8Array, file: string): string[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalid(file, 'is not UTF-8 text; save it as a plain text file with one name per line', lineOfBadByte(bytes));
  }
  const names: string[] = [];
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const name = raw.trim();
    if (name === '' || name.startsWith('#')) return;
    // eslint-disable-next-line no-control-regex
    const control = /[\u0000-\u0008\u000b-\u001f\u007f]/.exec(raw);
    if (control) throw invalid(file, `line ${line} has a control character (U+${control[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}); a recipients file is plain text, one name per line`, line, control.index + 1);
    if (name.length > MAX_NAME_LENGTH) throw invalid(file, `the name on line ${line} is ${name.length} characters long; at most ${MAX_NAME_LENGTH} fit under a page`, line, 1);
    names.push(name.replace(/\s+/g, ' '));
  });
  if (names.length === 0) throw invalid(file, 'has no names: write one recipient per line', undefined);
  if (names.length > MAX_RECIPIENTS) throw invalid(file, `has ${names.length} names; at most ${MAX_RECIPIENTS} copies are printed at once`, undefined);
  return names;
}

function invalid(file: string, message: string, line: number | undefined, column?: number): BriefError {
  return new BriefError('RECIPIENTS_INVALID', `the recipients file ${message}`, { location: { file, line, column } });
}

/** 1-based line of the first byte that is not valid UTF-8 (counted by newlines before it). */
function lineOfBadByte(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return line;
}
