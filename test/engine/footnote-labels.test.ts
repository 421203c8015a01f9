import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBrief } from '../../main/engine/render.js';
import { briefSpecSchema } from '../../main/engine/spec-schema.js';
import { readPdf } from '../helpers/pdf-read.js';
import { bareTemplate, plainFront, sectionText } from '../helpers/one-section.js';

describe('footnote labels', () => {
  it('keeps two sections that both write [^1] apart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'footnote-labels-'));
    try {
      writeFileSync(join(dir, 'first-notes.md'), sectionText('first-notes', { front: plainFront(), body: 'First section.[^1]\n\n[^1]: Note of the first section.\n' }));
      writeFileSync(join(dir, 'second-notes.md'), sectionText('second-notes', { front: plainFront(), body: 'Second section.[^1]\n\n[^1]: Note of the second section.\n' }));
      const spec = briefSpecSchema.parse({ title: 'Notes', date: '2024-05-01', template: bareTemplate, sections: ['first-notes', 'second-notes'] });
      const result = await buildBrief(spec, { sectionDirs: [dir] });
      const lines = (await readPdf(result.pdf)).pages.flatMap((page) => page.lines);
      expect(lines).toContain('1. Note of the first section.');
      expect(lines).toContain('2. Note of the second section.');
      expect(lines.join(' ')).toContain('Second section.²');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints a reference without a definition as written, and names it at its line in the section file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'footnote-labels-'));
    try {
      const body = 'Defined here.[^ok]\n\nForgotten here.[^gone] Twice.[^gone]\n\nIn code it is meant: `[^code]`.\n\n[^ok]: The note.\n';
      writeFileSync(join(dir, 'notes.md'), sectionText('notes', { front: plainFront(), body }));
      const spec = briefSpecSchema.parse({ title: 'Notes', date: '2024-05-01', template: bareTemplate, sections: ['notes'] });
      const result = await buildBrief(spec, { sectionDirs: [dir] });
      const lines = (await readPdf(result.pdf)).pages.flatMap((page) => page.lines).join(' ');
      // Nothing of the text is lost; the defined note is a note.
      expect(lines).toContain('Forgotten here.[^gone] Twice.[^gone]');
      expect(lines).toContain('1. The note.');
      const undefinedNotes = result.warnings.filter((warning) => warning.code === 'FOOTNOTE_UNDEFINED');
      expect(undefinedNotes).toHaveLength(1);
      expect(undefinedNotes[0]!.message).toContain('[^gone]');
      const file = join(dir, 'notes.md');
      const line = readFileSync(file, 'utf8').split('\n').findIndex((text) => text.startsWith('Forgotten here.')) + 1;
      expect(undefinedNotes[0]!.location).toEqual({ file, line });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
