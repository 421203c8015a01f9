/**
 * The markup memos (paragraphs' finished inline tokens, their runs, heading
 * slugs, whole markups seen twice) give the models a parse without them
 * gives, whatever was parsed before: the same paragraph in another document,
 * under link references or footnotes, in another language.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseMarkup, setMarkupMemoEnabled, type MarkupOptions } from '../../main/engine/markup.js';
import type { DocumentModel } from '../../main/engine/model.js';

function afresh(markup: string, options: MarkupOptions): DocumentModel {
  setMarkupMemoEnabled(false);
  try {
    return parseMarkup(markup, options);
  } finally {
    setMarkupMemoEnabled(true);
  }
}

const shared = 'The "treaty" -- signed in *January* -- covers [outer space][ref] and [Art. 5](https://example.org)...';

const documents: [string, MarkupOptions][] = [
  [`# Key points\n\n${shared}\n\n- ${shared}\n- 'Second' item\n`, { file: 'a.md' }],
  // The same paragraph where `[outer space][ref]` is a link.
  [`# Key points\n\n${shared}\n\n[ref]: https://example.org/space\n`, { file: 'b.md' }],
  // And where footnotes are numbered across the document.
  [`Before[^n] the text.\n\n${shared}\n\n[^n]: A note on ${shared}\n`, { file: 'c.md' }],
  [`${shared}\n\n# Key points\n\n## Key points\n`, { file: 'd.md', lang: 'fr-FR' }],
  [`# Key points\n\n${shared}\n\n- ${shared}\n- 'Second' item\n`, { file: 'a.md' }],
  [`::: callout note Note\n${shared}\n:::\n\n| A | B |\n|---|---|\n| ${shared.replace(/\|/g, '')} | 1,550 |\n\nTable: Figures\n`, { file: 'e.md', lang: 'de' }],
];

describe('markup memos', () => {
  afterEach(() => setMarkupMemoEnabled(true));

  it('give the models of a parse without them, over documents that share paragraphs', () => {
    // Switching the memos empties them: the expected models first, then every parse with the memos kept.
    const expected = documents.map(([markup, options]) => afresh(markup, options));
    for (let round = 0; round < 3; round++) {
      documents.forEach(([markup, options], i) => {
        expect(parseMarkup(markup, options), `${options.file}, round ${round}`).toEqual(expected[i]);
      });
    }
  });

  it('resolve a reference link only where the document defines it', () => {
    const runs = (markup: string) => (parseMarkup(markup, { file: 'x.md' }).blocks[0] as { runs: { text: string; href?: string }[] }).runs;
    expect(runs(`${shared}\n`).some((run) => run.href === 'https://example.org/space')).toBe(false);
    expect(runs(`${shared}\n\n[ref]: https://example.org/space\n`).some((run) => run.href === 'https://example.org/space')).toBe(true);
    expect(runs(`${shared}\n`).some((run) => run.href === 'https://example.org/space')).toBe(false);
  });

  it('hand out models that the caller may change without changing the next parse', () => {
    const markup = `# Title\n\n${shared}\n`;
    for (let i = 0; i < 3; i++) {
      const model = parseMarkup(markup, { file: 'y.md' });
      const paragraph = model.blocks[1] as { runs: { text: string }[] };
      expect(paragraph.runs[0]!.text).toBe('The “treaty” – signed in ');
      paragraph.runs[0]!.text = 'changed';
      (model.blocks[0] as { id: string }).id = 'changed';
    }
    const model = parseMarkup(markup, { file: 'y.md' });
    expect(model).toEqual(afresh(markup, { file: 'y.md' }));
  });

  it('give the models of a parse without them on random documents cut in pieces, edited one block at a time', () => {
    // Blocks that start, continue or close every kind of block, so cuts fall everywhere a parser could disagree.
    const blocks = [
      'Plain paragraph with "quotes" -- and more...', 'Another line\nof text', '# Key points', '## Key points {#key}', '### Title {.unlisted}', '## Key points',
      '- item one', '- item two\n  continued item', '- item\n\n  second paragraph', '1. first\n2) second', '10. tenth', '* star item', '+ plus item', '    indented code', '\tcode after a tab',
      '> a quotation', '> a quotation\n> — Speaker, role', '| A | B |\n|---|---:|\n| 1 | 2,500 |', 'Table: Figures', 'Figure: A figure', '![alt](pic.png)',
      '::: callout note Note\nInside the callout.\n:::', ':::: callout key-facts Key facts\n- fact\n\n  ::: style note\n  Source 1\n  :::\n::::', '::::: section alpha\n## Key points\n\n- a\n\n- b\n:::::',
      '::::: section beta', ':::::', ':::', '::: style note', '    ::: style note\n    :::', '---', 'Title underlined\n===', '2023 was a year', '“Quoted” start', 'Éclair', '[link](https://example.org) text', '***', '_under_ score',
    ];
    // Blocks after which a document is parsed whole: fences, link references, footnotes, containers indented one to three spaces.
    const wholeOnly = ['```\ncode\n\n- not a list\n```', '~~~ info', '[ref]: https://example.org/ref', 'See [ref] and[^n].', '[^n]: A note.', '  ::: style note\n  text\n  :::', '  ::: callout note Note\n\nA paragraph inside\n\n  :::', '::: callout note | A\n|---|---|\n:::\nText right after'];
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const documents: string[] = [];
    for (let d = 0; d < 200; d++) {
      // Every fourth document may also hold one kind of block that has it parsed whole.
      const pool = d % 4 === 3 ? [...blocks, wholeOnly[(d >> 2) % wholeOnly.length]!, wholeOnly[(d >> 2) % wholeOnly.length]!] : blocks;
      const block = () => pool[random(pool.length)]!;
      const doc = Array.from({ length: 4 + random(16) }, block);
      // Mostly a blank line between blocks, sometimes none, sometimes two.
      const joins = doc.map(() => ['\n\n', '\n\n', '\n\n', '\n', '\n\n\n'][random(5)]!);
      const text = () => doc.map((b, i) => b + joins[i]).join('');
      documents.push(text());
      // The same document with one block changed, as an edit would.
      for (let e = 0; e < 3; e++) {
        doc[random(doc.length)] = block();
        documents.push(text());
      }
    }
    const parseQuietly = (markup: string): DocumentModel | string => {
      try {
        return parseMarkup(markup, { file: 'random.md' });
      } catch (error) {
        return String(error);
      }
    };
    setMarkupMemoEnabled(false);
    const expected = documents.map(parseQuietly);
    setMarkupMemoEnabled(true);
    for (let round = 0; round < 2; round++) {
      documents.forEach((markup, i) => expect(parseQuietly(markup), `document ${i}, round ${round}:\n${markup}`).toEqual(expected[i]));
    }
  });
});
