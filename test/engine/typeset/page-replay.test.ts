/**
 * Pages replayed from an earlier render are the pages a fresh drawing makes:
 * after each kind of edit (a word, a link, a footnote, an image, the page
 * count, the running head) the unchanged pages and furniture are replayed,
 * the changed ones are not served stale (read back with pdf.js), and the
 * bytes are those of a render with every cache off.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setMarkupMemoEnabled, parseMarkup } from '../../../main/engine/markup.js';
import type { DocumentInfo } from '../../../main/engine/model.js';
import { setRenderCachesEnabled, typeset } from '../../../main/engine/typeset/index.js';
import { replayedFurniturePages, replayedPages } from '../../../main/engine/typeset/page-replay.js';
import { readPdf, withTempPdf, type PdfRead } from '../../helpers/pdf-read.js';
import { makePng, manifest, prose, SAMPLE_INFO, sampleTemplateDir } from './sample-model.js';

const template = sampleTemplateDir();
copyFileSync(join(template.dir, 'images', 'chart.png'), join(template.dir, 'images', 'chart-a.png'));
makePngFile('chart-b.png', 240, 200);

function makePngFile(name: string, width: number, height: number): void {
  writeFileSync(join(template.dir, 'images', name), makePng(width, height, (x, y) => ((x + y) % 20 < 10 ? [200, 40, 40] : [255, 255, 255])));
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

interface Version {
  word: string;
  url: string;
  note: string;
  image: string;
  extra: number;
  title: string;
}

const base: Version = { word: 'Kestrel', url: 'https://example.org/one', note: 'The first note says this.', image: 'chart-a.png', extra: 0, title: SAMPLE_INFO.title };

/** About six pages: the link and the note on page 2, the image on page 3, the edited word near the end. */
function markup(version: Version): string {
  const paragraphs = Array.from({ length: 22 }, (_, i) => prose(90, i + 1));
  paragraphs[5] = `${prose(40, 50)} See [the agreement](${version.url}) and its note.[^a] ${prose(30, 51)}`;
  paragraphs[10] = `![A bar chart](images/${version.image})\n\n${paragraphs[10]}`;
  paragraphs[19] = `${prose(30, 60)} ${version.word} ${prose(30, 61)}`;
  for (let i = 0; i < version.extra; i++) paragraphs.push(prose(120, 70 + i));
  return `# Opening\n\n${paragraphs.slice(0, 8).join('\n\n')}\n\n## Middle\n\n- ${prose(12, 80)}\n- ${prose(14, 81)}\n\n${paragraphs.slice(8).join('\n\n')}\n\n[^a]: ${version.note}\n`;
}

async function render(version: Version): Promise<Uint8Array> {
  const info: DocumentInfo = { ...SAMPLE_INFO, title: version.title };
  const result = await typeset({
    model: parseMarkup(markup(version), { file: 'replay.md' }),
    info,
    manifest: manifest({ banner: { enabled: false }, header: { left: '{title}' }, footer: { right: 'Page {page} of {pages}' } }),
    templateDir: template.dir,
    resolveAsset: template.resolveAsset,
  });
  return result.pdf;
}

function caches(on: boolean): void {
  setRenderCachesEnabled(on);
  setMarkupMemoEnabled(on);
}

/** The version rendered after `base` in one process (pages replayed), the same rendered with every cache off, and the pages replayed. */
async function edited(version: Version): Promise<{ cached: Uint8Array; uncached: Uint8Array; replayed: number; furniture: number; pdf: PdfRead }> {
  caches(true);
  await render(base);
  const [before, furnitureBefore] = [replayedPages(), replayedFurniturePages()];
  const cached = await render(version);
  const replayed = replayedPages() - before;
  const furniture = replayedFurniturePages() - furnitureBefore;
  caches(false);
  const uncached = await render(version);
  caches(true);
  return { cached, uncached, replayed, furniture, pdf: await readPdf(cached) };
}

function imageSizes(pdf: Uint8Array): string[] {
  const list = withTempPdf(pdf, (file) => execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }));
  return list
    .split('\n')
    .slice(2)
    .filter((line) => line.trim())
    .map((line) => {
      const fields = line.trim().split(/\s+/);
      return `${fields[0]}:${fields[3]}x${fields[4]}`;
    });
}

/** Text columns, a callout long enough to split (its title again on the next page), code, a quotation, Japanese text; `word` near the end. */
function mixedMarkup(word: string): string {
  const callout = Array.from({ length: 24 }, (_, i) => `- ${prose(30, 90 + i)}`).join('\n');
  return [
    `# Mixed\n\n${prose(120, 1)}`,
    `::: columns 2\n${prose(260, 2)}\n\n${prose(200, 3)}\n:::`,
    `::: callout key-facts Key facts\n${callout}\n:::`,
    `\`\`\`\nconst answer = 42;\n  return answer * 2;\n\`\`\``,
    `> ${prose(60, 4)}`,
    `日米同盟の宇宙協力について。${prose(40, 5)}`,
    prose(300, 6),
    `${prose(80, 7)} ${word} ${prose(20, 8)}`,
  ].join('\n\n');
}

