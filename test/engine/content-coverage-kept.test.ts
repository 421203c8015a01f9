import { describe, expect, it } from 'vitest';
import { contentLeftOut, contentLeftOutKept } from '../../main/engine/content-coverage.js';
import { parseMarkup } from '../../main/engine/markup.js';
import { makeSection } from './template/support.js';

const body = 'The first paragraph of the body is here.\n\nThe second paragraph of the body is here.\n';
const all = 'The summary of alpha.\n\nThe first paragraph of the body is here.\n\nThe second paragraph of the body is here.\n\nFirst fact of alpha.';

describe('contentLeftOutKept', () => {
  it('answers as contentLeftOut does, and looks again when the sections, the output or the sources change', () => {
    const section = makeSection('alpha', { summary: 'The summary of alpha.', key_facts: [{ text: 'First fact of alpha.', source: 'report' }], quotes: [], body });
    const input = (sections = [section], output = all, sourceTitles: string[] = []) => ({ templateId: 't', sections, sourceTitles, model: parseMarkup(output, { file: 'test' }) });

    expect(contentLeftOutKept(input(), all)).toEqual([]);
    // The same output again (the kept answer), then one leaving a paragraph out.
    expect(contentLeftOutKept(input(), all)).toEqual([]);
    const shorter = all.replace('The second paragraph of the body is here.\n\n', '');
    const leftOut = contentLeftOutKept(input([section], shorter), shorter);
    expect(leftOut).toEqual(contentLeftOut(input([section], shorter)));
    expect(leftOut[0]?.message).toContain('1 paragraph');

    // The same output, but a section whose body gained a paragraph: a new object, looked at again.
    const longer = makeSection('alpha', { ...section, body: `${body}\nA third paragraph, new.\n` });
    expect(contentLeftOutKept(input([longer]), all)[0]?.message).toContain('1 paragraph');
    // The same output and sections, but a source the output does not print.
    expect(contentLeftOutKept(input([section], all, ['Harbour report']), all)[0]?.message).toContain('Harbour report');

    // A caller changing the warnings it got does not change the next answer.
    const mine = contentLeftOutKept(input([section], shorter), shorter);
    mine[0]!.message = 'changed';
    expect(contentLeftOutKept(input([section], shorter), shorter)[0]?.message).toContain('1 paragraph');
  });
});
