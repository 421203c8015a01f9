/**
 * The three built-in templates: they pass their own check, produce the
 * markup structure their design promises, and typeset into PDFs read back
 * with pdf.js (pages, text, fonts, outline).
 */
import { describe, expect, it } from 'vitest';
import { parseMarkup } from '../../../main/engine/markup.js';
import type { Block } from '../../../main/engine/model.js';
import { buildBrief } from '../../../main/engine/render.js';
import { loadSectionLibrary, pickSections } from '../../../main/engine/sections.js';
import { builtInSectionsDir } from '../../../main/engine/paths.js';
import { defaultSpec, type BriefSpec } from '../../../main/engine/spec-schema.js';
import { resolveStyle } from '../../../main/engine/template-manifest.js';
import { buildTemplateContext, checkTemplate, loadTemplate } from '../../../main/engine/template/index.js';
import { readPdf } from '../../helpers/pdf-read.js';
import { BUILT_IN_DIR } from './support.js';

const TEMPLATES = ['memo', 'one-pager', 'handout'] as const;

function spec(template: string, overrides: Partial<BriefSpec> = {}): BriefSpec {
  return { ...defaultSpec(), template, ...overrides };
}

async function markupBlocks(template: string, briefSpec: BriefSpec): Promise<Block[]> {
  const library = await loadSectionLibrary({ builtInDir: builtInSectionsDir() });
  const loaded = await loadTemplate(template, { builtInDir: BUILT_IN_DIR });
  const markup = loaded.renderMarkup(buildTemplateContext(briefSpec, pickSections(library, briefSpec.sections), loaded));
  return parseMarkup(markup, { file: template }).blocks;
}

const ofType = <T extends Block['type']>(blocks: Block[], type: T): Extract<Block, { type: T }>[] => {
  const found: Block[] = [];
  const visit = (list: Block[]): void => {
    for (const block of list) {
      if (block.type === type) found.push(block);
      if ('blocks' in block) visit(block.blocks);
      if (block.type === 'list') block.items.forEach(visit);
    }
  };
  visit(blocks);
  return found as Extract<Block, { type: T }>[];
};

const text = (block: Block): string => {
  if (block.type === 'paragraph' || block.type === 'heading') return block.runs.map((r) => r.text).join('');
  if ('blocks' in block) return block.blocks.map(text).join(' ');
  if (block.type === 'list') return block.items.map((item) => item.map(text).join(' ')).join(' | ');
  return '';
};

describe.each(TEMPLATES)('built-in template %s', (id) => {
  it('passes checkTemplate without errors or warnings', async () => {
    expect(await checkTemplate(`${BUILT_IN_DIR}/${id}`)).toEqual([]);
  });

  it('wraps each chosen section in a section container, in order', async () => {
    const blocks = await markupBlocks(id, spec(id));
    expect(ofType(blocks, 'section').map((s) => s.id)).toEqual(defaultSpec().sections);
    const title = ofType(blocks, 'heading')[0]!;
    expect(title).toMatchObject({ level: 1, outline: false });
    expect(text(title)).toBe(defaultSpec().title);
  });
});

describe('memo', () => {
  it('has a title block, a bottom line up front per section, key facts with provenance, quotations and sources', async () => {
    const blocks = await markupBlocks('memo', spec('memo', { options: { ...defaultSpec().options, distribution: 'Delegation only' } }));
    const meta = blocks.filter((b) => b.type === 'paragraph' && b.style === 'meta').map(text);
    expect(meta).toEqual(['Date: 13 January 2023', 'Prepared by: Brief Studio', 'Prepared for: Meeting participants', 'Distribution: Delegation only']);

    const [bluf] = ofType(blocks, 'callout').filter((c) => c.kind === 'bluf');
    expect(bluf!.title).toBe('Bottom line up front');
    const items = ofType(bluf!.blocks, 'list')[0]!.items;
    expect(items).toHaveLength(3);
    expect((items[0]![0] as Extract<Block, { type: 'paragraph' }>).runs[0]).toEqual({ text: 'Space Cooperation Framework Agreement.', bold: true });

    const keyFacts = ofType(blocks, 'callout').filter((c) => c.kind === 'key-facts');
    expect(keyFacts).toHaveLength(3);
    const notes = ofType(keyFacts[0]!.blocks, 'paragraph').filter((p) => p.style === 'note').map(text);
    expect(notes[0]).toBe('Source 1, para. 19');

    const quotes = ofType(blocks, 'quote');
    expect(quotes.length).toBeGreaterThan(0);
    expect(quotes[0]!.attribution).toEqual([{ text: 'Bill Nelson, NASA Administrator, January 2023' }]);

    const headings = ofType(blocks, 'heading').map((h) => [h.level, text(h)]);
    expect(headings).toContainEqual([2, '1. Space Cooperation Framework Agreement']);
    expect(headings[headings.length - 1]).toEqual([2, 'Sources']);
    expect(text(ofType(blocks, 'list').at(-1)!)).toMatch(/^U\.S\.–Japan alliance expands to space/);
  });

  it('drops provenance notes when the spec turns provenance off, and adds a contents list when it asks for one', async () => {
    const blocks = await markupBlocks('memo', spec('memo', { options: { ...defaultSpec().options, provenance: false, toc: true } }));
    expect(ofType(blocks, 'paragraph').filter((p) => p.style === 'note')).toEqual([]);
    expect(ofType(blocks, 'toc')).toHaveLength(1);
  });

  it('marks the lines it writes with the portion mark when the spec sets one', async () => {
    const blocks = await markupBlocks('memo', spec('memo', { options: { ...defaultSpec().options, portionMark: '(U)' } }));
    const bluf = ofType(blocks, 'callout').find((c) => c.kind === 'bluf')!;
    expect(text(bluf)).toMatch(/^\(U\) Space Cooperation/);
  });
});

