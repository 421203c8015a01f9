/**
 * Images a section's body draws: `![alt](path)` is read from the section's
 * own folder (the folder its `.md` file is in), never from elsewhere, the way
 * a template's images come only from the template's folder. A path that is
 * absolute, a URL or climbs out with `..` is refused when the section is
 * read, at its line and column; a symbolic link that leads out is refused
 * when the brief is built. Template images keep resolving in the template.
 */
import { lstatSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, win32 } from 'node:path';
import { BriefError, type SourceLocation } from './errors.js';
import type { Block, DocumentModel, ImageBlock } from './model.js';
import { decodePath, isInside } from './template/confine.js';

/** An image of a section body: its path as the model holds it, and where the body writes it. */
export interface SectionImageRef {
  src: string;
  /** Where the body first writes it. */
  line: number;
  column: number;
  /** Every place the body writes it, in order (an image used twice is two figures, each with its own warnings). */
  places?: readonly { line: number; column: number }[];
}

/** The smallest view of a section this module needs. */
export interface SectionWithImages {
  id: string;
  file: string;
  images?: readonly SectionImageRef[];
}

/** Every image block in a model, footnotes included. */
export function imageBlocks(model: DocumentModel): ImageBlock[] {
  const found: ImageBlock[] = [];
  const walk = (blocks: Block[]): void => {
    for (const block of blocks) {
      if (block.type === 'image') found.push(block);
      else if (block.type === 'list') block.items.forEach(walk);
      else if ('blocks' in block) walk(block.blocks);
    }
  };
  walk(model.blocks);
  model.footnotes?.forEach((note) => walk(note.blocks));
  return found;
}

/**
 * The images a parsed section body uses, each checked to stay in the
 * section's folder. `file` is the section file, `bodyLine` the line its body
 * starts on; a refused path is a SECTION_INVALID error at its place.
 */
export function sectionImageRefs(model: DocumentModel, body: string, file: string, bodyLine: number): SectionImageRef[] {
  const refs: SectionImageRef[] = [];
  for (const { src } of imageBlocks(model)) {
    if (refs.some((ref) => ref.src === src)) continue;
    const places = placesOf(body, src, bodyLine);
    const place = places[0] ?? { line: bodyLine, column: 1 };
    const why = lexicalProblem(decodePath(src));
    if (why) throw confinementError(src, why, { file, ...place });
    refs.push({ src, ...place, ...(places.length > 1 ? { places } : {}) });
  }
  return refs;
}

function lexicalProblem(path: string): string | undefined {
  if (path.trim() === '') return 'is empty';
  if (path.includes('\0')) return 'contains a NUL character';
  if (isAbsolute(path) || win32.isAbsolute(path) || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(path)) return 'is an absolute path or a URL';
  if (path.split(/[\\/]+/).includes('..')) return 'climbs out with `..`';
  return undefined;
}

function confinementError(src: string, why: string, location: SourceLocation): BriefError {
  const folder = basename(dirname(location.file)) || dirname(location.file);
  return new BriefError(
    'SECTION_INVALID',
    `the image \`${src}\` ${why}; a section may only use images inside its own folder (${folder}), e.g. ![Alt text](${basename(location.file, '.md')}.assets/picture.png)`,
    { location },
  );
}

/** Lines and columns (1-based, in the section file) where the body writes `src` as a link target, in order; none when it cannot be found. */
function placesOf(body: string, src: string, bodyLine: number): { line: number; column: number }[] {
  const starts = new Set<number>();
  for (const candidate of new Set([src, decodePath(src)])) {
    for (const opener of ['(', '(<']) {
      for (let at = body.indexOf(`${opener}${candidate}`); at >= 0; at = body.indexOf(`${opener}${candidate}`, at + 1)) starts.add(at + opener.length);
    }
  }
  return [...starts]
    .sort((a, b) => a - b)
    .map((index) => {
      const before = body.slice(0, index);
      const newlines = before.split('\n').length - 1;
      return { line: bodyLine + newlines, column: index - (before.lastIndexOf('\n') + 1) + 1 };
    });
}

/**
 * The model with each image a section body wrote pointed at its file in
 * that section's folder (`file`). An image inside a `::: section ID`
 * container belongs to that section; one outside any container to the first
 * chosen section that writes it. Images the template wrote are left alone.
 */
export function attachSectionImages(model: DocumentModel, sections: readonly SectionWithImages[]): DocumentModel {
  const byId = new Map(sections.map((s) => [s.id, s]));
  if (!sections.some((s) => s.images?.length)) return model;
  const ownerOf = (src: string, sectionId: string | undefined): { section: SectionWithImages; ref: SectionImageRef } | undefined => {
    const candidates = sectionId !== undefined && byId.has(sectionId) ? [byId.get(sectionId)!] : sections;
    for (const section of candidates) {
      const ref = section.images?.find((r) => r.src === src);
      if (ref) return { section, ref };
    }
    return undefined;
  };
  // The nth figure of a path in a section is its nth place in the body (document order is the body's order).
  const seen = new Map<SectionImageRef, number>();
  const placeOf = (ref: SectionImageRef): { line: number; column: number } => {
    const n = seen.get(ref) ?? 0;
    seen.set(ref, n + 1);
    return ref.places?.[n] ?? ref;
  };
  const mapBlocks = (blocks: Block[], sectionId: string | undefined): Block[] =>
    blocks.map((block): Block => {
      if (block.type === 'image') {
        const owner = ownerOf(block.src, sectionId);
        if (!owner) return block;
        const { line, column } = placeOf(owner.ref);
        return { ...block, file: resolveSectionImage(owner.section.file, owner.ref), at: { file: owner.section.file, line, column } };
      }
      if (block.type === 'section') return { ...block, blocks: mapBlocks(block.blocks, block.id) };
      if (block.type === 'list') return { ...block, items: block.items.map((item) => mapBlocks(item, sectionId)) };
      if ('blocks' in block) return { ...block, blocks: mapBlocks(block.blocks, sectionId) };
      return block;
    });
  const footnotes = model.footnotes?.map((note) => ({ ...note, blocks: mapBlocks(note.blocks, undefined) }));
  return footnotes ? { blocks: mapBlocks(model.blocks, undefined), footnotes } : { blocks: mapBlocks(model.blocks, undefined) };
}

/** The real path of a section's image, once no symbolic link on the way leads out of the section's folder. */
export function resolveSectionImage(sectionFile: string, ref: SectionImageRef): string {
  const location = { file: sectionFile, line: ref.line, column: ref.column };
  let root: string;
  try {
    root = realpathSync(dirname(sectionFile));
  } catch {
    // A section that exists only as an unsaved buffer in a folder not yet made: nothing on disk to confine.
    return join(dirname(sectionFile), decodePath(ref.src));
  }
  const joined = join(root, decodePath(ref.src));
  let existing = joined;
  while (existing !== root && !exists(existing)) existing = dirname(existing);
  let real: string;
  try {
    real = realpathSync(existing);
  } catch {
    throw confinementError(ref.src, 'is a symbolic link that leads nowhere', location);
  }
  if (!isInside(root, real)) throw confinementError(ref.src, `leads to ${real} through a symbolic link`, location);
  return existing === joined ? real : joined;
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
