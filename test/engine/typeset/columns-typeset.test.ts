/**
 * Content in the second column is drawn there: text, a vector (SVG) figure
 * and a table all shifted by the column's offset, the table fitted to the
 * column's width.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMarkup } from '../../../main/engine/markup.js';
import { typeset } from '../../../main/engine/typeset/index.js';
import { rasterizePage, readPdf } from '../../helpers/pdf-read.js';
import { manifest, SAMPLE_INFO, sampleTemplateDir } from './sample-model.js';

const template = sampleTemplateDir();
writeFileSync(
  join(template.dir, 'images', 'block.svg'),
  '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100"><rect x="0" y="0" width="200" height="100" fill="#1f3a5f"/></svg>',
);

describe('two columns', () => {
  it('draws what lands in the second column inside it', async () => {
    const filler = Array.from({ length: 14 }, (_, i) => `Paragraph ${i + 1} of the first column runs over a few lines so that the column fills up before the figure comes.`).join('\n\n');
    const table = '| Item | Year | Amount |\n|---|---|---:|\n| Counterstrike missiles | 2027 | 1,000 |\n| Space cooperation framework | 2023 | 25 |';
    const markup = `${filler}\n\nRIGHTMARKER starts the second column.\n\n![Block](images/block.svg)\n\n${table}\n`;
    const m = manifest({ banner: { enabled: false }, footer: {}, layout: { columns: 2, columnGap: 20 } });
    const result = await typeset({ model: parseMarkup(markup, { file: 'c.md' }), info: SAMPLE_INFO, manifest: m, templateDir: template.dir, resolveAsset: template.resolveAsset });
    const pdf = await readPdf(result.pdf);
    const page = pdf.pages[0]!;
    const { left, right } = m.page.margins;
    const columnWidth = (page.width - left - right - 20) / 2;
    const secondColumn = left + columnWidth + 20;

    const marker = page.items.find((item) => item.str.includes('RIGHTMARKER'))!;
    expect(marker.x).toBeCloseTo(secondColumn, 0);
    const cell = page.items.find((item) => item.str.includes('Counterstrike'))!;
    expect(cell.x).toBeGreaterThanOrEqual(secondColumn);
    // Every table cell ends inside the column.
    for (const item of page.items.filter((i) => i.y > cell.y - 20)) expect(item.x + item.width).toBeLessThanOrEqual(page.width - right + 0.5);

    // The SVG is filled in the second column, below the marker, and not in the first.
    const raster = rasterizePage(result.pdf, 1, 72);
    const figureY = marker.y + 40;
    expect(raster.colorAt(secondColumn + columnWidth / 2, figureY)).toBe('#1f3a5f');
    expect(raster.colorAt(left + columnWidth / 2, figureY)).not.toBe('#1f3a5f');
  });
});
