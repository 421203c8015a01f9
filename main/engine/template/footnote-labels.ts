/**
 * Footnote labels are per section: two sections may both write `[^1]`. The
 * sections are joined into one markup document, so each label defined in a
 * section body is prefixed with the section id before they meet.
 */

const DEFINITION = /^ {0,3}\[\^([^\]\s]+)\]:/gm;

export function scopeFootnoteLabels(body: string, sectionId: string): string {
  const labels = new Set<string>();
  for (const match of body.matchAll(DEFINITION)) labels.add(match[1]!);
  if (labels.size === 0) return body;
  return body.replace(/\[\^([^\]\s]+)\]/g, (whole, label: string) => (labels.has(label) ? `[^${sectionId}:${label}]` : whole));
}
