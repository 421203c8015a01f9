/**
 * Pages of a PDF as grey images (poppler's pdftoppm), and how far two pages
 * differ. Printing rewrites fonts and colours (cups-pdf goes through
 * Ghostscript), so glyph edges differ pixel by pixel; what must match is the
 * picture: where the text blocks, rules, boxes and banners are, and how dark.
 * Both images are averaged over blocks of pixels, then compared block by
 * block. A printed sheet may come back turned a quarter (landscape sheets on
 * portrait paper), so both quarter turns are tried when the sizes are swapped.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface GreyImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export function renderPages(pdf: Uint8Array | string, dpi = 48): GreyImage[] {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-images-'));
  try {
    const input = typeof pdf === 'string' ? pdf : join(dir, 'in.pdf');
    if (typeof pdf !== 'string') writeFileSync(input, pdf);
    execFileSync('pdftoppm', ['-gray', '-r', String(dpi), input, join(dir, 'page')], { stdio: 'pipe' });
    return readdirSync(dir)
      .filter((f) => f.endsWith('.pgm'))
      .sort()
      .map((f) => parsePgm(readFileSync(join(dir, f))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function parsePgm(bytes: Buffer): GreyImage {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a binary PGM');
  const [whole, w, h] = header;
  return { width: Number(w), height: Number(h), data: new Uint8Array(bytes.subarray(whole.length)) };
}

function rotate(image: GreyImage, clockwise: boolean): GreyImage {
  const { width, height, data } = image;
  const out = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const nx = clockwise ? height - 1 - y : y;
      const ny = clockwise ? x : width - 1 - x;
      out[ny * height + nx] = data[y * width + x]!;
    }
  }
  return { width: height, height: width, data: out };
}

/** Mean of each BLOCK×BLOCK square of pixels. */
const BLOCK = 6;

function blocks(image: GreyImage, offsetX: number, offsetY: number, columns: number, rows: number): Float64Array {
  const out = new Float64Array(columns * rows);
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < columns; bx++) {
      let sum = 0;
      for (let y = 0; y < BLOCK; y++) for (let x = 0; x < BLOCK; x++) sum += image.data[(offsetY + by * BLOCK + y) * image.width + offsetX + bx * BLOCK + x]!;
      out[by * columns + bx] = sum / (BLOCK * BLOCK);
    }
  }
  return out;
}

/** Mean absolute difference of block averages (0 same … 255), best over shifts of up to 2 pixels. */
function blockDifference(a: GreyImage, b: GreyImage): number {
  if (Math.abs(a.width - b.width) > 2 || Math.abs(a.height - b.height) > 2) return 255;
  const columns = Math.floor((Math.min(a.width, b.width) - 4) / BLOCK);
  const rows = Math.floor((Math.min(a.height, b.height) - 4) / BLOCK);
  const reference = blocks(a, 2, 2, columns, rows);
  let best = 255;
  for (let dy = 0; dy <= 4; dy++) {
    for (let dx = 0; dx <= 4; dx++) {
      const other = blocks(b, dx, dy, columns, rows);
      let sum = 0;
      for (let i = 0; i < reference.length; i++) sum += Math.abs(reference[i]! - other[i]!);
      best = Math.min(best, sum / reference.length);
    }
  }
  return best;
}

export function imageDifference(sent: GreyImage, printed: GreyImage): number {
  const swapped = Math.abs(sent.width - printed.height) <= 2 && Math.abs(sent.height - printed.width) <= 2 && sent.width !== sent.height;
  if (!swapped) return blockDifference(sent, printed);
  return Math.min(blockDifference(sent, rotate(printed, true)), blockDifference(sent, rotate(printed, false)));
}
