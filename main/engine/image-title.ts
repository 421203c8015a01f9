/**
 * An image's title in brief markup carries its placement and caption:
 * `![Seal](images/seal.png "Spending by year width=40mm height=3cm align=right")`.
 * `width` and `height` are lengths (points, or pt, mm, cm, in), `align` is
 * left, center (or centre) or right; the rest of the title is the caption.
 */
import { parseLength } from './units.js';

export type ImageAlign = 'left' | 'center' | 'right';

export interface ImageTitle {
  width?: number;
  height?: number;
  align?: ImageAlign;
  caption: string;
  /** A setting written wrongly, as a sentence for the author (the first one). */
  problem?: string;
}

const SETTING = /(^|\s)(width|height|align)=(\S*)/g;
const ALIGNS: Record<string, ImageAlign> = { left: 'left', center: 'center', centre: 'center', right: 'right' };
/** Largest width or height an image may ask for: bigger than any page (the box still caps it). */
const MAX_LENGTH = 5000;

export function parseImageTitle(title: string): ImageTitle {
  const parsed: ImageTitle = { caption: '' };
  const fail = (why: string) => {
    parsed.problem ??= why;
  };
  for (const [, , name, value] of title.matchAll(SETTING)) {
    if (name === 'align') {
      const align = ALIGNS[value!.toLowerCase()];
      if (align) parsed.align = align;
      else fail(`image \`align=${value}\` is not an alignment (use left, center or right)`);
      continue;
    }
    const points = /^\d+(?:\.\d+)?$/.test(value!) ? Number(value) : parseLength(value!);
    if (points === undefined || !(points > 0) || points > MAX_LENGTH) {
      fail(`image \`${name}=${value}\` is not a length (write points such as 96, or 30mm, 3cm, 1.5in, 96pt)`);
      continue;
    }
    parsed[name as 'width' | 'height'] = points;
  }
  parsed.caption = title.replace(SETTING, '$1').replace(/\s+/g, ' ').trim();
  return parsed;
}
