/**
 * The engine's template diagnostics as the editor shows them: located by the
 * file's path inside the template (`partials/section.hbs`), not by where the
 * checked copy happened to live, and with that folder's path taken out of
 * the messages too.
 */
import { relative, sep } from 'node:path';
import type { BriefErrorData } from '../engine/errors.js';
import { isInside } from '../engine/template/confine.js';
import type { TemplateDiagnostic } from '../engine/template/index.js';
import type { EditorDiagnostic } from '../shared/ipc-contract.js';

/** The engine names the markup a template produced "<file> (output)". */
const OUTPUT_SUFFIX = / \(output\)$/;

export function toEditorDiagnostics(diagnostics: TemplateDiagnostic[], checkedRoot: string, templateId: string): EditorDiagnostic[] {
  return diagnostics.map((diagnostic) => {
    const found: EditorDiagnostic = { severity: diagnostic.severity, code: diagnostic.code, message: withoutFolder(diagnostic.message, checkedRoot, templateId) };
    const file = diagnostic.location?.file.replace(OUTPUT_SUFFIX, '');
    const path = file ? pathInTemplate(checkedRoot, file) : undefined;
    if (path) {
      found.path = path;
      // A problem in the produced markup has an output line, not a line of the file.
      if (!OUTPUT_SUFFIX.test(diagnostic.location!.file) && diagnostic.location?.line !== undefined) {
        found.line = diagnostic.location.line;
        if (diagnostic.location.column !== undefined) found.column = diagnostic.location.column;
      }
    }
    return found;
  });
}

/** An error from rendering a scratch copy, pointed back at the template's real folder. */
export function relocateError(error: BriefErrorData, checkedRoot: string, realRoot: string, templateId: string): BriefErrorData {
  const file = error.location?.file;
  const path = file ? pathInTemplate(checkedRoot, file.replace(OUTPUT_SUFFIX, '')) : undefined;
  const location = error.location && path !== undefined ? { ...error.location, file: `${realRoot}${sep}${path.split('/').join(sep)}` } : error.location;
  return { ...error, message: withoutFolder(error.message, checkedRoot, templateId), ...(location ? { location } : {}) };
}

function pathInTemplate(root: string, file: string): string | undefined {
  if (!isInside(root, file) || file === root) return undefined;
  return relative(root, file).split(sep).join('/');
}

function withoutFolder(message: string, root: string, templateId: string): string {
  return message.split(`${root}${sep}`).join('').split(root).join(templateId);
}
