/**
 * The form's draft ↔ the brief spec. The draft is what the user is typing;
 * the spec is what the engine accepts. Turning one into the other is where a
 * half-filled form gets its readable message, naming the field to fix.
 */
import type { z } from 'zod';
import { BriefError, briefSpecSchema, type BriefSpec } from '../engine/index.js';
import { DRAFT_FIELD_LABELS as FIELD_LABELS, INCOMPLETE_DATE, type BriefDraft } from '../shared/ipc-contract.js';


export function specFromDraft(draft: BriefDraft): BriefSpec {
  if (draft.date === INCOMPLETE_DATE) {
    throw new BriefError('SPEC_INVALID', 'Date is incomplete: enter day, month and year, or clear it to date the brief the day it is built.', { field: 'date' });
  }
  const candidate = {
    title: draft.title.trim(),
    subtitle: optional(draft.subtitle),
    // An empty date leaves the brief undated: it is dated the day it is built.
    date: optional(draft.date),
    author: optional(draft.author),
    audience: optional(draft.audience),
    classification: draft.classification?.trim(),
    template: draft.template,
    sectionFolders: draft.sectionFolders?.length ? draft.sectionFolders : undefined,
    sections: draft.sections,
    options: draft.options ?? {},
    fields: filledFields(draft.fields),
  };
  const result = briefSpecSchema.safeParse(candidate);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new BriefError('SPEC_INVALID', describe(issue), { field: issue.path.join('.') || undefined });
}

export function draftFromSpec(spec: BriefSpec): BriefDraft {
  return {
    title: spec.title,
    subtitle: spec.subtitle ?? '',
    date: spec.date ?? '',
    author: spec.author ?? '',
    audience: spec.audience ?? '',
    classification: spec.classification,
    template: spec.template,
    ...(spec.sectionFolders ? { sectionFolders: [...spec.sectionFolders] } : {}),
    sections: [...spec.sections],
    options: { ...spec.options },
    ...(spec.fields ? { fields: { ...spec.fields } } : {}),
  };
}

/** Empty inputs are left out, so a template's default (or its "required" message) applies. */
function filledFields(fields: BriefDraft['fields']): BriefDraft['fields'] {
  if (!fields) return undefined;
  const kept = Object.entries(fields).filter(([, value]) => (typeof value === 'string' ? value.trim() !== '' : value.length > 0));
  return kept.length ? Object.fromEntries(kept) : undefined;
}

function optional(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function describe(issue: z.ZodIssue): string {
  const head = String(issue.path[0] ?? '');
  const label = FIELD_LABELS[head] ?? head;
  if (head === 'title' && issue.code === 'too_small') return 'Title: a brief needs a title.';
  if (head === 'sections' && issue.code === 'too_small') return 'Sections: choose at least one section.';
  if (head === 'date') return 'Date: pick a real calendar date (YYYY-MM-DD).';
  if (issue.code === 'too_big') return `${label}: too long (at most ${String(issue.maximum)} characters).`;
  const detail = issue.message.replace(/^Invalid( input)?:?\s*/i, '');
  return `${label}: ${detail || 'not valid'}.`;
}
