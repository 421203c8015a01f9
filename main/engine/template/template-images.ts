/**
 * The images a template writes itself (`![Seal](images/seal.png)` in
 * brief.hbs or a partial) come from the template's folder. One that is not
 * there is a defect of the template, as a header image or a font file that
 * is not there is (manifest-files.ts): an error at the line of the file that
 * names it, the same from `check` and from a build, which stops before
 * anything is written. (A section body's images come from the section's own
 * folder: section-images.ts.)
 */
import { BriefError, type SourceLocation } from '../errors.js';
import type { FileProvider } from '../file-provider.js';
import type { DocumentModel } from '../model.js';
import { imageBlocks } from '../section-images.js';
import { confinedPath, decodePath } from './confine.js';
import { imageFilesIn } from './manifest-files.js';
import type { TemplateSource } from './output-origin.js';
import { didYouMean } from './suggest.js';

/** What a template is to this check: its folder, and where it names an image. */
export interface TemplateImageOwner {
  /** Real path of the template folder. */
  dir: string;
  placeOfImage(src: string): SourceLocation;
}

/**
 * Where a template names the image `src`: the path's first place as a link
 * target in brief.hbs or a partial (`(path`, `(<path`, or a reference
 * definition's `]: path`). A path put together by mustaches is not there as
 * written; then `fallback` (brief.hbs).
 */
export function templateImagePlace(sources: readonly TemplateSource[], src: string, fallback: SourceLocation): SourceLocation {
  for (const { file, source } of sources) {
    let first: number | undefined;
    for (const written of new Set([src, decodePath(src)])) {
      for (const opener of ['(', '(<', ']: ', ']: <']) {
        const at = source.indexOf(`${opener}${written}`);
        if (at >= 0 && (first === undefined || at + opener.length < first)) first = at + opener.length;
      }
    }
    if (first === undefined) continue;
    const before = source.slice(0, first);
    const line = before.split('\n').length;
    return { file, line, column: first - (before.lastIndexOf('\n') + 1) + 1 };
  }
  return fallback;
}

/**
 * The real path of the template's image `src`, or the error that keeps it
 * out, at `place`: outside the folder (TEMPLATE_CONFINEMENT) or not there
 * (TEMPLATE_INVALID, with the images the folder does hold).
 */
export function templateImagePath(root: string, src: string, place: SourceLocation, files: FileProvider): string {
  let path: string;
  try {
    path = confinedPath(root, decodePath(src), 'Image', files);
  } catch (error) {
    if (error instanceof BriefError) throw new BriefError(error.code, error.message, { location: place, cause: error });
    throw error;
  }
  if (present(path, files)) return path;
  const held = imageFilesIn(files, root);
  const listed = held.length ? ` Images in the template folder: ${held.join(', ')}.` : ' The template folder holds no images (.png, .jpg, .svg).';
  throw new BriefError('TEMPLATE_INVALID', `The image \`${src}\` is not in the template folder${didYouMean(decodePath(src), held)}.${listed}`, { location: place });
}

/** Every image the template wrote into `model` is in its folder; else every one that is not, at once (the first thrown, the rest as its `others`). */
export function assertTemplateImages(model: DocumentModel, template: TemplateImageOwner, files: FileProvider): void {
  const problems: BriefError[] = [];
  for (const block of imageBlocks(model)) {
    // A section's own image was resolved in the section's folder (section-images.ts).
    if (block.file !== undefined) continue;
    try {
      templateImagePath(template.dir, block.src, template.placeOfImage(block.src), files);
    } catch (error) {
      if (!(error instanceof BriefError)) throw error;
      if (!problems.some((known) => known.describe() === error.describe())) problems.push(error);
    }
  }
  if (problems.length) throw Object.assign(problems[0]!, { others: problems.slice(1) });
}

function present(path: string, files: FileProvider): boolean {
  try {
    return files.statSync(path) !== undefined;
  } catch {
    return false;
  }
}
