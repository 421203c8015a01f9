/**
 * The section library: Markdown files with YAML front matter, one section
 * each. Built-in sections come first; users' folders may add sections or
 * replace built-in ones by reusing their id.
 */
import { basename, join, resolve } from 'node:path';
import { BriefError, type BriefWarning, type SourceLocation } from './errors.js';
import { splitFrontMatter, type FrontMatterParts } from './front-matter.js';
import { parseMarkup } from './markup.js';
import { closestName } from './template/suggest.js';
import { sectionImageRefs } from './section-images.js';
import { buildMemosEnabled } from './build-memos.js';
import { diskFiles, readText, unreadableFolderError, type FileProvider } from './file-provider.js';
import type { DocumentModel } from './model.js';
import { sectionFrontMatterSchema, type Section, type SectionFrontMatter } from './section-schema.js';
import { locateField, parseYamlWithSchema } from './yaml-load.js';

export interface SectionLibrary {
  sections: Map<string, Section>;
  /** Ids in display order: built-ins by file name, then sections only users have. */
  order: string[];
  warnings: BriefWarning[];
  /**
   * Files that could not be read, by the id their file name gives, with the
   * located error. Only a brief that uses one fails; every other brief builds.
   */
  broken: Map<string, BriefError>;
}

type FolderEntry = { section: Section } | { id: string; error: BriefError } | { id: string; unparsed: string };

export interface SectionLibraryOptions {
  builtInDir: string;
  /** Later folders override earlier ones (and the built-ins) id by id. */
  userDirs?: string[];
  /** Where files are read from (default: the disk). */
  files?: FileProvider;
  /**
   * The ids a build needs. Other built-in files are listed (their ids are
   * their file names) but not parsed: a build reads only what it uses.
   * Users' folders are always parsed whole, so a broken file there is reported.
   */
  only?: readonly string[];
  /** Where a user's folder is named (a spec's `sectionFolders` entry), so one that cannot be read is reported there. */
  locateFolder?: (dir: string) => SourceLocation | undefined;
}

/** Parse one section file. `file` names it in errors and must be `<id>.md`. */
export function parseSectionFile(text: string, file: string, builtIn: boolean): Section {
  const parts = splitFrontMatter(text, file, 'SECTION_INVALID');
  const front = checkedFrontMatter(parts, file);
  // Check the body's markup here, so a mistake in it is reported at its line
  // in this file rather than somewhere in the template's output.
  const model = parseMarkup(parts.body, { file, lineOffset: parts.bodyLine - 1 });
  const images = sectionImageRefs(model, parts.body, file, parts.bodyLine);
  const section: Section = { ...front, body: parts.body, file, bodyLine: parts.bodyLine, builtIn, ...(images.length ? { images } : {}) };
  bodyModels.set(section, deepFreeze(model));
  return section;
}

/** The parsed body of each section parsed here, by the section object (coverage reads it again on every build). */
const bodyModels = new WeakMap<Section, DocumentModel>();

/**
 * A section's body as a document model, read-only (frozen): the one parsed
 * with the section when there is one. That is the parse of this very
 * object's text, so it is used with the build memos off too (the command line
 * would otherwise parse every body a third time).
 */
export function sectionBodyModel(section: Section): DocumentModel {
  return bodyModels.get(section) ?? parseMarkup(section.body, { file: section.file, lineOffset: section.bodyLine - 1 });
}

/**
 * The last front matter that checked out, per file. An edit in the preview
 * mostly changes a section's body: its front matter, unchanged to the
 * character (and at the same line), is not parsed and checked again.
 */
const MAX_CHECKED_FRONTS = 2000;
const checkedFronts = new Map<string, { yaml: string; lineOffset: number; front: SectionFrontMatter }>();

function checkedFrontMatter(parts: FrontMatterParts, file: string): SectionFrontMatter {
  const known = checkedFronts.get(file);
  if (known && buildMemosEnabled() && known.yaml === parts.yaml && known.lineOffset === parts.yamlLineOffset) return known.front;
  const front = parseYamlWithSchema(parts.yaml, file, sectionFrontMatterSchema, {
    code: 'SECTION_INVALID',
    lineOffset: parts.yamlLineOffset,
    what: 'section front matter',
  });
  checkSourceReferences(front, parts, file);
  checkIdMatchesFileName(front, parts, file);
  if (checkedFronts.size >= MAX_CHECKED_FRONTS) checkedFronts.clear();
  // Frozen: sections built from it share its lists and objects.
  checkedFronts.set(file, { yaml: parts.yaml, lineOffset: parts.yamlLineOffset, front: deepFreeze(front) });
  return front;
}

