/**
 * Checks on what template.yaml points at: font files inside the template
 * folder and present, and every style naming a font family that exists.
 * Problems are located at the offending value in template.yaml.
 */
import { dirname, join, relative } from 'node:path';
import { BriefError, type SourceLocation } from '../errors.js';
import { diskFiles, type FileProvider } from '../file-provider.js';
import type { TemplateManifest } from '../template-manifest.js';
import { locateField } from '../yaml-load.js';
import { confinedPath } from './confine.js';
import type { TemplateDiagnostic } from './diagnostics.js';
import { didYouMean } from './suggest.js';

const FONT_FILE = /\.(ttf|otf|woff2?)$/i;
const LICENCE_FILE = /^(licen[cs]e|copying|ofl)([-_. ].*)?(\.(txt|md))?$|ofl.*\.txt$/i;

/** Font files under the template folder (a few levels deep), as paths relative to it. */
function fontFilesIn(files: FileProvider, root: string, dir = root, depth = 0): string[] {
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
    if (files.statSync(path, { noFollow: true })?.isDirectory) found.push(...fontFilesIn(files, root, path, depth + 1));
    else if (FONT_FILE.test(name)) found.push(relative(root, path).split(/[\\/]/).join('/'));
    if (found.length >= 20) break;
  }
  return found.sort().slice(0, 20);
}

function licenceBeside(files: FileProvider, dir: string): boolean {
  try {
    return files.listFolderSync(dir).some((name) => LICENCE_FILE.test(name));
  } catch {
    return false;
  }
}

export const BUILT_IN_FAMILIES = ['serif', 'sans', 'jp', 'mono'] as const;

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

  const families = new Set<string>([...BUILT_IN_FAMILIES, ...Object.keys(manifest.fonts.families)]);
  const known = [...families].join(', ');
  for (const [style, settings] of Object.entries(manifest.styles)) {
    if (settings.font !== undefined && !families.has(settings.font)) {
      found.push({
        severity: 'error',
        code: 'TEMPLATE_INVALID',
        message: `Style \`${style}\` uses font family "${settings.font}", which is neither built in nor declared in fonts.families (known: ${known}).`,
        location: locate(['styles', style, 'font']),
      });
    }
  }
  manifest.fonts.fallback.forEach((family, index) => {
    if (!families.has(family)) {
      found.push({
        severity: 'error',
        code: 'TEMPLATE_INVALID',
        message: `fonts.fallback names "${family}", which is neither built in nor declared in fonts.families (known: ${known}).`,
        location: locate(['fonts', 'fallback', index]),
      });
    }
  });
  return found;
}

function yamlLocator(text: string, file: string): (path: (string | number)[]) => SourceLocation {
  return (path) => ({ file, ...locateField(text, path) });
}
