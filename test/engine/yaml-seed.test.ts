import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { splitFrontMatter } from '../../main/engine/front-matter.js';
import { parseMarkup, setMarkupMemoEnabled } from '../../main/engine/markup.js';
import { builtInSectionsDir, builtInTemplatesDir } from '../../main/engine/paths.js';
import { parseYamlWithSchema } from '../../main/engine/yaml-load.js';
import { disableYamlSeed, recordYamlSeed, useYamlSeed } from '../../main/engine/yaml-seed.js';
import { catchError } from '../helpers/errors.js';

const schema = z.object({ title: z.string(), pages: z.number().default(1) });
const scratch = (): string => mkdtempSync(join(tmpdir(), 'yaml-seed-'));

afterEach(() => {
  disableYamlSeed();
  setMarkupMemoEnabled(true);
});

/** The built-in section bodies, as a build hands them to the parser. */
function builtInBodies(): { file: string; body: string; lineOffset: number }[] {
  return ['space-agreement', 'force-posture', 'counterstrike-capability'].map((id) => {
    const file = join(builtInSectionsDir(), `${id}.md`);
    const parts = splitFrontMatter(readFileSync(file, 'utf8'), file);
    return { file, body: parts.body, lineOffset: parts.bodyLine - 1 };
  });
}

