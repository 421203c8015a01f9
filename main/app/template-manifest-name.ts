/**
 * Giving a template a new `name:` without touching the rest of its
 * template.yaml: comments, order, quoting and spacing are the author's, so
 * only the characters of the name's value are replaced.
 */
import { isMap, isScalar, parseDocument } from 'yaml';

export function withTemplateName(yamlText: string, name: string): string {
  const value = yamlScalar(name);
  const doc = parseDocument(yamlText, { keepSourceTokens: true });
  const contents = doc.contents;
  if (isMap(contents)) {
    const pair = contents.items.find((item) => isScalar(item.key) && item.key.value === 'name');
    const range = pair && isScalar(pair.value) ? pair.value.range : undefined;
    if (range) {
      // A block scalar's value runs to the end of its line break; keep the break.
      const lineBreak = yamlText.slice(range[0], range[1]).endsWith('\n') ? '\n' : '';
      return yamlText.slice(0, range[0]) + value + lineBreak + yamlText.slice(range[1]);
    }
    // No name yet: add one as the first key of a block mapping, where it reads naturally.
    const start = contents.range?.[0];
    if (start !== undefined && contents.flow) {
      const rest = yamlText.slice(start + 1);
      return `${yamlText.slice(0, start + 1)}name: ${value}${/^\s*}/.test(rest) ? '' : ', '}${rest}`;
    }
    if (start !== undefined && columnOf(yamlText, start) === 0) {
      return `${yamlText.slice(0, start)}name: ${value}\n${yamlText.slice(start)}`;
    }
  }
  return `name: ${value}\n${yamlText}`;
}

/** A plain scalar when it reads back as the same string, else a double-quoted one (JSON quoting is valid YAML). */
function yamlScalar(name: string): string {
  const plain = /^[A-Za-z0-9][A-Za-z0-9 ._'’()&/+,-]*$/.test(name) && !/\s$/.test(name) && !/ #|: /.test(name);
  if (plain) {
    const parsed: unknown = parseDocument(`name: ${name}\n`).get('name');
    if (parsed === name) return name;
  }
  return JSON.stringify(name);
}

function columnOf(text: string, offset: number): number {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return offset - lineStart;
}
