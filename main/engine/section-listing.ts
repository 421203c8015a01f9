/**
 * The section library as a face lists it: every section that can be read,
 * and beside them the problems. A broken file is a located problem; a user
 * folder that cannot be read at all is one too, and the built-ins stay
 * listed. Listing never fails because of what a user wrote.
 */
import { BriefError } from './errors.js';
import { diskFiles } from './file-provider.js';
import type { Section } from './section-schema.js';
import { loadSectionLibrary, type SectionLibrary, type SectionLibraryOptions } from './sections.js';

export interface SectionListing {
  /** Readable sections in display order. */
  sections: Section[];
  library: SectionLibrary;
  /** A user folder that could not be read, then each broken file, with its location. */
  problems: BriefError[];
}

const emptyLibrary = (): SectionLibrary => ({ sections: new Map(), order: [], warnings: [], broken: new Map() });

/** `userDirs` that do not exist yet are skipped: a user with no folder of their own has nothing to list. */
export async function listSectionLibrary(options: SectionLibraryOptions): Promise<SectionListing> {
  const files = options.files ?? diskFiles;
  const userDirs: string[] = [];
  for (const dir of options.userDirs ?? []) if (await files.stat(dir).catch(() => undefined)) userDirs.push(dir);
  const problems: BriefError[] = [];
  let library: SectionLibrary;
  try {
    library = await loadSectionLibrary({ ...options, userDirs, files });
  } catch (error) {
    problems.push(asBriefError(error));
    try {
      library = await loadSectionLibrary({ builtInDir: options.builtInDir, files });
    } catch {
      library = emptyLibrary();
    }
  }
  problems.push(...library.broken.values());
  const sections = library.order.map((id) => library.sections.get(id)).filter((s): s is Section => s !== undefined);
  return { sections, library, problems };
}

function asBriefError(error: unknown): BriefError {
  return error instanceof BriefError ? error : new BriefError('IO', `The section library cannot be read: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}