describe('the install-time YAML seed', () => {
  it('records built-in documents only, and a build reads them back through the schema', () => {
    const dir = scratch();
    const seed = join(dir, 'yaml-seed.json');
    recordYamlSeed(seed);
    const manifest = join(builtInTemplatesDir(), 'memo', 'template.yaml');
    const builtIn = parseYamlWithSchema('title: Built in\n', manifest, schema);
    parseYamlWithSchema('title: A user wrote this\n', join(dir, 'mine.yaml'), schema);
    parseYamlWithSchema('title: A section\n', join(builtInSectionsDir(), 'force-posture.md'), schema);
    const stored = JSON.parse(readFileSync(seed, 'utf8')) as { entries: Record<string, string> };
    const values = Object.values(stored.entries).map((json) => JSON.parse(json) as unknown);
    expect(values).toEqual([{ title: 'Built in' }, { title: 'A section' }]);
    expect(readFileSync(seed, 'utf8')).not.toContain('A user wrote this');

    useYamlSeed(seed);
    expect(parseYamlWithSchema('title: Built in\n', 'anywhere.yaml', schema)).toEqual(builtIn);
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes a seeded document from the seed, not from the parser', () => {
    const dir = scratch();
    const seed = join(dir, 'yaml-seed.json');
    recordYamlSeed(seed);
    parseYamlWithSchema('title: Seeded\n', join(builtInTemplatesDir(), 'memo', 'template.yaml'), schema);
    // Swap the recorded data for other (valid) data: a build that finds the text must return it.
    const stored = JSON.parse(readFileSync(seed, 'utf8')) as { version: number; entries: Record<string, string> };
    const [key] = Object.keys(stored.entries);
    writeFileSync(seed, JSON.stringify({ ...stored, entries: { [key!]: JSON.stringify({ title: 'From the seed', pages: 3 }) } }));
    useYamlSeed(seed);
    expect(parseYamlWithSchema('title: Seeded\n', 'x.yaml', schema)).toEqual({ title: 'From the seed', pages: 3 });
    expect(parseYamlWithSchema('title: Not seeded\n', 'x.yaml', schema)).toEqual({ title: 'Not seeded', pages: 1 });
    rmSync(dir, { recursive: true, force: true });
  });

  it('parses afresh, with located errors, when the seeded data fails the schema or the seed is damaged', () => {
    const dir = scratch();
    const seed = join(dir, 'yaml-seed.json');
    recordYamlSeed(seed);
    const text = 'title: 12\n';
    parseYamlWithSchema(text, join(builtInTemplatesDir(), 'memo', 'template.yaml'), z.object({ title: z.number() }));
    useYamlSeed(seed);
    const error = catchError(() => parseYamlWithSchema(text, 'spec.yaml', schema, { code: 'SPEC_INVALID' }));
    expect(error.code).toBe('SPEC_INVALID');
    expect(error.location).toMatchObject({ file: 'spec.yaml', line: 1, column: 8 });

    writeFileSync(seed, '{"version":1,"entries":');
    useYamlSeed(seed);
    expect(parseYamlWithSchema('title: Fine\n', 'x.yaml', schema)).toEqual({ title: 'Fine', pages: 1 });
    useYamlSeed(join(dir, 'missing.json'));
    expect(parseYamlWithSchema('title: Fine\n', 'x.yaml', schema)).toEqual({ title: 'Fine', pages: 1 });
    rmSync(dir, { recursive: true, force: true });
  });

  it('records built-in markup by its pieces, and a build of a fresh process gets the very model the parser makes', () => {
    setMarkupMemoEnabled(false); // a fresh process: nothing parsed before
    const dir = scratch();
    const seed = join(dir, 'yaml-seed.json');
    recordYamlSeed(seed);
    const fresh = builtInBodies().map(({ file, body, lineOffset }) => parseMarkup(body, { file, lineOffset }));
    const stored = JSON.parse(readFileSync(seed, 'utf8')) as { pieces: Record<string, string> };
    expect(Object.keys(stored.pieces).length).toBeGreaterThan(10);

    useYamlSeed(seed);
    const seeded = builtInBodies().map(({ file, body, lineOffset }) => parseMarkup(body, { file, lineOffset }));
    expect(seeded).toEqual(fresh);
    // A document with a piece of its own: that piece is parsed, the rest comes from the seed, ids stay unique over the whole.
    const [first] = builtInBodies();
    const edited = `## Background\n\nA paragraph of my own.\n\n${first!.body}`;
    const mixed = parseMarkup(edited, { file: 'mine.md' });
    disableYamlSeed();
    expect(mixed).toEqual(parseMarkup(edited, { file: 'mine.md' }));
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes a seeded piece from the seed, not from the parser, and parses afresh (with located errors) when the seed is damaged', () => {
    setMarkupMemoEnabled(false);
    const dir = scratch();
    const seed = join(dir, 'yaml-seed.json');
    recordYamlSeed(seed);
    const builtIn = join(builtInSectionsDir(), 'force-posture.md');
    const markup = 'First paragraph.\n\nSecond paragraph.\n';
    parseMarkup(markup, { file: builtIn });
    // A user's file is never recorded, even while recording.
    parseMarkup('A user wrote this.\n\nAnd this.\n', { file: join(dir, 'mine.md') });
    const stored = JSON.parse(readFileSync(seed, 'utf8')) as { pieces: Record<string, string> };
    expect(JSON.stringify(stored)).not.toContain('A user wrote this');
    const first = Object.keys(stored.pieces).find((k) => k.endsWith('First paragraph.\n\n'))!;
    const second = Object.keys(stored.pieces).find((k) => k.endsWith('Second paragraph.\n'))!;
    expect([first, second].every(Boolean)).toBe(true);
    const withSecond = (json: string) => writeFileSync(seed, JSON.stringify({ ...stored, pieces: { [first]: stored.pieces[first], [second]: json } }));

    withSecond(JSON.stringify([{ type: 'paragraph', runs: [{ text: 'From the seed' }] }]));
    useYamlSeed(seed);
    expect(parseMarkup(markup, { file: 'x.md' }).blocks).toEqual([
      { type: 'paragraph', runs: [{ text: 'First paragraph.' }] },
      { type: 'paragraph', runs: [{ text: 'From the seed' }] },
    ]);

    // Damaged entries (cut short, or not blocks): the markup is parsed as written.
    for (const damaged of ['[{"type":', '[null]', '{"type":"paragraph"}', '[3]']) {
      withSecond(damaged);
      useYamlSeed(seed);
      expect(parseMarkup(markup, { file: 'x.md' }).blocks, damaged).toEqual([
        { type: 'paragraph', runs: [{ text: 'First paragraph.' }] },
        { type: 'paragraph', runs: [{ text: 'Second paragraph.' }] },
      ]);
    }
    // A mistake in a piece the seed lacks, beside one it has: reported at its line of the whole markup.
    const error = catchError(() => parseMarkup('First paragraph.\n\n:::: callout\nSecond paragraph.\n', { file: 'x.md', lineOffset: 4 }));
    expect(error.location).toMatchObject({ file: 'x.md', line: 7 });
    rmSync(dir, { recursive: true, force: true });
  });
});