describe('page replay', () => {
  afterEach(() => caches(true));

  it('replays every page of the same document, and draws none of them again', async () => {
    caches(true);
    const first = await render({ ...base, title: 'Another title, so the document memo does not answer' });
    const before = replayedPages();
    const second = await render(base);
    const pdf = await readPdf(second);
    // All but the page with the image (images are always drawn).
    expect(replayedPages() - before).toBe(pdf.pageCount - 1);
    expect(pdf.pageCount).toBeGreaterThanOrEqual(5);
    expect(same(first, second)).toBe(false);
  }, 60_000);

  it('a word: the pages before it are replayed, its page shows the new word', async () => {
    const { cached, uncached, replayed, furniture, pdf } = await edited({ ...base, word: 'Peregrine' });
    expect(replayed).toBeGreaterThanOrEqual(3);
    // Same page count, same title: the furniture of every page is replayed (page 1's too, where its faces are first drawn with).
    expect(furniture).toBe(pdf.pageCount);
    expect(pdf.pages.some((page) => page.text.includes('Peregrine'))).toBe(true);
    expect(pdf.pages.some((page) => page.text.includes('Kestrel'))).toBe(false);
    expect(same(cached, uncached)).toBe(true);
  }, 60_000);

  it('a link: its page is drawn again with the new address', async () => {
    const { cached, uncached, replayed, pdf } = await edited({ ...base, url: 'https://example.org/two' });
    expect(replayed).toBeGreaterThanOrEqual(3);
    const urls = pdf.pages.flatMap((page) => page.links.map((link) => link.url)).filter(Boolean);
    expect(urls).toContain('https://example.org/two');
    expect(urls).not.toContain('https://example.org/one');
    // The note's link and back-link still go where they should.
    const noteLink = pdf.pages.flatMap((page) => page.links).find((link) => link.dest === 'fn-1');
    expect(noteLink?.destPage).toBe(pdf.pages.findIndex((page) => page.text.includes('The first note')) + 1);
    expect(same(cached, uncached)).toBe(true);
  }, 60_000);

  it('a footnote: the page it is set on shows the new note', async () => {
    const { cached, uncached, replayed, pdf } = await edited({ ...base, note: 'The note now says something else.' });
    expect(replayed).toBeGreaterThanOrEqual(3);
    expect(pdf.pages.some((page) => page.text.includes('The note now says something else.'))).toBe(true);
    expect(pdf.pages.some((page) => page.text.includes('The first note says this.'))).toBe(false);
    expect(same(cached, uncached)).toBe(true);
  }, 60_000);

  it('an image: the new image is on the page', async () => {
    const { cached, uncached, replayed } = await edited({ ...base, image: 'chart-b.png' });
    // The pages before the image (a taller image moves what follows it).
    expect(replayed).toBeGreaterThanOrEqual(2);
    expect(imageSizes(cached)).toEqual(imageSizes(uncached));
    expect(imageSizes(cached).map((entry) => entry.split(':')[1])).toEqual(['240x200']);
    expect(same(cached, uncached)).toBe(true);
  }, 60_000);

  it('the page count: replayed pages get the new count in their footers', async () => {
    const { cached, uncached, replayed, furniture, pdf } = await edited({ ...base, extra: 4 });
    expect(replayed).toBeGreaterThanOrEqual(4);
    // Every footer names the new count: none is replayed.
    expect(furniture).toBe(0);
    const count = pdf.pageCount;
    pdf.pages.forEach((page, index) => expect(page.text).toContain(`Page ${index + 1} of ${count}`));
    expect(same(cached, uncached)).toBe(true);
  }, 60_000);

  it.each([
    { name: 'one column', layout: {} },
    { name: 'a template in two columns', layout: { layout: { columns: 2 } } },
  ])('columns, split callouts, code, quotations and Japanese text replay as drawn: $name', async ({ layout }) => {
    const build = (word: string) =>
      typeset({
        model: parseMarkup(mixedMarkup(word), { file: 'mixed.md' }),
        info: SAMPLE_INFO,
        manifest: manifest({ banner: { enabled: false }, footer: { right: 'Page {page} of {pages}' }, ...layout }),
        templateDir: template.dir,
        resolveAsset: template.resolveAsset,
      });
    caches(true);
    await build('Kestrel');
    const before = replayedPages();
    const cached = (await build('Peregrine')).pdf;
    const replayed = replayedPages() - before;
    caches(false);
    const uncached = (await build('Peregrine')).pdf;
    caches(true);
    const pdf = await readPdf(cached);
    expect(pdf.pageCount).toBeGreaterThanOrEqual(3);
    // Every page before the last one's word: the columns, the callout on both sides of its break, the code and the Japanese text.
    expect(replayed).toBeGreaterThanOrEqual(4);
    expect(pdf.pages.some((page) => page.text.toUpperCase().includes('KEY FACTS (CONTINUED)'))).toBe(true);
    expect(pdf.pages.some((page) => page.text.includes('Peregrine'))).toBe(true);
    expect(same(cached, uncached)).toBe(true);
  }, 60_000);

  it('the running head: every page has the new title', async () => {
    const { cached, uncached, replayed, furniture, pdf } = await edited({ ...base, title: 'A new running head' });
    expect(replayed).toBe(pdf.pageCount - 1);
    expect(furniture).toBe(0);
    for (const page of pdf.pages) expect(page.lines[0]).toBe('A new running head');
    expect(same(cached, uncached)).toBe(true);
  }, 60_000);
});
