/**
 * A section body cut at its headings, so a template can place one part on
 * its own — the handout puts "Talking points" in a box at the top. Headings
 * inside fenced code are not headings.
 */
import { slugify } from '../markup.js';

export interface BodyPart {
  /** Heading text without the #s and any `{…}` attributes; "" for text before the first heading. */
  title: string;
  /** slug of the title: "Talking points" → "talking-points". */
  slug: string;
  /** 1–3, or 0 for text before the first heading. */
  level: number;
  /** The Markdown under the heading, up to the next heading of any level (not including it). */
  body: string;
}

const HEADING = /^ {0,3}(#{1,3})[ \t]+(.*?)[ \t]*#*[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

export function splitBody(body: string): BodyPart[] {
  const parts: BodyPart[] = [];
  let current: BodyPart = { title: '', slug: '', level: 0, body: '' };
  const lines: string[] = [];
  let fence: string | undefined;

  const finish = (): void => {
    current.body = lines.join('\n').trim();
    if (current.level > 0 || current.body !== '') parts.push(current);
    lines.length = 0;
  };

  for (const line of body.split(/\r?\n/)) {
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1]!;
      if (!fence) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
    }
    const heading = fence || fenceMatch ? null : HEADING.exec(line);
    if (heading) {
      finish();
      const title = heading[2]!.replace(/\s*\{[^{}]*\}\s*$/, '');
      current = { title, slug: slugify(title), level: heading[1]!.length, body: '' };
    } else {
      lines.push(line);
    }
  }
  finish();
  return parts;
}
