/**
 * A `::: callout` (or any container) without its closing line is not an
 * error to markdown: it runs to the end of the section, taking the rest of
 * the text into the box. Each such opener is named in a warning at its line
 * in the section file, so the writer sees it rather than a section set
 * inside one callout.
 *
 * Mirrors markdown-it-container: a container closes at the first later line
 * of as many colons or more with nothing after them, indented less than four
 * spaces. Lines inside fenced code are text.
 */
import type { BriefWarning } from './errors.js';
import { fencedCodeLines } from './fenced-code.js';
import type { Section } from './section-schema.js';

const OPENER = /^ {0,3}(:{3,})\s*([^\s:].*)$/;
const CLOSER = /^ {0,3}(:{3,})\s*$/;

export function unclosedContainerWarnings(sections: readonly Section[]): BriefWarning[] {
  const warnings: BriefWarning[] = [];
  for (const section of sections) {
    // Quick test first: most sections have no container at all.
    if (!section.body.includes(':::')) continue;
    for (const { line, opener } of unclosedOpeners(section.body)) {
      warnings.push({
        code: 'CONTAINER_UNCLOSED',
        message: `\`${opener}\` is never closed, so everything after it to the end of the section is set inside it. Close it with a line of ${opener.match(/^:+/)![0]} after its last paragraph.`,
        location: { file: section.file, line: section.bodyLine + line },
      });
    }
  }
  return warnings;
}

/** Openers (0-based line, the opener's text) with no closing line after them. */
function unclosedOpeners(body: string): { line: number; opener: string }[] {
  const lines = body.split('\n');
  const code = fencedCodeLines(lines);
  const openers: { line: number; colons: number; opener: string }[] = [];
  const closers: { line: number; colons: number }[] = [];
  lines.forEach((text, line) => {
    if (code[line]) return;
    const close = CLOSER.exec(text);
    if (close) closers.push({ line, colons: close[1]!.length });
    const open = OPENER.exec(text);
    if (open) openers.push({ line, colons: open[1]!.length, opener: text.trim() });
  });
  return openers.filter((open) => !closers.some((close) => close.line > open.line && close.colons >= open.colons)).map(({ line, opener }) => ({ line, opener }));
}