describe('one-pager', () => {
  it('keeps only summaries and key facts, in compact type, limited to one page', async () => {
    const loaded = await loadTemplate('one-pager', { builtInDir: BUILT_IN_DIR });
    expect(loaded.manifest.maxPages).toBe(1);
    expect(resolveStyle(loaded.manifest, 'body').size).toBeLessThan(10);
    const blocks = await markupBlocks('one-pager', spec('one-pager'));
    expect(ofType(blocks, 'page-break')).toEqual([]);
    expect(ofType(blocks, 'quote')).toEqual([]);
    // No section body: its subheadings (Background, Talking points…) never appear.
    expect(ofType(blocks, 'heading').map((h) => h.level)).toEqual([1, 2, 2, 2]);
  });
});

describe('handout', () => {
  it('uses large type, a notes column, each section from a new page and talking points first', async () => {
    const loaded = await loadTemplate('handout', { builtInDir: BUILT_IN_DIR });
    expect(resolveStyle(loaded.manifest, 'body').size).toBeGreaterThanOrEqual(13);
    expect(resolveStyle(loaded.manifest, 'callout').size).toBeGreaterThanOrEqual(13);
    expect(loaded.manifest.notes.enabled).toBe(true);

    const blocks = await markupBlocks('handout', spec('handout'));
    const sequence = blocks.filter((b) => b.type === 'page-break' || b.type === 'section').map((b) => b.type);
    expect(sequence).toEqual(['page-break', 'section', 'page-break', 'section', 'page-break', 'section', 'page-break']);
    for (const section of ofType(blocks, 'section')) {
      const kinds = ofType(section.blocks, 'callout').map((c) => c.kind);
      expect(kinds[0]).toBe('talking-points');
    }
  });
});

describe.each(TEMPLATES)('%s typeset to PDF', (id) => {
  it('reads back with its title, both font families, the section outline and a sensible page count', async () => {
    const result = await buildBrief(spec(id));
    // The one-pager leaves section bodies and quotations out by design, and says so.
    const expected = id === 'one-pager' ? defaultSpec().sections.map(() => 'CONTENT_LEFT_OUT') : [];
    expect(result.warnings.map((w) => w.code)).toEqual(expected);
    const pdf = await readPdf(result.pdf);
    expect(pdf.pageCount).toBe(result.pageCount);
    const allText = pdf.pages.map((p) => p.text).join('\n');
    // In content order (the one-pager's two columns share baselines, so lines read across both).
    const contentText = pdf.pages.map((p) => p.items.map((item) => item.str).join('\n')).join('\n');
    expect(contentText.replace(/\s+/g, ' ')).toContain('U.S.–Japan Alliance: Space, Counterstrike and Force');
    expect(allText).toContain('UNCLASSIFIED');
    expect(allText).not.toMatch(/\\[.\-()!#*_[\]]/); // no escape backslash leaks into the page
    expect(pdf.fonts.some((f) => /SourceSerif4/.test(f))).toBe(true);
    expect(pdf.fonts.some((f) => /Inter/.test(f))).toBe(true);
    const outlineTitles = pdf.outline.map((o) => o.title).join(' | ');
    expect(outlineTitles).toContain('Space Cooperation Framework Agreement');

    if (id === 'one-pager') expect(pdf.pageCount).toBe(1);
    if (id === 'handout') {
      // The whole brief: each section starts a page and runs over several; the sources close it.
      expect(pdf.pageCount).toBeGreaterThan(2 + defaultSpec().sections.length);
      expect(pdf.pages.at(-1)!.text).toContain('Sources');
    }
    if (id === 'memo') {
      expect(pdf.pages[0]!.text).toContain('Page 1 of');
      expect(pdf.pageCount).toBeGreaterThan(3);
    }
  });
});
