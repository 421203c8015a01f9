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
  let fence: string | undefined;
  return lines.map((line) => {
    if (fence !== undefined) {
      const mark = CLOSING_FENCE.exec(line)?.[1];
      if (mark && mark[0] === fence[0] && mark.length >= fence.length) fence = undefined;
      return true;
    }
    fence = FENCE.exec(line)?.[1];
    return fence !== undefined;
  });
}
