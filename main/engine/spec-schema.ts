/** The brief spec (`*.brief.yaml`): what to build. The app edits one, the CLI reads one. */
import { z } from 'zod';
import { isTemplatePath, SECTION_ID_PATTERN } from './ids.js';
import { calendarProblem } from './template/dates.js';
import { PDF_STANDARDS } from './typeset/pdfa.js';

export { isTemplatePath };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const isoDate = z
  .string()
  .regex(ISO_DATE, 'a date written YYYY-MM-DD')
  // Only a date in that form is checked against the calendar: one mistake, one message, saying what is wrong ("February 2024 has 29 days").
  .superRefine((value, context) => {
    const problem = ISO_DATE.test(value) ? calendarProblem(value) : undefined;
    if (problem) context.addIssue({ code: 'custom', message: `a real calendar date (${problem})` });
  });

export const sectionId = z.string().regex(SECTION_ID_PATTERN, 'an id of lowercase letters, digits and hyphens');

/** What a spec may give for a template's field; its type is checked against the template's declaration (template/fields.ts). */
export const fieldValueSchema = z.union([
  z.string().max(10_000),
  z.array(z.string().max(2000)).max(500),
  z.array(z.record(z.string(), z.string().max(2000))).max(500),
]);

export const briefOptionsSchema = z
  .object({
    /** Add a table of contents (overrides the template's `toc.enabled`). */
    toc: z.boolean().optional(),
    /** Portion mark such as "(U)" put before each body paragraph when the template allows it. */
    portionMark: z.string().max(40).optional(),
    /** Show which source supports each key fact. */
    provenance: z.boolean().default(true),
    /** Handout layout for printing: pages per sheet. */
    handout: z
      .object({
        layout: z.enum(['1-up', '2-up', '4-up', 'booklet']).default('1-up'),
        copies: z.number().int().min(1).max(999).default(1),
        notes: z.boolean().default(false),
        /** Sheet size; default: the template's page size. */
        paper: z.enum(['letter', 'a4']).optional(),
        /** One copy per name, "Copy N of M · Name" on every page of it. */
        recipients: z.array(z.string().trim().min(1).max(120)).min(1).max(999).optional(),
      })
      .strict()
      .refine((h) => !h.recipients || h.copies === 1 || h.copies === h.recipients.length, {
        message: 'equal to the number of recipients, or left out (each recipient gets one copy)',
        path: ['copies'],
      })
      .optional(),
    /** PDF standard: every brief is tagged (PDF/UA); a PDF/A part on request. 'none': the template's choice, else PDF/UA. */
    pdfStandard: z.enum(PDF_STANDARDS).default('none'),
    /** Distribution line printed under the title block. */
    distribution: z.string().max(500).optional(),
    /** Japanese forms of people and key terms beside the English (assets/glossary.yaml); default: the template's choice. */
    bilingual: z.boolean().optional(),
  })
  .strict();

export const briefSpecSchema = z
  .object({
    title: z.string().min(1).max(300),
    subtitle: z.string().max(300).optional(),
    /** Optional: a brief without one is dated the day it is built (see withBuildDate). */
    date: isoDate.optional(),
    author: z.string().max(300).optional(),
    audience: z.string().max(300).optional(),
    /** Free-text marking typeset as the banner, e.g. UNCLASSIFIED (always printed upper case). */
    classification: z.string().max(120).default('UNCLASSIFIED'),
    /** BCP 47 language of the brief (en-US when left out): hyphenation patterns and quotation marks. */
    lang: z
      .string()
      .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'a language tag such as en-US, en-GB, fr or ja')
      .optional(),
    /** Classification authority block on the first page (classified documents). */
    classificationAuthority: z
      .object({
        classifiedBy: z.string().min(1).max(200),
        reason: z.string().max(200).optional(),
        derivedFrom: z.string().max(200).optional(),
        declassifyOn: z.string().min(1).max(200),
      })
      .strict()
      .optional(),
    /** CUI designation indicator block on the first page. */
    cuiDesignation: z
      .object({
        controlledBy: z.array(z.string().min(1).max(200)).min(1).max(4),
        category: z.string().min(1).max(200),
        distribution: z.string().max(200).optional(),
        poc: z.string().max(200).optional(),
      })
      .strict()
      .optional(),
    template: z.string().min(1).default('memo'),
    /** Folders of the writer's own sections, read after the built-in library (later folders win); relative to the spec's folder. */
    sectionFolders: z.array(z.string().min(1).max(1000)).max(20).optional(),
    sections: z.array(sectionId).min(1, 'at least one section id'),
    options: briefOptionsSchema.default({}),
    /** Values for the fields the template declares (`fields:` in template.yaml). */
    fields: z.record(z.string(), fieldValueSchema).optional(),
  })
  .strict();

export type BriefSpec = z.infer<typeof briefSpecSchema>;
export type BriefSpecInput = z.input<typeof briefSpecSchema>;
export type BriefOptions = z.infer<typeof briefOptionsSchema>;
/** A spec as the pipeline builds it: the date is settled. */
export type DatedBriefSpec = BriefSpec & { date: string };

/** Today on the local calendar, YYYY-MM-DD: the date a writer sees on their own clock. */
export function localIsoDate(now: Date = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${String(now.getFullYear()).padStart(4, '0')}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The spec's own date pins the brief (and with it the PDF's bytes); a spec
 * without one is dated `today`, the day of the build.
 */
export function withBuildDate(spec: BriefSpec, today: string = localIsoDate()): DatedBriefSpec {
  return { ...spec, date: spec.date ?? today };
}

/** The brief built when none is given: the three mission sections in the memo template. */
export const DEFAULT_SECTIONS = ['space-agreement', 'counterstrike-capability', 'force-posture'] as const;

export function defaultSpec(date = '2023-01-13'): BriefSpec {
  return briefSpecSchema.parse({
    title: 'U.S.–Japan Alliance: Space, Counterstrike and Force Posture',
    subtitle: 'Background brief for the January 2023 summit',
    date,
    author: 'Brief Studio',
    audience: 'Meeting participants',
    classification: 'UNCLASSIFIED',
    template: 'memo',
    sections: [...DEFAULT_SECTIONS],
  });
}
