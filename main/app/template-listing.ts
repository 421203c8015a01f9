/** The templates the picker offers: the user's and the built-in ones, each with its name and description. */
import { toErrorData } from '../engine/errors.js';
import { listTemplates } from '../engine/template/index.js';
import type { TemplateListing, TemplateSummary } from '../shared/ipc-contract.js';

export interface TemplateFolders {
  builtInTemplatesDir: string;
  userTemplatesDir: string;
}

export async function listTemplateSummaries(folders: TemplateFolders): Promise<TemplateListing> {
  try {
    const listing = await listTemplates({ builtInDir: folders.builtInTemplatesDir, userDirs: [folders.userTemplatesDir] });
    // Users' templates come first; a user's copy shadows the built-in of the same id, as in a build.
    const byId = new Map<string, TemplateSummary>();
    for (const t of listing.templates) {
      if (!byId.has(t.id)) byId.set(t.id, { id: t.id, name: t.name, description: t.description, builtIn: t.builtIn });
    }
    const templates = [...byId.values()].sort((a, b) => Number(b.builtIn) - Number(a.builtIn) || a.name.localeCompare(b.name));
    return { templates, problems: listing.problems.map(toErrorData) };
  } catch (error) {
    return { templates: [], problems: [toErrorData(error)] };
  }
}
