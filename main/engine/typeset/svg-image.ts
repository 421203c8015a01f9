/**
 * SVG figures, drawn as vector paths by svg-to-pdfkit. The file is read when
 * laid out (its size decides the figure's height) and drawn when placed.
 */
import type PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { diskFiles, type FileProvider } from '../file-provider.js';
import { MAX_IMAGE_BYTES } from './image-check.js';
import type { DocumentInternals } from './pdfkit-internals.js';

export interface SvgImage {
  readonly svg: string;
  /** Natural size in points: one SVG user unit is one point, as one PNG pixel is. */
  readonly width: number;
  readonly height: number;
}

const NUMBER = '([0-9]*\\.?[0-9]+)';

/** Read an SVG file and its natural size (width/height attributes, else the viewBox). */
export function openSvg(path: string, files: FileProvider = diskFiles): SvgImage {
  // Through the regular-file reader: a FIFO or a folder named .svg fails at once.
  const svg = files.readFileSync(path, { what: 'image', maxBytes: MAX_IMAGE_BYTES }).toString('utf8');
  const root = /<svg\b[^>]*>/i.exec(svg)?.[0];
  if (!root) throw new Error('no <svg> element');
  const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*["']\\s*${NUMBER}\\s*(?:px|pt)?\\s*["']`, 'i').exec(root)?.[1];
  const viewBox = new RegExp(`viewBox\\s*=\\s*["']\\s*-?${NUMBER}[\\s,]+-?${NUMBER}[\\s,]+${NUMBER}[\\s,]+${NUMBER}`, 'i').exec(root);
  const width = Number(attr('width') ?? viewBox?.[3] ?? 0);
  const height = Number(attr('height') ?? viewBox?.[4] ?? 0);
  if (!(width > 0 && height > 0)) throw new Error('the SVG gives no width and height or viewBox');
  // The root's own width and height would fix its drawn size: without them it fills the
  // box it is given (through its viewBox, added when missing).
  let bare = root.replace(/\s(?:width|height)\s*=\s*(["'])[^"']*\1/gi, '');
  if (!viewBox) bare = bare.replace(/^<svg\b/i, `<svg viewBox="0 0 ${width} ${height}"`);
  return { svg: svg.replace(root, bare), width, height };
}

export function drawSvg(doc: DocumentInternals, image: SvgImage, x: number, y: number, width: number, height: number): void {
  SVGtoPDF(doc as unknown as typeof PDFDocument, image.svg, x, y, { width, height, assumePt: true });
}
