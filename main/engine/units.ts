/**
 * Lengths as a designer writes them: a bare number is points, or a number
 * with `pt`, `mm`, `cm` or `in` (72 points to the inch).
 */
import { z } from 'zod';

const POINTS_PER: Record<string, number> = { pt: 1, mm: 72 / 25.4, cm: 72 / 2.54, in: 72 };
const LENGTH = /^\s*(-?\d+(?:\.\d+)?|-?\.\d+)\s*(pt|mm|cm|in)\s*$/;

/** Points for "25mm", "1in", "12pt", or undefined when the text is not a length. */
export function parseLength(text: string): number | undefined {
  const match = LENGTH.exec(text);
  if (!match) return undefined;
  // Rounded to a hundredth of a point: exact enough, and the same bytes on every machine.
  return Math.round(Number(match[1]) * POINTS_PER[match[2]!]! * 100) / 100;
}

/** A length field: a number (points) or a string with a unit, checked against `bounds` in points. */
export function lengthSchema(bounds: z.ZodNumber): z.ZodType<number, z.ZodTypeDef, number | string> {
  return z
    .union([z.number(), z.string()])
    .transform((value, ctx) => {
      if (typeof value === 'number') return value;
      const points = parseLength(value);
      if (points === undefined) {
        ctx.addIssue({ code: 'custom', message: `a length such as 72 (points), 72pt, 25mm, 2.5cm or 1in, not ${JSON.stringify(value)}` });
        return z.NEVER;
      }
      return points;
    })
    .pipe(bounds);
}
