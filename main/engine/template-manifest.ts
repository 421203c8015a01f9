/**
 * template.yaml: the schema every template's manifest is validated against,
 * with the defaults a field takes when it is left out. The template loader
 * parses with it; the typesetter reads the resulting (fully defaulted) object.
 */
import { z } from 'zod';
import { closestName, didYouMean } from './template/suggest.js';
import { PDF_STANDARDS } from './typeset/pdfa.js';
import { fieldDeclarationsSchema } from './template/fields.js';
import { lengthSchema } from './units.js';

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
const color = z.string().regex(HEX_COLOR, 'a colour like "#1a2b3c"');
/** The palette's colours by name: a style or callout that names one follows the palette. */
export const PALETTE_NAMES = ['text', 'accent', 'muted', 'rule', 'link'] as const;
type PaletteName = (typeof PALETTE_NAMES)[number];
/** "#rrggbb" or a palette name; a misspelt name ("mutted") is answered with the one meant. */
const colorOrPaletteName = z.string().superRefine((value, context) => {
  if (HEX_COLOR.test(value) || (PALETTE_NAMES as readonly string[]).includes(value)) return;
  const hint = value.startsWith('#') ? '' : didYouMean(value, PALETTE_NAMES);
  context.addIssue({ code: 'custom', message: `a colour like "#1a2b3c" or a palette name (${PALETTE_NAMES.join(', ')}), found "${value}"${hint}` });
});
/** Lengths in points, or with a unit: 25mm, 2cm, 1in, 12pt. */
const points = lengthSchema(z.number().min(0).max(2000));

/**
 * A font family name: one of the built-in families (`serif` = Source Serif 4,
 * `sans` = Inter, `jp` = Noto Sans JP, `mono` = Source Code Pro) or a family declared in `fonts.families`.
 */
const familyName = z.string().min(1);

export const textStyleSchema = z
  .object({
    font: familyName.default('serif'),
    bold: z.boolean().default(false),
    italic: z.boolean().default(false),
    size: z.number().min(4).max(144).default(10.5),
    /** Line height as a multiple of the size. */
    leading: z.number().min(0.8).max(4).default(1.35),
    /** Default: the palette's accent for headings and titles, muted for secondary lines, text for the rest. */
    color: colorOrPaletteName.optional(),
    align: z.enum(['left', 'justify', 'center', 'right']).default('left'),
    spaceBefore: points.default(0),
    spaceAfter: points.default(6),
    /** Left indent in points. */
    indent: points.default(0),
    uppercase: z.boolean().default(false),
    /** Extra space between characters, in points. */
    letterSpacing: z.number().min(-2).max(20).default(0),
    /** Never separate this paragraph from the one before it by a page break (e.g. a source note under a fact). */
    keepWithPrevious: z.boolean().default(false),
  })
  .strict();

export type TextStyle = z.infer<typeof textStyleSchema>;
type TextStyleInput = z.input<typeof textStyleSchema>;

