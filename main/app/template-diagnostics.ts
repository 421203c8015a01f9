/**
 * The engine's template diagnostics as the editor shows them: located by the
 * file's path inside the template (`partials/section.hbs`), the badge beside
 * each file, with the template folder's path taken out of the messages.
 */
import { relative, sep } from 'node:path';
import { isInside, type TemplateDiagnostic } from '../engine/index.js';
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

function pathInTemplate(root: string, file: string): string | undefined {
  if (!isInside(root, file) || file === root) return undefined;
  return relative(root, file).split(sep).join('/');
}

function withoutFolder(message: string, root: string, templateId: string): string {
  return message.split(`${root}${sep}`).join('').split(root).join(templateId);
}
