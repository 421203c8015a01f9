import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtInSectionsDir, resourceRoot } from '../../main/engine/paths.js';
import { loadSectionLibrary, pickSections, type SectionLibrary } from '../../main/engine/sections.js';
import { briefSpecSchema, defaultSpec, type BriefSpec } from '../../main/engine/spec-schema.js';
import { loadSpecFile, parseSpec, SPEC_KEY_ORDER, specSectionLocation, stringifySpec } from '../../main/engine/spec.js';
import type { BriefError } from '../../main/engine/errors.js';
import { everyProblem } from '../../main/engine/yaml-load.js';
import { catchAsync, catchError, positionOf } from '../helpers/errors.js';

const ROOT = resourceRoot();
const SPECS = resolve(ROOT, 'test/fixtures/specs');
const EXAMPLE = join(ROOT, 'examples/summit.brief.yaml');

const fixture = (name: string): { file: string; text: string } => {
  const file = join(SPECS, name);
  return { file, text: readFileSync(file, 'utf8') };
};

describe('the summit example', () => {
  let library: SectionLibrary;
  beforeAll(async () => {
    library = await loadSectionLibrary({ builtInDir: builtInSectionsDir() });
  });

  it('parses, uses every built-in section once and is dated on the summit day', async () => {
    const spec = await loadSpecFile(EXAMPLE);
    expect(spec.date).toBe('2023-01-13');
    expect(spec.title).toContain('U.S.–Japan');
    expect(spec.author).toBeTruthy();
    expect(spec.audience).toBeTruthy();
    const sections = pickSections(library, spec.sections);
    expect(sections.map((s) => s.id).sort()).toEqual([...library.order].sort());
    expect(spec.sections[0]).toBe('alliance-overview');
  });

  it('lets the default spec pick only built-in sections', () => {
    expect(() => pickSections(library, defaultSpec().sections)).not.toThrow();
  });
});

