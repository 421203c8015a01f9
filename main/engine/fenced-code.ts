/**
 * Which lines of a Markdown text are fenced code (the fence lines included):
 * what looks like a heading, a container or a table row there is text. A
 * fence opens with three or more backticks or tildes (indented up to three
 * spaces) and closes at a later line of the same character, at least as
 * long, with nothing after it.
 */
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** A closing fence has nothing after its marks (an opening one may name a language). */
const CLOSING_FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

export function fencedCodeLines(lines: readonly string[]): boolean[] {
  return scanFences(lines).code;
}

/** Which lines are fenced code, and the fence still open after the last line (0-based line of its opener, its marks), if any. */
export function scanFences(lines: readonly string[]): { code: boolean[]; open?: { line: number; mark: string } } {
  let open: { line: number; mark: string } | undefined;
  const code = lines.map((line, index) => {
    if (open) {
      const mark = CLOSING_FENCE.exec(line)?.[1];
      if (mark && mark[0] === open.mark[0] && mark.length >= open.mark.length) open = undefined;
      return true;
    }
    const mark = FENCE.exec(line)?.[1];
    if (mark) open = { line: index, mark };
    return mark !== undefined;
  });
  return { code, open };
}
