/**
 * Handlebars reports a block left open where it gives up — at the end of the
 * file or at a later closing tag. The writer needs the opening tag: this
 * scans the tags (comments skipped) and names the block that is never closed.
 */
import type { SourceLocation } from '../errors.js';

const TAG = /\{\{!--[\s\S]*?--~?\}\}|\{\{![\s\S]*?\}\}|\{\{~?\s*([#^/])\s*[>*]?\s*([^\s}~()]+)/g;

export interface UnclosedBlock {
  name: string;
  location: SourceLocation;
  message: string;
}

export function findUnclosedBlock(source: string, file: string): UnclosedBlock | undefined {
  const open: { name: string; sigil: string; index: number }[] = [];
  const at = (index: number): { line: number; column: number } => {
    const before = source.slice(0, index);
    const line = before.split('\n').length;
    return { line, column: index - before.lastIndexOf('\n') };
  };
  const describe = (block: { name: string; sigil: string; index: number }, tail: string): UnclosedBlock => {
    const { line, column } = at(block.index);
    return { name: block.name, location: { file, line, column }, message: `\`{{${block.sigil}${block.name}}}\` at line ${line} is never closed${tail}: add \`{{/${block.name}}}\` where it should end.` };
  };
  for (const match of source.matchAll(TAG)) {
    const [, sigil, rawName] = match;
    if (!sigil || !rawName) continue; // a comment
    const name = rawName.replace(/^["']|["']$/g, '');
    if (sigil !== '/') {
      open.push({ name: rawName.startsWith('"') || rawName.startsWith("'") ? 'inline' : name, sigil: `${sigil}${match[0].includes('>') ? '>' : ''}`, index: match.index });
      continue;
    }
    const depth = open.map((block) => block.name).lastIndexOf(name);
    if (depth === -1) return undefined; // a stray close: Handlebars' own message names it
    if (depth < open.length - 1) {
      const closeAt = at(match.index);
      return describe(open[open.length - 1]!, ` (\`{{/${name}}}\` at line ${closeAt.line} closes an outer \`{{#${name}}}\` first)`);
    }
    open.pop();
  }
  const last = open.pop();
  return last ? describe(last, ' (the file ends first)') : undefined;
}
