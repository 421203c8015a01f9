/**
 * A template file is read by Handlebars' parser once: the syntax tree the
 * checks walk (parseTemplate, without whitespace control) is the one that is
 * compiled. The compiled code must be exactly what compiling the source text
 * gives, whitespace control (`~`, standalone lines) included.
 */
import Handlebars from 'handlebars';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInTemplatesDir } from '../../../main/engine/paths.js';
import { COMPILE_OPTIONS } from '../../../main/engine/template/handlebars-env.js';
import { parseTemplate } from '../../../main/engine/template/parse.js';

function hbsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return hbsFiles(path);
    return name.endsWith('.hbs') ? [path] : [];
  });
}

/** Compiled from the tree the checks walked, and from the text. */
function bothWays(source: string): [string, string] {
  let fromTree: string;
  try {
    fromTree = Handlebars.precompile(parseTemplate(source, 'test.hbs'), { ...COMPILE_OPTIONS }) as string;
  } catch {
    fromTree = 'does not parse';
  }
  let fromText: string;
  try {
    fromText = Handlebars.precompile(source, { ...COMPILE_OPTIONS }) as string;
  } catch {
    fromText = 'does not parse';
  }
  return [fromTree, fromText];
}

describe('template files are parsed once', () => {
  it('compiles the built-in templates and every fixture template to the same code as their text', () => {
    const files = [...hbsFiles(builtInTemplatesDir()), ...hbsFiles(join(import.meta.dirname, '../../fixtures'))];
    expect(files.length).toBeGreaterThan(100);
    let compiled = 0;
    for (const file of files) {
      const [fromTree, fromText] = bothWays(readFileSync(file, 'utf8'));
      expect(fromTree, file).toBe(fromText);
      if (fromText !== 'does not parse') compiled++;
    }
    expect(compiled).toBeGreaterThan(90);
  });

  it('applies whitespace control once: tildes, standalone blocks and partials, comments, else chains', () => {
    const sources = [
      '<p>\n  {{~#if title~}}\n    {{title}}\n  {{~else~}}\n    none\n  {{~/if~}}\n</p>\n',
      '<ul>\n{{#each items}}\n  <li>{{this}}</li>\n{{/each}}\n</ul>\n',
      '{{! a comment on its own line }}\n  {{> header}}\n<main>{{~{body}~}}</main>\n',
      'a {{~ x ~}} b {{#unless y}}\n\n  c\n{{else if z}}\n d \n{{/unless}}\n',
      '{{#each list as |item index|}}\n  {{~index}}: {{item~}}\n{{/each}}',
    ];
    for (const source of sources) {
      const [fromTree, fromText] = bothWays(source);
      expect(fromTree, source).toBe(fromText);
      expect(fromText).not.toBe('does not parse');
    }
  });
});
