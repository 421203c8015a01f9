/**
 * The shared glossary (assets/glossary.yaml): Japanese forms of people and
 * key terms. A bilingual brief gives the first mention in each text of a
 * section its Japanese form in brackets: "Fumio Kishida (岸田文雄)".
 * Quotations stay as they were said; titles stay as written.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { BriefError } from './errors.js';
import { resourceRoot } from './paths.js';
import type { Section } from './section-schema.js';

const glossarySchema = z
  .object({
    entries: z.array(z.object({ en: z.string().min(1), also: z.array(z.string().min(1)).default([]), ja: z.string().min(1) }).strict()),
  })
  .strict();

export interface GlossaryEntry {
  /** English spellings, longest first (the longer one wins where both match). */
  readonly english: readonly string[];
  readonly japanese: string;
}

export const builtInGlossaryFile = (): string => join(resourceRoot(), 'assets', 'glossary.yaml');

let cached: GlossaryEntry[] | undefined;

export function loadGlossary(file = builtInGlossaryFile()): GlossaryEntry[] {
  if (cached && file === builtInGlossaryFile()) return cached;
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new BriefError('IO', `The glossary could not be read: ${cause instanceof Error ? cause.message : String(cause)}`, { location: { file } });
  }
  const result = glossarySchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new BriefError('IO', `The glossary is not valid at ${issue.path.join('.')}: ${issue.message}`, { location: { file } });
  }
  const entries = result.data.entries.map((entry) => ({ english: [entry.en, ...entry.also].sort((a, b) => b.length - a.length), japanese: entry.ja }));
  if (file === builtInGlossaryFile()) cached = entries;
  return entries;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The first mention of each term in `text` followed by its Japanese form (once; not where it already stands). */
export function withJapaneseForms(text: string, glossary: readonly GlossaryEntry[]): string {
  let out = text;
  for (const entry of glossary) {
    if (out.includes(entry.japanese)) continue;
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${entry.english.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'u');
    const match = pattern.exec(out);
    if (!match) continue;
    const end = match.index + match[0].length;
    // "Joe Biden’s" reads "Joe Biden (ジョー・バイデン)’s" badly: put the form after the possessive.
    const possessive = /^['’]s\b/u.exec(out.slice(end));
    const at = end + (possessive ? possessive[0].length : 0);
    out = `${out.slice(0, at)} (${entry.japanese})${out.slice(at)}`;
  }
  return out;
}

/** The sections as a bilingual brief shows them. */
export function bilingualSections(sections: readonly Section[], glossary: readonly GlossaryEntry[]): Section[] {
  return sections.map((section) => ({
    ...section,
    summary: withJapaneseForms(section.summary, glossary),
    key_facts: section.key_facts.map((fact) => ({ ...fact, text: withJapaneseForms(fact.text, glossary) })),
    body: bodyWithJapaneseForms(section.body, glossary),
  }));
}

/** Markdown body: fenced code is left alone. */
function bodyWithJapaneseForms(body: string, glossary: readonly GlossaryEntry[]): string {
  const pieces = body.split(/(^```[\s\S]*?^```$)/m);
  let seen: GlossaryEntry[] = [];
  return pieces
    .map((piece, index) => {
      if (index % 2 === 1) return piece;
      // One mention per body: terms given their form in an earlier piece are not repeated.
      const remaining = glossary.filter((entry) => !seen.includes(entry));
      const next = withJapaneseForms(piece, remaining);
      seen = [...seen, ...remaining.filter((entry) => next.includes(`(${entry.japanese})`))];
      return next;
    })
    .join('');
}
