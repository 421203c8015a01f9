/**
 * Which folder a template id names, and whether the user may change it.
 * The user's templates shadow built-ins of the same id, as in a build; the
 * built-ins ship with the app and are never written to.
 */
import { existsSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { BriefError, findTemplateById, isTemplateId } from '../engine/index.js';
import { slugify } from './document-session.js';

export interface TemplateFolderRoots {
  builtInTemplatesDir: string;
  userTemplatesDir: string;
}

export interface TemplateFolder {
  id: string;
  /** Real path of the template folder. */
  dir: string;
  builtIn: boolean;
}

export const MAX_TEMPLATE_NAME = 80;

export function findTemplateFolder(roots: TemplateFolderRoots, id: string): TemplateFolder {
  // The engine's lookup order, so the editor opens the template a build uses.
  const found = findTemplateById(id, { builtInDir: roots.builtInTemplatesDir, userDirs: [roots.userTemplatesDir] });
  if (found) return { id, dir: realpathSync(found.dir), builtIn: found.builtIn };
  throw new BriefError('TEMPLATE_UNKNOWN', `There is no template \`${id}\`.`);
}

/** A template the user owns; built-ins are refused with a sentence that says what to do instead. */
export function userTemplateFolder(roots: TemplateFolderRoots, id: string, action: string): TemplateFolder {
  const found = findTemplateFolder(roots, id);
  if (found.builtIn) {
    throw new BriefError('OUTPUT_UNWRITABLE', `\`${id}\` is a built-in template, which cannot be ${action}. Duplicate it to make a copy of your own.`);
  }
  return found;
}

/** A name typed by the user, trimmed and checked; the id is its slug. */
export function templateNameAndId(typed: string): { name: string; id: string } {
  const name = typed.trim();
  if (!name) throw new BriefError('TEMPLATE_INVALID', 'Give the template a name.');
  if (name.length > MAX_TEMPLATE_NAME) throw new BriefError('TEMPLATE_INVALID', `A template name may have at most ${MAX_TEMPLATE_NAME} characters.`);
  if (/[\r\n]/.test(name)) throw new BriefError('TEMPLATE_INVALID', 'A template name is one line of text.');
  // slugify falls back to "brief" when nothing usable is left; a template must not get that silently.
  const id = /[A-Za-z0-9]/.test(name.normalize('NFKD')) ? slugify(name) : '';
  if (!id || !isTemplateId(id)) throw new BriefError('TEMPLATE_INVALID', 'A template name needs at least one letter or digit (A–Z, 0–9).');
  return { name, id };
}

/** Refuse an id already taken by any template, the user's or built in (a copy would shadow the built-in). */
export function assertTemplateIdFree(roots: TemplateFolderRoots, id: string): void {
  const taken = existsSync(join(roots.userTemplatesDir, id)) || existsSync(join(roots.builtInTemplatesDir, id));
  if (taken) throw new BriefError('OUTPUT_UNWRITABLE', `A template with the id \`${id}\` already exists; choose another name.`);
}
