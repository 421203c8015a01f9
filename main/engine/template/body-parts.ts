/**
 * A section body cut at its headings, so a template can place one part on
 * its own — the handout puts "Talking points" in a box at the top. Headings
 * inside fenced code are not headings.
 */
import { fencedCodeLines } from '../fenced-code.js';
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

export function splitBody(body: string): BodyPart[] {
  const parts: BodyPart[] = [];
  let current: BodyPart = { title: '', slug: '', level: 0, body: '' };
  const lines: string[] = [];

  const finish = (): void => {
    current.body = lines.join('\n').trim();
    if (current.level > 0 || current.body !== '') parts.push(current);
    lines.length = 0;
  };

  const bodyLines = body.split(/\r?\n/);
  const code = fencedCodeLines(bodyLines);
  for (const [index, line] of bodyLines.entries()) {
    const heading = code[index] ? null : HEADING.exec(line);
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