/** Defaults per named style; a template's `styles.X` is merged over these. */
export const DEFAULT_STYLES: Record<string, TextStyleInput> = {
  body: { font: 'serif', size: 10.5, leading: 1.4, align: 'justify', spaceAfter: 7 },
  title: { font: 'sans', bold: true, size: 22, leading: 1.15, spaceAfter: 4 },
  subtitle: { font: 'sans', size: 13, leading: 1.25, spaceAfter: 10 },
  meta: { font: 'sans', size: 9, leading: 1.35, spaceAfter: 2 },
  h1: { font: 'sans', bold: true, size: 15, leading: 1.2, spaceBefore: 14, spaceAfter: 6 },
  h2: { font: 'sans', bold: true, size: 12, leading: 1.25, spaceBefore: 10, spaceAfter: 4 },
  h3: { font: 'sans', bold: true, size: 10.5, leading: 1.3, spaceBefore: 8, spaceAfter: 3 },
  list: { font: 'serif', size: 10.5, leading: 1.4, spaceAfter: 3 },
  quote: { font: 'serif', italic: true, size: 10.5, leading: 1.4, spaceAfter: 3, indent: 14 },
  attribution: { font: 'sans', size: 8.5, leading: 1.3, spaceAfter: 8, indent: 14, align: 'right' },
  callout: { font: 'sans', size: 9.5, leading: 1.35, spaceAfter: 3 },
  calloutTitle: { font: 'sans', bold: true, size: 9, leading: 1.3, spaceAfter: 4, uppercase: true, letterSpacing: 0.6 },
  table: { font: 'sans', size: 9, leading: 1.3, spaceAfter: 0 },
  tableHeader: { font: 'sans', bold: true, size: 9, leading: 1.3, spaceAfter: 0 },
  toc: { font: 'sans', size: 10, leading: 1.4, spaceAfter: 2 },
  code: { font: 'sans', size: 9, leading: 1.3, spaceAfter: 6 },
  note: { font: 'sans', size: 8, leading: 1.3, spaceAfter: 4, keepWithPrevious: true },
  header: { font: 'sans', size: 8, leading: 1.2, spaceAfter: 0 },
  footer: { font: 'sans', size: 8, leading: 1.2, spaceAfter: 0 },
  banner: { font: 'sans', bold: true, size: 9, leading: 1.2, spaceAfter: 0, letterSpacing: 0.8 },
  caption: { font: 'sans', size: 8.5, leading: 1.3, align: 'left', spaceBefore: 8, spaceAfter: 4 },
  footnote: { font: 'serif', size: 8, leading: 1.3, align: 'left', spaceAfter: 1 },
  authority: { font: 'sans', size: 7.5, leading: 1.3, align: 'left', spaceAfter: 4 },
};

const calloutStyleSchema = z
  .object({
    background: colorOrPaletteName.default('#f3f5f8'),
    /** Default: the palette's rule colour. */
    border: colorOrPaletteName.default('rule'),
    /** Width of the bar drawn down the left edge; 0 draws a full border instead. */
    accentBar: points.default(3),
    /** Default: the palette's accent. */
    accent: colorOrPaletteName.default('accent'),
    padding: points.default(9),
  })
  .strict();
export type CalloutStyle = z.infer<typeof calloutStyleSchema>;

const fontFilesSchema = z
  .object({
    regular: z.string(),
    bold: z.string().optional(),
    italic: z.string().optional(),
    boldItalic: z.string().optional(),
  })
  .strict();

/**
 * An image in the header or footer (a logo): a file inside the template
 * folder, its size (width, height, or both as a box it fits inside; default
 * its natural size), where it sits across the line and on which pages.
 */
const furnitureImageSchema = z
  .object({
    src: z.string().min(1),
    width: lengthSchema(z.number().positive().max(2000)).optional(),
    height: lengthSchema(z.number().positive().max(2000)).optional(),
    /** `centre` is read as `center`, as in the markup's `align=`. */
    align: z.preprocess((value) => (value === 'centre' ? 'center' : value), z.enum(['left', 'center', 'right'])).default('left'),
    /** `all` pages, only the `first`, or every page but the first (`rest`). */
    pages: z.enum(['all', 'first', 'rest']).default('all'),
  })
  .strict();
export type FurnitureImage = z.infer<typeof furnitureImageSchema>;

/** What a header or footer slot may say in braces (furniture.ts fills them in). */
export const FURNITURE_TOKENS = ['page', 'pages', 'title', 'date', 'classification', 'author'] as const;

