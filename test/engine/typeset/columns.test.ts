import { describe, expect, it } from 'vitest';
import type { Container, FlowItem } from '../../../main/engine/typeset/flow.js';
import { columnSetup, gatherColumns } from '../../../main/engine/typeset/columns.js';
import { paginate } from '../../../main/engine/typeset/paginate.js';

const area = { top: 0, bottom: 100 };
const block = { role: 'P', index: 0 };

function line(name: string, options: Partial<FlowItem> = {}): FlowItem & { name: string } {
  return { name, height: 10, gapBefore: 0, keepWithNext: false, chain: [], block, draw: () => {}, ...options };
}

const nameOf = (item: FlowItem) => (item as FlowItem & { name: string }).name;

describe('columns', () => {
  it('splits the text width between the columns and their gaps', () => {
    expect(columnSetup(500, 2, 20)).toEqual({ count: 2, width: 240, step: 260 });
    expect(columnSetup(500, 1, 20)).toEqual({ count: 1, width: 500, step: 0 });
  });

  it('fills the first column, then the second, then a new page, keeping the flow order', () => {
    const setup = columnSetup(500, 2, 20);
    const items = Array.from({ length: 25 }, (_, i) => line(`l${i}`));
    const pages = gatherColumns(paginate(items, area, 10, undefined, 2), setup);
    expect(pages).toHaveLength(2);
    const first = pages[0]!.placed;
    expect(first.map((p) => nameOf(p.item))).toEqual(Array.from({ length: 20 }, (_, i) => `l${i}`));
    expect(first.slice(0, 10).every((p) => (p.dx ?? 0) === 0)).toBe(true);
    expect(first.slice(10).every((p) => p.dx === 260)).toBe(true);
    expect(first[10]!.top).toBe(0);
    expect(pages[1]!.placed.map((p) => [nameOf(p.item), p.dx])).toEqual([...Array.from({ length: 5 }, (_, i) => [`l${20 + i}`, 0])]);
  });

  it('gives a box split between columns a fragment in each', () => {
    const box: Container = { padTop: 5, padBottom: 5 };
    const items = [line('open', { owner: box, edge: 'open', height: 5 }), ...Array.from({ length: 12 }, (_, i) => line(`in${i}`, { chain: [box] })), line('close', { owner: box, edge: 'close', height: 5 })];
    const [page] = gatherColumns(paginate(items, area, 10, undefined, 2), columnSetup(500, 2, 20));
    const fragments = page!.fragments.filter((f) => f.container === box);
    expect(fragments.map((f) => [f.dx, f.first, f.last])).toEqual([
      [0, true, false],
      [260, false, true],
    ]);
  });

  it('starts a new page, not the next column, at a forced page break', () => {
    const items = [line('a'), line('break', { pageBreak: true }), line('b')];
    const pages = gatherColumns(paginate(items, area, 10, undefined, 2), columnSetup(500, 2, 20));
    expect(pages.map((page) => page.placed.map((p) => nameOf(p.item)))).toEqual([['a'], ['b']]);
    expect(pages[1]!.placed[0]!.dx).toBe(0);
  });

  it('counts the page limit in pages of columns', () => {
    const items = Array.from({ length: 35 }, (_, i) => line(`l${i}`));
    expect(() => paginate(items, area, 1, undefined, 2)).toThrow(/more than 1 page,/);
    expect(paginate(items, area, 2, undefined, 2)).toHaveLength(4);
  });
});