function checkSourceReferences(front: SectionFrontMatter, parts: FrontMatterParts, file: string): void {
  const known = new Set<string>();
  front.sources.forEach((source, index) => {
    if (known.has(source.id)) fail(parts, file, ['sources', index, 'id'], `two sources share the id "${source.id}": each source needs its own id`);
    known.add(source.id);
  });
  const listed = known.size ? `listed: ${[...known].map((id) => `"${id}"`).join(', ')}` : 'the section lists no sources';
  const check = (list: 'key_facts' | 'quotes', entries: { source?: string }[]): void => {
    entries.forEach((entry, index) => {
      if (entry.source !== undefined && !known.has(entry.source)) {
        fail(parts, file, [list, index, 'source'], `${list}[${index}] cites the source "${entry.source}", which is not in \`sources\` (${listed}): add it under \`sources\` or remove the \`source\` line`);
      }
    });
  };
  check('key_facts', front.key_facts);
  check('quotes', front.quotes);
}

function checkIdMatchesFileName(front: SectionFrontMatter, parts: FrontMatterParts, file: string): void {
  const expected = basename(file).replace(/\.md$/i, '');
  if (front.id !== expected) {
    fail(parts, file, ['id'], `the section id "${front.id}" does not match its file name "${basename(file)}": rename the file to "${front.id}.md" or set \`id: ${expected}\``);
  }
}

function fail(parts: FrontMatterParts, file: string, path: (string | number)[], message: string): never {
  const { line, column } = locateField(parts.yaml, path, parts.yamlLineOffset);
  throw new BriefError('SECTION_INVALID', `section front matter: ${message}`, { location: { file, line, column }, field: path.join('.') });
}

// Live preview reloads the library on every change; unchanged files are served
// from here. A file counts as unchanged while its mtime and size stay the same.
interface CachedSection {
  mtimeMs: number;
  size: number;
  builtIn: boolean;
  section: Section;
}
const parsedFiles = new Map<string, CachedSection>();

/** Forget every parsed file (tests, or after a folder is swapped wholesale). */
export function clearSectionCache(): void {
  parsedFiles.clear();
  checkedFronts.clear();
}

export async function loadSectionLibrary(options: SectionLibraryOptions): Promise<SectionLibrary> {
  const folders = [{ dir: options.builtInDir, builtIn: true }, ...(options.userDirs ?? []).map((dir) => ({ dir, builtIn: false }))];
  const wanted = options.only ? new Set(options.only) : undefined;
  const perFolder = await Promise.all(
    folders.map(({ dir, builtIn }) => loadFolder(resolve(dir), builtIn, options.files ?? diskFiles, builtIn ? wanted : undefined, () => options.locateFolder?.(dir))),
  );

  const sections = new Map<string, Section>();
  const broken = new Map<string, BriefError>();
  const seen: string[] = [];
  const warnings: BriefWarning[] = [];
  /** Built-in files left unparsed (see `only`), by id. */
  const unparsed = new Map<string, string>();
  for (const entry of perFolder.flat()) {
    if ('unparsed' in entry) {
      if (!sections.has(entry.id) && !broken.has(entry.id) && !unparsed.has(entry.id)) seen.push(entry.id);
      unparsed.set(entry.id, entry.unparsed);
      continue;
    }
    if ('error' in entry) {
      const wasUnparsed = unparsed.delete(entry.id);
      // A later folder's broken file still replaces the id: the writer meant their own version, so a brief using it must not quietly get another.
      if (!wasUnparsed && !sections.has(entry.id) && !broken.has(entry.id)) seen.push(entry.id);
      sections.delete(entry.id);
      broken.set(entry.id, entry.error);
      warnings.push({
        code: 'SECTION_BROKEN',
        message: `section "${entry.id}" cannot be used until this is fixed: ${entry.error.message}`,
        location: entry.error.location ?? { file: entry.id },
      });
      continue;
    }
    const { section } = entry;
    const unparsedFile = unparsed.get(section.id);
    unparsed.delete(section.id);
    const previous = sections.get(section.id) ?? (unparsedFile !== undefined ? { file: unparsedFile } : undefined);
    if (previous) {
      warnings.push({
        code: 'SECTION_OVERRIDDEN',
        message: `section "${section.id}" from ${section.file} replaces the one from ${previous.file}`,
        location: { file: section.file },
      });
    } else if (!broken.has(section.id)) {
      seen.push(section.id);
    }
    broken.delete(section.id);
    sections.set(section.id, section);
  }
  return { sections, order: seen.filter((id) => sections.has(id) || unparsed.has(id)), warnings, broken };
}

