/**
 * A heading in a section body that ranks with or above the section's own
 * title (which the template sets) is named at its line; the brief still builds.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBrief } from '../../main/engine/render.js';
import { briefSpecSchema, defaultSpec } from '../../main/engine/spec-schema.js';
import { readPdf } from '../helpers/pdf-read.js';

async function build(body: string, template = 'memo', title = 'My notes') {
  const dir = mkdtempSync(join(tmpdir(), 'brief-heading-'));
  const file = join(dir, 'notes.md');
  writeFileSync(file, `---\nid: notes\ntitle: "${title}"\nsummary: S.\n---\n${body}`);
  const built = await buildBrief(briefSpecSchema.parse({ ...defaultSpec(), template, sections: ['notes', 'space-agreement'] }), { sectionDirs: [dir] });
  return { file, built, warnings: built.warnings.filter((w) => w.code === 'HEADING_LEVEL') };
}

describe('headings that outrank their section', () => {
  it('names # and ## in a body under the memo\'s ## section titles, at their lines, and still builds', async () => {
    const { file, built, warnings } = await build('Intro.\n\n# Level one\n\nText.\n\n## Level two\n\nMore.\n\n### Fine\n\nEnd.\n');
    expect(warnings.map((w) => w.location)).toEqual([
      { file, line: 8 },
      { file, line: 12 },
    ]);
    expect(warnings[0]!.message).toContain('Write it as ###');
    const text = (await readPdf(built.pdf)).pages.map((page) => page.text).join('\n');
    expect(text).toContain('Level one');
  });

  it("checks a title the typographer changes (Japan's, --), and says nothing where the template does not print the body (one-pager)", async () => {
    const curly = await build('Intro.\n\n## "Quoted" -- heading\n\nText.\n', 'memo', "Japan's -- notes");
    expect(curly.warnings.map((w) => w.location)).toEqual([{ file: curly.file, line: 8 }]);
    const onePager = await build('Intro.\n\n# Level one\n\nText.\n', 'one-pager');
    expect(onePager.warnings).toEqual([]);
  });

  it('says nothing of ### and deeper, of headings in fenced code, or of the built-in sections', async () => {
    const { warnings } = await build('### Sub\n\n```\n# not a heading\n```\n\n~~~\n## nor this\n~~~\n');
    expect(warnings).toEqual([]);
    for (const template of ['memo', 'one-pager', 'handout']) {
      const built = await buildBrief(briefSpecSchema.parse({ ...defaultSpec(), template }));
      expect(built.warnings.filter((w) => w.code === 'HEADING_LEVEL'), template).toEqual([]);
    }
  });
});
