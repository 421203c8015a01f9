import { describe, expect, it } from 'vitest';
import { parseMarkup } from '../../../main/engine/markup.js';
import { typeset } from '../../../main/engine/typeset/index.js';
import { readPdf, type PdfRead } from '../../helpers/pdf-read.js';
import { manifest, SAMPLE_INFO, sampleTemplateDir } from './sample-model.js';

const template = sampleTemplateDir();

async function render(markup: string, show: 'after' | 'footnote' | 'hidden'): Promise<PdfRead> {
  const result = await typeset({
    model: parseMarkup(markup, { file: 'links.md' }),
    info: SAMPLE_INFO,
    manifest: manifest({ banner: { enabled: false }, footer: {}, links: { show } }),
    templateDir: template.dir,
    resolveAsset: template.resolveAsset,
  });
  return readPdf(result.pdf);
}

const MARKUP = 'See the [NASA statement](https://www.nasa.gov/news) and <https://example.org/plain>.[^a]\n\n[^a]: An author note.\n';

describe('links on paper', () => {
  it('prints the address after the link text, linked too', async () => {
    const pdf = await render(MARKUP, 'after');
    const text = pdf.pages[0]!.text.replace(/\s+/g, ' ');
    expect(text).toContain('See the NASA statement (https://www.nasa.gov/news) and https://example.org/plain.¹');
    expect(pdf.pages[0]!.links.filter((link) => link.url === 'https://www.nasa.gov/news').length).toBe(2);
  });

  it('turns the address into a footnote numbered with the author notes in reading order', async () => {
    const pdf = await render(MARKUP, 'footnote');
    const lines = pdf.pages[0]!.lines;
    expect(lines.join(' ')).toContain('See the NASA statement¹ and https://example.org/plain.²');
    expect(lines).toContain('1. https://www.nasa.gov/news');
    expect(lines).toContain('2. An author note.');
  });

  it('prints only the link text when hidden', async () => {
    const pdf = await render(MARKUP, 'hidden');
    expect(pdf.pages[0]!.text).not.toContain('nasa.gov');
  });
});
