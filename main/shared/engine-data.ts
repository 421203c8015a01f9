/**
 * The engine's plain data and pure rules the page needs, so the renderer
 * imports only from main/shared (eslint.config.js). Nothing here touches
 * Node: these modules are bundled into the page.
 */
export type { BriefErrorData, BriefWarning, SourceLocation } from '../engine/errors.js';
export type { PdfStandard } from '../engine/typeset/pdfa.js';
export { fieldValueFromText, valueProblem, type FieldDeclaration } from '../engine/template/fields.js';
