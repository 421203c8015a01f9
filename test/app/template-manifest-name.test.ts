import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { withTemplateName } from '../../main/app/template-manifest-name.js';

const nameOf = (yaml: string) => (parse(yaml) as { name?: unknown }).name;

describe('giving a template.yaml a new name', () => {
  it('replaces only the value, keeping comments, quoting style of the rest and order', () => {
    const yaml = '# House style\nname: "Old name" # shown in the picker\ndescription: Ours\npage: { size: A4 }\n';
    expect(withTemplateName(yaml, 'New Name')).toBe('# House style\nname: New Name # shown in the picker\ndescription: Ours\npage: { size: A4 }\n');
  });

  it('quotes names YAML would read differently, so they read back exactly', () => {
    for (const name of ['Memo: 2025', 'a # b', '123', 'true', 'null', '- dash', '[x]', 'Tab\there', 'back\\slash "q"', 'Ünïcode “memo”', 'trailing ']) {
      const out = withTemplateName('name: Old\ndescription: x\n', name);
      expect(nameOf(out), name).toBe(name);
      expect(out.endsWith('\ndescription: x\n'), name).toBe(true);
    }
  });

  it('replaces a block scalar name without eating the next line', () => {
    expect(withTemplateName('name: |\n  Old\ndescription: x\n', 'New')).toBe('name: New\ndescription: x\n');
  });

  it('adds a name where there is none: first key of a block mapping, or inside a flow mapping', () => {
    expect(withTemplateName('# comment\ndescription: x\n', 'New')).toBe('# comment\nname: New\ndescription: x\n');
    expect(nameOf(withTemplateName('{ description: x }', 'New'))).toBe('New');
    expect(nameOf(withTemplateName('{}', 'New'))).toBe('New');
    expect(nameOf(withTemplateName('', 'New'))).toBe('New');
  });
});
