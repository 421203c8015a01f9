import { describe, expect, it } from 'vitest';
import { BriefError } from '../../main/engine/errors.js';
import { parseMarkup, slugify } from '../../main/engine/markup.js';
import type { Block } from '../../main/engine/model.js';

const parse = (text: string): Block[] => parseMarkup(text, { file: 'memo/brief.hbs' }).blocks;

describe('parseMarkup', () => {
  it('maps headings, paragraphs and inline styles', () => {
    const blocks = parse('# Space {#space}\n\nThe **treaty** covers *outer* space, see [Art. 5](https://example.org) and `code`.\n');
    expect(blocks[0]).toEqual({ type: 'heading', level: 1, id: 'space', runs: [{ text: 'Space' }] });
    expect(blocks[1]).toEqual({
      type: 'paragraph',
      runs: [
        { text: 'The ' },
        { text: 'treaty', bold: true },
        { text: ' covers ' },
        { text: 'outer', italic: true },
        { text: ' space, see ' },
        { text: 'Art. 5', href: 'https://example.org' },
        { text: ' and ' },
        { text: 'code', code: true },
        { text: '.' },
      ],
    });
  });

  it('gives headings unique slug ids and honours .unlisted', () => {
    const blocks = parse('## Key points\n\n## Key points\n\n### Title {.unlisted}\n');
    expect(blocks.map((b) => (b.type === 'heading' ? [b.id, b.outline] : null))).toEqual([
      ['key-points', undefined],
      ['key-points-2', undefined],
      ['title', false],
    ]);
  });

  it('keeps braces that are not heading attributes', () => {
    const [heading] = parse('## Budget {2023 figures}\n');
    expect(heading).toMatchObject({ runs: [{ text: 'Budget {2023 figures}' }] });
  });

  it('builds nested lists with their start numbers', () => {
    const [list] = parse('3. one\n4. two\n   - a\n   - b\n');
    expect(list).toMatchObject({ type: 'list', ordered: true, start: 3 });
    if (list?.type !== 'list') throw new Error('not a list');
    expect(list.items).toHaveLength(2);
    expect(list.items[1]![1]).toMatchObject({ type: 'list', ordered: false, items: [[{ runs: [{ text: 'a' }] }], [{ runs: [{ text: 'b' }] }]] });
  });

  it('parses the brief containers', () => {
    const blocks = parse(
      [
        '::::: section space-agreement',
        '::: callout key-facts Key facts',
        '- Article 5 applies',
        ':::',
        '::: quote Bill Nelson, NASA Administrator, 13 January 2023',
        '“Space unites us,”',
        ':::',
        '::: style subtitle',
        'A subtitle',
        ':::',
        '::: page-break',
        ':::',
        '::: toc Contents',
        ':::',
        '::: space 12',
        ':::',
        ':::::',
      ].join('\n'),
    );
    expect(blocks).toHaveLength(1);
    const section = blocks[0]!;
    if (section.type !== 'section') throw new Error('not a section');
    expect(section.id).toBe('space-agreement');
    expect(section.blocks.map((b) => b.type)).toEqual(['callout', 'quote', 'paragraph', 'page-break', 'toc', 'space']);
    expect(section.blocks[0]).toMatchObject({ kind: 'key-facts', title: 'Key facts' });
    expect(section.blocks[1]).toMatchObject({ attribution: [{ text: 'Bill Nelson, NASA Administrator, 13 January 2023' }] });
    expect(section.blocks[2]).toMatchObject({ style: 'subtitle', runs: [{ text: 'A subtitle' }] });
    expect(section.blocks[4]).toEqual({ type: 'toc', title: 'Contents' });
    expect(section.blocks[5]).toEqual({ type: 'space', height: 12 });
  });

  it('sets a picture inside a paragraph as a figure between the text before and after it', () => {
    const blocks = parse('Text with **bold ![A chart](a.assets/c.png "width=96") still bold** and end.\n\nSee [![Badge](b.png)](https://example.org) here.\n');
    expect(blocks).toEqual([
      { type: 'paragraph', runs: [{ text: 'Text with ' }, { text: 'bold', bold: true }] },
      { type: 'image', src: 'a.assets/c.png', alt: 'A chart', width: 96 },
      { type: 'paragraph', runs: [{ text: 'still bold', bold: true }, { text: ' and end.' }] },
      // A picture that is a link's text leaves its alt text as the link's text.
      { type: 'paragraph', runs: [{ text: 'See ' }, { text: 'Badge', href: 'https://example.org' }] },
      { type: 'image', src: 'b.png', alt: 'Badge' },
      { type: 'paragraph', runs: [{ text: 'here.' }] },
    ]);
  });

  it('parses tables with alignment and images with a width', () => {
    const blocks = parse('| Item | Range |\n|:--|--:|\n| Missile | 900–1,800 mi |\n\n![Seal](images/seal.png "width=96")\n');
    expect(blocks[0]).toEqual({
      type: 'table',
      align: ['left', 'right'],
      header: [[{ text: 'Item' }], [{ text: 'Range' }]],
      rows: [[[{ text: 'Missile' }], [{ text: '900–1,800 mi' }]]],
    });
    expect(blocks[1]).toEqual({ type: 'image', src: 'images/seal.png', alt: 'Seal', width: 96 });
  });

  it('reads a line of colons inside closed fenced code as code, not as the end of the container around it', () => {
    const blocks = parse(['::: style note', '~~~~', ':::', '~~~~', 'After.', ':::', '', 'Outside.'].join('\n'));
    expect(blocks).toMatchObject([{ type: 'code', text: ':::' }, { type: 'paragraph', style: 'note', runs: [{ text: 'After.' }] }, { type: 'paragraph', runs: [{ text: 'Outside.' }] }]);
    expect(blocks[2]).not.toHaveProperty('style');
    // A fence that nothing closes hides nothing: the container still closes at its line.
    const open = parse(['::: style note', '```', 'code', ':::', '', 'Outside.'].join('\n'));
    expect(open).toMatchObject([{ type: 'code', text: 'code' }, { type: 'paragraph', runs: [{ text: 'Outside.' }] }]);
    expect(open[1]).not.toHaveProperty('style');
  });

  it('reports an unknown container with its line', () => {
    let caught: unknown;
    try {
      parse('Intro\n\n::: sidebar\ntext\n:::\n');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BriefError);
    expect((caught as BriefError).code).toBe('MARKUP_INVALID');
    expect((caught as BriefError).location).toEqual({ file: 'memo/brief.hbs', line: 3, column: 1 });
    expect((caught as BriefError).message).toMatch(/unknown container `::: sidebar`/);
  });

  it('reports a bad picture title at the picture, also inside a paragraph of several lines', () => {
    const at = (markup: string) => {
      try {
        parseMarkup(markup, { file: 'notes.md', lineOffset: 4 });
      } catch (error) {
        return (error as BriefError).location;
      }
      throw new Error('accepted');
    };
    expect(at('![x](p.png "width=abc")\n')).toEqual({ file: 'notes.md', line: 5, column: 1 });
    expect(at('Intro\nline two\nline three ![x](p.png "width=abc") end\n')).toEqual({ file: 'notes.md', line: 7, column: 12 });
  });

  it('rejects headings deeper than level 3 with a location', () => {
    expect(() => parse('\n#### Deep\n')).toThrow(/heading level 4/);
  });

  it('keeps Japanese text intact', () => {
    expect(parse('Prime Minister Fumio Kishida (岸田文雄)')[0]).toEqual({ type: 'paragraph', runs: [{ text: 'Prime Minister Fumio Kishida (岸田文雄)' }] });
    expect(slugify('岸田 文雄 (Kishida)')).toBe('岸田-文雄-kishida');
  });
});

describe('escaped values in markup', () => {
  it('shows escaped text after a container name literally', () => {
    const [quote] = parse('::: quote U\\.S\\. Secretary \\*of\\* Defense \\[x\\]\nText\n:::\n');
    expect(quote).toMatchObject({ attribution: [{ text: 'U.S. Secretary *of* Defense [x]' }] });
  });

  it('does not take an escaped {#id} at the end of a heading as attributes', () => {
    const [heading] = parse('## Budget \\{\\#x\\}\n');
    expect(heading).toMatchObject({ id: 'budget-x', runs: [{ text: 'Budget {#x}' }] });
    expect((heading as { outline?: boolean }).outline).toBeUndefined();
  });
});
