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
});
