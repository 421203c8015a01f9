/**
 * A section body is pasted into the template's markup with the template's
 * own lines after it. A code fence it leaves open, or a line of colons that
 * closes nothing it opened, must not reach them: the fence runs to the end of
 * the section body, the colons print as written, the template's quotations
 * after the body print as quotations, and a warning names the line in the
 * section file.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bodyShape, sealBody } from '../../main/engine/body-seal.js';
import { buildBrief } from '../../main/engine/render.js';
import { briefSpecSchema, defaultSpec } from '../../main/engine/spec-schema.js';
import { readPdf } from '../helpers/pdf-read.js';

const FRONT = '---\nid: notes\ntitle: Notes\nsummary: Summary line.\nquotes:\n  - text: Quoted words.\n    speaker: Lloyd Austin\n    role: Secretary of Defense\n    date: 2024-01-02\n---\n';

async function build(template: string, body: string) {
  const dir = mkdtempSync(join(tmpdir(), 'brief-seal-'));
  const file = join(dir, 'notes.md');
  writeFileSync(file, FRONT + body);
  const built = await buildBrief(briefSpecSchema.parse({ ...defaultSpec(), template, sections: ['notes'] }), { sectionDirs: [dir] });
  const text = (await readPdf(built.pdf)).pages.map((page) => page.text).join('\n');
  return { file, built, text };
}

/** Lines of the template's own markup after {{{body}}} in the memo and handout. */
const TEMPLATE_MARKUP = ['In their words {', '### ', ':::: quote', '::::\n', ':::::'];

describe('a section body sealed before the template markup after it', () => {
  it('closes a fence left open at the end of the body, and only then', () => {
    expect(bodyShape('Intro.\n\n```\ncode\n\nmore\n').openFence).toEqual({ line: 2, mark: '```' });
    expect(sealBody('Intro.\n\n~~~~ ts\ncode\n\n')).toBe('Intro.\n\n~~~~ ts\ncode\n~~~~\n');
    const closed = 'Intro.\n\n```\ncode\n```\n\n::: callout note A\nText.\n:::\n';
    expect(sealBody(closed)).toBe(closed);
  });

  it('escapes a line of colons that closes nothing the body opened, and closes a container left open', () => {
    expect(bodyShape('A.\n\n:::::\n\nB.\n').stray).toEqual([{ line: 2, colons: ':::::' }]);
    expect(sealBody('A.\n\n:::::\n\nB.\n')).toBe('A.\n\n\\:::::\n\nB.\n');
    expect(sealBody('::: callout note A\nText.\n')).toBe('::: callout note A\nText.\n:::\n');
    // Colons inside fenced code are code.
    const code = '```\n:::\n```\n';
    expect(sealBody(code)).toBe(code);
  });

  for (const template of ['memo', 'handout']) {
    it(`${template}: an unclosed fence is code to the end of the body; the quotation after it prints as one; FENCE_UNCLOSED at its line`, async () => {
      const { file, built, text } = await build(template, 'Intro.\n\n```\ncode line\n\nAfter code.\n');
      expect(built.warnings.filter((w) => w.code === 'FENCE_UNCLOSED').map((w) => w.location)).toEqual([{ file, line: 13 }]);
      for (const markup of TEMPLATE_MARKUP) expect(text).not.toContain(markup);
      expect(text).toContain('IN THEIR WORDS');
      expect(text).toMatch(/“Quoted words\.”\n— Lloyd Austin, Secretary of Defense, 2 January 2024/);
      expect(text).toMatch(/code line\nAfter code\./);
    }, 60_000);

    it(`${template}: a stray line of colons prints as written inside the section, the rest after it kept; CONTAINER_CLOSE_STRAY at its line`, async () => {
      const { file, built, text } = await build(template, 'Intro.\n\n:::::\n\nAfter colons.\n');
      expect(built.warnings.filter((w) => w.code === 'CONTAINER_CLOSE_STRAY').map((w) => w.location)).toEqual([{ file, line: 13 }]);
      expect(text).toMatch(/Intro\.\n:::::\nAfter colons\.\nIN THEIR WORDS\n“Quoted words\.”\n— Lloyd Austin/);
      expect(text.match(/:::::/g)).toHaveLength(1);
      expect(text).not.toContain('### ');
    }, 60_000);
  }

  for (const template of ['memo', 'handout']) {
    it(`${template}: a line of colons in a code sample is code, not the end of the template's container around the section`, async () => {
      const { built, text } = await build(template, 'Intro.\n\n```\n::::: callout note\nText.\n:::::\n```\n\nAfter the sample.\n');
      expect(built.warnings.map((w) => w.code)).toEqual([]);
      expect(text).toMatch(/Intro\.\n::::: callout note\nText\.\n:::::\nAfter the sample\.\nIN THEIR WORDS\n“Quoted words\.”\n— Lloyd Austin/);
      expect(text).not.toContain('### ');
      expect(text).not.toContain(':::: quote');
    }, 60_000);
  }

  it('one-pager (no body printed): the same warnings, and no markup of its own printed', async () => {
    const { file, built, text } = await build('one-pager', 'Intro.\n\n```\ncode\n\n:::::\n');
    expect(built.warnings.filter((w) => w.code === 'FENCE_UNCLOSED').map((w) => w.location)).toEqual([{ file, line: 13 }]);
    expect(text).not.toContain(':::');
    expect(text).not.toContain('```');
  }, 60_000);
});
