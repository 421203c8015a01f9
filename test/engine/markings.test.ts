import { describe, expect, it } from 'vitest';
import { readPdf } from '../helpers/pdf-read.js';
import { positionOf } from '../helpers/errors.js';
import { buildOneSection, plainFront, sectionText } from '../helpers/one-section.js';

describe('markings in the PDF', () => {
  it('prints the banner upper case, the authority and CUI blocks on page 1, and warns about a mark above the banner', async () => {
    const result = await buildOneSection(
      { front: { ...plainFront(), portionMark: '(CUI)' }, body: 'Body text.\n\n(S) A portion marked higher than the banner.\n' },
      {
        template: 'memo',
        classification: 'cui',
        options: { portionMark: '(U)' },
        classificationAuthority: { classifiedBy: 'J. Smith, Director', derivedFrom: 'Multiple Sources', declassifyOn: '20491231' },
        cuiDesignation: { controlledBy: ['Office of Policy'], category: 'PRVCY', poc: 'J. Smith, 555-0100' },
      },
    );
    const pdf = await readPdf(result.pdf);
    const first = pdf.pages[0]!;
    expect(first.lines).toContain('CUI');
    expect(first.lines.join('\n')).not.toMatch(/^cui$/m);
    for (const line of ['Classified By: J. Smith, Director', 'Derived From: Multiple Sources', 'Declassify On: 20491231', 'Controlled by: Office of Policy', 'CUI Category: PRVCY']) {
      expect(first.lines).toContain(line);
    }
    // At the foot of the page: below the body text.
    const cab = first.items.find((item) => item.str.startsWith('Classified By'))!;
    const body = pdf.pages.flatMap((page) => page.items).find((item) => item.str.includes('Body text.'))!;
    expect(pdf.pages.find((page) => page.items.includes(body))!.number > 1 || cab.y > body.y).toBe(true);
    const text = pdf.pages.map((page) => page.text).join('\n');
    expect(text).toContain('(CUI) Body text.');
    expect(result.warnings.some((w) => w.code === 'MARKING' && w.message.includes('(S)'))).toBe(true);
  });

  it('names the section of a mark above the banner, at the line that writes it', async () => {
    const body = 'What an (S) mark means, in passing.\n\n```\n(S) in code, not a portion\n```\n\n- (U) An item.\n- (S) An item marked higher than the banner.\n';
    let text = '';
    let id = '';
    const result = await buildOneSection(
      (sectionId) => {
        id = sectionId;
        return (text = sectionText(sectionId, { front: plainFront(), body }));
      },
      { template: 'memo', classification: 'cui', options: { portionMark: '(U)' } },
    );
    const marking = result.warnings.filter((w) => w.code === 'MARKING');
    expect(marking).toHaveLength(1);
    expect(marking[0]!.message).toBe(`The portion mark (S) in section \`${id}\` is higher than the banner "CUI"; check the classification of the brief.`);
    expect(marking[0]!.location?.file).toMatch(new RegExp(`[\\\\/]${id}\\.md$`));
    expect(marking[0]!.location?.line).toBe(positionOf(text, '- (S) An item').line);
  });

  it("marks a section's summary with the section's own mark where the template prints it before the sections (the memo's bottom line)", async () => {
    const result = await buildOneSection(
      { front: { ...plainFront(), title: 'Chip supply', summary: 'Both governments agreed to share chip stockpile data.', portionMark: '(CUI)' }, body: 'Body text.\n' },
      { template: 'memo', classification: 'cui', options: { portionMark: '(U)' } },
    );
    const text = (await readPdf(result.pdf)).pages.map((page) => page.text).join('\n');
    expect(text).toMatch(/\(CUI\) Chip supply\. Both governments/);
    expect(text).not.toMatch(/\(U\) Chip supply/);
  });

  it('prints no source number after a key fact that cites no source (handout, provenance on)', async () => {
    const result = await buildOneSection(
      { front: { ...plainFront(), key_facts: [{ text: 'A fact with a source.', source: 's1' }, { text: 'A fact standing alone.' }] }, body: 'Body text.\n' },
      { template: 'handout', options: { provenance: true } },
    );
    const text = (await readPdf(result.pdf)).pages.map((page) => page.text).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('A fact with a source. [1]');
    expect(text).toContain('A fact standing alone.');
    expect(text).not.toMatch(/\[0\]/);
  });
});