describe('parseSpec errors', () => {
  it('rejects a date that does not exist, at the date value', () => {
    const { file, text } = fixture('bad-date.brief.yaml');
    const error = catchError(() => parseSpec(text, file));
    expect(error.code).toBe('SPEC_INVALID');
    expect(error.field).toBe('date');
    expect(error.location).toEqual({ file, ...positionOf(text, '2023-02-30') });
    expect(error.describe()).toBe(`${file}:${positionOf(text, '2023-02-30').line}:${positionOf(text, '2023-02-30').column}: ${error.message} (field \`date\`)`);
  });

  it('rejects a malformed date with the expected form in the message', () => {
    const error = catchError(() => parseSpec('title: T\ndate: 13/01/2023\nsections: [force-posture]\n', 'b.yaml'));
    expect(error.field).toBe('date');
    expect(error.message).toContain('YYYY-MM-DD');
    expect(error.location).toEqual({ file: 'b.yaml', line: 2, column: 7 });
  });

  it('names an unknown key at the key itself, with its full path', () => {
    const { file, text } = fixture('unknown-key.brief.yaml');
    const error = catchError(() => parseSpec(text, file));
    expect(error.code).toBe('SPEC_INVALID');
    expect(error.field).toBe('options.handout.copeis');
    expect(error.message).toContain('`copeis`');
    expect(error.location).toEqual({ file, ...positionOf(text, 'copeis') });
  });

  it('names an unknown top-level key at its line', () => {
    const text = 'title: T\ndate: 2023-01-13\nsections: [force-posture]\ncolour: blue\n';
    const error = catchError(() => parseSpec(text, 'b.yaml'));
    expect(error.field).toBe('colour');
    expect(error.location).toEqual({ file: 'b.yaml', line: 4, column: 1 });
  });

  it('reports several problems in the order of their lines, not of the schema', () => {
    const text = 'options:\n  toc: maybe\nsections: [force-posture]\nlang: 5\ntitle: T\ndate: 13/01/2023\nsubtitle: [a]\n';
    const problems = everyProblem(catchError(() => parseSpec(text, 'b.yaml'))) as BriefError[];
    expect(problems.map((p) => [p.field, p.location?.line, p.location?.column])).toEqual([
      ['options.toc', 2, 8],
      ['lang', 4, 7],
      ['date', 6, 7],
      ['subtitle', 7, 11],
    ]);
  });

  it('tells a misspelt key and the required field it stands for one after the other, at the key', () => {
    const text = 'sections: [force-posture]\nlang: 5\ntitel: T\nsubtitle: [a]\n';
    const problems = everyProblem(catchError(() => parseSpec(text, 'b.yaml'))) as BriefError[];
    expect(problems.map((p) => [p.field, p.location?.line])).toEqual([
      ['lang', 2],
      ['titel', 3],
      ['title', 1],
      ['subtitle', 4],
    ]);
  });

  it('reports a missing title by name', () => {
    const { file, text } = fixture('missing-title.brief.yaml');
    const error = catchError(() => parseSpec(text, file));
    expect(error.code).toBe('SPEC_INVALID');
    expect(error.field).toBe('title');
    expect(error.message).toMatch(/missing required field `title`/);
    expect(error.location?.file).toBe(file);
    expect(error.location?.line).toBe(1);
  });

  it('reports a YAML syntax error at its line', () => {
    const { file, text } = fixture('yaml-syntax.brief.yaml');
    const error = catchError(() => parseSpec(text, file));
    expect(error.code).toBe('YAML_SYNTAX');
    expect(error.location).toMatchObject({ file, line: positionOf(text, ' template: memo').line });
    expect(error.message).toMatch(/not valid YAML/);
  });

  it('reports a value of the wrong type at the value, naming what was expected', () => {
    const { file, text } = fixture('wrong-type.brief.yaml');
    const error = catchError(() => parseSpec(text, file));
    expect(error.code).toBe('SPEC_INVALID');
    expect(error.field).toBe('options.handout.copies');
    expect(error.message).toMatch(/should be number, found string/);
    expect(error.location).toEqual({ file, ...positionOf(text, '"twelve"') });
  });

  it('rejects sections written as a single string, and an empty section list', () => {
    const single = catchError(() => parseSpec('title: T\ndate: 2023-01-13\nsections: force-posture\n', 'b.yaml'));
    expect(single.field).toBe('sections');
    expect(single.message).toMatch(/should be array/);
    expect(single.location).toEqual({ file: 'b.yaml', line: 3, column: 11 });
    const empty = catchError(() => parseSpec('title: T\ndate: 2023-01-13\nsections: []\n', 'b.yaml'));
    expect(empty.field).toBe('sections');
    expect(empty.message).toContain('`sections` should have at least one section id');
  });

  it('says a length or range rule in words, not in the schema library\'s', () => {
    const title = catchError(() => parseSpec('title: ""\nsections: [force-posture]\n', 'b.yaml'));
    expect(title.message).toBe('brief spec: `title` should not be empty');
    const copies = catchError(() => parseSpec('title: T\nsections: [force-posture]\noptions:\n  handout:\n    copies: 0\n', 'b.yaml'));
    expect(copies.message).toBe('brief spec: `options.handout.copies` should be 1 or more');
    expect(copies.location).toEqual({ file: 'b.yaml', line: 5, column: 13 });
  });

  it('names a section file given where a spec goes', () => {
    const error = catchError(() => parseSpec('---\nid: notes\ntitle: Notes\nsummary: S.\n---\nBody.\n', 'notes.md'));
    expect(error.code).toBe('SPEC_INVALID');
    expect(error.message).toMatch(/^this is a section file, not a brief spec/);
  });

  it('rejects a document that is not a mapping', () => {
    const error = catchError(() => parseSpec('- just\n- a list\n', 'b.yaml'));
    expect(error.code).toBe('SPEC_INVALID');
    expect(error.location).toEqual({ file: 'b.yaml', line: 1, column: 1 });
  });

  it('reads a file that starts with a byte-order mark, with the same positions', () => {
    const { file, text } = fixture('bad-date.brief.yaml');
    const error = catchError(() => parseSpec(`\uFEFF${text}`, file));
    expect(error.location).toEqual({ file, ...positionOf(text, '2023-02-30') });
    expect(parseSpec(`\uFEFF${readFileSync(EXAMPLE, 'utf8')}`, EXAMPLE)).toEqual(parseSpec(readFileSync(EXAMPLE, 'utf8'), EXAMPLE));
  });
});

describe('loadSpecFile', () => {
  it('fills in the defaults of a minimal spec', async () => {
    const spec = await loadSpecFile(join(SPECS, 'minimal.brief.yaml'));
    expect(spec).toEqual({
      title: 'Minimal brief',
      date: '2023-01-13',
      classification: 'UNCLASSIFIED',
      template: 'memo',
      sections: ['force-posture'],
      options: { provenance: true, pdfStandard: 'none' },
    });
  });

  it('names a missing file in an IO error', async () => {
    const path = join(SPECS, 'no-such.brief.yaml');
    const error = await catchAsync(() => loadSpecFile(path));
    expect(error.code).toBe('IO');
    expect(error.message).toContain(path);
    expect(error.message).toContain('does not exist');
    expect(error.location).toEqual({ file: path });
  });

  it('says so when the path is a folder', async () => {
    const error = await catchAsync(() => loadSpecFile(SPECS));
    expect(error.code).toBe('IO');
    expect(error.message).toContain(SPECS);
    expect(error.message).toContain('folder');
  });
});

