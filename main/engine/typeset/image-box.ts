/**
 * How big an image is drawn: the size its markup or template.yaml asks for
 * (width, height, or both as a box it fits inside, keeping its proportions;
 * else its natural size, one pixel or SVG unit to the point), scaled down to
 * the room it has, with a warning naming the file when it had to be scaled.
 */
import type { BriefWarning, SourceLocation } from '../errors.js';

export interface Size {
  readonly width: number;
  readonly height: number;
}

export interface AskedSize {
  readonly width?: number;
  readonly height?: number;
}

/** The size asked for, in points, keeping the image's proportions. */
export function askedSize(natural: Size, asked: AskedSize): Size {
  const ratio = natural.height / natural.width;
  if (asked.width !== undefined && asked.height !== undefined) {
    const scale = Math.min(asked.width / natural.width, asked.height / natural.height);
    return { width: natural.width * scale, height: natural.height * scale };
  }
  if (asked.width !== undefined) return { width: asked.width, height: asked.width * ratio };
  if (asked.height !== undefined) return { width: asked.height / ratio, height: asked.height };
  return natural;
}

/** `size` scaled down (never up) to fit `room`; `scaled` says whether it had to be. */
export function fitInto(size: Size, room: Size): Size & { scaled: boolean } {
  const scale = Math.min(1, room.width / size.width, room.height / size.height);
  // A hundredth of a point either way is rounding, not an oversize image.
  if (scale >= 0.9999) return { ...size, scaled: false };
  return { width: size.width * scale, height: size.height * scale, scaled: true };
}

const round = (n: number): string => String(Math.round(n));

/**
 * The warning for an image drawn smaller than it asked to be. `units` says
 * what its natural size is counted in (pixels for PNG and JPEG, SVG units);
 * `where` names its room and `fix` says what to change.
 */
export function oversizeWarning(src: string, location: SourceLocation, natural: Size & { units: string }, wanted: Size, room: Size, drawn: Size, where: string, fix: string): BriefWarning {
  return {
    code: 'IMAGE',
    message:
      `The image "${src}" (${round(natural.width)} × ${round(natural.height)} ${natural.units}) would be ${round(wanted.width)} × ${round(wanted.height)} points, ` +
      `larger than ${where} (${round(room.width)} × ${round(room.height)} points): it is scaled down to ${round(drawn.width)} × ${round(drawn.height)} points. ${fix}`,
    location,
  };
}