async function loadFolder(dir: string, builtIn: boolean, files: FileProvider, wanted: ReadonlySet<string> | undefined, namedAt: () => SourceLocation | undefined): Promise<FolderEntry[]> {
  const all = listFolder(dir, files, namedAt)
    // Dot files are editor locks and backups, not sections.
    .filter((name) => name.endsWith('.md') && !name.startsWith('.'))
    .sort();
  const idOf = (name: string) => name.replace(/\.md$/, '');
  const names = wanted ? all.filter((name) => wanted.has(idOf(name))) : all;
  const skipped: FolderEntry[] = wanted ? all.filter((name) => !wanted.has(idOf(name))).map((name) => ({ id: idOf(name), unparsed: join(dir, name) })) : [];
  const results = await Promise.allSettled(names.map((name) => loadFile(join(dir, name), builtIn, files)));
  const entries: FolderEntry[] = [];
  results.forEach((result, index) => {
    if (result.status === 'fulfilled') {
      if (result.value) entries.push({ section: result.value });
    } else {
      const file = join(dir, names[index]!);
      const error = result.reason instanceof BriefError
        ? result.reason
        : new BriefError('SECTION_INVALID', `the section file cannot be read: ${result.reason instanceof Error ? result.reason.message : String(result.reason)}`, { location: { file }, cause: result.reason });
      entries.push({ id: names[index]!.replace(/\.md$/, ''), error });
    }
  });
  // Back in file-name order, as a full parse would give them.
  const nameOf = (entry: FolderEntry) => `${entryId(entry)}.md`;
  return wanted ? [...entries, ...skipped].sort((a, b) => (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0)) : entries;
}

function entryId(entry: FolderEntry): string {
  return 'section' in entry ? entry.section.id : entry.id;
}

// Listing and stat are synchronous: a build looks at a few files, and each
// asynchronous call costs a trip through the thread pool (most of an edit's
// re-render before typesetting, when only one file changed).
function listFolder(dir: string, files: FileProvider, namedAt: () => SourceLocation | undefined): string[] {
  try {
    return files.listFolderSync(dir);
  } catch (error) {
    throw unreadableFolderError('section folder', dir, error, namedAt());
  }
}

/** One section, from the cache when the file is unchanged; undefined for a non-file such as a folder named `x.md`. */
async function loadFile(file: string, builtIn: boolean, files: FileProvider): Promise<Section | undefined> {
  let text: string;
  let mtimeMs: number;
  let size: number;
  try {
    const info = files.statSync(file);
    if (!info || info.isDirectory) return undefined;
    ({ mtimeMs, size } = info);
    const cached = parsedFiles.get(file);
    if (cached && cached.mtimeMs === mtimeMs && cached.size === size && cached.builtIn === builtIn) return cached.section;
    text = await readText(files, file, { what: 'section file' });
  } catch (error) {
    if (error instanceof BriefError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new BriefError('IO', `the section file ${file} cannot be read (${code})`, { location: { file }, cause: error });
  }
  const section = deepFreeze(parseSectionFile(text, file, builtIn));
  parsedFiles.set(file, { mtimeMs, size, builtIn, section });
  return section;
}

// Cached sections are shared by every caller; freezing turns an accidental
// mutation into an immediate error instead of a corrupted library.
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * The sections a brief asks for, in its order. `location` points errors at
 * the spec: one place for the whole list, or one per list index.
 */
export function pickSections(
  library: SectionLibrary,
  ids: string[],
  location?: SourceLocation | ((index: number) => SourceLocation | undefined),
): Section[] {
  const where = (index: number): SourceLocation | undefined => (typeof location === 'function' ? location(index) : location);
  const firstIndex = new Map<string, number>();
  // Every wrong item is named in one run (a spec with two typos needs one fix, not two runs).
  const problems: BriefError[] = [];
  const picked = ids.map((id, index) => {
    const earlier = firstIndex.get(id);
    if (earlier !== undefined) {
      problems.push(
        new BriefError('SPEC_INVALID', `the section "${id}" is listed twice (items ${earlier + 1} and ${index + 1}); a brief includes each section once`, {
          location: where(index),
          field: `sections.${index}`,
        }),
      );
      return undefined;
    }
    firstIndex.set(id, index);
    // A broken file fails the brief that uses it, with the file's own location.
    const broken = library.broken.get(id);
    if (broken) {
      problems.push(broken);
      return undefined;
    }
    const section = library.sections.get(id);
    if (!section) {
      const suggestion = closestName(id, library.order);
      const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
      const known = library.order.length ? library.order.join(', ') : '(none: the library is empty)';
      const listed = problems.some((problem) => problem.code === 'SECTION_UNKNOWN');
      problems.push(
        new BriefError('SECTION_UNKNOWN', `there is no section "${id}".${hint}${listed ? '' : ` Known sections: ${known}`}`, {
          location: where(index),
          field: `sections.${index}`,
        }),
      );
    }
    return section;
  });
  const [first, ...others] = problems;
  if (!first) return picked as Section[];
  if (others.length === 0) throw first;
  // A broken file's error is the library's own (kept for later builds): the others go on a copy.
  throw Object.assign(new BriefError(first.code, first.message, { location: first.location, field: first.field, cause: first }), { others });
}

