import { describe, expect, it } from 'vitest';
import { fencedCodeLines } from '../../main/engine/fenced-code.js';

const codeOf = (text: string) => fencedCodeLines(text.split('\n'));

describe('fenced code lines', () => {
  it('marks the fences and what is between them, and nothing else', () => {
    expect(codeOf('Text\n```\n# not a heading\n```\nAfter')).toEqual([false, true, true, true, false]);
  });

  it('closes only at a fence of the same character, at least as long', () => {
    expect(codeOf('~~~~\n~~~\n```\n~~~~~\nout')).toEqual([true, true, true, true, false]);
    expect(codeOf('````\n```\n````\nout')).toEqual([true, true, true, false]);
    // A line with a language after the marks opens a fence; it never closes one.
    expect(codeOf('```\n```js\n# still code\n```\nout')).toEqual([true, true, true, true, false]);
  });

  it('counts fences indented up to three spaces, and leaves a fence left open running to the end', () => {
    expect(codeOf('   ```\ncode\n    ```\nstill code')).toEqual([true, true, true, true]);
  });
});
