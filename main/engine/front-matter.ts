/**
 * Split a Markdown file into its YAML front matter and its body. The front
 * matter sits between a first line `---` and the next line `---`.
 */
import { BriefError, type BriefErrorCode } from './errors.js';

export interface FrontMatterParts {
  /** The YAML text between the two `---` lines. */
  yaml: string;
  /** Lines of the file before the YAML text (the opening `---`), for error locations. */
  yamlLineOffset: number;
  /** Everything after the closing `---` line. */
  body: string;
  /** 1-based line of the file where the body starts. */
  bodyLine: number;
}

const FENCE = /^---[ \t]*$/;

export function splitFrontMatter(text: string, file: string, code: BriefErrorCode = 'SECTION_INVALID'): FrontMatterParts {
  // A byte-order mark would hide the opening fence; editors on Windows add one.
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? '')) {
    throw new BriefError(code, 'the file has no front matter: its first line must be `---`, followed by YAML fields and a closing `---` line', {
      location: { file, line: 1, column: 1 },
    });
  }
  const close = lines.findIndex((line, index) => index > 0 && FENCE.test(line));
  if (close < 0) {
    throw new BriefError(code, 'the front matter opened on line 1 is never closed: add a line `---` after the YAML fields', {
      location: { file, line: 1, column: 1 },
    });
  }
  return {
    yaml: lines.slice(1, close).join('\n'),
    yamlLineOffset: 1,
    body: lines.slice(close + 1).join('\n'),
    bodyLine: close + 2,
  };
}
