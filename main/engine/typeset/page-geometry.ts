/** Page size, margins, the text area and the notes column. */
import { BriefError } from '../errors.js';
import type { TemplateManifest } from '../template-manifest.js';

export const PAGE_SIZES = { Letter: { width: 612, height: 792 }, A4: { width: 595.28, height: 841.89 } } as const;

/** Space between the text and the notes column. */
const NOTES_GUTTER = 16;
/** Narrower text than this is not worth setting. */
const MIN_TEXT_WIDTH = 120;
const MIN_TEXT_HEIGHT = 120;

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface PageGeometry {
  readonly width: number;
  readonly height: number;
  readonly margins: TemplateManifest['page']['margins'];
  /** Where the flow goes. */
  readonly text: Rect;
  /** Between the margins: header, footer and rules span it. */
  readonly live: Rect;
  readonly notes?: Rect;
}

/** `landscape`: the same paper turned (a page for a table too wide for the text, `tables.tooWide: landscape`). */
export function pageGeometry(manifest: TemplateManifest, orientation: 'portrait' | 'landscape' = 'portrait'): PageGeometry {
  const paper = PAGE_SIZES[manifest.page.size];
  const { width, height } = orientation === 'landscape' ? { width: paper.height, height: paper.width } : paper;
  const margins = manifest.page.margins;
  const live: Rect = { x: margins.left, y: margins.top, width: width - margins.left - margins.right, height: height - margins.top - margins.bottom };
  let text = live;
  let notes: Rect | undefined;
  if (manifest.notes.enabled) {
    const taken = manifest.notes.width;
    const textWidth = live.width - taken;
    const column = { y: live.y, width: Math.max(taken - NOTES_GUTTER, 0), height: live.height };
    if (manifest.notes.side === 'right') {
      text = { ...live, width: textWidth };
      notes = { ...column, x: live.x + textWidth + NOTES_GUTTER };
    } else {
      text = { ...live, x: live.x + taken, width: textWidth };
      notes = { ...column, x: live.x };
    }
  }
  if (text.width < MIN_TEXT_WIDTH || text.height < MIN_TEXT_HEIGHT) {
    throw new BriefError(
      'TEMPLATE_INVALID',
      `The page margins${manifest.notes.enabled ? ' and notes column' : ''} leave a text area of ${Math.round(text.width)} × ${Math.round(text.height)} points; at least ${MIN_TEXT_WIDTH} × ${MIN_TEXT_HEIGHT} is needed.`,
    );
  }
  return { width, height, margins, text, live, notes };
}
