import { describe, expect, it } from 'vitest';
import { parseMarkup } from '../../main/engine/markup.js';
import { applyPortionMarks } from '../../main/engine/portion-marks.js';

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
