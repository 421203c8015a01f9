/**
 * Checks on what template.yaml points at: font files inside the template
 * folder and present, and every style naming a font family that exists.
 * Problems are located at the offending value in template.yaml.
 */
import { existsSync } from 'node:fs';
import { BriefError, type SourceLocation } from '../errors.js';
import type { TemplateManifest } from '../template-manifest.js';
import { locateField } from '../yaml-load.js';
import { confinedPath } from './confine.js';
import type { TemplateDiagnostic } from './diagnostics.js';

export const BUILT_IN_FAMILIES = ['serif', 'sans', 'jp', 'mono'] as const;

export function checkManifestFiles(root: string, manifest: TemplateManifest, yamlText: string, file: string): TemplateDiagnostic[] {
  const found: TemplateDiagnostic[] = [];
  const locate = yamlLocator(yamlText, file);

  for (const [family, files] of Object.entries(manifest.fonts.families)) {
    for (const [weight, path] of Object.entries(files)) {
      if (typeof path !== 'string') continue;
      const location = locate(['fonts', 'families', family, weight]);
      try {
        const resolved = confinedPath(root, path, `Font file for family "${family}"`);
        if (!existsSync(resolved)) {
          found.push({ severity: 'error', code: 'TEMPLATE_INVALID', message: `Font file \`${path}\` for family "${family}" is not in the template folder.`, location });
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
