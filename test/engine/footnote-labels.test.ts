import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
});
