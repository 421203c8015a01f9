import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseMarkup } from '../../../main/engine/markup.js';
import type { Block, Inline } from '../../../main/engine/model.js';
import { buildBrief } from '../../../main/engine/render.js';
import { briefSpecSchema, defaultSpec } from '../../../main/engine/spec-schema.js';
import { typeset } from '../../../main/engine/typeset/index.js';
import { flatten, readStructure, type PdfStructure, type StructNode } from '../../helpers/pdf-struct.js';
import { readPdf } from '../../helpers/pdf-read.js';
import { para, sampleInput, sampleModel } from './sample-model.js';

/** The elements a reader navigates by, as the document model says they come. */
const NAVIGABLE = new Set(['Sect', 'H1', 'H2', 'H3', 'L', 'LI', 'BlockQuote', 'Div', 'Table', 'TH', 'TD', 'Figure', 'TOC']);
const WITH_TEXT = new Set(['H1', 'H2', 'H3', 'TH', 'TD']);

const plain = (runs: readonly Inline[]) => runs.map((run) => run.text).join('').replace(/\s+/g, ' ').trim();
const key = (role: string, text?: string) => (text === undefined ? role : `${role} ${text.toLowerCase()}`);

function expectedOutline(blocks: readonly Block[], out: string[] = []): string[] {
  for (const block of blocks) {
    switch (block.type) {
      case 'section':
        out.push('Sect');
        expectedOutline(block.blocks, out);
        break;
      case 'heading':
        out.push(key(`H${block.level}`, plain(block.runs)));
        break;
      case 'paragraph':
        if (block.style === 'title') out.push(key('H1', plain(block.runs)));
        break;
      case 'list':
        out.push('L');
        for (const item of block.items) {
          out.push('LI');
          expectedOutline(item, out);
        }
        break;
      case 'quote':
        out.push('BlockQuote');
        expectedOutline(block.blocks, out);
        break;
      case 'callout':
        out.push('Div');
        expectedOutline(block.blocks, out);
        break;
      case 'table':
        out.push('Table');
        for (const cell of block.header) if (plain(cell)) out.push(key('TH', plain(cell)));
        for (const row of block.rows) for (const cell of row) if (plain(cell)) out.push(key('TD', plain(cell)));
        break;
      case 'image':
        out.push(`Figure ${block.alt}`);
        break;
      case 'toc':
        out.push('TOC');
        break;
      default:
        break;
    }
  }
  return out;
}

function actualOutline(structure: PdfStructure): string[] {
  return flatten(structure.root)
    .filter((node) => NAVIGABLE.has(node.role))
    .map((node) => (node.role === 'Figure' ? `Figure ${node.alt ?? ''}` : WITH_TEXT.has(node.role) ? key(node.role, node.text) : node.role));
}

function expectNoArtifactsInTree(structure: PdfStructure): void {
  for (const page of structure.pages) {
    expect(page.contentIds.length).toBeGreaterThan(0);
    for (const id of page.contentIds) expect(page.tagOfId.get(id)).not.toBe('Artifact');
    expect(page.roles).not.toContain('Artifact');
  }
}

function tempPdf(bytes: Uint8Array): string {
  const file = join(mkdtempSync(join(tmpdir(), 'brief-tagged-')), 'brief.pdf');
  writeFileSync(file, bytes);
  return file;
}

function pdfinfo(bytes: Uint8Array): string {
  return execFileSync('pdfinfo', [tempPdf(bytes)], { encoding: 'utf8' });
}

