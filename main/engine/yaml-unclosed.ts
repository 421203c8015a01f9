/**
 * Where a YAML text opens something it never closes: a quote, or a flow
 * list `[` or mapping `{`. The parser notices only where the text ends (a
 * line or more further down, often the line after the file's last); the user
 * needs to be shown the opening itself.
 */
import { Parser } from 'yaml';

export interface Unclosed {
  /** Offset of the opening quote or bracket in the text. */
  offset: number;
  /** What is wrong, in words, as said at the opening. */
  problem: string;
}

interface Token {
  type?: unknown;
  offset?: unknown;
  source?: unknown;
  start?: Token;
  end?: Token[];
}

/** The quote opened at or before `errorOffset` that never closes, if any. */
export function unclosedQuote(text: string, errorOffset: number): Unclosed | undefined {
  let found: number | undefined;
  visitTokens(text, (token) => {
    const { type, offset, source } = token;
    if ((type === 'double-quoted-scalar' || type === 'single-quoted-scalar') && typeof offset === 'number' && typeof source === 'string' && offset <= errorOffset) {
      const quote = source[0];
      if (source.length < 2 || !source.trimEnd().endsWith(quote!)) found = offset;
    }
  });
  return found === undefined ? undefined : { offset: found, problem: 'the quote that opens here is never closed' };
}

/**
 * The innermost `[` or `{` opened at or before `errorOffset` that its own
 * bracket never closes (`[a, b` at the end of a line, or `[a, b}`), if any.
 */
export function unclosedFlowCollection(text: string, errorOffset: number): Unclosed | undefined {
  let found: { offset: number; bracket: string } | undefined;
  visitTokens(text, (token) => {
    if (token.type !== 'flow-collection' || !token.start) return;
    const { offset, source } = token.start;
    if (typeof offset !== 'number' || offset > errorOffset || (found && found.offset > offset)) return;
    const closer = source === '[' ? 'flow-seq-end' : 'flow-map-end';
    if (!(token.end ?? []).some((end) => end.type === closer)) found = { offset, bracket: String(source) };
  });
  if (!found) return undefined;
  const list = found.bracket === '[';
  return { offset: found.offset, problem: `the ${found.bracket} that opens here is never closed: end the ${list ? 'list' : 'mapping'} with ${list ? ']' : '}'}` };
}

function visitTokens(text: string, visit: (token: Token) => void): void {
  const walk = (token: unknown): void => {
    if (Array.isArray(token)) {
      for (const child of token) walk(child);
      return;
    }
    if (!token || typeof token !== 'object') return;
    visit(token);
    for (const value of Object.values(token)) walk(value);
  };
  for (const token of new Parser().parse(text)) walk(token);
}
