import { describe, expect, it } from 'vitest';
import { pagesInView } from '../../renderer/src/page-visibility.js';

const list = (scrollTop: number, viewHeight = 800) => ({ scrollTop, viewHeight, padding: 24, gap: 20 });
// Letter pages at about 1.1 times real size: taller than the view.
const pages = Array.from({ length: 6 }, () => 1100);

describe('pages in view', () => {
  it('puts the page the user is looking at first, and the edge of the next one after it', () => {
    expect(pagesInView(pages, list(0))).toEqual([0]);
    // Near the end of page 1: most of the view shows page 2.
    expect(pagesInView(pages, list(900))).toEqual([1, 0]);
    // A short page near the top of the view and the next one filling the rest.
    expect(pagesInView([300, 300, 300], list(0))).toEqual([0, 1, 2]);
    expect(pagesInView([300, 300, 300], list(200))).toEqual([1, 2, 0]);
  });

  it('sees no page in the gaps and answers the first page when none is in view', () => {
    // The view is exactly the gap between page 1 (24..1124) and page 2 (1144..2244).
    expect(pagesInView(pages, list(1124, 20))).toEqual([0]);
    expect(pagesInView(pages, list(1124, 21))).toEqual([1]);
    expect(pagesInView([], list(0))).toEqual([]);
  });

  it('keeps the upper page first when two show as much of themselves', () => {
    expect(pagesInView([100, 100], { scrollTop: 0, viewHeight: 300, padding: 0, gap: 0 })).toEqual([0, 1]);
  });
});
