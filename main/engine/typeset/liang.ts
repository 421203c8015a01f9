/**
 * Liang's hyphenation over the `hyphen` package's compiled TeX patterns, one
 * word at a time. The package's own entry point reads running text a
 * character at a time through chains of closures and regular expressions and
 * merges its exception lists on every call: ~40 µs a word, most of the cost
 * of hyphenating text never seen before. This walks the same pattern trie the
 * same way (the tests compare every word of the built-in sections, and
 * scrambled ones, with the package's output), without the text reader.
 */

/** A node of the package's pattern trie: children by letter; a number or [children, n] ends a pattern whose levels are `levels[n]`. */
export interface PatternTrie {
  readonly [letter: string]: PatternTrie | readonly [PatternTrie, number] | number;
}

/** The package's compiled patterns: levels table, trie, and its own exceptions (break offsets by lower-case word). */
export type CompiledPatterns = readonly [readonly (readonly number[])[], PatternTrie, Readonly<Record<string, readonly number[]>>?];

const NO_CHILDREN: PatternTrie = Object.freeze(Object.create(null) as PatternTrie);

/**
 * Offsets in `text` before which a hyphen may go, as the package computes
 * them (`lowered` is `text` in lower case; the ends are never marked).
 */
export function liangMarkers(text: string, lowered: string, levelsTable: CompiledPatterns[0], trie: PatternTrie): number[] {
  // A plain array written as the package writes it (a pattern reaching past the end lengthens it the same way).
  const levels: number[] = [];
  for (let i = 0; i <= text.length; i++) levels.push(0);
  const word = `.${lowered}.`;
  for (let start = 0; word.length - start >= 3; start++) {
    // Patterns found from the leading dot and from the first letter both count from the word's start.
    const at = start === 0 ? 0 : start - 1;
    let node = trie;
    for (let i = start; i < word.length; i++) {
      const next = node[word[i]!];
      if (next === undefined) break;
      let pattern = -1;
      if (typeof next === 'number') {
        pattern = next;
        node = NO_CHILDREN;
      } else if (Array.isArray(next)) {
        node = next[0] as PatternTrie;
        pattern = next[1] as number;
      } else node = next as PatternTrie;
      if (pattern < 0) continue;
      const found = levelsTable[pattern]!;
      for (let k = 0; k < found.length; k++) levels[at + k] = Math.max(found[k]!, levels[at + k]!);
    }
  }
  levels[0] = levels[1] = levels[levels.length - 1] = levels[levels.length - 2] = 0;
  const markers: number[] = [];
  for (let i = 0; i < levels.length; i++) if ((levels[i]! & 1) === 1) markers.push(i);
  return markers;
}
