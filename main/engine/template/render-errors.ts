/**
 * Turning whatever a render throws into a BriefError a user can act on:
 * which file, which line and column where Handlebars knows it, and a plain
 * sentence instead of "not defined in [object Object]".
 */
import { BriefError, type SourceLocation } from '../errors.js';

interface HandlebarsLoc {
  start?: { line: number; column: number };
}

/** Thrown by a helper: its name, what went wrong, and where it was called. */
export class HelperFault extends Error {
  readonly line?: number;
  readonly column?: number;

  constructor(
    readonly helper: string,
    detail: string,
    loc?: HandlebarsLoc,
  ) {
    super(`\`${helper}\` ${detail}`);
    this.name = 'HelperFault';
    if (loc?.start) {
      this.line = loc.start.line;
      this.column = loc.start.column + 1;
    }
  }
}

/** The innermost template file that was running when each error was thrown. */
const fileOfError = new WeakMap<object, string>();

export function runInFile<T>(file: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error !== null && typeof error === 'object' && !fileOfError.has(error)) fileOfError.set(error, file);
    throw error;
  }
}

export function toRenderError(error: unknown, fallbackFile: string): BriefError {
  const file = (error !== null && typeof error === 'object' && fileOfError.get(error)) || fallbackFile;

  if (error instanceof BriefError) {
    return error.location ? error : new BriefError(error.code, error.message, { location: { file }, cause: error.cause });
  }
  if (error instanceof HelperFault) {
    return new BriefError('TEMPLATE_RENDER', `Helper ${error.message}.`, { location: at(file, error.line, error.column) });
  }
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return new BriefError(
      'TEMPLATE_LIMIT',
      'The template nests too deeply (a partial or block that keeps calling itself); it needs a condition that stops it.',
      { location: { file } },
    );
  }

  const message = error instanceof Error ? error.message : String(error);
  const located = error as { lineNumber?: unknown; column?: unknown };
  const line = typeof located.lineNumber === 'number' ? located.lineNumber : undefined;
  const column = line !== undefined && typeof located.column === 'number' ? located.column + 1 : undefined;
  const plain = message.replace(/ - \d+:\d+$/, '');

  const missing = /^"(.+)" not defined in /.exec(plain);
  if (missing) {
    return new BriefError(
      'TEMPLATE_RENDER',
      `\`${missing[1]}\` is not defined here. Templates run in strict mode: check the spelling, the block you are in (inside {{#each}} names refer to the item; use @root. for the top), and the guide's list of variables.`,
      { location: at(file, line, column) },
    );
  }
  const helper = /^Missing helper: "(.+)"$/.exec(plain);
  if (helper) {
    return new BriefError('TEMPLATE_RENDER', `Unknown helper \`${helper[1]}\`.`, { location: at(file, line, column) });
  }
  const partial = /^The partial (.+) could not be found$/.exec(plain);
  if (partial) {
    return new BriefError('TEMPLATE_RENDER', `Unknown partial \`${partial[1]}\`.`, { location: at(file, line, column) });
  }
  if (error instanceof TypeError && /written as text/.test(message)) {
    return new BriefError('TEMPLATE_RENDER', `A {{…}} expression gave ${message}.`, { location: at(file, line, column) });
  }
  return new BriefError('TEMPLATE_RENDER', `The template failed while filling in: ${plain}`, { location: at(file, line, column) });
}

function at(file: string, line: number | undefined, column: number | undefined): SourceLocation {
  const location: SourceLocation = { file };
  if (line !== undefined) location.line = line;
  if (line !== undefined && column !== undefined) location.column = column;
  return location;
}
