import { describe, expect, it } from 'vitest';
import { handlebarsMarkdownLanguage } from '../../../renderer/src/template-editor/handlebars-markdown.js';

/** The syntax nodes the editor highlights, as `Name:text`, in document order. */
function nodes(text: string, names = /^(Mustache|Container|ATXHeading|StrongEmphasis|BulletList)/): string[] {
  const found: string[] = [];
  handlebarsMarkdownLanguage.parser.parse(text).iterate({
    enter: (node) => {
      if (names.test(node.name)) found.push(`${node.name}:${text.slice(node.from, node.to)}`);
    },
  });
  return found;
}

describe('Handlebars over brief markup, as the editor reads it', () => {
  it('tells a mustache’s delimiters, block keyword and partial name apart', () => {
    expect(nodes('{{#each sections}}\n{{> title-block}}\n{{/each}}\n')).toEqual([
      'Mustache:{{#each sections}}',
      'MustacheMark:{{#',
      'MustacheKeyword:each',
      'MustacheMark:}}',
      'Mustache:{{> title-block}}',
      'MustacheMark:{{>',
      'MustachePartial:title-block',
      'MustacheMark:}}',
      'Mustache:{{/each}}',
      'MustacheMark:{{/',
      'MustacheKeyword:each',
      'MustacheMark:}}',
    ]);
  });

  it('reads helpers with their string arguments, triple mustaches, `else` and whitespace control', () => {
    expect(nodes('{{formatDate brief.date "long"}}')).toEqual(['Mustache:{{formatDate brief.date "long"}}', 'MustacheMark:{{', 'MustacheKeyword:formatDate', 'MustacheString:"long"', 'MustacheMark:}}']);
    expect(nodes('{{{id}}} {{~else~}} {{title}}').filter((n) => !n.startsWith('MustacheMark'))).toEqual(['Mustache:{{{id}}}', 'Mustache:{{~else~}}', 'MustacheKeyword:else', 'Mustache:{{title}}']);
  });

  it('keeps Handlebars comments whole, across lines, and Markdown from reading inside mustaches', () => {
    expect(nodes('{{!-- a *note*\n  on two lines --}}\nText')).toEqual(['MustacheComment:{{!-- a *note*\n  on two lines --}}']);
    expect(nodes('- {{portion}}**{{title}}.** {{summary}}\n', /^(Mustache|StrongEmphasis|Emphasis)$/)).toEqual([
      'Mustache:{{portion}}',
      'StrongEmphasis:**{{title}}.**',
      'Mustache:{{title}}',
      'Mustache:{{summary}}',
    ]);
    expect(nodes('{{note "*draft*"}} and *real*', /^(Emphasis|MustacheString)$/)).toEqual(['MustacheString:"*draft*"', 'Emphasis:*real*']);
  });

  it('reads `:::` container fences as their own lines, mustaches included, and headings around them', () => {
    expect(nodes('::::: section {{{id}}}\n## {{number}}. {{title}}\n:::::\n', /^(Container|Mustache$|ATXHeading)/)).toEqual([
      'ContainerFence:::::: section {{{id}}}',
      'ContainerKind:section',
      'Mustache:{{{id}}}',
      'ATXHeading2:## {{number}}. {{title}}',
      'Mustache:{{number}}',
      'Mustache:{{title}}',
      'ContainerFence::::::',
    ]);
    // A fence interrupts a paragraph, as the engine reads it.
    expect(nodes('Some text\n::: style note\n', /^ContainerFence/)).toEqual(['ContainerFence:::: style note']);
  });

  it('leaves half-typed mustaches alone instead of breaking', () => {
    expect(nodes('Closing note: {{brief.title}\n')).toEqual([]);
    expect(nodes('{{  }} and {{~}}').filter((n) => n.startsWith('Mustache:'))).toEqual(['Mustache:{{  }}', 'Mustache:{{~}}']);
    expect(nodes('{{!-- never closed\n\nnext paragraph')[0]).toBe('MustacheComment:{{!-- never closed');
  });
});
