import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMarkup } from '../../../main/engine/markup.js';
import type { ImageBlock } from '../../../main/engine/model.js';
import { typeset } from '../../../main/engine/typeset/index.js';
import { readPdf, withTempPdf } from '../../helpers/pdf-read.js';
import { execFileSync } from 'node:child_process';
import { manifest, SAMPLE_INFO, sampleTemplateDir } from './sample-model.js';

const template = sampleTemplateDir();
writeFileSync(
  join(template.dir, 'images', 'bars.svg'),
  '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="120" viewBox="0 0 300 120"><rect x="10" y="40" width="60" height="80" fill="#1f3a5f"/><rect x="90" y="10" width="60" height="110" fill="#8a6d1f"/><path d="M0 119 H300" stroke="#333" stroke-width="1"/></svg>',
);

async function render(markup: string) {
  const result = await typeset({
    model: parseMarkup(markup, { file: 'figures.md' }),
    info: SAMPLE_INFO,
    manifest: manifest({ banner: { enabled: false }, footer: {} }),
    templateDir: template.dir,
    resolveAsset: template.resolveAsset,
  });
  return { result, pdf: await readPdf(result.pdf) };
}

describe('figures', () => {
  it('takes the caption from the title or a Figure: paragraph after the image, and keeps the alt text', () => {
    const { blocks } = parseMarkup('![Bar chart of spending](images/chart.png "Spending by year width=200")\n\n![Bars](images/bars.svg)\n\nFigure: Two bars, in vector form\n', { file: 'f.md' });
    const [first, second] = blocks as ImageBlock[];
    expect(first).toMatchObject({ alt: 'Bar chart of spending', width: 200, caption: [{ text: 'Spending by year' }] });
    expect(second).toMatchObject({ alt: 'Bars', caption: [{ text: 'Two bars, in vector form' }] });
    expect(blocks).toHaveLength(2);
  });

  it('numbers the captions under PNG and SVG figures, and draws the SVG as vectors', async () => {
    const { result, pdf } = await render('![Chart](images/chart.png "Spending by year")\n\n![Bars](images/bars.svg)\n\nFigure: Two bars\n');
    const lines = pdf.pages[0]!.lines;
    expect(lines).toContain('Figure 1. Spending by year');
    expect(lines).toContain('Figure 2. Two bars');
    expect(result.warnings).toEqual([]);
    // One raster image (the PNG); the SVG is paths, not a picture.
    const images = withTempPdf(result.pdf, (file) => execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }));
    expect(images.trim().split('\n').slice(2)).toHaveLength(1);
    // The SVG's fill colours are set as vector fills in the page content.
    const content = withTempPdf(result.pdf, (file) => execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, '-'], { encoding: 'latin1' }));
    expect(content).toMatch(/^0\.1215\d* 0\.2274\d* 0\.3725\d* scn$/m);
  });
});