describe('section locations in a spec', () => {
  let library: SectionLibrary;
  beforeAll(async () => {
    library = await loadSectionLibrary({ builtInDir: builtInSectionsDir() });
  });

  it('points an unknown section id at its list item', () => {
    const { file, text } = fixture('unknown-section.brief.yaml');
    const spec = parseSpec(text, file);
    expect(specSectionLocation(text, file, 1)).toEqual({ file, ...positionOf(text, 'space-agrement') });
    const error = catchError(() => pickSections(library, spec.sections, (index) => specSectionLocation(text, file, index)));
    expect(error.code).toBe('SECTION_UNKNOWN');
    const { line, column } = positionOf(text, 'space-agrement');
    expect(error.describe()).toMatch(new RegExp(`^${file}:${line}:${column}: there is no section "space-agrement"`));
  });

  it('points a duplicated section id at its second mention', () => {
    const { file, text } = fixture('duplicate-section.brief.yaml');
    const spec = parseSpec(text, file);
    const error = catchError(() => pickSections(library, spec.sections, (index) => specSectionLocation(text, file, index)));
    const lastLine = text.trimEnd().split('\n').length;
    expect(error.location).toEqual({ file, line: lastLine, column: 5 });
  });

  it('handles flow-style lists and indexes past the end', () => {
    const text = 'title: T\ndate: 2023-01-13\nsections: [force-posture, space-agreement]\n';
    expect(specSectionLocation(text, 'b.yaml', 1)).toEqual({ file: 'b.yaml', line: 3, column: 27 });
    // Past the end: the list itself is the best place to look.
    expect(specSectionLocation(text, 'b.yaml', 5)).toEqual({ file: 'b.yaml', line: 3, column: 11 });
  });
});

describe('stringifySpec', () => {
  const topLevelKeys = (yaml: string): string[] => [...yaml.matchAll(/^([a-z][A-Za-z]*):/gm)].map((m) => m[1]!);

  it('lists the same keys as the schema, in reading order', () => {
    expect([...SPEC_KEY_ORDER].sort()).toEqual(Object.keys(briefSpecSchema.shape).sort());
  });

  it('writes keys in the agreed order and reads back the example unchanged', () => {
    const spec = parseSpec(readFileSync(EXAMPLE, 'utf8'), EXAMPLE);
    const yaml = stringifySpec(spec);
    expect(topLevelKeys(yaml)).toEqual(['title', 'subtitle', 'date', 'author', 'audience', 'classification', 'template', 'sections', 'options']);
    expect(parseSpec(yaml, 'out.yaml')).toEqual(spec);
  });

  it('omits absent fields and options that are all defaults', () => {
    const spec = parseSpec('title: T\ndate: 2023-01-13\nsections: [force-posture]\n', 'b.yaml');
    const yaml = stringifySpec(spec);
    expect(topLevelKeys(yaml)).toEqual(['title', 'date', 'classification', 'template', 'sections']);
    expect(yaml).not.toMatch(/undefined|null|options/);
    expect(parseSpec(yaml, 'out.yaml')).toEqual(spec);
    expect(topLevelKeys(stringifySpec(defaultSpec()))).not.toContain('options');
  });

  it('keeps only the options that differ from their defaults', () => {
    const spec = parseSpec('title: T\ndate: 2023-01-13\nsections: [force-posture]\noptions:\n  toc: false\n  provenance: true\n  pdfStandard: PDF/UA\n', 'b.yaml');
    const yaml = stringifySpec(spec);
    expect(yaml).toContain('toc: false');
    expect(yaml).toContain('pdfStandard: PDF/UA');
    expect(yaml).not.toContain('provenance');
    expect(parseSpec(yaml, 'out.yaml')).toEqual(spec);
  });

  it('writes the sections as a block list, one id a line', () => {
    const yaml = stringifySpec(defaultSpec());
    for (const id of defaultSpec().sections) expect(yaml).toContain(`\n  - ${id}\n`);
  });

  it('round-trips any spec, whatever the free text holds', () => {
    const text = (maxLength: number, minLength = 0) =>
      fc.string({ unit: 'binary', minLength, maxLength }).filter((s) => s.length >= minLength && s.length <= maxLength);
    const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
    const isoDay = fc
      .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    const specInput = fc.record({
      title: text(300, 1),
      subtitle: optional(text(300)),
      date: isoDay,
      author: optional(text(300)),
      audience: optional(text(300)),
      classification: text(120),
      template: text(60, 1),
      sections: fc.array(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,24}$/), { minLength: 1, maxLength: 8 }),
      options: fc.record({
        toc: optional(fc.boolean()),
        portionMark: optional(text(40)),
        provenance: fc.boolean(),
        handout: optional(
          fc.record({
            layout: fc.constantFrom('1-up' as const, '2-up' as const, '4-up' as const, 'booklet' as const),
            copies: fc.integer({ min: 1, max: 999 }),
            notes: fc.boolean(),
          }),
        ),
        pdfStandard: fc.constantFrom('none' as const, 'PDF/A-2b' as const, 'PDF/UA' as const),
        distribution: optional(text(500)),
      }),
    });
    fc.assert(
      fc.property(specInput, (input) => {
        const spec: BriefSpec = briefSpecSchema.parse(input);
        const yaml = stringifySpec(spec);
        expect(parseSpec(yaml, 'round-trip.yaml')).toEqual(spec);
        expect(topLevelKeys(yaml)[0]).toBe('title');
      }),
      { numRuns: 300 },
    );
  });
});
