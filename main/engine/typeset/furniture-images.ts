/**
 * Images in the page furniture: a logo in the header or footer, on the first
 * page, every page, or every page but the first (template.yaml
 * `header.image`, `footer.image`). Opened and sized once per document; the
 * furniture pass draws them on the pages they belong to. A header image
 * stands on the header line's foot and may rise to the banner (or near the
 * page's edge); a footer image hangs from the footer line's top.
 */
import type { FileProvider } from '../file-provider.js';
import type { BriefWarning } from '../errors.js';
import type { FurnitureImage } from '../template-manifest.js';
import type { Canvas } from './canvas.js';
import { askedSize, fitInto, oversizeWarning, type Size } from './image-box.js';
import { imageWarning, openImage } from './block-media.js';
import type { DocumentInternals, ImageInternals } from './pdfkit-internals.js';
import { drawSvg, type SvgImage } from './svg-image.js';

/** Nearest a furniture image comes to the page's edge or to the banner. */
const EDGE = 12;
const CLEARANCE = 4;

export type FurniturePlace = 'header' | 'footer';

export interface PlacedFurnitureImage {
  readonly pages: FurnitureImage['pages'];
  readonly draw: (canvas: Canvas) => void;
}

/** The band a furniture line's image may take: across the live area, between these heights. */
export interface FurnitureBand {
  readonly x: number;
  readonly width: number;
  readonly top: number;
  readonly bottom: number;
}

export interface FurnitureImageEnv {
  readonly doc: DocumentInternals;
  readonly resolveAsset: (relativePath: string) => string;
  readonly warnings: BriefWarning[];
  readonly files: FileProvider;
}

export function bandEdges(pageHeight: number, bannerTop: number | undefined, bannerHeight: number): { top: number; bottom: number } {
  return bannerTop === undefined
    ? { top: EDGE, bottom: pageHeight - EDGE }
    : { top: bannerTop + bannerHeight + CLEARANCE, bottom: pageHeight - bannerTop - bannerHeight - CLEARANCE };
}

/** Open and size one furniture image; undefined (with a warning) when it cannot be used or has no room. */
export function placeFurnitureImage(env: FurnitureImageEnv, place: FurniturePlace, settings: FurnitureImage, band: FurnitureBand): PlacedFurnitureImage | undefined {
  const path = env.resolveAsset(settings.src);
  let image: ImageInternals | SvgImage;
  try {
    image = openImage(env.doc, path, env.files);
  } catch (cause) {
    env.warnings.push(imageWarning(cause, `The ${place} image "${settings.src}"`, { file: settings.src }));
    return undefined;
  }
  const natural: Size = { width: image.width, height: image.height };
  if (!(natural.width > 0 && natural.height > 0)) return undefined;
  const room: Size = { width: band.width, height: band.bottom - band.top };
  if (room.height < 1) {
    env.warnings.push({
      code: 'IMAGE',
      message: `The ${place} image "${settings.src}" is left out: the ${place === 'header' ? 'top' : 'bottom'} margin leaves it no room. Make page.margins.${place === 'header' ? 'top' : 'bottom'} larger.`,
      location: { file: settings.src },
    });
    return undefined;
  }
  const wanted = askedSize(natural, settings);
  const { width, height, scaled } = fitInto(wanted, room);
  if (scaled) env.warnings.push(oversizeWarning(settings.src, { file: settings.src }, { ...natural, units: 'svg' in image ? 'SVG units' : 'pixels' }, wanted, room, { width, height }, `the room in the ${place}`, `Give it a smaller height or width under ${place}.image in template.yaml, or make page.margins.${place === 'header' ? 'top' : 'bottom'} larger.`));
  const x = settings.align === 'left' ? band.x : settings.align === 'right' ? band.x + band.width - width : band.x + (band.width - width) / 2;
  const top = place === 'header' ? band.bottom - height : band.top;
  return {
    pages: settings.pages,
    draw: (canvas) => {
      if ('svg' in image) {
        canvas.flush();
        drawSvg(env.doc, image, x, top, width, height);
      } else canvas.image(image, x, top, width, height);
    },
  };
}

export function onPage(pages: FurnitureImage['pages'], pageIndex: number): boolean {
  return pages === 'all' || (pages === 'first') === (pageIndex === 0);
}
