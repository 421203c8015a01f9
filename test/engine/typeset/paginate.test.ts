import { describe, expect, it } from 'vitest';
import { BriefError } from '../../../main/engine/errors.js';
import type { Container, FlowItem } from '../../../main/engine/typeset/flow.js';
import { paginate } from '../../../main/engine/typeset/paginate.js';

const area = { top: 0, bottom: 100 };
const block = { role: 'P', index: 0 };

function line(name: string, options: Partial<FlowItem> = {}): FlowItem & { name: string } {
  return { name, height: 10, gapBefore: 0, keepWithNext: false, chain: [], block, draw: () => {}, ...options };
}

/** Names of the items on each page. */
function names(pages: ReturnType<typeof paginate>): string[][] {
  return pages.map((page) => page.placed.map(({ item }) => (item as FlowItem & { name: string }).name));
}

describe('paginate', () => {
  it('fills a page and moves on', () => {
    const items = Array.from({ length: 12 }, (_, i) => line(`l${i}`));
    expect(names(paginate(items, area, 10)).map((page) => page.length)).toEqual([10, 2]);
  });

  it('moves the items that must stay with the next one together with it', () => {
    // Eight free lines, then a heading kept with a two-line paragraph: heading would end page 1.
    const items = [...Array.from({ length: 8 }, (_, i) => line(`f${i}`)), line('heading', { keepWithNext: true }), line('p1', { keepWithNext: true }), line('p2')];
    const pages = names(paginate(items, area, 10));
    expect(pages[0]?.at(-1)).toBe('f7');
    expect(pages[1]).toEqual(['heading', 'p1', 'p2']);
  });

  it('drops the space above an item at the top of a page', () => {
    const items = [...Array.from({ length: 10 }, (_, i) => line(`f${i}`)), line('next', { gapBefore: 15 })];
    const pages = paginate(items, area, 10);
    expect(pages[1]?.placed[0]?.top).toBe(0);
  });

  it('breaks anyway when a keep chain is longer than a page', () => {
    const items = Array.from({ length: 15 }, (_, i) => line(`k${i}`, { keepWithNext: true }));
    expect(names(paginate(items, area, 10)).map((page) => page.length)).toEqual([10, 5]);
  });

  it('honours forced page breaks without making empty pages', () => {
    const items = [line('a'), line('break', { pageBreak: true }), line('break2', { pageBreak: true }), line('b')];
    expect(names(paginate(items, area, 10))).toEqual([['a'], ['b']]);
  });

  it('closes and reopens a box with its padding, one fragment per page', () => {
    const box: Container = { padTop: 5, padBottom: 5 };
    const items = [
      line('before'),
      line('open', { owner: box, edge: 'open', height: 5, keepWithNext: true }),
      ...Array.from({ length: 12 }, (_, i) => line(`in${i}`, { chain: [box] })),
      line('close', { owner: box, edge: 'close', height: 5 }),
    ];
    const pages = paginate(items, area, 10);
    // Page 1: 10 + 5 (open) + 8 lines + room for the 5 of closing padding = 100.
    expect(names(pages)[0]).toEqual(['before', 'open', ...Array.from({ length: 8 }, (_, i) => `in${i}`)]);
    const first = pages[0]?.fragments.find((fragment) => fragment.container === box);
    expect(first).toMatchObject({ top: 10, bottom: 100, first: true, last: false });
    const second = pages[1]?.fragments.find((fragment) => fragment.container === box);
    expect(second).toMatchObject({ top: 0, first: false, last: true });
    expect(pages[1]?.placed[0]?.top).toBe(5);
    expect(second?.bottom).toBe(5 + 4 * 10 + 5);
  });

  it('repeats a table header at the top of continuation pages', () => {
    const table: { padTop: number; padBottom: number; header?: FlowItem } = { padTop: 0, padBottom: 0 };
    const header = line('header', { chain: [table], keepWithNext: true, height: 12 });
    table.header = header;
    const items = [header, ...Array.from({ length: 20 }, (_, i) => line(`row${i}`, { chain: [table] }))];
    const pages = names(paginate(items, area, 10));
    expect(pages[0]?.[0]).toBe('header');
    expect(pages[1]?.[0]).toBe('header');
    expect(pages[2]?.[0]).toBe('header');
    expect(pages.flat().filter((name) => name.startsWith('row'))).toHaveLength(20);
  });

  it('throws TEMPLATE_LIMIT past the page limit', () => {
    const items = Array.from({ length: 100 }, (_, i) => line(`l${i}`));
    expect(() => paginate(items, area, 3)).toThrowError(BriefError);
    try {
      paginate(items, area, 3);
    } catch (error) {
      expect((error as BriefError).code).toBe('TEMPLATE_LIMIT');
      expect((error as BriefError).message).toMatch(/more than 3 pages/);
    }
  });
});
