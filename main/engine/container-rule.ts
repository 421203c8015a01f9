/**
 * The `:::` container block rule: markdown-it-container's (4.0.0), with one
 * difference. A container closes at the first later line of as many colons
 * or more with nothing after them, indented less than four spaces, but not
 * at such a line inside fenced code that closes before it: a section's code
 * sample showing a line of colons is code, not the end of the template's
 * container around the section. A fence that nothing closes hides nothing.
 *
 * Tokens are markdown-it-container's: `container_<name>_open` (info: the
 * text after the colons) and `container_<name>_close`.
 */
import type MarkdownIt from 'markdown-it';
import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs';

const COLON = 0x3a;
const MIN_COLONS = 3;
const FENCE_OPENER = /^(`{3,}|~{3,})/;
const FENCE_CLOSER = /^(`{3,}|~{3,})[ \t]*$/;

export function containerRule(md: MarkdownIt, name: string, validate: (params: string) => boolean): void {
  function container(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
    let start = state.bMarks[startLine]! + state.tShift[startLine]!;
    let max = state.eMarks[startLine]!;
    if (state.src.charCodeAt(start) !== COLON) return false;
    let pos = colonsEnd(state.src, start, max);
    const colons = pos - start;
    if (colons < MIN_COLONS) return false;
    const markup = state.src.slice(start, pos);
    const params = state.src.slice(pos, max);
    if (!validate(params)) return false;
    if (silent) return true;

    let nextLine = startLine;
    let autoClosed = false;
    for (;;) {
      nextLine++;
      // Unclosed: closed by the end of the document or of its parent.
      if (nextLine >= endLine) break;
      start = state.bMarks[nextLine]! + state.tShift[nextLine]!;
      max = state.eMarks[nextLine]!;
      // A non-empty line indented less than the block ends it (a list item's end).
      if (start < max && state.sCount[nextLine]! < state.blkIndent) break;
      if (state.sCount[nextLine]! - state.blkIndent >= 4) continue;
      if (state.src.charCodeAt(start) !== COLON) {
        const fenceClose = fenceEnd(state, nextLine, endLine);
        if (fenceClose !== undefined) {
          nextLine = fenceClose;
          start = state.bMarks[nextLine]! + state.tShift[nextLine]!;
        }
        continue;
      }
      pos = colonsEnd(state.src, start, max);
      if (pos - start < colons) continue;
      if (state.skipSpaces(pos) < max) continue;
      autoClosed = true;
      break;
    }

    const oldParent = state.parentType;
    const oldLineMax = state.lineMax;
    state.parentType = 'container' as typeof state.parentType;
    // Lazy continuations never run past the closing line.
    state.lineMax = nextLine;

    const open = state.push(`container_${name}_open`, 'div', 1);
    open.markup = markup;
    open.block = true;
    open.info = params;
    open.map = [startLine, nextLine];
    state.md.block.tokenize(state, startLine + 1, nextLine);
    const close = state.push(`container_${name}_close`, 'div', -1);
    close.markup = state.src.slice(start, pos);
    close.block = true;

    state.parentType = oldParent;
    state.lineMax = oldLineMax;
    state.line = nextLine + (autoClosed ? 1 : 0);
    return true;
  }

  md.block.ruler.before('fence', `container_${name}`, container, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
}

function colonsEnd(src: string, from: number, max: number): number {
  let pos = from;
  while (pos < max && src.charCodeAt(pos) === COLON) pos++;
  return pos;
}

/** The line closing a code fence opened at `line` (indented less than four), before endLine; undefined when none does. */
function fenceEnd(state: StateBlock, line: number, endLine: number): number | undefined {
  const opener = FENCE_OPENER.exec(lineText(state, line))?.[1];
  if (!opener) return undefined;
  // A backtick fence's info string has no backtick (CommonMark): "```a`b" is text.
  if (opener[0] === '`' && lineText(state, line).slice(opener.length).includes('`')) return undefined;
  for (let next = line + 1; next < endLine; next++) {
    const start = state.bMarks[next]! + state.tShift[next]!;
    if (start < state.eMarks[next]! && state.sCount[next]! < state.blkIndent) return undefined;
    if (state.sCount[next]! - state.blkIndent >= 4) continue;
    const closer = FENCE_CLOSER.exec(lineText(state, next))?.[1];
    if (closer && closer[0] === opener[0] && closer.length >= opener.length) return next;
  }
  return undefined;
}

/** A line's text after its indent. */
function lineText(state: StateBlock, line: number): string {
  return state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]);
}