/** A slot's text: every `{name}` in it must be a token, so a misspelt one is reported rather than printed on every page. */
const furnitureText = z
  .string()
  .default('')
  .superRefine((text, context) => {
    for (const [, name] of text.matchAll(/\{([A-Za-z_]+)\}/g)) {
      if ((FURNITURE_TOKENS as readonly string[]).includes(name!)) continue;
      const near = closestName(name!, FURNITURE_TOKENS);
      const list = FURNITURE_TOKENS.map((token) => `{${token}}`).join(', ');
      context.addIssue({ code: 'custom', message: `text with the tokens ${list}: \`{${name}}\` is none of them${near ? ` (did you mean \`{${near}}\`?)` : ''}` });
    }
  });

/** Header and footer: three slots of text with tokens. */
const furnitureSchema = z
  .object({
    left: furnitureText,
    center: furnitureText,
    right: furnitureText,
    /** Draw a hairline between the furniture and the text area. */
    rule: z.boolean().default(false),
    /** Leave the first page without this line (its image has its own `pages`). */
    skipFirstPage: z.boolean().default(false),
    image: furnitureImageSchema.optional(),
  })
  .strict();

export const DEFAULT_BANNER_COLORS: Record<string, string> = {
  UNCLASSIFIED: '#007a33',
  CUI: '#502b85',
  CONFIDENTIAL: '#0033a0',
  SECRET: '#c8102e',
  'TOP SECRET': '#ff8c00',
};

export const templateManifestSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().default(''),
    /** Fields a brief fills in for this template, read as {{fields.name}} (template/fields.ts). */
    fields: fieldDeclarationsSchema,
    /** Template format version; only 1 exists. */
    version: z.literal(1).default(1),
    page: z
      .object({
        size: z.enum(['Letter', 'A4']).default('Letter'),
        margins: z
          .object({ top: points.default(72), right: points.default(72), bottom: points.default(72), left: points.default(72) })
          .strict()
          .default({}),
      })
      .strict()
      .default({}),
    fonts: z
      .object({
        /** Extra families, files relative to the template folder. */
        families: z.record(z.string(), fontFilesSchema).default({}),
        /** Families tried, in order, for characters the chosen font lacks. */
        fallback: z.array(familyName).default(['serif', 'sans', 'jp']),
      })
      .strict()
      .default({}),
    colors: z
      .object({
        text: color.default('#1b1f24'),
        accent: color.default('#1f3a5f'),
        muted: color.default('#5b6573'),
        rule: color.default('#c9d1dc'),
        link: color.default('#1f4f8f'),
      })
      .strict()
      .default({}),
    styles: z.record(z.string(), textStyleSchema.partial()).default({}),
    callouts: z.record(z.string(), calloutStyleSchema.partial()).default({}),
    banner: z
      .object({
        enabled: z.boolean().default(true),
        /** Banner colour per marking; the longest key the marking starts with wins. */
        colors: z.record(z.string(), color).default({}),
        /** Colour when no key matches. */
        defaultColor: color.default('#333333'),
        /** Draw the banner as white text on a coloured bar (true) or coloured text (false). */
        filled: z.boolean().default(false),
      })
      .strict()
      .default({}),
    header: furnitureSchema.default({}),
    footer: furnitureSchema.default({ center: 'Page {page} of {pages}' }),
    /** A ruled column beside the text for handwritten notes (handouts). */
    notes: z
      .object({
        enabled: z.boolean().default(false),
        side: z.enum(['left', 'right']).default('right'),
        /** Width taken from the text area, in points. */
        width: points.default(170),
        /** Distance between ruled lines, in points. */
        lineSpacing: z.number().min(8).max(72).default(22),
        label: z.string().default('Notes'),
      })
      .strict()
      .default({}),
    /**
     * Text columns. The flow runs down the first column, then the next, then
     * the next page; anything wider than a column is fitted to it (tables shrink
     * or wrap, images scale), so reading order is the flow's order.
     */
    layout: z
      .object({
        columns: z.number().int().min(1).max(3).default(1),
        /** Space between columns, in points. */
        columnGap: z.number().min(6).max(72).default(18),
      })
      .strict()
      .default({}),
    tables: z
      .object({
        /**
         * A table whose longest words do not fit the column: `shrink` sets it in a
         * smaller size (down to minScale of the table style), `wrap` keeps the size;
         * `landscape` sets it on a page of its own turned to landscape (shrunk there if
         * it still does not fit); either way a word that still does not fit breaks with a visible hyphen.
         */
        tooWide: z.enum(['shrink', 'wrap', 'landscape']).default('shrink'),
        minScale: z.number().min(0.5).max(1).default(0.75),
        /** "Table" in "Table 2. Caption". */
        label: z.string().default('Table'),
      })
      .strict()
      .default({}),
    figures: z
      .object({
        /** "Figure" in "Figure 1. Caption". */
        label: z.string().default('Figure'),
      })
      .strict()
      .default({}),
    footnotes: z
      .object({
        /** `page`: at the foot of the page of their reference; `end`: as endnotes after the text. */
        placement: z.enum(['page', 'end']).default('page'),
        /** Title of the endnotes. */
        title: z.string().default('Notes'),
      })
      .strict()
      .default({}),
    links: z
      .object({
        /** How an inline link's target shows on paper: after the text in parentheses, as a footnote, or not at all. */
        show: z.enum(['after', 'footnote', 'hidden']).default('after'),
      })
      .strict()
      .default({}),
    /** Prefix such as "(U) " before each body paragraph, from options.portionMark. */
    portionMarks: z.boolean().default(false),
    /** Japanese forms beside people and key terms (assets/glossary.yaml) unless the spec says otherwise. */
    bilingual: z.boolean().default(false),
    /** PDF standard of the template's briefs (a spec's options.pdfStandard other than none wins). */
    pdfStandard: z.enum(PDF_STANDARDS).optional(),
    /** Which portions carry the mark when portionMarks is on. */
    portionMarkParts: z.array(z.enum(['title', 'headings', 'paragraphs', 'listItems', 'tableCaptions', 'tableCells'])).default(['paragraphs', 'listItems']),
    toc: z
      .object({ enabled: z.boolean().default(false), title: z.string().default('Contents'), depth: z.number().int().min(1).max(3).default(2) })
      .strict()
      .default({}),
    /** Where the date helper and furniture take their format from. */
    dateFormat: z.enum(['day-month-year', 'month-day-year', 'iso']).default('day-month-year'),
    /** Line breaking of paragraphs. */
    typography: z
      .object({
        /** Hyphenate paragraphs (TeX patterns for the brief's language). */
        hyphenate: z.boolean().default(true),
        /** Words never hyphenated (names, terms of art), matched whole and case-insensitively. */
        noHyphenate: z.array(z.string().min(1)).default([]),
        /** false sets every justified style ragged-right. */
        justify: z.boolean().default(true),
        /** Most room justification may add to one space, in em; a looser line stops short of the margin. */
        maxSpaceStretch: z.number().min(0).max(2).default(0.36),
      })
      .strict()
      .default({}),
    /** Warn when the document runs longer than this many pages (one-pagers set 1). */
    maxPages: z.number().int().min(1).optional(),
  })
  .strict();

export type TemplateManifestInput = z.input<typeof templateManifestSchema>;
export type TemplateManifest = z.infer<typeof templateManifestSchema>;

/** Resolve a named style: defaults, then the template's overrides. */
export function resolveStyle(manifest: TemplateManifest, name: string): TextStyle {
  const base = DEFAULT_STYLES[name] ?? DEFAULT_STYLES.body ?? {};
  const style = textStyleSchema.parse({ ...base, ...(manifest.styles[name] ?? {}) });
  return style.color === undefined ? style : { ...style, color: paletteColor(manifest, style.color) };
}

/** A callout's look with palette names turned into colours. */
export function resolveCallout(manifest: TemplateManifest, kind: string): CalloutStyle {
  const look = calloutStyleSchema.parse(manifest.callouts[kind] ?? manifest.callouts.default ?? {});
  return { ...look, background: paletteColor(manifest, look.background), border: paletteColor(manifest, look.border), accent: paletteColor(manifest, look.accent) };
}

/** "#rrggbb" as written, or the palette's colour of that name. */
export function paletteColor(manifest: TemplateManifest, value: string): string {
  return (PALETTE_NAMES as readonly string[]).includes(value) ? manifest.colors[value as PaletteName] : value;
}

export function bannerColor(manifest: TemplateManifest, marking: string): string {
  const colors = { ...DEFAULT_BANNER_COLORS, ...manifest.banner.colors };
  const upper = marking.trim().toUpperCase();
  let best: string | undefined;
  for (const key of Object.keys(colors)) {
    if (upper.startsWith(key.toUpperCase()) && (!best || key.length > best.length)) best = key;
  }
  return best ? (colors[best] as string) : manifest.banner.defaultColor;
}
