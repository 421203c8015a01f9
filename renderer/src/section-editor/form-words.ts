/**
 * The engine's section problems in the form's words. The engine names a
 * field by its path in the YAML (`quotes.0.date`, `key_facts[0]`), which is
 * right beside a file:line on the command line; the form shows the same
 * field as "Quotation 1 › Date", so that is what its messages say.
 */

/** A front-matter path (`quotes.0.date`) as the form labels it, or undefined when the form has no words for it. */
export type LabelOf = (path: string) => string | undefined;

export function inFormWords(message: string, labelOf: LabelOf): string {
  const name = (path: string, original: string) => labelOf(path) ?? original;
  const text = message
    .replace(/^section front matter:\s*/, '')
    .replace(/^missing required field `([^`]+)` \(expected [^)]*\)/, (whole, path: string) => (labelOf(path) ? `${labelOf(path)} is required` : whole))
    .replace(/`([a-z_]+(?:\.\d+)?(?:\.[a-z_]+)?)`/g, (whole, path: string) => name(path, whole))
    .replace(/\b(key_facts|quotes|sources)\[(\d+)\]/g, (whole, list: string, index: string) => name(`${list}.${index}`, whole));
  return text.charAt(0).toUpperCase() + text.slice(1);
}
