/**
 * Where a line of a template's output was written. Handlebars keeps no map
 * from its output back to the template, but a line the template writes as
 * it stands (an image, a callout opener, a heading) comes out the same: the
 * one line of brief.hbs or a partial with that text is where to look. Lines
 * that several places could have written, or that are too short to tell
 * apart, are not placed.
 */
import type { SourceLocation } from '../errors.js';

export interface TemplateSource {
  readonly file: string;
  readonly source: string;
}

/** Shorter lines (`---`, `:::`) are written in too many places to point at one. */
const MIN_TEXT = 6;

export function outputLineOrigin(sources: readonly TemplateSource[], outputLine: string): SourceLocation | undefined {
  const wanted = outputLine.trim();
  if (wanted.length < MIN_TEXT) return undefined;
  let found: SourceLocation | undefined;
  for (const { file, source } of sources) {
    const lines = source.split('\n');
    for (let index = 0; index < lines.length; index++) {
      if (lines[index]!.trim() !== wanted) continue;
      if (found) return undefined; // written in two places: either could be the one
      found = { file, line: index + 1 };
    }
  }
  return found;
}

/** The output's line `line` (1-based), or '' past its end. */
export function lineOfText(text: string, line: number): string {
  let start = 0;
  for (let at = 1; at < line; at++) {
    const next = text.indexOf('\n', start);
    if (next < 0) return '';
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end);
}
