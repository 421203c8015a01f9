import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { builtInSectionsDir, builtInTemplatesDir } from '../../main/engine/paths.js';
import { parseYamlWithSchema } from '../../main/engine/yaml-load.js';
import { disableYamlSeed, recordYamlSeed, useYamlSeed } from '../../main/engine/yaml-seed.js';
import { catchError } from '../helpers/errors.js';

const schema = z.object({ title: z.string(), pages: z.number().default(1) });
const scratch = (): string => mkdtempSync(join(tmpdir(), 'yaml-seed-'));

afterEach(() => disableYamlSeed());

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
});
