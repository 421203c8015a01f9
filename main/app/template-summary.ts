/**
 * A template's name and description for the editor's title and the
 * delete prompt, read leniently: the editor must still open a template
 * whose template.yaml the user has just broken.
 */
import { join } from 'node:path';
import { parse } from 'yaml';
import { MAX_ALIAS_EXPANSIONS, readInputText } from '../engine/index.js';
import type { TemplateSummary } from '../shared/ipc-contract.js';
import type { TemplateFolder } from './template-folders.js';

export async function readTemplateSummary(folder: TemplateFolder): Promise<TemplateSummary> {
  let name = folder.id;
  let description = '';
  try {
    const data: unknown = parse(await readInputText(join(folder.dir, 'template.yaml')), { maxAliasCount: MAX_ALIAS_EXPANSIONS });
    if (data && typeof data === 'object') {
      const fields = data as { name?: unknown; description?: unknown };
      if (typeof fields.name === 'string' && fields.name.trim()) name = fields.name.trim();
      if (typeof fields.description === 'string') description = fields.description.trim();
    }
  } catch {
    // Unreadable or not YAML: the folder name stands in for the name.
  }
  return { id: folder.id, name, description, builtIn: folder.builtIn };
}
