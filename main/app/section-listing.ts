/**
 * The section library as the window lists it. The engine reads every file:
 * a broken one becomes a problem shown with its location, and every other
 * section stays available (briefs that do not use the broken one still build).
 */
import { access } from 'node:fs/promises';
import { basename } from 'node:path';
import { toErrorData, type BriefErrorData, type BriefWarning } from '../engine/errors.js';
import { loadSectionLibrary } from '../engine/sections.js';
import type { Section } from '../engine/section-schema.js';
import type { SectionListing, SectionSummary } from '../shared/ipc-contract.js';

export interface LibraryFolders {
  builtInSectionsDir: string;
  userSectionsDir: string;
}

export async function listSections(folders: LibraryFolders): Promise<SectionListing> {
  // No user folder yet: nothing of the user's to list.
  const userDirs = (await exists(folders.userSectionsDir)) ? [folders.userSectionsDir] : [];
  const problems: BriefErrorData[] = [];
  let library;
  try {
    library = await loadSectionLibrary({ builtInDir: folders.builtInSectionsDir, userDirs });
  } catch (error) {
    // A user folder that cannot be read is a problem to show; the built-ins stay listed.
    problems.push(toErrorData(error));
    try {
      library = await loadSectionLibrary({ builtInDir: folders.builtInSectionsDir });
    } catch {
      return { sections: [], problems, warnings: [] };
    }
  }
  problems.push(...[...library.broken.values()].map(toErrorData));
  // Broken files are listed as problems already. An override is told in the window's words, without the paths of the app's own files.
  const warnings: BriefWarning[] = library.warnings
    .filter((w) => w.code === 'SECTION_OVERRIDDEN' && w.location)
    .map((w) => ({ code: w.code, message: `Your section "${basename(w.location!.file, '.md')}" replaces the built-in one.`, location: w.location }));
  const sections = library.order.map((id) => library.sections.get(id)!);
  return { sections: sections.map(summarise), problems, warnings };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
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
