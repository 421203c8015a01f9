/**
 * Checks on what template.yaml points at: font files inside the template
 * folder and present, and every style naming a font family that exists
 * (font-families.ts).
 * Problems are located at the offending value in template.yaml.
 */
import { dirname, join, relative } from 'node:path';
import { BriefError, type SourceLocation } from '../errors.js';
import { readCheckedImage } from '../typeset/image-check.js';
import { diskFiles, type FileProvider } from '../file-provider.js';
import type { TemplateManifest } from '../template-manifest.js';
import { locateField } from '../yaml-load.js';
import { confinedPath } from './confine.js';
import { unknownFontFamilies } from './font-families.js';
import type { TemplateDiagnostic } from './diagnostics.js';
import { didYouMean } from './suggest.js';

const FONT_FILE = /\.(ttf|otf|woff2?)$/i;
const LICENCE_FILE = /^(licen[cs]e|copying|ofl)([-_. ].*)?(\.(txt|md))?$|ofl.*\.txt$/i;

const IMAGE_FILE = /\.(png|jpe?g|svg)$/i;

/** Font files under the template folder (a few levels deep), as paths relative to it. */
function fontFilesIn(files: FileProvider, root: string): string[] {
  return filesIn(files, root, FONT_FILE);
}

/** Images under the template folder (a few levels deep), as paths relative to it. */
export function imageFilesIn(files: FileProvider, root: string): string[] {
  return filesIn(files, root, IMAGE_FILE);
}

function filesIn(files: FileProvider, root: string, pattern: RegExp, dir = root, depth = 0): string[] {
  if (depth > 3) return [];
  let names;
  try {
    names = files.listFolderSync(dir);
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const name of names) {
    const path = join(dir, name);
    if (files.statSync(path, { noFollow: true })?.isDirectory) found.push(...filesIn(files, root, pattern, path, depth + 1));
    else if (pattern.test(name)) found.push(relative(root, path).split(/[\\/]/).join('/'));
    if (found.length >= 20) break;
  }
  return found.sort().slice(0, 20);
}

/** A lying header, a bomb or a pipe is an error at the image; a file that is no PNG or JPEG, a warning (a build leaves it out). */
function checkImageFile(files: FileProvider, path: string, what: string, location: SourceLocation): TemplateDiagnostic[] {
  try {
    readCheckedImage(path, files);
    return [];
  } catch (error) {
    if (error instanceof BriefError) return [{ severity: 'error', code: error.code, message: error.message, location: error.location ?? location }];
    return [{ severity: 'warning', code: 'IMAGE', message: `${what} cannot be used (PNG, JPEG or SVG expected): ${error instanceof Error ? error.message : String(error)}.`, location }];
  }
}

function licenceBeside(files: FileProvider, dir: string): boolean {
  try {
    return files.listFolderSync(dir).some((name) => LICENCE_FILE.test(name));
  } catch {
    return false;
  }
}

export function checkManifestFiles(root: string, manifest: TemplateManifest, yamlText: string, file: string, files: FileProvider = diskFiles): TemplateDiagnostic[] {
  const found: TemplateDiagnostic[] = [];
  const locate = yamlLocator(yamlText, file);

  for (const [family, faces] of Object.entries(manifest.fonts.families)) {
    for (const [weight, path] of Object.entries(faces)) {
      if (typeof path !== 'string') continue;
      const location = locate(['fonts', 'families', family, weight]);
      try {
        const resolved = confinedPath(root, path, `Font file for family "${family}"`, files);
        if (!files.statSync(resolved)) {
          const present = fontFilesIn(files, root);
          const listed = present.length ? ` Font files in the template folder: ${present.join(', ')}.` : ' The template folder holds no font files (.ttf, .otf, .woff, .woff2).';
          found.push({ severity: 'error', code: 'TEMPLATE_INVALID', message: `Font file \`${path}\` for family "${family}" is not in the template folder${didYouMean(path, present)}.${listed}`, location });
        } else if (!licenceBeside(files, dirname(resolved))) {
          found.push({
            severity: 'warning',
            code: 'TEMPLATE',
            message: `Font file \`${path}\` has no licence file beside it: put the font's licence (e.g. OFL.txt or LICENSE) in ${relative(root, dirname(resolved)) || 'the template folder'}, so copies of the template carry it.`,
            location,
          });
        }
      } catch (error) {
        const message = error instanceof BriefError ? error.message : String(error);
        found.push({ severity: 'error', code: 'TEMPLATE_CONFINEMENT', message, location });
      }
    }
  }

  for (const place of ['header', 'footer'] as const) {
    const image = manifest[place].image;
    if (!image) continue;
    const location = locate([place, 'image', 'src']);
    try {
      const resolved = confinedPath(root, image.src, `The ${place} image`, files);
      if (!files.statSync(resolved)) {
        const present = imageFilesIn(files, root);
        const listed = present.length ? ` Images in the template folder: ${present.join(', ')}.` : ' The template folder holds no images (.png, .jpg, .svg).';
        found.push({ severity: 'error', code: 'TEMPLATE_INVALID', message: `The ${place} image \`${image.src}\` is not in the template folder${didYouMean(image.src, present)}.${listed}`, location });
      } else if (!/\.svg$/i.test(resolved)) {
        found.push(...checkImageFile(files, resolved, `The ${place} image \`${image.src}\``, location));
      }
    } catch (error) {
      const message = error instanceof BriefError ? error.message : String(error);
      found.push({ severity: 'error', code: 'TEMPLATE_CONFINEMENT', message, location });
    }
  }

  found.push(...unknownFontFamilies(manifest, locate));
  return found;
}

export function yamlLocator(text: string, file: string): (path: (string | number)[]) => SourceLocation {
  return (path) => ({ file, ...locateField(text, path) });
}
