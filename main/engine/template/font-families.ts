/**
 * Every font family template.yaml names (a style's `font`, `fonts.fallback`)
 * must be built in or declared under `fonts.families`. The check reads plain
 * data, so it runs on a manifest the schema rejected too: an unknown family
 * is then reported with the manifest's other problems, not only once they
 * are fixed.
 */
import type { SourceLocation } from '../errors.js';
import type { TemplateDiagnostic } from './diagnostics.js';

export const BUILT_IN_FAMILIES = ['serif', 'sans', 'jp', 'mono'] as const;

/** Unknown families named in `manifest` (a parsed template.yaml, checked by the schema or not), each at its value. */
export function unknownFontFamilies(manifest: unknown, locate: (path: (string | number)[]) => SourceLocation): TemplateDiagnostic[] {
  const fonts = field(manifest, 'fonts');
  const declared = field(fonts, 'families');
  // Families declared in a form the schema rejects: which ones exist cannot be told, so none is called unknown.
  if (declared !== undefined && !isRecord(declared)) return [];
  const families = new Set<string>([...BUILT_IN_FAMILIES, ...Object.keys(declared ?? {})]);
  const known = [...families].join(', ');
  const found: TemplateDiagnostic[] = [];
  const styles = field(manifest, 'styles');
  for (const [style, settings] of Object.entries(isRecord(styles) ? styles : {})) {
    const font = field(settings, 'font');
    if (typeof font !== 'string' || font === '' || families.has(font)) continue;
    found.push({
      severity: 'error',
      code: 'TEMPLATE_INVALID',
      message: `Style \`${style}\` uses font family "${font}", which is neither built in nor declared in fonts.families (known: ${known}).`,
      location: locate(['styles', style, 'font']),
    });
  }
  const fallback = field(fonts, 'fallback');
  (Array.isArray(fallback) ? (fallback as unknown[]) : []).forEach((family, index) => {
    if (typeof family !== 'string' || family === '' || families.has(family)) return;
    found.push({
      severity: 'error',
      code: 'TEMPLATE_INVALID',
      message: `fonts.fallback names "${family}", which is neither built in nor declared in fonts.families (known: ${known}).`,
      location: locate(['fonts', 'fallback', index]),
    });
  });
  return found;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function field(value: unknown, key: string): unknown {
  return isRecord(value) ? value[key] : undefined;
}
