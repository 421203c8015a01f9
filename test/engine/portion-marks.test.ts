import { describe, expect, it } from 'vitest';
import { parseMarkup } from '../../main/engine/markup.js';
import { applyPortionMarks, markingLevel, markingWarnings } from '../../main/engine/portion-marks.js';

describe('applyPortionMarks', () => {
  it('marks paragraphs and list items once, and leaves the title block alone', () => {
    const { blocks } = parseMarkup(
      ['::: style title', 'Title', ':::', '', '::: style kicker', 'MEMORANDUM', ':::', '', '::: style note', 'Source 1, para. 2', ':::', '', '::: section s', 'Body text.', '', '- (U) Already marked', '- Item', '  - Nested', '', '::: quote Someone, role, 2023', 'Quoted.', ':::', ':::'].join('\n'),
      { file: 't' },
    );
    const marked = JSON.stringify(applyPortionMarks(blocks, '(U)'));
    expect(marked).toContain('"text":"Title"');
    expect(marked).not.toContain('(U) Title');
    expect(marked).toContain('{"text":"MEMORANDUM"}');
    expect(marked).toContain('{"text":"Source 1, para. 2"}');
    for (const text of ['Body text.', 'Item', 'Nested', 'Quoted.']) expect(marked).toContain(`{"text":"(U) "},{"text":"${text}"}`);
    expect(marked.match(/Already marked/g)).toHaveLength(1);
    expect(marked).not.toContain('(U) (U)');
  });
});

describe('portion marks: parts, overrides, section defaults', () => {
  const markup = ['::: style title', 'Brief title', ':::', '', '::: section a', '## Heading', '', 'Body.', '', '(CUI) Marked by the writer.', '', 'Table: Costs', '', '| H |', '|---|', '| cell |', ':::', '', '::: section b', 'Other body.', '', '- (U) Marked item', ':::'].join('\n');

  it('marks the portions the template lists and keeps the marks a writer wrote', () => {
    const { blocks } = parseMarkup(markup, { file: 't' });
    const marked = JSON.stringify(applyPortionMarks(blocks, '(U)', { parts: ['title', 'headings', 'paragraphs', 'listItems', 'tableCaptions', 'tableCells'] }));
    for (const text of ['Brief title', 'Heading', 'Body.', 'Costs', 'H', 'cell', 'Other body.']) expect(marked).toContain(`{"text":"(U) "},{"text":"${text}"}`);
    expect(marked).toContain('{"text":"(CUI) Marked by the writer."}');
    expect(marked).not.toContain('(U) (CUI)');
  });

  it('leaves out the parts the template does not list', () => {
    const { blocks } = parseMarkup(markup, { file: 't' });
    const marked = JSON.stringify(applyPortionMarks(blocks, '(U)'));
    expect(marked).not.toContain('(U) "},{"text":"Heading');
    expect(marked).not.toContain('(U) "},{"text":"cell');
    expect(marked).toContain('{"text":"(U) "},{"text":"Body."}');
  });

  it('gives a section its own default, also over marks the template printed at the brief level', () => {
    const { blocks } = parseMarkup(markup, { file: 't' });
    const marked = JSON.stringify(applyPortionMarks(blocks, '(U)', { sectionMarks: new Map([['b', '(CUI)']]) }));
    expect(marked).toContain('{"text":"(CUI) "},{"text":"Other body."}');
    expect(marked).toContain('(CUI) Marked item');
    expect(marked).toContain('{"text":"(U) "},{"text":"Body."}');
  });

  it('warns when a portion is marked higher than the banner', () => {
    const { blocks } = parseMarkup('(S//NF) A secret portion.\n\n(U) An unclassified one.\n', { file: 't' });
    expect(markingWarnings(blocks, 'unclassified').map((w) => w.code)).toEqual(['MARKING']);
    expect(markingWarnings(blocks, 'SECRET//NOFORN')).toEqual([]);
    expect(markingLevel('(CUI)')).toBeLessThan(markingLevel('CONFIDENTIAL')!);
  });

  it('names the section of each mark above the banner, once per section, and locates it there', () => {
    const { blocks } = parseMarkup(['(S) In the template’s own text.', '', '::: section alpha', '(S) One.', '', '(S) Two.', ':::', '', '::: section beta', '- (S//NF) Three.', ':::'].join('\n'), { file: 't' });
    const locate = (sectionId: string, mark: string) => ({ file: `${sectionId}.md`, line: mark.length });
    expect(markingWarnings(blocks, 'CUI', locate)).toEqual([
      { code: 'MARKING', message: 'The portion mark (S) is higher than the banner "CUI"; check the classification of the brief.' },
      { code: 'MARKING', message: 'The portion mark (S) in section `alpha` is higher than the banner "CUI"; check the classification of the brief.', location: { file: 'alpha.md', line: 3 } },
      { code: 'MARKING', message: 'The portion mark (S//NF) in section `beta` is higher than the banner "CUI"; check the classification of the brief.', location: { file: 'beta.md', line: 7 } },
    ]);
  });
});
