import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildBrief, defaultSpec, diskFiles, overlayFiles, type OverlayEntry } from '../../main/engine/index.js';
import { clearSectionCache } from '../../main/engine/sections.js';
import { pdftotext } from '../helpers/pdf-read.js';

const section = (id: string, title: string, body: string) => `---\nid: ${id}\ntitle: ${title}\nsummary: A summary.\n---\n${body}\n`;

describe('file provider', () => {
  let dir: string;
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    clearSectionCache();
  });

  it('lets an unsaved buffer win over the file on disk, and lists buffers that exist only in memory', async () => {
    dir = mkdtempSync(join(tmpdir(), 'bs-provider-'));
    writeFileSync(join(dir, 'notes.md'), section('notes', 'Notes on disk', 'Saved words.'));
    const overlay = new Map<string, OverlayEntry>([
      [join(dir, 'notes.md'), { content: section('notes', 'Notes in the editor', 'Unsaved words.'), mtimeMs: -1 }],
      [join(dir, 'draft.md'), { content: section('draft', 'A new draft', 'Never saved.'), mtimeMs: -2 }],
    ]);
    const files = overlayFiles(diskFiles, overlay);
    expect((await files.listFolder(dir)).sort()).toEqual(['draft.md', 'notes.md']);
    expect((await files.readFile(join(dir, 'sub', '..', 'notes.md'))).toString()).toContain('Unsaved words.');

    const spec = { ...defaultSpec(), title: 'Overlay', sections: ['notes', 'draft'], date: '2024-01-01' };
    const built = await buildBrief(spec, { sectionDirs: [dir], files });
    const text = pdftotext(built.pdf).replace(/\s+/g, ' ');
    expect(text).toContain('Unsaved words.');
    expect(text).toContain('Never saved.');
    expect(text).not.toContain('Saved words.');

    // Without the overlay the same folder gives the disk's text again (no stale cache).
    const fromDisk = await buildBrief({ ...spec, sections: ['notes'] }, { sectionDirs: [dir] });
    expect(pdftotext(fromDisk.pdf).replace(/\s+/g, ' ')).toContain('Saved words.');
  });

  it('reports an error in an unsaved buffer at the real file and line', async () => {
    dir = mkdtempSync(join(tmpdir(), 'bs-provider-'));
    const file = join(dir, 'broken.md');
    const overlay = new Map<string, OverlayEntry>([[file, { content: '---\nid: broken\ntitle: [unclosed\n---\nBody\n', mtimeMs: -3 }]]);
    const spec = { ...defaultSpec(), title: 'Overlay', sections: ['broken'], date: '2024-01-01' };
    await expect(buildBrief(spec, { sectionDirs: [dir], files: overlayFiles(diskFiles, overlay) })).rejects.toMatchObject({
      location: { file, line: 3 },
    });
  });

  it('refuses an oversized buffer as the disk reader refuses an oversized file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'bs-provider-'));
    const file = join(dir, 'big.md');
    const files = overlayFiles(diskFiles, new Map([[file, { content: 'x'.repeat(2048), mtimeMs: -4 }]]));
    await expect(files.readFile(file, { maxBytes: 1024 })).rejects.toMatchObject({ code: 'IO' });
  });
});
