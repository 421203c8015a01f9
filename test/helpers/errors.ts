/** Small helpers for tests that expect a BriefError at a place in a file. */
import { BriefError } from '../../main/engine/errors.js';

/** The location of `needle` in `text`: 1-based line and column. */
export function positionOf(text: string, needle: string): { line: number; column: number } {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  if (line < 0) throw new Error(`"${needle}" not in fixture`);
  return { line: line + 1, column: lines[line]!.indexOf(needle) + 1 };
}

export function catchError(run: () => unknown): BriefError {
  try {
    run();
  } catch (error) {
    if (error instanceof BriefError) return error;
    throw error;
  }
  throw new Error('expected a BriefError, nothing was thrown');
}

export async function catchAsync(run: () => Promise<unknown>): Promise<BriefError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof BriefError) return error;
    throw error;
  }
  throw new Error('expected a BriefError, nothing was thrown');
}
