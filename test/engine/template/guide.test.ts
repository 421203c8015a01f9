/**
 * The template guide (templates/README.md) against the code: its worked
 * example is the fixture under test/fixtures/templates/guide-example byte for
 * byte, that example passes its check and builds, and every helper, manifest
 * field and template variable the code has is documented.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBrief } from '../../../main/engine/render.js';
import { defaultSpec } from '../../../main/engine/spec-schema.js';
import { templateManifestSchema } from '../../../main/engine/template-manifest.js';
import { buildTemplateContext, checkTemplate, HELPER_NAMES } from '../../../main/engine/template/index.js';
import { readPdf } from '../../helpers/pdf-read.js';
import { BUILT_IN_DIR, FIXTURES_DIR, makeSection, makeSpec } from './support.js';

const GUIDE = readFileSync(join(BUILT_IN_DIR, 'README.md'), 'utf8');
const EXAMPLE_DIR = join(FIXTURES_DIR, 'guide-example');
const MEMO_DIR = join(BUILT_IN_DIR, 'memo');

/** Code blocks preceded by `<!-- file: PATH -->`. */
function guideFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const match of GUIDE.matchAll(/<!-- file: (\S+) -->\n```[a-z]*\n([\s\S]*?)^```$/gm)) {
    files.set(match[1]!, match[2]!);
  }
  return files;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('the guide’s worked example', () => {
  it('shows the example’s changed files byte for byte', () => {
    const shown = guideFiles();
    expect([...shown.keys()].sort()).toEqual(['partials/section.hbs', 'template.yaml']);
    for (const [path, text] of shown) {
      expect(readFileSync(join(EXAMPLE_DIR, path), 'utf8'), path).toBe(text);
    }
  });

  it('leaves every other file exactly as copied from the memo, as the guide says', () => {
    const shown = guideFiles();
    const others = filesUnder(EXAMPLE_DIR)
      .map((file) => relative(EXAMPLE_DIR, file).split(/[\\/]/).join('/'))
      .filter((path) => !shown.has(path))
      .sort();
    expect(others).toEqual(['brief.hbs', 'partials/title-block.hbs']);
    for (const path of others) {
      expect(GUIDE).toContain(`\`${path}\``);
      expect(readFileSync(join(EXAMPLE_DIR, path), 'utf8'), path).toBe(readFileSync(join(MEMO_DIR, path), 'utf8'));
    }
    const memoFiles = filesUnder(MEMO_DIR).map((file) => relative(MEMO_DIR, file).split(/[\\/]/).join('/')).sort();
    expect(memoFiles).toEqual(['brief.hbs', 'partials/section.hbs', 'partials/title-block.hbs', 'template.yaml']);
  });

  it('passes checkTemplate with no errors or warnings', async () => {
    expect(await checkTemplate(EXAMPLE_DIR)).toEqual([]);
  });

  it('builds into an A4 PDF with the new fonts, layout and banner', async () => {
    const result = await buildBrief({ ...defaultSpec(), template: 'guide-example' }, { templateDirs: [dirname(EXAMPLE_DIR)] });
    expect(result.warnings).toEqual([]);
    const pdf = await readPdf(result.pdf);
    expect(Math.round(pdf.pages[0]!.width)).toBe(595);
    expect(Math.round(pdf.pages[0]!.height)).toBe(842);
    const text = pdf.pages.map((p) => p.text).join('\n');
    expect(text).toContain('Space Cooperation Framework Agreement');
    expect(text).not.toContain('1. Space Cooperation Framework Agreement'); // headings lost their numbers
    expect(text).toContain('Key facts'); // callout titles no longer in capitals
    expect(pdf.pages[0]!.text).toMatch(/13 January 2023[\s\S]*1 \/ \d+/);
    expect(pdf.fonts.some((f) => /SourceSerif4/.test(f))).toBe(true);
    expect(pdf.fonts.some((f) => /Inter/.test(f))).toBe(true);
  });
});

describe('the guide documents the code', () => {
  const mentioned = (name: string): boolean => GUIDE.includes(`\`${name}`);

  it('names every helper', () => {
    for (const helper of HELPER_NAMES) expect(mentioned(helper), helper).toBe(true);
  });

  it('names every template.yaml field', () => {
    const walk = (shape: Record<string, unknown>, prefix: string): string[] =>
      Object.entries(shape).flatMap(([key, value]) => {
        const inner = unwrap(value);
        const nested = inner && typeof inner === 'object' && 'shape' in inner ? (inner as { shape: Record<string, unknown> }).shape : undefined;
        return [`${prefix}${key}`, ...(nested ? walk(nested, `${prefix}${key}.`) : [])];
      });
    for (const field of walk(templateManifestSchema.shape, '')) {
      const last = field.split('.').pop()!;
      expect(mentioned(field) || mentioned(last), field).toBe(true);
    }
  });

  it('names every template variable', () => {
    const context = buildTemplateContext(makeSpec(), [makeSection('alpha')], { id: 'memo', manifest: templateManifestSchema.parse({ name: 'Memo' }) });
    const names = new Set<string>();
    const walk = (value: unknown, path: string): void => {
      if (Array.isArray(value)) return value.slice(0, 1).forEach((item) => walk(item, path));
      if (value && typeof value === 'object') {
        for (const [key, child] of Object.entries(value)) {
          const name = path ? `${path}.${key}` : key;
          names.add(name);
          walk(child, name);
        }
      }
    };
    walk(context, '');
    for (const name of names) {
      const last = name.split('.').pop()!;
      expect(mentioned(name) || mentioned(last), name).toBe(true);
    }
  });
});

/** Through zod's default/optional wrappers to the object schema inside. */
function unwrap(schema: unknown): unknown {
  let current = schema as { _def?: { innerType?: unknown; schema?: unknown } } | undefined;
  while (current?._def?.innerType ?? current?._def?.schema) current = (current._def.innerType ?? current._def.schema) as typeof current;
  return current;
}
