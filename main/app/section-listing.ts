/**
 * The section library as the window lists it. Unlike a build, which stops at
 * the first broken file, the listing reads users' files one by one: a broken
 * file becomes a problem shown with its location, and every other section
 * stays available.
 */
import { readdir } from 'node:fs/promises';
import { readInputText } from '../engine/read-input.js';
import { basename, join } from 'node:path';
import { toErrorData, type BriefErrorData, type BriefWarning } from '../engine/errors.js';
import { loadSectionLibrary, parseSectionFile } from '../engine/sections.js';
import type { Section } from '../engine/section-schema.js';
import type { SectionListing, SectionSummary } from '../shared/ipc-contract.js';

export interface LibraryFolders {
  builtInSectionsDir: string;
  userSectionsDir: string;
}

export async function listSections(folders: LibraryFolders): Promise<SectionListing> {
  const problems: BriefErrorData[] = [];
  const warnings: BriefWarning[] = [];
  const byId = new Map<string, Section>();

  try {
    const builtIn = await loadSectionLibrary({ builtInDir: folders.builtInSectionsDir });
    for (const id of builtIn.order) byId.set(id, builtIn.sections.get(id)!);
  } catch (error) {
    problems.push(toErrorData(error));
  }

  for (const result of await readUserSections(folders.userSectionsDir)) {
    if ('problem' in result) {
      problems.push(result.problem);
      continue;
    }
    const previous = byId.get(result.section.id);
    if (previous) {
      warnings.push({
        code: 'SECTION_OVERRIDDEN',
        message: `Your section "${result.section.id}" replaces the built-in one.`,
        location: { file: result.section.file },
      });
    }
    byId.set(result.section.id, result.section);
  }

  return { sections: [...byId.values()].map(summarise), problems, warnings };
}

async function readUserSections(dir: string): Promise<({ section: Section } | { problem: BriefErrorData })[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.md') && !name.startsWith('.')).sort();
  } catch {
    // No user folder yet: nothing of the user's to list.
    return [];
  }
  return Promise.all(
    names.map(async (name) => {
      const file = join(dir, name);
      try {
        return { section: parseSectionFile(await readInputText(file, { what: 'section file' }), file, false) };
      } catch (error) {
        return { problem: toErrorData(error) };
      }
    }),
  );
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
