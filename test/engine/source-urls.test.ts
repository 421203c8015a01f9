import { describe, expect, it } from 'vitest';
import { readPdf } from '../helpers/pdf-read.js';
import { buildOneSection, plainFront } from '../helpers/one-section.js';

describe('sources list', () => {
  for (const template of ['memo', 'handout', 'one-pager']) {
    it(`prints and links a source's URL (${template})`, async () => {
      const front = { ...plainFront(), sources: [{ id: 's1', title: 'A report', publisher: 'A publisher', date: '2024', url: 'https://example.org/reports/a_b?x=1&y=2' }] };
      const result = await buildOneSection({ front, body: 'Text.' }, { template, options: { provenance: true } });
      const pdf = await readPdf(result.pdf);
      const text = pdf.pages.map((page) => page.text).join('\n').replace(/\s+/g, '');
      expect(text).toContain('https://example.org/reports/a_b?x=1&y=2');
      const links = pdf.pages.flatMap((page) => page.links);
      expect(links.some((link) => link.url === 'https://example.org/reports/a_b?x=1&y=2')).toBe(true);
    });
  }
});
