import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli.js';
import { readTemplateSummary } from '../../main/app/template-summary.js';
import { positionOf } from '../helpers/errors.js';

// Keep the CLI's cache folder (and its clean-up) out of the user's home.
process.env.BRIEF_STUDIO_CACHE_DIR = mkdtempSync(join(tmpdir(), 'brief-cache-'));

/** Eight anchors, each ten aliases of the one before: 10^8 strings once expanded. */
const BOMB = [
  'l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
  ...Array.from({ length: 7 }, (_, i) => `l${i + 1}: &l${i + 1} [${Array.from({ length: 10 }, () => `*l${i}`).join(', ')}]`),
].join('\n');

async function cli(args: string[], cwd: string): Promise<{ code: number; err: string }> {
  let err = '';
  const code = await runCli(args, { out: () => undefined, err: (t) => (err += `${t}\n`), cwd });
  return { code, err };
}

function expectLocatedLimit(result: { code: number; err: string }, file: string, text: string): void {
  const at = positionOf(text, '*l0');
  expect(result.code).toBe(2);
  expect(result.err).toContain('error[YAML_LIMIT]');
  expect(result.err).toContain(`${file}:${at.line}:${at.column}`);
  expect(result.err).not.toMatch(/\n\s+at /);
}

describe('YAML alias bombs are located errors in every YAML file read', () => {
  it('in a brief spec', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'brief-yaml-'));
    const text = `title: Bomb\n${BOMB}\nsections: [space-agreement]\n`;
    writeFileSync(join(cwd, 'bomb.brief.yaml'), text);
    expectLocatedLimit(await cli(['build', 'bomb.brief.yaml', '-o', 'out.pdf'], cwd), join(cwd, 'bomb.brief.yaml'), text);
  });

  it("in a section's front matter (lines counted from the top of the file)", async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'brief-yaml-'));
    mkdirSync(join(cwd, 'sections'));
    const text = `---\nid: bomb\ntitle: Bomb\nsummary: A section with an alias bomb.\n${BOMB}\n---\nBody.\n`;
    writeFileSync(join(cwd, 'sections', 'bomb.md'), text);
    const result = await cli(['build', '--sections-dir', 'sections', '--sections', 'bomb', '-o', 'out.pdf'], cwd);
    expectLocatedLimit(result, join(cwd, 'sections', 'bomb.md'), text);
  });

  it('in a template.yaml, and the app still lists the template by its folder name', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'brief-yaml-'));
    const dir = join(cwd, 'house');
    mkdirSync(dir);
    const text = `name: House\ndescription: Bomb\n${BOMB}\n`;
    writeFileSync(join(dir, 'template.yaml'), text);
    writeFileSync(join(dir, 'brief.hbs'), '# {{brief.title}}\n');
    expectLocatedLimit(await cli(['build', '--template', './house', '-o', 'out.pdf'], cwd), join(dir, 'template.yaml'), text);
    await expect(readTemplateSummary({ id: 'house', dir, builtIn: false })).resolves.toMatchObject({ id: 'house', name: 'house' });
  });

  it('lets a few ordinary aliases through', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'brief-yaml-'));
    writeFileSync(join(cwd, 'ok.brief.yaml'), 'title: &t Alliance brief\nsubtitle: *t\ndate: 2023-01-13\nsections: [space-agreement]\n');
    const result = await cli(['build', 'ok.brief.yaml', '-q', '-o', 'out.pdf'], cwd);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
  });
});
