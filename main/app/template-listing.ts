/** The templates the picker offers: the user's and the built-in ones, each with its name and description. */
import { realpathSync } from 'node:fs';
import { sep } from 'node:path';
import { listTemplates, toErrorData, type BriefError, type TemplateSummary as EngineTemplate } from '../engine/index.js';
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
      if (!byId.has(t.id)) byId.set(t.id, { id: t.id, name: t.name, description: t.description, builtIn: t.builtIn, fields: t.fields });
    }
    const templates = [...byId.values()].sort((a, b) => Number(b.builtIn) - Number(a.builtIn) || a.name.localeCompare(b.name));
    return { templates, problems: listing.problems.map(toErrorData), unreadable: unreadableUserTemplates(listing.templates, listing.problems, folders) };
  } catch (error) {
    return { templates: [], problems: [toErrorData(error)] };
  }
}

/**
 * The user's template folders whose template.yaml is broken. A build cannot
 * use them, but the editor can open them to be fixed, so the picker names
 * them with their error.
 */
function unreadableUserTemplates(readable: EngineTemplate[], problems: BriefError[], folders: TemplateFolders): NonNullable<TemplateListing['unreadable']> {
  const found: NonNullable<TemplateListing['unreadable']> = [];
  const userRoot = safeRealpath(folders.userTemplatesDir);
  for (const problem of problems) {
    const file = problem.location?.file;
    if (!userRoot || !file || !file.startsWith(userRoot + sep)) continue;
    const id = file.slice(userRoot.length + 1).split(sep)[0];
    if (id && !readable.some((t) => t.id === id && !t.builtIn)) found.push({ id, error: toErrorData(problem) });
  }
  return found;
}

function safeRealpath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}
