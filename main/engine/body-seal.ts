/**
 * A section body is pasted into the template's markup ({{{body}}}) with the
 * template's own lines after it: a quotation container, a heading, the line
 * of colons that closes the section. What the body leaves open would run
 * into them: a code fence never closed turns them into code, printed as
 * they stand, and a stray line of colons closes the template's container
 * early, leaving its closing line printed as text.
 *
 * So the body is sealed before it is pasted: a fence left open is closed at
 * the body's end, a container left open is closed there too, and a line of
 * colons that closes nothing the body opened is escaped (printed as the
 * colons it is, closing nothing). A body with none of these is pasted
 * unchanged.
 *
 * Containers mirror markdown-it-container: one closes at the first later
 * line of as many colons or more with nothing after them, indented less
 * than four spaces; what it holds is read within it. Lines inside fenced
 * code are text.
 */
import { scanFences } from './fenced-code.js';

const OPENER = /^ {0,3}(:{3,})\s*([^\s:].*)$/;
const CLOSER = /^ {0,3}(:{3,})\s*$/;

export interface BodyShape {
  /** The fence (0-based line, its marks) that nothing closes. */
  openFence?: { line: number; mark: string };
  /** Containers running to the body's end (0-based line, colons, the opener's text), outermost first. */
  unclosed: { line: number; colons: number; opener: string }[];
  /** Lines of colons alone (0-based line, the colons) that close no container the body opened. */
  stray: { line: number; colons: string }[];
}

export function bodyShape(body: string): BodyShape {
  const lines = body.split('\n');
  const { code, open } = scanFences(lines);
  const shape: BodyShape = { openFence: open, unclosed: [], stray: [] };
  // Quick test first: most bodies have no container at all.
  if (body.includes(':::')) readContainers(lines, code, 0, lines.length, true, shape);
  return shape;
}

/** Lines from..to (exclusive) as markdown-it-container reads them; atEnd: no closing line follows them. */
function readContainers(lines: readonly string[], code: readonly boolean[], from: number, to: number, atEnd: boolean, shape: BodyShape): void {
  for (let line = from; line < to; line++) {
    if (code[line]) continue;
    const text = lines[line]!;
    const stray = CLOSER.exec(text);
    if (stray) {
      shape.stray.push({ line, colons: stray[1]! });
      continue;
    }
    const open = OPENER.exec(text);
    if (!open) continue;
    const colons = open[1]!.length;
    let close = line + 1;
    while (close < to && (code[close] || !closes(lines[close]!, colons))) close++;
    const closed = close < to;
    if (!closed && atEnd) shape.unclosed.push({ line, colons, opener: text.trim() });
    readContainers(lines, code, line + 1, close, atEnd && !closed, shape);
    line = close;
  }
}

function closes(text: string, colons: number): boolean {
  const close = CLOSER.exec(text);
  return close !== null && close[1]!.length >= colons;
}

/** The body to paste into the template: the same string when nothing in it is left open or stray. */
export function sealBody(body: string): string {
  const shape = bodyShape(body);
  if (!shape.openFence && shape.unclosed.length === 0 && shape.stray.length === 0) return body;
  const lines = body.split('\n');
  for (const { line } of shape.stray) lines[line] = lines[line]!.replace(':', '\\:');
  // Drop the body's trailing newlines so the closing lines follow its last line.
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  // A closing fence is the opener's marks alone (its indent is not needed).
  if (shape.openFence) lines.push(shape.openFence.mark);
  // The outermost closes all it holds, as the end of its parent would.
  const outermost = shape.unclosed[0];
  if (outermost) lines.push(':'.repeat(outermost.colons));
  return `${lines.join('\n')}\n`;
}
