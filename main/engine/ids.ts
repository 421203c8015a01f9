/**
 * Id rules, written once for the engine and both faces. An id names a file
 * or a folder inside a library folder, so none can climb out of it.
 */

/** A template's id: its folder's name (`memo`, `house-style.v2`). */
export const TEMPLATE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** A section's id: its file's name without `.md`, as a spec lists it. */
export const SECTION_ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

export const isTemplateId = (value: string): boolean => TEMPLATE_ID_PATTERN.test(value);

export const isSectionId = (value: string): boolean => SECTION_ID_PATTERN.test(value);

/** A spec's `template:` names a folder (rather than a template of the library) when it looks like a path. */
export function isTemplatePath(ref: string): boolean {
  return ref.includes('/') || ref.includes('\\') || ref.startsWith('.');
}
