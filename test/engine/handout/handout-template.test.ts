/**
 * The handout template prints the whole brief — every block of every chosen
 * section and the sources — and a template that leaves content out says what.
 * Read back from the PDF with pdf.js.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBrief } from '../../../main/engine/render.js';
import { briefSpecSchema, defaultSpec, type BriefSpecInput } from '../../../main/engine/spec-schema.js';
import { readPdf } from '../../helpers/pdf-read.js';

const dir = mkdtempSync(join(tmpdir(), 'handout-sections-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(
  join(dir, 'every-block.md'),
  [
    '---',
    'id: every-block',
    'title: Every Kind of Block',
    'summary: Summary line of the test section.',
    'key_facts:',
    '  - { text: "Key fact kappa of the test section.", source: memo }',
    'quotes:',
    '  - { text: "Quoted words quintessence", speaker: Quinn Speaker, role: Envoy, date: "2023-01", source: memo }',
    'sources:',
    '  - { id: memo, title: Office memo omega, publisher: Our office, date: "2023-01" }',
    '---',
    '### Background',
    '',
    'Paragraph alpha of the test section.',
    '',
    '- List item beta one',
    '- List item beta two',
    '',
    '| Column gamma | Amount |',
    '|:--|--:|',
    '| Row delta | 42 |',
    '',
    '> Block quotation epsilon.',
    '',
    '### Talking points',
    '',
    '- Talking point zeta.',
  ].join('\n'),
);

const spec = (input: Partial<BriefSpecInput>) => briefSpecSchema.parse({ ...defaultSpec(), ...input });
const flat = (text: string): string => text.replace(/\s+/g, ' ');

describe('handout template', () => {
  it('prints every block of every section and the sources, in large type, with no content warning', async () => {
    const result = await buildBrief(spec({ template: 'handout', sections: ['every-block', 'space-agreement'] }), { sectionDirs: [dir] });
    expect(result.warnings).toEqual([]);
    const pdf = await readPdf(result.pdf);
    const text = flat(pdf.pages.map((p) => p.text).join('\n'));
    for (const expected of [
      'Summary line of the test section.',
      'Paragraph alpha of the test section.',
      'List item beta one',
      'List item beta two',
      'Column gamma',
      'Row delta',
      'Block quotation epsilon.',
      'Talking point zeta.',
      'Key fact kappa of the test section.',
      'Quoted words quintessence',
      'Quinn Speaker, Envoy',
      'Office memo omega',
      // A built-in section's body, its quotations and its source.
      'The agreement also carries a security message.',
      'It is a victory for all of humanity',
      'U.S.–Japan alliance expands to space',
    ]) {
      expect(text).toContain(expected);
    }
    // The notes column is on every page, and body text is large.
    for (const page of pdf.pages) expect(page.text).toContain('NOTES');
    const paragraph = pdf.pages.flatMap((p) => p.items).find((i) => i.str.startsWith('Paragraph alpha'))!;
    expect(paragraph.fontSize).toBeGreaterThanOrEqual(13);
    // The sources close the handout.
    expect(pdf.pages.at(-1)!.text).toContain('Sources');
  });

  it('names what a template leaves out: the one-pager drops bodies, tables and quotations with a warning per section', async () => {
    const result = await buildBrief(spec({ template: 'one-pager', subtitle: 'For the test', sections: ['every-block'], options: { provenance: false } }), { sectionDirs: [dir] });
    const leftOut = result.warnings.filter((w) => w.code === 'CONTENT_LEFT_OUT');
    expect(leftOut).toHaveLength(2);
    expect(leftOut[0]!.location?.file).toBe(join(dir, 'every-block.md'));
    expect(leftOut[0]!.message).toBe(
      'the template "one-pager" leaves out part of section "every-block": 2 subheadings, 1 paragraph, 2 lists, 1 table, 1 block quotation, 1 quotation',
    );
    expect(leftOut[1]!.message).toBe('the template "one-pager" leaves out the source: "Office memo omega"');
  });
});