describe('tagged PDF', () => {
  let sample: { pdf: Uint8Array; structure: PdfStructure };
  beforeAll(async () => {
    const result = await typeset(sampleInput());
    sample = { pdf: result.pdf, structure: await readStructure(result.pdf) };
  });

  it('builds the structure tree from the document model, in order: sections, headings, lists, quotations, table cells, figures', () => {
    const root = sample.structure.root as StructNode;
    expect(root.children.map((node) => node.role)).toEqual(['Document']);
    expect(actualOutline(sample.structure)).toEqual(expectedOutline(sampleModel().blocks));
  });

  it('gives lists labels and bodies, table header cells a column scope, figures their alt text', () => {
    const nodes = flatten(sample.structure.root);
    const item = nodes.find((node) => node.role === 'LI') as StructNode;
    expect(item.children.map((node) => node.role)).toEqual(['Lbl', 'LBody']);
    expect(item.children[1]?.text).toContain('A new framework agreement extends Article 5');
    const table = nodes.find((node) => node.role === 'Table') as StructNode;
    expect(table.children.map((node) => node.role)).toEqual(['THead', 'TBody']);
    const headers = flatten(table).filter((node) => node.role === 'TH');
    expect(headers.map((node) => node.scope)).toEqual(['Column', 'Column', 'Column']);
    expect(flatten(table).filter((node) => node.role === 'TR')).toHaveLength(5);
    const quote = nodes.find((node) => node.role === 'BlockQuote') as StructNode;
    expect(quote.text).toMatch(/^In this era of space exploration, every announcement .* — Bill Nelson, NASA Administrator, 13 January 2023$/);
    const toc = nodes.find((node) => node.role === 'TOC') as StructNode;
    expect(toc.children.every((node) => node.role === 'TOCI')).toBe(true);
    expect(toc.children[0]?.text).toMatch(/^Space agreement \d+$/);
  });

  it('keeps page furniture and decorations out of the tree (Artifacts)', async () => {
    expectNoArtifactsInTree(sample.structure);
    const all = sample.structure.root?.text ?? '';
    expect(all).not.toContain('UNCLASSIFIED');
    expect(all).not.toMatch(/Page \d+ of \d+/);
    expect(sample.structure.pages[0]?.artifactText).toContain('UNCLASSIFIED');
    // A table's header row repeated on a continuation page is not a second header in the tree.
    const long = await typeset(
      sampleInput({
        model: { blocks: [{ type: 'table', align: [], header: [[{ text: 'Year' }], [{ text: 'Event' }]], rows: Array.from({ length: 90 }, (_, i) => [[{ text: String(1990 + i) }], [{ text: `Event ${i}` }]]) }] },
      }),
    );
    const structure = await readStructure(long.pdf);
    expect((await readPdf(long.pdf)).pageCount).toBeGreaterThan(1);
    expect(flatten(structure.root).filter((node) => node.role === 'TH')).toHaveLength(2);
    expect(flatten(structure.root).filter((node) => node.role === 'TD')).toHaveLength(180);
    expect(structure.pages[1]?.artifactText).toContain('Year');
    expectNoArtifactsInTree(structure);
  });

  it('keeps word spaces in the structure text of a justified paragraph, and marks Japanese with /Lang (ja)', async () => {
    const nodes = flatten(sample.structure.root);
    const justified = nodes.find((node) => node.role === 'P' && node.text.startsWith('Leaders from Japan')) as StructNode;
    expect(justified.text).toBe(
      'Leaders from Japan and the United States capped off the busy week with the signing of a new space agreement that recognizes the two nations’ mutual interest in peaceful space exploration and use of the moon and other celestial bodies. The U.S.–Japan Space Cooperation Framework Agreement is designed to preserve and encourage the safe and responsible conduct of outer-space activities in Earth’s orbit, on the moon, and beyond.',
    );
    const result = await typeset(sampleInput({ model: { blocks: [para('Prime Minister Fumio Kishida (岸田文雄) signed the Security Treaty (日米安全保障条約) revision.')] } }));
    const structure = await readStructure(result.pdf);
    expect(flatten(structure.root).find((node) => node.role === 'P')?.text).toBe('Prime Minister Fumio Kishida (岸田文雄) signed the Security Treaty (日米安全保障条約) revision.');
    // The page content wraps each Japanese run in a Span with its language.
    const file = tempPdf(result.pdf);
    const content = execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, '-']).toString('latin1');
    expect(content.match(/\/Span <<\s*\/Lang \(ja\)\s*>> BDC/g)).toHaveLength(2);
  });

  it('a hyphen added at a line break is drawn but has no text (empty /ActualText): extracted words stay whole', async () => {
    const sentence = 'International cooperation on extraterrestrial infrastructure demonstrates unprecedented responsibility among participating governments regarding interoperability considerations.';
    const source = [sentence, sentence, sentence].join(' ');
    const result = await typeset(sampleInput({ model: { blocks: [para(source)] } }));
    const file = tempPdf(result.pdf);
    // The paragraph was hyphenated: its added hyphens are drawn, each in its own Span.
    const content = execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, '-']).toString('latin1');
    const added = content.match(/\/Span <<\/ActualText \(\)>> BDC\n\[<[0-9a-f]+>\] TJ\nEMC/g) ?? [];
    expect(added.length).toBeGreaterThan(0);
    // Its glyph's own text is a soft hyphen (what mutool, which ignores /ActualText, shows).
    expect(execFileSync('mutool', ['draw', '-q', '-F', 'txt', '-o', '-', file], { encoding: 'utf8' })).toMatch(/\p{Ll}\u00ad\n/u);
    // Poppler reads the actual text: the words come out whole, with no hyphen.
    const extracted = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    const paragraph = extracted.slice(extracted.indexOf('International'), extracted.lastIndexOf('considerations.') + 'considerations.'.length);
    expect(paragraph).not.toContain('-');
    expect(paragraph.replace(/\s+/g, '')).toBe(source.replace(/\s+/g, ''));
    // Each line ends with a whole word, or with the start of one the next line completes (once per added hyphen).
    const words = new Set(source.split(' '));
    const lines = paragraph.split('\n').map((line) => line.trim().split(/\s+/));
    let joined = 0;
    for (let i = 0; i + 1 < lines.length; i++) {
      const end = lines[i]?.at(-1) as string;
      if (words.has(end)) continue;
      expect(words).toContain(end + lines[i + 1]?.[0]);
      joined++;
    }
    expect(joined).toBe(added.length);
  });

  it('links: each link annotation belongs to a Link element holding the linked words', () => {
    const links = flatten(sample.structure.root).filter((node) => node.role === 'Link');
    expect(links.map((node) => node.text)).toEqual(expect.arrayContaining(['the force posture section', 'NASA statement']));
    // TOC entries and linked words: every annotation is owned once, by a Link element naming its page.
    const owned = links.flatMap((node) => node.annotations);
    expect(owned.length).toBeGreaterThanOrEqual(6);
    for (const annotation of owned) {
      expect(annotation.onPage).toBeDefined();
      expect(annotation.pg).toBe(annotation.onPage);
    }
  });

  it('says Tagged: yes, shows the title in the title bar and identifies PDF/UA in the metadata', async () => {
    expect(pdfinfo(sample.pdf)).toMatch(/^Tagged:\s+yes$/m);
    const pdf = await readPdf(sample.pdf);
    expect(pdf.lang).toBe('en-US');
    const raw = Buffer.from(sample.pdf).toString('latin1');
    expect(raw).toMatch(/\/DisplayDocTitle true/);
    expect(raw).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
  });

  it('footnotes are Note elements (their references Links to them); captions are Caption elements inside their Table or Figure', async () => {
    const result = await typeset(
      sampleInput({
        model: {
          blocks: [
            para('The treaty was revised in 1960.'),
            { type: 'paragraph', runs: [{ text: 'Ministers met twice' }, { text: '1', href: '#fn-1' }, { text: ' before the signing.' }] },
            { type: 'table', align: [], caption: [{ text: 'Meetings by year' }], header: [[{ text: 'Year' }], [{ text: 'Meetings' }]], rows: [[[{ text: '2023' }], [{ text: '4' }]]] },
            { type: 'image', src: 'images/chart.png', alt: 'Bar chart of launches', caption: [{ text: 'Launches per year' }] },
          ],
          footnotes: [{ number: 1, blocks: [para('Both meetings were held in Tokyo.')] }],
        },
      }),
    );
    const structure = await readStructure(result.pdf);
    const nodes = flatten(structure.root);
    const notes = nodes.filter((node) => node.role === 'Note');
    expect(notes.map((node) => node.text)).toEqual(['1. Both meetings were held in Tokyo.']);
    expect(flatten(notes[0]).filter((node) => node.role === 'P')).toHaveLength(1);
    const reference = nodes.find((node) => node.role === 'Link' && node.text === '1') as StructNode;
    expect(reference.annotations).toHaveLength(1);
    const table = nodes.find((node) => node.role === 'Table') as StructNode;
    expect(table.children.map((node) => node.role)).toEqual(['Caption', 'THead', 'TBody']);
    expect(table.children[0]?.text).toBe('Table 1. Meetings by year');
    const figure = nodes.find((node) => node.role === 'Figure') as StructNode;
    expect(figure.alt).toBe('Bar chart of launches');
    expect(figure.children.map((node) => node.role)).toEqual(['Caption']);
    expect(figure.children[0]?.text).toBe('Figure 1. Launches per year');
    expect(nodes.filter((node) => node.role === 'Caption')).toHaveLength(2);
    expectNoArtifactsInTree(structure);
  });

  it('warns about a figure without alt text', async () => {
    const result = await typeset(sampleInput({ model: { blocks: [{ type: 'image', src: 'images/chart.png', alt: '' }] } }));
    expect(result.warnings.map((warning) => warning.message)).toContainEqual(expect.stringContaining('"images/chart.png" has no alt text'));
  });
});

