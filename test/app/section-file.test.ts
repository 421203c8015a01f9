/**
 * The section editor's save format: the `.md` file the command line reads,
 * fields in one order, comments and fields the form does not show kept.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeSectionFile, emptySectionFields, readSectionForEdit, withSectionId } from '../../main/app/section-file.js';
import { builtInSectionsDir } from '../../main/engine/paths.js';
import { parseSectionFile } from '../../main/engine/sections.js';
import type { SectionFields } from '../../main/shared/ipc-contract.js';

const fields: SectionFields = {
  title: 'Launch readiness',
  summary: 'The launch is on track: two checks remain.',
  tags: ['space', 'launch'],
  key_facts: [{ text: 'The pad passed its review on 3 June.', source: 'review' }],
  quotes: [{ text: 'We are ready.', speaker: 'A. Tanaka', role: 'Director', date: '2024-06' }],
  sources: [{ id: 'review', title: 'Pad review', publisher: 'Test Office', date: '2024-06-03', url: 'https://example.org/review', locator: 'p. 2' }],
};

const topLevelKeys = (text: string): string[] => [...text.split('\n---')[0]!.matchAll(/^([a-z_A-Z]+):/gm)].map((m) => m[1]!);

describe('the section save format', () => {
  it('writes a file the engine reads back field for field, body included', () => {
    const body = 'The body, with a footnote.[^1]\n\n[^1]: A note.\n';
    const text = composeSectionFile('launch-readiness', fields, body);
    const section = parseSectionFile(text, '/x/launch-readiness.md', false);
    expect(section).toMatchObject({ id: 'launch-readiness', title: fields.title, summary: fields.summary, tags: fields.tags, key_facts: fields.key_facts, quotes: fields.quotes, sources: fields.sources });
    expect(section.body).toBe(body);
    // And back into the form unchanged: a round trip.
    expect(readSectionForEdit(text, '/x/launch-readiness.md')).toEqual({ fields, body });
  });

  it('writes the fields in one order whatever order the file had, and quotes dates', () => {
    const shuffled = `---\ntags: [old]\nsources:\n  - title: Old\n    id: review\n    date: "2020"\n    publisher: P\nsummary: Old summary.\ntitle: Old\nid: launch-readiness\n---\nBody.\n`;
    const text = composeSectionFile('launch-readiness', fields, 'Body.\n', shuffled);
    expect(topLevelKeys(text)).toEqual(['id', 'title', 'summary', 'key_facts', 'quotes', 'sources', 'tags']);
    expect(text).toContain('  - id: review\n    title: Pad review\n    publisher: Test Office\n    date: "2024-06-03"\n    url: https://example.org/review\n    locator: p. 2\n');
    expect(text).toContain('date: "2024-06"');
  });

  it('keeps comments and the fields the form does not show', () => {
    const existing = `---
# Written for the June read-ahead.
id: launch-readiness
title: Old title # the working title
summary: Old.
lang: en-GB
key_facts:
  # The review is the only source so far.
  - text: Old fact.
    source: review
    locator: para. 4
sources:
  - id: review # keep this id stable
    title: Pad review
    publisher: Test Office
    date: "2024-06-03"
portionMark: "(U)"
---
Old body.
`;
    const edited = { ...fields, key_facts: [{ text: 'New fact.', source: 'review', locator: 'para. 4' }] };
    const text = composeSectionFile('launch-readiness', edited, 'New body.\n', existing);
    expect(text.startsWith('---\n# Written for the June read-ahead.\nid: launch-readiness\n')).toBe(true);
    expect(text).toContain('title: Launch readiness # the working title');
    expect(text).toContain('  # The review is the only source so far.\n  - text: New fact.\n    source: review\n    locator: para. 4');
    expect(text).toContain('  - id: review # keep this id stable');
    expect(text).toContain('lang: en-GB');
    expect(text).toContain('portionMark: "(U)"');
    expect(topLevelKeys(text)).toEqual(['id', 'title', 'summary', 'key_facts', 'quotes', 'sources', 'tags', 'lang', 'portionMark']);
    expect(parseSectionFile(text, '/x/launch-readiness.md', false).body).toBe('New body.\n');
  });

  it('leaves out optional fields left empty, and a new section has only what it needs', () => {
    const text = composeSectionFile('fresh', emptySectionFields('Fresh'), '');
    expect(text).toBe('---\nid: fresh\ntitle: Fresh\nsummary: ""\n---\n');
    const withEmptyLocator = composeSectionFile('fresh', { ...fields, key_facts: [{ text: 'A fact.', source: '', locator: '' }] }, 'x');
    expect(withEmptyLocator).toContain('  - text: A fact.\n');
    expect(withEmptyLocator).not.toMatch(/source: ""|locator: ""/);
  });

  it('rewrites a built-in section under a new id and title, keeping its comments and body', () => {
    const original = readFileSync(join(builtInSectionsDir(), 'space-agreement.md'), 'utf8');
    const copy = withSectionId(original, 'my-space', 'My space notes');
    const section = parseSectionFile(copy, '/x/my-space.md', false);
    const before = parseSectionFile(original, '/y/space-agreement.md', true);
    expect(section.id).toBe('my-space');
    expect(section.title).toBe('My space notes');
    expect(section.body).toBe(before.body);
    expect(section.key_facts).toEqual(before.key_facts);
    expect(copy).toContain('# Paragraph numbers count each line of the source copy');
  });
});
