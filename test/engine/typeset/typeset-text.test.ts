import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentModel } from '../../../main/engine/model.js';
import { typeset, type TypesetResult } from '../../../main/engine/typeset/index.js';
import { pdffonts, readPdf, type PdfRead } from '../../helpers/pdf-read.js';
import { heading, manifest, numbered, para, SAMPLE_INFO, sampleInput, sampleTemplateDir } from './sample-model.js';

const template = sampleTemplateDir();

async function render(model: DocumentModel, manifestInput = {}): Promise<{ result: TypesetResult; pdf: PdfRead }> {
  const result = await typeset({
    model,
    info: SAMPLE_INFO,
    manifest: manifest({ banner: { enabled: false }, footer: {}, ...manifestInput }),
    templateDir: template.dir,
    resolveAsset: template.resolveAsset,
  });
  return { result, pdf: await readPdf(result.pdf) };
}

describe('typeset: text', () => {
  let sample: { result: TypesetResult; pdf: PdfRead };
  beforeAll(async () => {
    const result = await typeset(sampleInput());
    sample = { result, pdf: await readPdf(result.pdf) };
  });

  it('extracts Japanese inside Latin text exactly, set in Noto Sans JP', async () => {
    const { pdf } = await render({ blocks: [para('Prime Minister Fumio Kishida (岸田文雄) met President Biden.')] });
    expect(pdf.pages[0]?.text).toContain('Prime Minister Fumio Kishida (岸田文雄) met President Biden.');
    const japanese = pdf.pages[0]?.items.filter((item) => item.str.includes('岸'));
    expect(japanese?.length).toBeGreaterThan(0);
    expect(japanese?.every((item) => item.str === '岸田文雄' && item.font === 'NotoSansJP-Regular')).toBe(true);
    expect(pdf.fonts).toContain('SourceSerif4-Regular');
  });

  it('does not load the Japanese font for Latin-only text', async () => {
    const { result } = await render({ blocks: [para('Only Latin letters here, and “curly quotes” — and dashes.')] });
    expect(pdffonts(result.pdf).map((font) => font.name.replace(/^[A-Z]{6}\+/, ''))).toEqual(['SourceSerif4-Regular']);
  });

  it('keeps every space of justified lines in the extracted text', async () => {
    const words = 'The alliance will deepen cooperation on space, counterstrike capability and force posture across the region in the coming years'.split(' ');
    const paragraph = Array.from({ length: 4 }, () => words.join(' ')).join(' ');
    const { pdf } = await render({ blocks: [para(paragraph)] });
    const page = pdf.pages[0]!;
    expect(page.lines.length).toBeGreaterThan(3);
    // A line ends with a whole word, or with the start of one the next line completes (its added hyphen extracts as nothing).
    const joined = page.lines.reduce((text, line) => {
      if (!text) return line;
      const end = text.split(' ').at(-1) as string;
      const start = line.split(' ')[0] as string;
      return words.includes(end) && !words.includes(end + start) ? `${text} ${line}` : `${text}${line}`;
    });
    expect(joined).toBe(paragraph);
  });

  it('embeds every font as a subset (pdffonts)', () => {
    const fonts = pdffonts(sample.result.pdf);
    expect(fonts.length).toBeGreaterThan(3);
    for (const font of fonts) {
      expect(font.embedded).toBe(true);
      expect(font.subset).toBe(true);
    }
    const names = fonts.map((font) => font.name.replace(/^[A-Z]{6}\+/, ''));
    expect(names).toEqual(expect.arrayContaining(['SourceSerif4-Regular', 'SourceSerif4-Italic', 'SourceSerif4-SemiBold', 'Inter-SemiBold', 'NotoSansJP-Regular']));
  });

  it('draws bold, italic and code runs in their faces', async () => {
    const { pdf } = await render({ blocks: [para('plain ', { text: 'strong', bold: true }, ' ', { text: 'slanted', italic: true }, ' ', { text: 'code()', code: true })] });
    const fontOf = (word: string) => pdf.pages[0]!.items.find((item) => item.str.includes(word))?.font;
    expect(fontOf('plain')).toBe('SourceSerif4-Regular');
    expect(fontOf('strong')).toBe('SourceSerif4-SemiBold');
    expect(fontOf('slanted')).toBe('SourceSerif4-Italic');
    expect(fontOf('code()')).toBe('SourceCodePro-Regular');
  });

  it('warns once per section about characters no font has, naming them', async () => {
    const { result, pdf } = await render({
      blocks: [
        { type: 'section', id: 'ancient-scripts', blocks: [heading(2, 'Scripts', 'scripts'), para('Old Italic 𐌀 and Linear B 𐀀.'), para('Again 𐌀.')] },
        { type: 'section', id: 'clean', blocks: [para('Nothing odd here.')] },
      ],
    });
    const missing = result.warnings.filter((warning) => warning.code === 'MISSING_GLYPHS');
    expect(missing).toHaveLength(1);
    expect(missing[0]?.message).toContain('"ancient-scripts"');
    expect(missing[0]?.message).toContain('U+10300 (𐌀)');
    expect(missing[0]?.message).toContain('U+10000 (𐀀)');
    expect(pdf.pages[0]?.text).toContain('Nothing odd here.');
  });

  it('makes external links URI annotations and #anchors internal links to the heading', async () => {
    const { pdf } = await render({
      blocks: [
        para('Read the ', { text: 'NASA statement', href: 'https://www.nasa.gov/' }, ' or jump to ', { text: 'the posture part', href: '#posture' }, '.'),
        { type: 'page-break' },
        heading(1, 'Force posture', 'posture'),
        para('Text.'),
      ],
    }, { links: { show: 'hidden' } });
    const links = pdf.pages[0]!.links;
    expect(links.map((link) => link.url).filter(Boolean)).toEqual(['https://www.nasa.gov/']);
    const internal = links.find((link) => link.dest !== undefined);
    expect(internal?.destPage).toBe(2);
    // The link area covers the linked words: after "Read the ", about as wide as "NASA statement".
    const line = pdf.pages[0]!.items.find((item) => item.str.startsWith('Read the'))!;
    const uri = links.find((link) => link.url)!;
    expect(uri.rect[0]).toBeGreaterThan(line.x + 25);
    expect(uri.rect[2] - uri.rect[0]).toBeGreaterThan(50);
    expect(uri.rect[2] - uri.rect[0]).toBeLessThan(100);
    expect(uri.rect[1]).toBeLessThan(line.y);
    expect(uri.rect[3]).toBeGreaterThan(line.y);
  });

  it('prints unsafe or dangling links as plain text with a warning', async () => {
    const { result, pdf } = await render({ blocks: [para({ text: 'bad', href: 'javascript:alert(1)' }, ' and ', { text: 'dangling', href: '#nowhere' })] });
    expect(pdf.pages[0]!.links).toHaveLength(0);
    expect(result.warnings.map((warning) => warning.message).join('\n')).toMatch(/javascript:alert\(1\)[\s\S]*#nowhere/);
  });

  it('writes the document information from the input, dated at midnight UTC', () => {
    const info = sample.pdf.info;
    expect(info.Title).toBe(SAMPLE_INFO.title);
    expect(info.Author).toBe(SAMPLE_INFO.author);
    expect(info.Subject).toBe(SAMPLE_INFO.subject);
    expect(info.Keywords).toBe('Japan, alliance, space');
    expect(info.Creator).toBe('Brief Studio');
    expect(info.Producer).toBe('Brief Studio');
    expect(info.CreationDate).toBe('D:20230113000000Z');
    expect(info.ModDate).toBe('D:20230113000000Z');
    expect(sample.pdf.lang).toBe('en-US');
  });

  it('breaks a long title into lines of even length rather than leaving one word on the last line', async () => {
    const title = 'U.S.–Japan Alliance: Space, Counterstrike and Force Posture';
    // Set as the one-pager sets it: first fit puts every word but "Posture" on the first line.
    const { pdf } = await render(
      { blocks: [heading(1, title, 'title'), para('Body text.')] },
      { page: { size: 'Letter', margins: { top: 50, right: 50, bottom: 48, left: 50 } }, styles: { h1: { font: 'serif', bold: true, size: 18, leading: 1.12 } } },
    );
    const lines = pdf.pages[0]!.lines.filter((line) => title.includes(line));
    expect(lines.join(' ')).toBe(title);
    expect(lines).toHaveLength(2);
    const words = lines.map((line) => line.split(' ').length);
    expect(Math.min(...words)).toBeGreaterThanOrEqual(3);
  });

  it('sets a list item’s number in the style of the item (a source in small print gets a small number)', async () => {
    const source = (text: string) => [{ type: 'paragraph' as const, style: 'sources', runs: [{ text }] }];
    const { pdf } = await render(
      { blocks: [numbered(source('Alliance report, News service, January 2023'), source('Space agreement, Department of State, January 2023'))] },
      { styles: { sources: { font: 'sans', size: 8.5, align: 'left' } } },
    );
    const items = pdf.pages[0]!.items;
    for (const number of ['1.', '2.']) {
      const marker = items.find((item) => item.str.startsWith(number))!;
      expect(marker.fontSize).toBeCloseTo(8.5, 1);
      expect(marker.font).toBe('Inter-Regular');
    }
  });

  it('reads back every block of the sample in order', () => {
    const all = sample.pdf.pages.map((page) => page.text).join('\n');
    const expected = [
      // The title, broken into two even lines.
      'U.S.–Japan Alliance: Space,\nCounterstrike and Force Posture',
      'BOTTOM LINE UP FRONT',
      'Contents',
      'Space agreement',
      'Prime Minister Fumio Kishida (岸田文雄)',
      '— Bill Nelson, NASA Administrator',
      'Key provisions',
      '1. Joint research on lunar exploration',
      '– orbital debris tracking;',
      '◦ Australia',
      'Figure 1.',
      'Counterstrike capability',
      'KEY FACTS',
      'Capability Range (miles) Status',
      'Tomahawk cruise missile 1,000 Purchase',
      // pdf.js reports a run of spaces as one; the stream keeps both (code keeps its spacing).
      'budget.defense = 43.0 trillion yen',
      'Force posture',
      'Talking points',
      'Sources',
    ];
    let from = 0;
    for (const piece of expected) {
      const at = all.indexOf(piece, from);
      expect(at, piece).toBeGreaterThanOrEqual(0);
      from = at;
    }
  });
});
