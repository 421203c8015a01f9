import fc from 'fast-check';
import Handlebars from 'handlebars';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMarkup } from '../../../main/engine/markup.js';
import type { Block } from '../../../main/engine/model.js';
import { buildTemplateContext, loadTemplate } from '../../../main/engine/template/index.js';
import { escapeMarkdown } from '../../../main/engine/template/markdown-escape.js';
import { makeSection, makeSpec, removeTemplates, writeTemplate } from './support.js';

afterAll(removeTemplates);

const textOf = (blocks: Block[]): string => {
  expect(blocks).toHaveLength(1);
  const block = blocks[0]!;
  if (block.type !== 'paragraph' && block.type !== 'heading') throw new Error(`expected one paragraph or heading, got ${block.type}`);
  for (const run of block.runs) {
    expect(run.bold).toBeUndefined();
    expect(run.italic).toBeUndefined();
    expect(run.code).toBeUndefined();
    expect(run.href).toBeUndefined();
  }
  return block.runs.map((r) => r.text).join('');
};

const asParagraph = (value: string): string => textOf(parseMarkup(`${escapeMarkdown(value)}\n`, { file: 't' }).blocks);
const asHeading = (value: string): string => textOf(parseMarkup(`## ${escapeMarkdown(value)}\n`, { file: 't' }).blocks);

describe('escapeMarkdown', () => {
  it('backslash-escapes characters that mean something anywhere in a line', () => {
    expect(escapeMarkdown('a*b_c`d[e](f)#g|l~m{n}o<p>q\\r&s')).toBe('a\\*b\\_c\\`d\\[e\\](f)\\#g\\|l\\~m\\{n\\}o\\<p\\>q\\\\r\\&s');
  });

  it('escapes line-start markers only at the start, and leaves ordinary punctuation alone', () => {
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('+ item')).toBe('\\+ item');
    expect(escapeMarkdown('12. item')).toBe('12\\. item');
    expect(escapeMarkdown('3) item')).toBe('3\\) item');
    expect(escapeMarkdown('===')).toBe('\\===');
    expect(escapeMarkdown('::: callout')).toBe('\\::: callout');
    expect(escapeMarkdown('U.S.–Japan anti-ship (2+2) talks! 1. x')).toBe('U.S.–Japan anti-ship (2+2) talks! 1. x');
  });

  it('turns newlines and tabs into spaces, drops leading spaces and keeps at most one trailing', () => {
    expect(escapeMarkdown('one\ntwo\r\nthree\tfour')).toBe('one two three four');
    expect(escapeMarkdown('    indented  ')).toBe('indented ');
    expect(escapeMarkdown('(U) ')).toBe('(U) ');
    expect(escapeMarkdown('\n- after a newline')).toBe('\\- after a newline');
  });

  it('writes null and undefined as nothing and numbers as digits', () => {
    expect(escapeMarkdown(undefined)).toBe('');
    expect(escapeMarkdown(null)).toBe('');
    expect(escapeMarkdown(42)).toBe('42');
    expect(escapeMarkdown(false)).toBe('false');
  });

  it('refuses lists and objects with a hint', () => {
    expect(() => escapeMarkdown(['a'])).toThrow(/join/);
    expect(() => escapeMarkdown({ a: 1 })).toThrow(/fields/);
  });

  it.each([
    ['emphasis', 'A *bold* and _italic_ claim'],
    ['a heading marker', '# Not a heading'],
    ['a link', 'See [x](y) and ![img](seal.png)'],
    ['a container line', '::: callout note Injected'],
    ['a list item', '- not a list'],
    ['an ordered list item', '1. not a list'],
    ['a block quote', '> not a quote'],
    ['a setext underline', '==='],
    ['an entity', 'AT&amp;T &copy;'],
    ['html', '<b>bold</b> <script>x</script>'],
    ['a table row', '| a | b |'],
    ['code', '`rm -rf`'],
    ['a hard break', 'line\\'],
  ])('keeps %s literal in a paragraph and a heading', (_what, value) => {
    expect(asParagraph(value)).toBe(value);
    expect(asHeading(value)).toBe(value);
  });

  it('keeps a container line literal even at the start of a line inside a container', () => {
    const markup = `::: callout note Title\n${escapeMarkdown('::: page-break')}\n${escapeMarkdown(':::')}\n:::\n`;
    const blocks = parseMarkup(markup, { file: 't' }).blocks;
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatchObject({ type: 'callout', kind: 'note', blocks: [{ type: 'paragraph', runs: [{ text: '::: page-break :::' }] }] });
  });

  it('shows any text literally after the markup parser (property)', () => {
    const alphabet = fc.constantFrom(...'ab Z09*_`[]()#+-.!|~{}<>:=&\\;/"\'é–漢\n\t'.split(''));
    // The typographer sets curly quotes, dashes and ellipses (on purpose): compare with those straightened.
    const straighten = (text: string) => text.replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/—/g, '---').replace(/–/g, '--').replace(/…/g, '...');
    fc.assert(
      fc.property(fc.array(alphabet, { minLength: 1, maxLength: 40 }).map((chars) => chars.join('')), (value) => {
        const expected = value.replace(/\n+/g, ' ').replace(/\t/g, ' ').trim();
        fc.pre(expected !== '');
        expect(straighten(asParagraph(value))).toBe(straighten(expected));
      }),
      { numRuns: 1000 },
    );
  });

  it('applies to template environments only: Handlebars elsewhere keeps its HTML escaping', async () => {
    const dir = writeTemplate({ 'template.yaml': 'name: T\n', 'brief.hbs': '{{brief.title}}|{{{brief.title}}}\n' });
    const template = await loadTemplate(dir, { builtInDir: '/nonexistent' });
    const context = buildTemplateContext(makeSpec({ title: '<b>*A&B*</b>' }), [makeSection('alpha')], template);
    expect(template.renderMarkup(context)).toBe('\\<b\\>\\*A\\&B\\*\\</b\\>|<b>*A&B*</b>\n');
    expect(Handlebars.compile('{{x}}')({ x: '<b>*A&B*</b>' })).toBe('&lt;b&gt;*A&amp;B*&lt;/b&gt;');
    expect(Handlebars.create().compile('{{x}}')({ x: '<i>' })).toBe('&lt;i&gt;');
  });
});
