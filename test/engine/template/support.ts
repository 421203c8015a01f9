/** Shared test data for the template tests: sections, specs and throwaway template folders. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Section } from '../../../main/engine/section-schema.js';
import { briefSpecSchema, type BriefSpec, type BriefSpecInput } from '../../../main/engine/spec-schema.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const BUILT_IN_DIR = join(REPO_ROOT, 'templates');
export const FIXTURES_DIR = join(REPO_ROOT, 'test/fixtures/templates');

export function makeSection(id: string, overrides: Partial<Section> = {}): Section {
  return {
    id,
    title: `Title of ${id}`,
    summary: `Summary of ${id}.`,
    key_facts: [
      { text: `First fact of ${id}.`, source: 'report', locator: 'para. 4' },
      { text: `Second fact of ${id}.`, source: 'report' },
    ],
    quotes: [{ text: `Quoted words about ${id}.`, speaker: 'Joe Biden', role: 'President of the United States', date: '2023-01-13', source: 'report' }],
    sources: [{ id: 'report', title: 'Alliance report', publisher: 'Daily Paper', date: '2023-01', locator: 'paras. 1–9' }],
    tags: ['tag-a'],
    body: `### Background\n\nBackground of ${id}.\n\n### Talking points\n\n- Point of ${id}.\n`,
    file: `/library/${id}.md`,
    bodyLine: 10,
    builtIn: true,
    ...overrides,
  };
}

export function makeSpec(overrides: Partial<BriefSpecInput> = {}): BriefSpec {
  return briefSpecSchema.parse({
    title: 'U.S.–Japan summit brief',
    date: '2023-01-13',
    sections: ['alpha', 'beta'],
    ...overrides,
  });
}

/** Folders made by `writeTemplate`, removed by `removeTemplates` (call it in afterAll/afterEach). */
const made: string[] = [];

/** A template folder in a fresh temp dir; `files` maps relative paths to contents. Returns the folder. */
export function writeTemplate(files: Record<string, string>, name = 'tpl'): string {
  const base = mkdtempSync(join(tmpdir(), 'brief-template-'));
  made.push(base);
  const dir = join(base, name);
  mkdirSync(dir, { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    const file = join(dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return dir;
}

export function removeTemplates(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
