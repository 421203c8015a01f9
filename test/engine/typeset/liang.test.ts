/**
 * The hyphenator walks the `hyphen` package's patterns itself (liang.ts):
 * every word of the built-in sections, and the same words scrambled into
 * words no dictionary has, get the breaks the package's own `hyphenateSync`
 * gives, in each language with patterns.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import hyphenEnGb from 'hyphen/en-gb/index.js';
import hyphenEnUs from 'hyphen/en-us/index.js';
import hyphenEs from 'hyphen/es/index.js';
import hyphenFr from 'hyphen/fr/index.js';
import hyphenIt from 'hyphen/it/index.js';
import { describe, expect, it } from 'vitest';
import { builtInSectionsDir } from '../../../main/engine/paths.js';
import { Hyphenator, splitPunctuation } from '../../../main/engine/typeset/hyphenation.js';

const MARK = '\u00ad';
const EXCEPTIONS = ['min-is-te-ri-al', 'min-is-te-ri-al-ly'];

/** Break offsets as the package marks them, with TeX's minimums (2 before, 3 after), as the typesetter used to ask it. */
function packagePoints(module: typeof hyphenEnUs, word: string): number[] {
  const marked = module.hyphenateSync(word, { hyphenChar: MARK, minWordLength: 5, exceptions: EXCEPTIONS });
  const points: number[] = [];
  let offset = 0;
  for (const char of marked) {
    if (char === MARK) {
      if (offset >= 2 && word.length - offset >= 3) points.push(offset);
    } else offset += char.length;
  }
  return points;
}

const corpus = readdirSync(builtInSectionsDir())
  .filter((name) => name.endsWith('.md'))
  .map((name) => readFileSync(join(builtInSectionsDir(), name), 'utf8'))
  .join(' ');
const words = [...new Set(corpus.match(/\p{L}(?:\p{Ll}|['’](?=\p{Ll}))+/gu))].filter((word) => word.length >= 5);
/** The same words with their letters moved along the alphabet: words no exception list knows. */
const scrambled = (shift: number) => words.map((word) => word.replace(/[a-z]/g, (c) => String.fromCharCode(97 + ((c.charCodeAt(0) - 97 + shift) % 26))));
const accented = ['éléphantesque', 'Développement', 'caractéristiques', 'internazionalizzazione', 'desafortunadamente', 'interoperabilidad', 'Cooperación'];

describe('liang hyphenation', () => {
  for (const [lang, module] of [
    ['en-US', hyphenEnUs],
    ['en-GB', hyphenEnGb],
    ['fr', hyphenFr],
    ['es', hyphenEs],
    ['it', hyphenIt],
  ] as const) {
    it(`gives the package's breaks for ${lang}`, () => {
      const hyphenator = new Hyphenator(lang);
      const all = [...words, ...scrambled(3), ...scrambled(11), ...accented].filter((word) => !/^ministerial/i.test(word));
      let broken = 0;
      for (const word of all) {
        // As the typesetter asked the package before: the whole word (it hyphenates the letters on each side of an apostrophe on their own).
        const expected = packagePoints(module, word);
        expect(hyphenator.points(word), `${lang} ${word}`).toEqual(expected);
        if (expected.length > 0) broken++;
      }
      expect(all.length).toBeGreaterThan(1500);
      expect(broken).toBeGreaterThan(all.length / 3);
    });
  }

  it('applies its exception list to capitalised words as to lower-case ones', () => {
    const hyphenator = new Hyphenator('en-US');
    expect(hyphenator.points('ministerial')).toEqual([3, 5, 7]);
    expect(hyphenator.points('Ministerial')).toEqual([3, 5, 7]);
    expect(hyphenator.points('ministerially')).toEqual([3, 5, 7, 9]);
    // The patterns' own exceptions ("as-so-ciate"), and a word after an apostrophe.
    expect(hyphenator.points('associate')).toEqual(packagePoints(hyphenEnUs, 'associate'));
    expect(hyphenator.points('Japan’s')).toEqual([]);
    expect(hyphenator.points('government’s')).toEqual(packagePoints(hyphenEnUs, 'government’s'));
    expect(hyphenator.points('government’s').length).toBeGreaterThan(0);
  });
});

describe('splitPunctuation', () => {
  it('splits as the regular expression it replaces does', () => {
    const reference = (word: string) => {
      const match = /^([^\p{L}]*)(.*?)([^\p{L}]*)$/su.exec(word);
      return { lead: match?.[1] ?? '', core: match?.[2] ?? '' };
    };
    const words = ['“alliance,”', '(reconnaissance)', '—', '', '1,550', 'U.S.–Japan', 'Kishida’s', '¿qué?', '𝐀bc𝐃!', '!𝐀', 'x', '...', 'ab12cd.', '日米同盟。'];
    for (const word of [...words, ...words.map((w) => `"${w}"`)]) expect(splitPunctuation(word), word).toEqual(reference(word));
  });
});