describe('tagged PDF of whole briefs', () => {
  it('the default brief: its structure follows the model the template produced', async () => {
    const result = await buildBrief(briefSpecSchema.parse({ ...defaultSpec(), date: '2024-04-10' }));
    const model = parseMarkup(result.markup, { file: 'brief' });
    const structure = await readStructure(result.pdf);
    expect(actualOutline(structure)).toEqual(expectedOutline(model.blocks));
    expect(actualOutline(structure).filter((entry) => entry.startsWith('H')).length).toBeGreaterThan(5);
    expectNoArtifactsInTree(structure);
    expect(pdfinfo(result.pdf)).toMatch(/^Tagged:\s+yes$/m);
  });

  it('a user pack with a table, lists and a quotation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brief-tagged-pack-'));
    writeFileSync(
      join(dir, 'trade-terms.md'),
      [
        '---',
        'id: trade-terms',
        'title: Trade terms',
        'summary: Tariff schedule under the 2019 agreement.',
        'sources:',
        '  - { id: ustr, title: Trade agreement fact sheet, publisher: USTR, date: "2019-10" }',
        '---',
        '## Tariff schedule',
        '',
        '| Product | Tariff | Phase-out |',
        '|---|---:|---|',
        '| Beef | 38.5% | 2033 |',
        '| Pork | 4.3% | 2027 |',
        '',
        '- Wine and cheese',
        '- Machine tools',
        '  1. lathes',
        '  2. presses',
        '',
        '> Both sides gain from lower tariffs on farm goods.',
        '',
        'A closing paragraph.',
      ].join('\n'),
    );
    const result = await buildBrief(briefSpecSchema.parse({ ...defaultSpec(), date: '2024-04-10', sections: ['trade-terms'] }), { sectionDirs: [dir] });
    const model = parseMarkup(result.markup, { file: 'brief' });
    const structure = await readStructure(result.pdf);
    const outline = actualOutline(structure);
    expect(outline).toEqual(expectedOutline(model.blocks));
    expect(outline).toEqual(expect.arrayContaining(['H2 tariff schedule', 'TH product', 'TD 38.5%', 'TD 2027', 'BlockQuote']));
    expectNoArtifactsInTree(structure);
  });
});
