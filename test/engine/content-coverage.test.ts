import { describe, expect, it } from 'vitest';
import { contentLeftOut, normalize, printedAmong } from '../../main/engine/content-coverage.js';
import { parseMarkup } from '../../main/engine/markup.js';
import { makeSection } from './template/support.js';

const model = (markup: string) => parseMarkup(markup, { file: 'test' });

describe('contentLeftOut', () => {
  const section = makeSection('alpha', {
    summary: 'The summary says what the section is about.',
    quotes: [{ text: 'Space unites us in a common cause today.', speaker: 'A. Speaker', role: 'Minister', date: '2023-01-13', source: 'report' }],
    key_facts: [{ text: 'Four new launch sites by 2030.', source: 'report' }],
    body: '### Background\n\nThe first paragraph of the body is here.\n\nThe second paragraph of the body is here.\n\n- An item of the list.\n- Another item.\n',
  });

  it('finds pieces printed as they are, inside quote marks and run into other text', () => {
    const printed = model(
      [
        'In short: The summary says what the section is about. And more.',
        '### Background',
        'The first paragraph of the body is here.',
        'The second paragraph of the body is here.',
        '- An item of the list.\n- Another item.',
        '> “Space unites us in a common cause today.” — A. Speaker',
        'Key fact: Four new launch sites by 2030. (report)',
        'Sources: Alliance report, Daily Paper.',
      ].join('\n\n'),
    );
    expect(contentLeftOut({ templateId: 't', sections: [section], sourceTitles: ['Alliance report'], model: printed })).toEqual([]);
  });

  it('names what is left out, though its words appear elsewhere', () => {
    const printed = model(
      [
        'The summary says what the section is about.',
        'The first paragraph of the body is here.',
        // Every word of the second paragraph and of the quotation, but not the texts themselves.
        'The second is here; the paragraph of the body. Space unites us today in a common cause.',
        '- An item of the list.\n- Another item.',
        'Four new launch sites by 2030.',
      ].join('\n\n'),
    );
    const warnings = contentLeftOut({ templateId: 't', sections: [section], sourceTitles: ['Alliance report'], model: printed });
    expect(warnings.map((w) => w.message)).toEqual([
      'the template "t" leaves out part of section "alpha": 1 subheading, 1 paragraph, 1 quotation',
      'the template "t" leaves out the source: "Alliance report"',
    ]);
    expect(warnings[0]!.location).toEqual({ file: '/library/alpha.md' });
  });
});

describe('printedAmong', () => {
  // Texts as contentLeftOut hands them over: already normalised (straight quotes, single spaces).
  it('agrees with searching the whole printed text, for texts cut anywhere from it and texts not in it', () => {
    const texts = ['alpha beta gamma delta epsilon', '"zeta eta theta" — iota', 'kappa lambda mu nu xi omicron pi', 'rho sigma tau, upsilon phi chi psi omega', 'beta gamma delta beta gamma epsilon'];
    const printed = texts.join(' ');
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const wanted: string[] = [...texts];
    for (let i = 0; i < 400; i++) {
      const start = random(printed.length);
      const cut = printed.slice(start, start + 1 + random(40)).trim();
      // Half of them changed in one place, so they are mostly not printed.
      wanted.push(i % 2 ? cut : cut.replace(/a/, 'o'));
    }
    wanted.push('gamma delta epsilon kappa', 'delta beta gamma delta', 'eta theta" — iota kappa');
    const found = printedAmong(texts, wanted);
    for (const text of wanted) expect(found.has(text), text).toBe(printed.includes(text));
    expect(wanted.filter((text) => !printed.includes(text)).length).toBeGreaterThan(100);
  });
});

describe('normalize', () => {
  it('gives what the chain of regular expressions gave, on texts made of the characters it changes', () => {
    const reference = (text: string) =>
      text
        .replace(/[“”„«»‹›"]/g, '"')
        .replace(/[‘’‚']/g, "'")
        .replace(/---|—/g, '\u2014')
        .replace(/--|–/g, '\u2013')
        .replace(/\.\.\.|…/g, '\u2026')
        .replace(/\s+/g, ' ')
        .trim();
    const alphabet = ['a', 'b', ' ', ' ', '-', '-', '.', '.', '“', '”', '„', '«', '»', '‹', '›', '"', '‘', '’', '‚', "'", '—', '–', '…', '\t', '\n', '\u00a0', '\u2009', '\u3000', '\ufeff', '\u2028', 'é', '日'];
    let seed = 13;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let k = 0; k < 3000; k++) {
      let text = '';
      const length = random(14);
      for (let i = 0; i < length; i++) text += alphabet[random(alphabet.length)];
      expect(normalize(text), JSON.stringify(text)).toBe(reference(text));
    }
    expect(normalize('  The “ally’s” view -- and --- more...  ')).toBe('The "ally\'s" view \u2013 and \u2014 more\u2026');
  });
});
