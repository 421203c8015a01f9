/**
 * A build parses only the built-in sections it uses (`only`): the others are
 * listed by file name, so ids, order and "did you mean" stay as they were,
 * while a user's folder is still parsed whole.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diskFiles, overlayFiles } from '../../main/engine/file-provider.js';
import { builtInSectionsDir } from '../../main/engine/paths.js';
import { clearSectionCache, loadSectionLibrary, pickSections } from '../../main/engine/sections.js';

const builtIn = builtInSectionsDir();
const broken = (id: string) => ({ content: `---\nid: ${id}\ntitle: [unclosed\n---\nBody\n`, mtimeMs: 1 });

describe('loadSectionLibrary({ only })', () => {
  it('parses only the wanted built-in sections and lists the rest in the same order', async () => {
    clearSectionCache();
    // A built-in file that would fail to parse: left alone when the build does not use it.
    const files = overlayFiles(diskFiles, new Map([[join(builtIn, 'force-posture.md'), broken('force-posture')]]));
    const full = await loadSectionLibrary({ builtInDir: builtIn, files });
    expect(full.broken.has('force-posture')).toBe(true);

    const some = await loadSectionLibrary({ builtInDir: builtIn, files, only: ['space-agreement'] });
    expect([...some.sections.keys()]).toEqual(['space-agreement']);
    expect(some.broken.size).toBe(0);
    expect(some.warnings).toEqual([]);
    // Every built-in id, in the order a full parse of the intact folder gives.
    expect(some.order).toEqual((await loadSectionLibrary({ builtInDir: builtIn })).order);
    expect(pickSections(some, ['space-agreement'])[0]!.title).toBe(full.sections.get('space-agreement')!.title);
  });

  it('still parses a user folder whole and warns when it overrides an unparsed built-in', async () => {
    clearSectionCache();
    const userDir = '/virtual/sections-only-user';
    const override = (await diskFiles.readFile(join(builtIn, 'alliance-overview.md'))).toString('utf8');
    const files = overlayFiles(
      diskFiles,
      new Map([
        [join(userDir, 'alliance-overview.md'), { content: override, mtimeMs: 2 }],
        [join(userDir, 'my-notes.md'), broken('my-notes')],
      ]),
    );
    const library = await loadSectionLibrary({ builtInDir: builtIn, userDirs: [userDir], files, only: ['space-agreement'] });
    expect(library.warnings.map((w) => w.code).sort()).toEqual(['SECTION_BROKEN', 'SECTION_OVERRIDDEN']);
    expect(library.sections.get('alliance-overview')?.file).toBe(join(userDir, 'alliance-overview.md'));
    expect(library.order.filter((id) => id === 'alliance-overview')).toHaveLength(1);
    expect(library.broken.has('my-notes')).toBe(true);
  });
});
