/**
 * Highlighting for `.hbs` files, which are Handlebars over brief markup
 * (Markdown with `:::` containers). The Markdown parser is taught two more
 * things: `{{…}}` mustaches as inline elements (with their delimiters, the
 * block keyword or helper, partial names and strings told apart), and `:::`
 * container fences as lines of their own. Highlighting only: the engine in
 * main is what checks a template.
 */
import { defineLanguageFacet, Language, languageDataProp, LanguageSupport } from '@codemirror/language';
import { Tag, tags } from '@lezer/highlight';
import { GFM, parser as markdownParser, type BlockContext, type Element, type InlineContext, type Line, type MarkdownConfig } from '@lezer/markdown';

/** Highlight tags of our own, styled in editor-theme.ts. */
export const mustacheTags = {
  mark: Tag.define(),
  keyword: Tag.define(tags.controlKeyword),
  partial: Tag.define(tags.name),
  variable: Tag.define(tags.variableName),
  comment: tags.blockComment,
  string: tags.string,
  fence: Tag.define(tags.meta),
  fenceKind: Tag.define(tags.keyword),
};

const BRACE = 123; // {

const mustache: MarkdownConfig = {
  defineNodes: [
    { name: 'Mustache', style: mustacheTags.variable },
    { name: 'MustacheComment', style: mustacheTags.comment },
    { name: 'MustacheMark', style: mustacheTags.mark },
    { name: 'MustacheKeyword', style: mustacheTags.keyword },
    { name: 'MustachePartial', style: mustacheTags.partial },
    { name: 'MustacheString', style: mustacheTags.string },
    { name: 'ContainerFence', block: true, style: mustacheTags.fence },
    { name: 'ContainerKind', style: mustacheTags.fenceKind },
  ],
  parseInline: [
    {
      name: 'Mustache',
      // Before Markdown's escapes and emphasis, so `{{#each}}` or `{{@index}}` are never read as Markdown.
      before: 'Escape',
      parse: (cx, next, pos) => (next === BRACE && cx.char(pos + 1) === BRACE ? parseMustache(cx, pos) : -1),
    },
  ],
  parseBlock: [
    {
      name: 'ContainerFence',
      before: 'IndentedCode',
      parse: (cx, line) => parseFence(cx, line),
      endLeaf: (_cx, line) => isFence(line),
    },
  ],
};

function parseMustache(cx: InlineContext, from: number): number {
  const rest = cx.slice(from, cx.end);
  if (rest.startsWith('{{!')) {
    const long = rest.startsWith('{{!--');
    const close = long ? rest.indexOf('--}}', 5) : rest.indexOf('}}', 3);
    // An unclosed comment runs to the end of the block, as it does for Handlebars.
    const end = close < 0 ? cx.end : from + close + (long ? 4 : 2);
    return cx.addElement(cx.elt('MustacheComment', from, end));
  }
  const triple = rest.startsWith('{{{');
  const closer = triple ? '}}}' : '}}';
  const close = rest.indexOf(closer, triple ? 3 : 2);
  if (close < 0) return -1;
  const end = from + close + closer.length;
  const inner = rest.slice(0, close);
  const children: Element[] = [];

  // Opening delimiter with its sigil and whitespace control: `{{`, `{{~#`, `{{/`, `{{>`, `{{#>`, `{{^`, `{{&`.
  const open = /^\{\{\{?~?\s*(#>|#\*?|\/|\^|>|&)?/.exec(inner)![0];
  children.push(cx.elt('MustacheMark', from, from + open.length));
  const sigil = open.replace(/[{~\s]/g, '');
  const head = /^(\s*)([^\s()}~"'=]+)/.exec(inner.slice(open.length));
  if (head) {
    const start = from + open.length + head[1]!.length;
    const word = head[2]!;
    const type = sigil.includes('>') ? 'MustachePartial' : sigil || word === 'else' || isHelperCall(inner.slice(open.length)) ? 'MustacheKeyword' : undefined;
    if (type) children.push(cx.elt(type, start, start + word.length));
  }
  for (const match of inner.slice(open.length).matchAll(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g)) {
    const start = from + open.length + match.index;
    children.push(cx.elt('MustacheString', start, start + match[0].length));
  }
  const closeMark = /~?\s*$/.exec(inner)![0];
  // Children may not overlap: in `{{  }}` the spaces belong to the opening mark.
  const closeStart = Math.max(from + open.length, from + close - closeMark.length, children.at(-1)!.to);
  children.push(cx.elt('MustacheMark', closeStart, end));
  return cx.addElement(cx.elt('Mustache', from, end, children));
}

/** `{{formatDate brief.date "long"}}`: a name followed by arguments is a helper call. */
function isHelperCall(content: string): boolean {
  return /^\s*[A-Za-z_][\w-]*\s+[^\s}~]/.test(content);
}

const FENCE = /^(:{3,})[ \t]*([A-Za-z][\w-]*)?/;

function isFence(line: Line): boolean {
  return FENCE.test(line.text.slice(line.pos));
}

/** A `:::` line opening or closing a brief markup container: its own line, the rest read as inline text. */
function parseFence(cx: BlockContext, line: Line): boolean {
  const text = line.text.slice(line.pos);
  const match = FENCE.exec(text);
  if (!match) return false;
  const start = cx.lineStart + line.pos;
  const end = cx.lineStart + line.text.length;
  const children: Element[] = [cx.elt('MustacheMark', start, start + match[1]!.length)];
  if (match[2]) {
    const kindStart = start + match[0].length - match[2].length;
    children.push(cx.elt('ContainerKind', kindStart, kindStart + match[2].length));
  }
  const restStart = start + match[0].length;
  if (restStart < end) children.push(...cx.parser.parseInline(line.text.slice(line.pos + match[0].length), restStart));
  cx.addElement(cx.elt('ContainerFence', start, end, children));
  cx.nextLine();
  return true;
}

/** Handlebars comments are what the editor's toggle-comment writes. */
const languageData = defineLanguageFacet({ commentTokens: { block: { open: '{{!--', close: '--}}' } } });

// Built on the Markdown parser directly (GitHub tables and strike-through, as the engine reads them),
// without the HTML, CSS and JavaScript support a general Markdown mode brings along.
export const handlebarsMarkdownLanguage = new Language(
  languageData,
  markdownParser.configure([GFM, mustache, { props: [languageDataProp.add({ Document: languageData })] }]),
  [],
  'handlebars-markdown',
);

/** Language support for a Handlebars template file that writes brief markup. */
export function handlebarsMarkdown(): LanguageSupport {
  return new LanguageSupport(handlebarsMarkdownLanguage);
}
