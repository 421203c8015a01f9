/**
 * Where each logical page sits on a sheet: paper sizes, the grid of each
 * layout, and inside each cell the scaled page, its label strip and its
 * notes area. Points, PDF coordinates (origin at the bottom left).
 */
import type { HandoutLayout } from './imposition.js';

export type Paper = 'letter' | 'a4';

export const PAPER_SIZES: Readonly<Record<Paper, { width: number; height: number }>> = {
  letter: { width: 612, height: 792 },
  a4: { width: 595.28, height: 841.89 },
};

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SlotPlacement {
  /** The logical page, scaled. */
  page: Rect;
  scale: number;
  /** Strip under the page for "Copy N of M · Name", when the copy is labelled. */
  label?: Rect;
  /** Ruled area for handwriting, when notes are on. */
  notes?: Rect;
}

export interface SheetGeometry {
  width: number;
  height: number;
  landscape: boolean;
  slots: SlotPlacement[];
}

/** Around n-up cells and between them; 1-up pages keep their own margins. */
const MARGIN = 18;
const GUTTER = 18;
const NOTES_GAP = 8;
/** Share of a cell given to notes: beside (1-up, 2-up, booklet) or below (4-up). */
const NOTES_SHARE = 0.3;

export function notesPosition(layout: HandoutLayout): 'beside' | 'below' {
  return layout === '4-up' ? 'below' : 'beside';
}

export function sheetGeometry(options: {
  layout: HandoutLayout;
  paper: Paper;
  /** Size of the logical pages. */
  pageWidth: number;
  pageHeight: number;
  notes: boolean;
  labelled: boolean;
  labelHeight: number;
}): SheetGeometry {
  const { layout } = options;
  const paper = PAPER_SIZES[options.paper];
  const landscape = layout === '2-up' || layout === 'booklet';
  const width = landscape ? paper.height : paper.width;
  const height = landscape ? paper.width : paper.height;
  const cols = layout === '1-up' ? 1 : 2;
  const rows = layout === '4-up' ? 2 : 1;
  const margin = layout === '1-up' ? 0 : MARGIN;
  // A booklet's two pages meet at the fold.
  const gutter = layout === 'booklet' ? 0 : GUTTER;
  const cellWidth = (width - 2 * margin - (cols - 1) * gutter) / cols;
  const cellHeight = (height - 2 * margin - (rows - 1) * gutter) / rows;

  const slots: SlotPlacement[] = [];
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      const cell: Rect = {
        x: margin + col * (cellWidth + gutter),
        y: height - margin - (row + 1) * cellHeight - row * gutter,
        width: cellWidth,
        height: cellHeight,
      };
      slots.push(placeInCell(cell, options, notesPosition(layout)));
    }
  }
  return { width, height, landscape, slots };
}

function placeInCell(
  cell: Rect,
  options: { pageWidth: number; pageHeight: number; notes: boolean; labelled: boolean; labelHeight: number },
  notesAt: 'beside' | 'below',
): SlotPlacement {
  const labelHeight = options.labelled ? options.labelHeight : 0;
  const besideWidth = options.notes && notesAt === 'beside' ? cell.width * NOTES_SHARE : 0;
  const belowHeight = options.notes && notesAt === 'below' ? cell.height * NOTES_SHARE : 0;
  const availableWidth = cell.width - besideWidth - (besideWidth ? NOTES_GAP : 0);
  const availableHeight = cell.height - labelHeight - belowHeight - (belowHeight ? NOTES_GAP : 0);
  const scale = Math.min(1, availableWidth / options.pageWidth, availableHeight / options.pageHeight);
  const w = options.pageWidth * scale;
  const h = options.pageHeight * scale;
  // Centred in what is left, except that notes beside push the page to the left.
  const x = besideWidth ? cell.x : cell.x + (cell.width - w) / 2;
  // Notes below fill the cell from the top; otherwise page and label are centred up and down.
  const top = belowHeight ? cell.y + cell.height : cell.y + cell.height - (availableHeight - h) / 2;
  const page: Rect = { x, y: top - h, width: w, height: h };
  const placement: SlotPlacement = { page, scale };
  if (labelHeight) placement.label = { x, y: page.y - labelHeight, width: w, height: labelHeight };
  if (besideWidth) placement.notes = { x: x + w + NOTES_GAP, y: page.y, width: cell.x + cell.width - (x + w + NOTES_GAP), height: h };
  if (belowHeight) {
    const notesTop = page.y - labelHeight - NOTES_GAP;
    placement.notes = { x, y: cell.y, width: w, height: notesTop - cell.y };
  }
  return placement;
}
