/**
 * Escaping for `{{value}}` in a template: the brief markup parser must show
 * the value as plain text, whatever it contains. Handlebars' own escaping is
 * for HTML; brief markup is Markdown, so characters that could start
 * emphasis, code, a link, an entity, a table cell, strikethrough or an
 * attribute block are backslash-escaped wherever they appear, and those that
 * only mean something at the start of a line (list markers, `#`, `>`, `=`,
 * `:::`) are escaped when the value starts with them. A value is always a
 * single line (newlines become spaces), so its start is the only place it can
 * begin a line. CommonMark drops a backslash before any ASCII punctuation.
 *
 * Characters that are inert mid-line — `.` `-` `+` `(` `)` `!` `=` `:` — stay
 * as they are there, so "U.S.–Japan" reads as written in the markup and in
 * container lines such as `::: quote …`, which are not parsed as Markdown.
 */

/** Meaningful anywhere in a line. `[` escaped also disarms `!`, `(` and `)` after it. */
const ALWAYS = /[\\`*_{}[\]<>|~&#]/g;

/** Meaningful only at the start of a line: list markers, block quote, setext underline, container fence. */
const AT_START = /^(?:[-+=:>]|\d+[.)])/;

export function escapeMarkdown(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    // "[object Object]" in a brief helps no one; say what to write instead.
    throw new TypeError(
      Array.isArray(value)
        ? 'a list, which cannot be written as text; use {{#each …}} or {{join list ", "}}'
        : 'an object, which cannot be written as text; name one of its fields, e.g. {{brief.title}}',
    );
  }
  // Template data is plain JSON: text, numbers and true/false are all a value can be.
  const raw = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
  const text = raw
    // One value is one run of text: a newline would end the paragraph or the
    // container line it sits in.
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/\t/g, ' ')
    // Leading spaces could make a code block, two trailing ones a hard line break.
    .replace(/^ +/, '')
    .replace(/ {2,}$/, ' ');
  const escaped = text.replace(ALWAYS, '\\$&');
  const start = AT_START.exec(escaped);
  if (!start) return escaped;
  // Escape the marker's last character: "-" → "\-", "12." → "12\.".
  const marker = start[0];
  return `${marker.slice(0, -1)}\\${marker.slice(-1)}${escaped.slice(marker.length)}`;
}
