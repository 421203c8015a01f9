/**
 * The section library as the window lists it. The engine reads every file:
 * a broken one becomes a problem shown with its location, and every other
 * section stays available (briefs that do not use the broken one still build).
 */
import { basename, dirname, resolve } from 'node:path';
import { listSectionLibrary, toErrorData, type BriefWarning, type FileProvider, type Section } from '../engine/index.js';
import type { SectionListing, SectionSummary } from '../shared/ipc-contract.js';

export interface LibraryFolders {
  builtInSectionsDir: string;
  userSectionsDir: string;
}

/** `files`: the disk, or the editor's unsaved sections over it (a new section shows before it is saved). */
export async function listSections(folders: LibraryFolders, files?: FileProvider): Promise<SectionListing> {
  const { sections, library, problems } = await listSectionLibrary({ builtInDir: folders.builtInSectionsDir, userDirs: [folders.userSectionsDir], files });
  // Broken files are listed as problems already. An override is told in the window's words, without the paths of the app's own files.
  const warnings: BriefWarning[] = library.warnings
    .filter((w) => w.code === 'SECTION_OVERRIDDEN' && w.location)
    .map((w) => ({ code: w.code, message: `Your section "${basename(w.location!.file, '.md')}" replaces the built-in one.`, location: w.location }));
  // A broken file of the user's own can still be opened in the section editor (as text, when its front matter cannot be read).
  const unreadable = [...library.broken].flatMap(([id, error]) => {
    const file = error.location?.file;
    return file && basename(file) === `${id}.md` && resolve(dirname(file)) === resolve(folders.userSectionsDir) ? [{ id, error: toErrorData(error) }] : [];
  });
  return { sections: sections.map(summarise), problems: problems.map(toErrorData), warnings, ...(unreadable.length ? { unreadable } : {}) };
}

function summarise(section: Section): SectionSummary {
  return {
    id: section.id,
    title: section.title,
    summary: section.summary,
    tags: [...section.tags],
    builtIn: section.builtIn,
    fileName: basename(section.file),
  };
}
