/** A section: one Markdown file with YAML front matter, written from cited sources. */
import { z } from 'zod';
import type { SectionImageRef } from './section-images.js';
import { sectionId } from './spec-schema.js';
import { calendarProblem, DATE_PATTERN } from './template/dates.js';

/** YYYY, YYYY-MM or YYYY-MM-DD, and a day or month the calendar has (only a date in that form is checked against it: one mistake, one message). */
const partialDate = z
  .string()
  .regex(DATE_PATTERN, 'a date written YYYY, YYYY-MM or YYYY-MM-DD')
  .superRefine((value, context) => {
    const problem = calendarProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: `a real calendar date (${problem})` });
  });

export const sourceSchema = z
  .object({
    /** Short id that key facts point at (`source:`). */
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'a short id of letters, digits, - and _'),
    title: z.string().min(1),
    publisher: z.string().min(1),
    /** YYYY, YYYY-MM or YYYY-MM-DD. */
    date: partialDate,
    /** Where in the source, e.g. "para. 4". */
    locator: z.string().optional(),
    url: z.string().url().optional(),
  })
  .strict();

export const keyFactSchema = z
  .object({
    text: z.string().min(1),
    /** Id of the entry in `sources` that supports this fact; a fact may stand without one. */
    source: z.string().min(1, 'the id of one of `sources`, or left out when nothing is cited').optional(),
    /** Where in that source, e.g. "para. 12". */
    locator: z.string().optional(),
  })
  .strict();

export const quoteSchema = z
  .object({
    /** Verbatim. */
    text: z.string().min(1),
    speaker: z.string().min(1),
    role: z.string().min(1),
    /** YYYY, YYYY-MM or YYYY-MM-DD: as precisely as the source says. */
    date: partialDate,
    /** Id of the entry in `sources` it comes from, when the section lists one. */
    source: z.string().min(1, 'the id of one of `sources`, or left out when nothing is cited').optional(),
    locator: z.string().optional(),
  })
  .strict();

export const sectionFrontMatterSchema = z
  .object({
    id: sectionId,
    title: z.string().min(1),
    summary: z.string().min(1),
    key_facts: z.array(keyFactSchema).default([]),
    quotes: z.array(quoteSchema).default([]),
    /** Optional: a writer's first section may have none; citations must still name a listed one. */
    sources: z.array(sourceSchema).default([]),
    tags: z.array(z.string()).default([]),
    /** BCP 47 language of this section when it differs from the brief's (hyphenation patterns). */
    lang: z
      .string()
      .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'a language tag such as en-US, en-GB, fr or ja')
      .optional(),
    /** Portion mark for this section's portions, e.g. "(CUI)", instead of the brief's `options.portionMark`. */
    portionMark: z.string().max(40).optional(),
  })
  .strict();

export type SectionSource = z.infer<typeof sourceSchema>;
export type KeyFact = z.infer<typeof keyFactSchema>;
export type Quote = z.infer<typeof quoteSchema>;
export type SectionFrontMatter = z.infer<typeof sectionFrontMatterSchema>;

export interface Section extends SectionFrontMatter {
  /** Markdown body after the front matter. */
  body: string;
  /** Absolute path of the file it came from. */
  file: string;
  /** 1-based line in `file` where the body starts (for locations in body errors). */
  bodyLine: number;
  builtIn: boolean;
  /** Images the body draws, read from the section's own folder (section-images.ts). */
  images?: readonly SectionImageRef[];
}
