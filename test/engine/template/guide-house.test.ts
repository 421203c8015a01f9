/**
 * The guide's house template and its spec and section examples
 * (templates/README.md, sections 11 and 12) against the files the tests
 * build: the house template's files are shown byte for byte, and the spec
 * and section examples build a brief with that template through the CLI.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli.js';
import { checkTemplate } from '../../../main/engine/template/index.js';
import { readPdf } from '../../helpers/pdf-read.js';
import { BUILT_IN_DIR, FIXTURES_DIR } from './support.js';

const GUIDE = readFileSync(join(BUILT_IN_DIR, 'README.md'), 'utf8');
const HOUSE = join(FIXTURES_DIR, 'house');
const work = mkdtempSync(join(tmpdir(), 'guide-house-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Code blocks preceded by `<!-- KIND: PATH -->`. */
function shown(kind: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const match of GUIDE.matchAll(new RegExp(`<!-- ${kind}: (\\S+) -->\\n\`\`\`[a-z]*\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))) files.set(match[1]!, match[2]!);
  return files;
}

describe('the guide’s house template', () => {
  it('shows the house template’s files byte for byte, and its brief.hbs as it is', () => {
    const files = shown('house file');
    expect([...files.keys()].sort()).toEqual(['house.brief.yaml', 'template.yaml']);
    for (const [path, text] of files) expect(readFileSync(join(HOUSE, path), 'utf8'), path).toBe(text);
    const excerpts = shown('house excerpt');
    expect([...excerpts.keys()]).toEqual(['brief.hbs']);
    expect(readFileSync(join(HOUSE, 'brief.hbs'), 'utf8')).toContain(excerpts.get('brief.hbs'));
  });

  it('passes its check with no errors or warnings', async () => {
    expect(await checkTemplate(HOUSE)).toEqual([]);
  });

  it('builds the guide’s spec and section examples with the house template', async () => {
    const examples = shown('example');
    expect([...examples.keys()].sort()).toEqual(['my-sections/my-notes.md', 'spec.brief.yaml']);
    for (const [path, text] of examples) {
      mkdirSync(dirname(join(work, path)), { recursive: true });
      writeFileSync(join(work, path), text);
    }
    cpSync(HOUSE, join(work, 'templates', 'house'), { recursive: true });
    let err = '';
    const code = await runCli(['build', 'spec.brief.yaml', '--templates-dir', 'templates', '-o', 'out.pdf'], { out: () => undefined, err: (t) => (err += `${t}\n`), cwd: work });
    expect(err).toMatch(/^Wrote /);
    expect(code).toBe(0);
    const pdf = await readPdf(readFileSync(join(work, 'out.pdf')));
    const text = pdf.pages.map((page) => page.text).join('\n');
    for (const words of ['Space cooperation – the decision on the framework agreement', 'My notes', 'The agreement was signed on 13 January 2023.', 'Cleared by: A. Tanaka; B. Smith', 'Approve signature of the agreement at the summit.', 'Footnote labels are per section.']) {
      expect(text, words).toContain(words);
    }
  });
});
