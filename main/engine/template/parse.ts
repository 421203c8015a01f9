/**
 * Parsing template source with errors that point at the right place. Parse
 * errors from Handlebars' generated parser carry their position only in the
 * message text; the lexer's last token position is read right after the
 * failure (parsing is synchronous, so nothing else has moved it).
 */
import Handlebars from 'handlebars';
import { BriefError } from '../errors.js';
import { findUnclosedBlock } from './unclosed-blocks.js';

const TOKEN_NAMES: Record<string, string> = {
  CLOSE: '`}}`',
  CLOSE_UNESCAPED: '`}}}`',
  CLOSE_RAW_BLOCK: '`}}}}`',
  OPEN_SEXPR: '`(`',
  CLOSE_SEXPR: '`)`',
  ID: 'a name',
  STRING: 'a quoted string',
  NUMBER: 'a number',
  BOOLEAN: '`true` or `false`',
  UNDEFINED: '`undefined`',
  NULL: '`null`',
  DATA: 'an @variable',
  SEP: '`.` or `/`',
  EQUALS: '`=`',
  EOF: 'the end of the file',
  INVALID: 'something Handlebars cannot read here',
  OPEN_BLOCK_PARAMS: '`as |name|`',
  CLOSE_BLOCK_PARAMS: '`|`',
  OPEN_ENDBLOCK: 'a closing `{{/…}}`',
  OPEN_INVERSE: '`{{^`',
  OPEN_INVERSE_CHAIN: '`{{else …}}`',
  INVERSE: '`{{else}}`',
  OPEN: '`{{`',
  OPEN_UNESCAPED: '`{{{`',
  OPEN_BLOCK: '`{{#`',
  OPEN_PARTIAL: '`{{>`',
  OPEN_PARTIAL_BLOCK: '`{{#>`',
  CONTENT: 'text',
  COMMENT: 'a comment',
};

interface LexerPosition {
  first_line: number;
  first_column: number;
}

/**
 * The file's syntax tree as written: whitespace control (`~`, standalone
 * lines) is applied when it is compiled (`Handlebars.precompile` of this
 * tree), so the file is read by Handlebars' parser once, not twice.
 */
export function parseTemplate(source: string, file: string): hbs.AST.Program {
  try {
    return Handlebars.parseWithoutProcessing(source);
  } catch (error) {
    // A block left open is best shown at its opening tag, not where the parser gave up.
    const unclosed = findUnclosedBlock(source, file);
    if (unclosed) throw new BriefError('TEMPLATE_SYNTAX', `Handlebars syntax: ${unclosed.message}`, { location: unclosed.location });
    throw syntaxError(error, file);
  }
}

/** A Handlebars parse or compile failure as a 'TEMPLATE_SYNTAX' BriefError at file:line:column. */
export function syntaxError(error: unknown, file: string): BriefError {
  const raw = error instanceof Error ? error.message : String(error);
  const located = error as { lineNumber?: unknown; column?: unknown };
  if (typeof located.lineNumber === 'number') {
    // Handlebars' own exceptions: "if doesn't match each - 2:5" (column from 0).
    const message = raw.replace(/ - \d+:\d+$/, '');
    return new BriefError('TEMPLATE_SYNTAX', `Handlebars syntax: ${message}.`, {
      location: { file, line: located.lineNumber, column: Number(located.column ?? 0) + 1 },
    });
  }
  const parser = (Handlebars as unknown as { Parser?: { lexer?: { yylloc?: LexerPosition } } }).Parser;
  const position = parser?.lexer?.yylloc;
  const location = position ? { file, line: position.first_line, column: position.first_column + 1 } : { file };
  return new BriefError('TEMPLATE_SYNTAX', `Handlebars syntax: ${describeParseError(raw)}`, { location });
}

function describeParseError(message: string): string {
  if (message.startsWith('Lexical error')) {
    return 'text Handlebars cannot read, such as an unclosed `{{!--` comment or a stray `{{`.';
  }
  const match = /Expecting (.+), got '([^']+)'/.exec(message);
  if (!match) return `${message.split('\n')[0]}.`;
  const expected = [...match[1]!.matchAll(/'([^']+)'/g)].map((m) => TOKEN_NAMES[m[1]!] ?? m[1]!);
  const unique = [...new Set(expected)];
  const shown = unique.slice(0, 4).join(', ') + (unique.length > 4 ? ' …' : '');
  const found = TOKEN_NAMES[match[2]!] ?? match[2]!;
  return `found ${found} where ${shown} was expected.`;
}
