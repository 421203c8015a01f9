/**
 * Reuse keys cover every input that changes the output: a build warms every
 * cache and memo with one input, the next build has one change, and its bytes
 * must equal a build of the same input with every cache and memo off.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { deflateSync } from 'node:zlib';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { setBuildMemosEnabled } from '../../../main/engine/build-memos.js';
import { diskFiles, overlayFiles, type OverlayEntry } from '../../../main/engine/file-provider.js';
import { setMarkupMemoEnabled } from '../../../main/engine/markup.js';
import { builtInSectionsDir, builtInTemplatesDir, shapingSeedDir } from '../../../main/engine/paths.js';
import { buildBrief, type BuildOptions } from '../../../main/engine/render.js';
import { defaultSpec, type BriefSpec } from '../../../main/engine/spec-schema.js';
import { setHarfBuzzShapingEnabled, setRenderCachesEnabled, setShapingMemoEnabled } from '../../../main/engine/typeset/index.js';
import { lineMemoHits } from '../../../main/engine/typeset/line-memo.js';
import { replayedPages } from '../../../main/engine/typeset/page-replay.js';
import { allCaches, same } from '../../helpers/all-caches.js';
import { disableShapingDiskCache } from '../../../main/engine/typeset/shaping-disk-cache.js';



interface Build {
  spec: BriefSpec;
  options?: () => BuildOptions;
  before?: () => void;
}

/** Build `first` with every cache on, then `second`; the second's bytes must be those of `second` with no cache at all. */
async function expectFresh(first: Build, second: Build): Promise<void> {
  allCaches(true);
  first.before?.();
  const a = await buildBrief(first.spec, first.options?.());
  second.before?.();
  const cached = await buildBrief(second.spec, second.options?.());
  allCaches(false);
  second.before?.();
  const uncached = await buildBrief(second.spec, second.options?.());
  allCaches(true);
  expect(same(a.pdf, uncached.pdf), 'the change changes the PDF').toBe(false);
  expect(same(cached.pdf, uncached.pdf), 'cached vs uncached').toBe(true);
}

const base = defaultSpec();
const temps: string[] = [];
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
afterEach(() => allCaches(true));

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'reuse-keys-'));
  temps.push(dir);
  return dir;
}

let stamp = 1_700_000_000;
function writeStamped(path: string, text: string | Uint8Array): void {
  writeFileSync(path, text);
  stamp += 10;
  utimesSync(path, stamp, stamp);
}

describe('reuse keys follow every input', () => {
  it.each<[string, Partial<BriefSpec>]>([
    ['title', { title: 'Another title for the brief' }],
    ['date', { date: '2024-02-03' }],
    ['classification banner', { classification: 'SECRET' }],
    ['author', { author: 'Somebody Else' }],
    ['subtitle', { subtitle: 'Another subtitle' }],
    ['audience', { audience: 'Other readers' }],
    ['lang', { lang: 'en-GB' }],
    ['lang with other quotation marks', { lang: 'fr' }],
    ['lang ja', { lang: 'ja' }],
    ['portion mark', { options: { ...base.options, portionMark: '(S)' } }],
    ['pdf standard', { options: { ...base.options, pdfStandard: 'PDF/A-2b' } }],
    ['pdf standard 1b', { options: { ...base.options, pdfStandard: 'PDF/A-1b' } }],
    ['handout', { options: { ...base.options, handout: { layout: '2-up', copies: 1, notes: false } } }],
    ['toc', { options: { ...base.options, toc: true } }],
    ['distribution', { options: { ...base.options, distribution: 'Internal only' } }],
    ['bilingual', { options: { ...base.options, bilingual: true } }],
    ['template', { template: 'handout' }],
    ['template one-pager', { template: 'one-pager' }],
    ['section order', { sections: [...base.sections].reverse() }],
    ['classification authority', { classification: 'SECRET', classificationAuthority: { classifiedBy: 'A. Officer', declassifyOn: '20330101' } }],
    ['CUI designation', { cuiDesignation: { controlledBy: ['An office'], category: 'PRVCY' } }],
    ['a Japanese title', { title: '日米同盟：宇宙、反撃能力、戦力態勢' }],
  ])('spec change: %s', async (_name, change) => {
    await expectFresh({ spec: base }, { spec: { ...base, ...change } });
    // and back again
    await expectFresh({ spec: { ...base, ...change } }, { spec: base });
  }, 120_000);
});

/** A copy of a template folder whose template.yaml is edited between builds (stamped as an editor's save would). */
function templateCopy(from: string): string {
  const dir = join(tempDir(), 'template');
  cpSync(from, dir, { recursive: true });
  return dir;
}

describe('reuse keys follow the template', () => {
  it.each<[string, string, string]>([
    ['text colour', 'text: "#1b1f24"', 'text: "#801010"'],
    ['accent colour', 'accent: "#1f3a5f"', 'accent: "#3f7a1f"'],
    ['margins', 'margins: { top: 80, right: 76, bottom: 80, left: 76 }', 'margins: { top: 80, right: 70, bottom: 80, left: 82 }'],
    ['left margin only', 'margins: { top: 80, right: 76, bottom: 80, left: 76 }', 'margins: { top: 80, right: 76, bottom: 80, left: 77 }'],
    ['page size', 'size: Letter', 'size: A4'],
    ['header text', 'left: "{title}"', 'left: "Office note"'],
    ['footer text', 'center: "Page {page} of {pages}"', 'center: "{page} / {pages}"'],
    ['header rule', 'rule: true', 'rule: false'],
    ['banner filled', 'filled: true', 'filled: false'],

    ['body ragged', 'align: justify, spaceAfter: 7', 'align: left, spaceAfter: 7'],
    ['body size', 'size: 10.5, leading: 1.42, align: justify', 'size: 10.6, leading: 1.42, align: justify'],
    ['callout background', 'background: "#eef3f9"', 'background: "#f9eeee"'],
    ['date format', 'dateFormat: day-month-year', 'dateFormat: iso'],
    ['no hyphenation', 'dateFormat: day-month-year', 'dateFormat: day-month-year\ntypography: { hyphenate: false }'],
    ['no justification', 'dateFormat: day-month-year', 'dateFormat: day-month-year\ntypography: { justify: false }'],
    ['space stretch', 'dateFormat: day-month-year', 'dateFormat: day-month-year\ntypography: { maxSpaceStretch: 0.1 }'],
    ['no hyphenate word', 'dateFormat: day-month-year', 'dateFormat: day-month-year\ntypography: { noHyphenate: [alliance, agreement, capability, counterstrike] }'],
  ])('template.yaml change: %s', async (_name, from, to) => {
    const dir = templateCopy(join(builtInTemplatesDir(), 'memo'));
    const yaml = join(dir, 'template.yaml');
    const original = readFileSync(yaml, 'utf8');
    expect(original).toContain(from);
    const spec = { ...base, template: dir };
    await expectFresh({ spec, before: () => writeStamped(yaml, original) }, { spec, before: () => writeStamped(yaml, original.replace(from, to)) });
  }, 120_000);

  it('template.yaml change: portion marks off', async () => {
    const dir = templateCopy(join(builtInTemplatesDir(), 'memo'));
    const yaml = join(dir, 'template.yaml');
    const original = readFileSync(yaml, 'utf8');
    const spec = { ...base, template: dir, options: { ...base.options, portionMark: '(U)' } };
    await expectFresh({ spec, before: () => writeStamped(yaml, original) }, { spec, before: () => writeStamped(yaml, original.replace('portionMarks: true', 'portionMarks: false')) });
  }, 120_000);

  it.each<[string, string, string]>([
    ['text colour', 'text: "#1b1f24"', 'text: "#801010"'],
    ['header text', 'left: "{title}"', 'left: "Office note"'],
    ['no hyphenation', 'dateFormat: day-month-year', 'dateFormat: day-month-year\ntypography: { hyphenate: false }'],
  ])('template.yaml change in the editor (unsaved buffer): %s', async (_name, from, to) => {
    const dir = templateCopy(join(builtInTemplatesDir(), 'memo'));
    const yaml = join(dir, 'template.yaml');
    const original = readFileSync(yaml, 'utf8');
    const spec = { ...base, template: dir };
    const over = (content: string, mtimeMs: number): (() => BuildOptions) => () => ({ files: overlayFiles(diskFiles, new Map<string, OverlayEntry>([[yaml, { content, mtimeMs }]])) });
    await expectFresh({ spec, options: over(original, 1) }, { spec, options: over(original.replace(from, to), 2) });
  }, 120_000);

  it('a copy of a template folder, times kept: the same manifest and font files, but its own', async () => {
    const original = templateCopy(join(process.cwd(), 'test/fixtures/templates/house'));
    const copy = join(tempDir(), 'house-copy');
    cpSync(original, copy, { recursive: true, preserveTimestamps: true });
    const fields = { decision: 'Approve it.', clearedBy: ['A. Tanaka'], priority: 'Priority' };
    allCaches(true);
    await buildBrief({ ...base, template: original, sections: ['space-agreement'], fields });
    const cached = await buildBrief({ ...base, template: copy, sections: ['space-agreement'], fields });
    allCaches(false);
    const uncached = await buildBrief({ ...base, template: copy, sections: ['space-agreement'], fields });
    allCaches(true);
    expect(same(cached.pdf, uncached.pdf), 'cached vs uncached').toBe(true);
  }, 120_000);

  it('a custom font file replaced on disk under the same name', async () => {
    const dir = templateCopy(join(process.cwd(), 'test/fixtures/templates/house'));
    const spec = { ...base, template: dir, sections: ['space-agreement'], fields: { decision: 'Approve it.', clearedBy: ['A. Tanaka'], priority: 'Priority' } };
    const regular = join(dir, 'fonts/EBGaramond-Regular.woff2');
    const [regularBytes, italicBytes] = [readFileSync(regular), readFileSync(join(dir, 'fonts/EBGaramond-Italic.woff2'))];
    await expectFresh({ spec, before: () => writeStamped(regular, regularBytes) }, { spec, before: () => writeStamped(regular, italicBytes) });
  }, 120_000);

  it('a header image replaced on disk under the same name', async () => {
    const dir = templateCopy(join(process.cwd(), 'test/fixtures/templates/house'));
    const spec = { ...base, template: dir, sections: ['space-agreement'], fields: { decision: 'Approve it.', clearedBy: ['A. Tanaka'], priority: 'Priority' } };
    const logo = join(dir, 'images/logo.png');
    const logoBytes = readFileSync(logo);
    const replacement = solidPng(120, 40, [200, 30, 30]);
    await expectFresh({ spec, before: () => writeStamped(logo, logoBytes) }, { spec, before: () => writeStamped(logo, replacement) });
  }, 120_000);
});

/** A PNG of one colour (another picture to put under an image's name). */
function solidPng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer): number => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))]);
}

/** Filler paragraphs: enough text for several pages, so unchanged pages are there to be replayed. */
const filler = readFileSync(join(builtInSectionsDir(), 'force-posture.md'), 'utf8').split('\n---\n').slice(1).join('\n---\n');

function sectionText(id: string, body: string, front = ''): string {
  return `---\nid: ${id}\ntitle: Section ${id}\nsummary: A section for reuse tests.\n${front}---\n${body}\n`;
}

describe('reuse keys follow section content', () => {
  /** Two sections in a folder of their own; the second build changes them. */
  async function sectionsChange(first: Record<string, string>, second: Record<string, string>, files: Record<string, Uint8Array> = {}, secondFiles: Record<string, Uint8Array> = files, spec: BriefSpec = { ...base, sections: Object.keys(first) }): Promise<void> {
    const dir = tempDir();
    const write = (texts: Record<string, string>, extra: Record<string, Uint8Array>) => () => {
      for (const [id, text] of Object.entries(texts)) writeStamped(join(dir, `${id}.md`), text);
      for (const [path, bytes] of Object.entries(extra)) writeStamped(join(dir, path), bytes);
    };
    mkdirSync(join(dir, 'alpha.assets'), { recursive: true });
    await expectFresh({ spec, options: () => ({ sectionDirs: [dir] }), before: write(first, files) }, { spec, options: () => ({ sectionDirs: [dir] }), before: write(second, secondFiles) });
    // The same change as the app's editor has it: unsaved buffers over the disk.
    const overlay = (texts: Record<string, string>, extra: Record<string, Uint8Array>, stampBase: number) => () => ({
      sectionDirs: [dir],
      files: overlayFiles(
        diskFiles,
        new Map<string, OverlayEntry>([
          ...Object.entries(texts).map(([id, content], n): [string, OverlayEntry] => [join(dir, `${id}.md`), { content, mtimeMs: stampBase + n }]),
          ...Object.entries(extra).map(([path, content], n): [string, OverlayEntry] => [join(dir, path), { content, mtimeMs: stampBase + 50 + n }]),
        ]),
      ),
    });
    await expectFresh({ spec, options: overlay(first, files, 100) }, { spec, options: overlay(second, secondFiles, 200) });
  }

  const two = (alpha: string, beta: string, alphaFront = '', betaFront = ''): Record<string, string> => ({
    alpha: sectionText('alpha', alpha, alphaFront),
    beta: sectionText('beta', beta, betaFront),
  });

  it('a link target changed, the link text kept', async () => {
    await sectionsChange(two(`${filler}\n\nSee [the agreement](https://a.example/one) for more.\n`, filler), two(`${filler}\n\nSee [the agreement](https://b.example/two) for more.\n`, filler));
  }, 120_000);

  it('an external link made internal, the link text kept', async () => {
    await sectionsChange(two(`### Aims\n\n${filler}\n\nSee [the aims](https://a.example/one) for more.\n`, filler), two(`### Aims\n\n${filler}\n\nSee [the aims](#aims) for more.\n`, filler));
  }, 120_000);

  it('a footnote added before the others', async () => {
    const notes = '\n\nThe first claim.[^a] The second claim.[^b]\n\n[^a]: Note a.\n[^b]: Note b.\n';
    await sectionsChange(two(`${filler}${notes}`, `Early paragraph.\n\n${filler}`), two(`${filler}${notes}`, `Early paragraph.[^z]\n\n[^z]: Note z.\n\n${filler}`));
    await sectionsChange(two(`Opening.\n\n${filler}${notes}`, filler), two(`Opening.[^y]\n\n[^y]: Note y.\n\n${filler}${notes}`, filler));
  }, 120_000);

  it('a heading renamed, with an internal link to it', async () => {
    await sectionsChange(two(`### Background\n\n${filler}\n\nAs [set out above](#background).\n`, filler), two(`### Context\n\n${filler}\n\nAs [set out above](#context).\n`, filler));
    await sectionsChange(two(filler, `### Background\n\n${filler}`), two(filler, `### Context\n\n${filler}`));
  }, 120_000);

  it('the same paragraph moved to another section', async () => {
    const moved = 'A paragraph that moves from one section to the other, unchanged in every word.';
    await sectionsChange(two(`${filler}\n\n${moved}\n`, `Beta opens here.\n\n${filler}`), two(filler, `${moved}\n\nBeta opens here.\n\n${filler}`));
  }, 120_000);

  it('the same words as a paragraph, a list item, a nested list item and a quotation', async () => {
    const words = 'The same words in every form they can take in a section, long enough to fill a line or two of the page.';
    const forms = [words, `- ${words}`, `- Outer item\n  - ${words}`, `> ${words}`, `1. ${words}`];
    for (let i = 0; i + 1 < forms.length; i++) {
      await sectionsChange(two(`${forms[i]}\n\n${filler}`, filler), two(`${forms[i + 1]}\n\n${filler}`, filler));
    }
  }, 240_000);

  it("a section's language", async () => {
    await sectionsChange(two(filler, filler), two(filler, filler, 'lang: en-GB\n'));
    await sectionsChange(two(filler, filler), two(filler, filler, 'lang: de\n'));
  }, 120_000);

  it("a section's portion mark", async () => {
    await sectionsChange(two(filler, filler), two(filler, filler, 'portionMark: "(CUI)"\n'), {}, {}, { ...base, sections: ['alpha', 'beta'], options: { ...base.options, portionMark: '(U)' } });
  }, 120_000);

  it('Japanese text edited', async () => {
    const ja = '日米同盟は宇宙、反撃能力、戦力態勢の三つの分野で協力を深める。両国は月やその他の天体の平和的な探査と利用について合意した。';
    await sectionsChange(two(`${ja}\n\n${filler}`, filler, 'lang: ja\n'), two(`${ja.replace('三つ', '四つ')}\n\n${filler}`, filler, 'lang: ja\n'));
  }, 120_000);

  it('an image replaced on disk under the same name', async () => {
    const body = `![A picture](alpha.assets/picture.png)\n\n${filler}`;
    await sectionsChange(two(body, filler), two(body, filler), { 'alpha.assets/picture.png': solidPng(60, 40, [20, 120, 20]) }, { 'alpha.assets/picture.png': solidPng(60, 40, [120, 20, 120]) });
  }, 120_000);
});

describe('reuse across documents, switches and interrupted renders', () => {
  const stamps = new Map<string, number>();
  const edited = (word = 'openly'): Map<string, OverlayEntry> => {
    const path = join(builtInSectionsDir(), 'space-agreement.md');
    const text = readFileSync(path, 'utf8');
    const content = text.replace('peacefully', `peacefully and ${word}`);
    // As the app stamps its buffers: a new stamp for each new text.
    if (!stamps.has(content)) stamps.set(content, stamps.size + 1);
    return new Map([[path, { content, mtimeMs: stamps.get(content)! }]]);
  };
  const switches: [string, (on: boolean) => void][] = [
    ['markup memo', setMarkupMemoEnabled],
    ['build memos', setBuildMemosEnabled],
    ['shaping memo', setShapingMemoEnabled],
    ['render caches', setRenderCachesEnabled],
    ['HarfBuzz shaping', setHarfBuzzShapingEnabled],
  ];

  it.each(switches)('one switch turned off, then on again, between warm builds: %s', async (_name, set) => {
    const spec = base;
    allCaches(true);
    await buildBrief(spec);
    set(false);
    const offOnce = await buildBrief(spec, { files: overlayFiles(diskFiles, edited()) });
    set(true);
    const onAgain = await buildBrief(spec);
    allCaches(false);
    const freshEdited = await buildBrief(spec, { files: overlayFiles(diskFiles, edited()) });
    const fresh = await buildBrief(spec);
    allCaches(true);
    expect(same(offOnce.pdf, freshEdited.pdf), 'switched off').toBe(true);
    expect(same(onAgain.pdf, fresh.pdf), 'switched on again').toBe(true);
  }, 120_000);

  it('two documents rendered alternately (a preview and its handout, two templates)', async () => {
    const specs: BriefSpec[] = [
      base,
      { ...base, options: { ...base.options, handout: { layout: '2-up', copies: 1, notes: true } } },
      { ...base, template: 'handout' },
      { ...base, options: { ...base.options, pdfStandard: 'PDF/A-2b' } },
      { ...base, sections: ['force-posture', 'space-agreement'], title: 'Two sections' },
    ];
    allCaches(false);
    const expected: Uint8Array[] = [];
    for (const spec of specs) expected.push((await buildBrief(spec)).pdf);
    allCaches(true);
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < specs.length; i++) {
        expect(same((await buildBrief(specs[i]!)).pdf, expected[i]!), `round ${round}, document ${i}`).toBe(true);
      }
    }
  }, 240_000);

  it('renders running at the same time (a preview and a handout, two windows)', async () => {
    const specs: BriefSpec[] = [
      base,
      { ...base, options: { ...base.options, handout: { layout: '2-up', copies: 1, notes: false } } },
      { ...base, template: 'handout', title: 'A second window' },
      { ...base, sections: ['force-posture'], options: { ...base.options, pdfStandard: 'PDF/A-1b' } },
    ];
    const optionsOf = (i: number): BuildOptions => (i % 2 === 0 ? { files: overlayFiles(diskFiles, edited(`zz${i}qv`)) } : {});
    allCaches(false);
    const expected: Uint8Array[] = [];
    for (let i = 0; i < specs.length; i++) expected.push((await buildBrief(specs[i]!, optionsOf(i))).pdf);
    allCaches(true);
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all(specs.map((spec, i) => buildBrief(spec, optionsOf(round === 1 ? i + 1 : i))));
      results.forEach((result, i) => {
        if (round !== 1) expect(same(result.pdf, expected[i]!), `round ${round}, document ${i}`).toBe(true);
      });
    }
  }, 240_000);

  it('a render aborted part way, then a normal render', async () => {
    const words = Array.from({ length: 8 }, (_, i) => `zqx${'v'.repeat(i + 1)}`);
    allCaches(false);
    const expected: Uint8Array[] = [];
    for (const word of words) expected.push((await buildBrief(base, { files: overlayFiles(diskFiles, edited(word)) })).pdf);
    const expectedBase = (await buildBrief(base)).pdf;
    allCaches(true);
    await buildBrief(base);
    let aborted = 0;
    // Abort an edited render after a few turns of the event loop (some pages drawn and recorded), then render it whole.
    for (let ticks = 0; ticks < words.length; ticks++) {
      const files = () => ({ files: overlayFiles(diskFiles, edited(words[ticks])) });
      const controller = new AbortController();
      let n = 0;
      const timer = setInterval(() => {
        if (++n > ticks) controller.abort();
      }, 0);
      try {
        await buildBrief(base, { ...files(), signal: controller.signal });
      } catch (error) {
        if (!controller.signal.aborted) throw error;
        aborted++;
      } finally {
        clearInterval(timer);
      }
      expect(same((await buildBrief(base, files())).pdf, expected[ticks]!), `after abort ${ticks}`).toBe(true);
      expect(same((await buildBrief(base)).pdf, expectedBase), `after abort ${ticks}, unedited`).toBe(true);
    }
    expect(aborted).toBeGreaterThan(0);
  }, 240_000);
});

describe('reuse keys follow template files, fields and the shaping seed', () => {
  it.each<[string, string, string, string]>([
    ['brief.hbs', 'brief.hbs', '::: callout bluf Bottom line up front', '::: callout bluf Bottom line first'],
    ['a partial', 'partials/section.hbs', '## {{number}}. {{title}}', '## {{number}}: {{title}}'],
    ['a partial, key facts as a note', 'partials/section.hbs', ':::: callout key-facts Key facts', ':::: callout note Key facts'],
  ])('template source changed: %s', async (_name, file, from, to) => {
    const dir = templateCopy(join(builtInTemplatesDir(), 'memo'));
    const path = join(dir, file);
    const original = readFileSync(path, 'utf8');
    expect(original).toContain(from);
    const spec = { ...base, template: dir };
    await expectFresh({ spec, before: () => writeStamped(path, original) }, { spec, before: () => writeStamped(path, original.replace(from, to)) });
    const over = (content: string, mtimeMs: number): (() => BuildOptions) => () => ({ files: overlayFiles(diskFiles, new Map<string, OverlayEntry>([[path, { content, mtimeMs }]])) });
    await expectFresh({ spec, options: over(original, 1) }, { spec, options: over(original.replace(from, to), 2) });
  }, 120_000);

  it('a template field value changed', async () => {
    const dir = templateCopy(join(process.cwd(), 'test/fixtures/templates/house'));
    const spec = { ...base, template: dir, sections: ['space-agreement'], fields: { decision: 'Approve it.', clearedBy: ['A. Tanaka'], priority: 'Priority' } };
    await expectFresh({ spec }, { spec: { ...spec, fields: { ...spec.fields, decision: 'Reject it.' } } });
    await expectFresh({ spec }, { spec: { ...spec, fields: { ...spec.fields, priority: 'Immediate' } } });
  }, 120_000);

  it('duplicate heading names, the first renamed (the second heading id and a link to it change)', async () => {
    const dir = tempDir();
    const body = (first: string) => `### ${first}\n\n${filler}\n\n### Background\n\nAs [said](#background-2) and [before](#background).\n`;
    const spec = { ...base, sections: ['alpha'] };
    await expectFresh(
      { spec, options: () => ({ sectionDirs: [dir] }), before: () => writeStamped(join(dir, 'alpha.md'), sectionText('alpha', body('Background'))) },
      { spec, options: () => ({ sectionDirs: [dir] }), before: () => writeStamped(join(dir, 'alpha.md'), sectionText('alpha', body('Context'))) },
    );
  }, 120_000);

  it('builds with the shipped shaping seed, as the command line does', async () => {
    const path = join(builtInSectionsDir(), 'space-agreement.md');
    const text = readFileSync(path, 'utf8');
    const edited = () => overlayFiles(diskFiles, new Map<string, OverlayEntry>([[path, { content: text.replace('peacefully', 'peacefully and zqwvx openly'), mtimeMs: 9 }]]));
    allCaches(false);
    const expected = (await buildBrief(base, { files: edited() })).pdf;
    allCaches(true);
    const shaping = { seedDirs: [shapingSeedDir()] };
    await buildBrief(base, { shaping });
    const seeded = (await buildBrief(base, { shaping, files: edited() })).pdf;
    disableShapingDiskCache();
    expect(same(seeded, expected)).toBe(true);
  }, 120_000);
});

describe('structural random edits', () => {
  /** Blocks of many kinds; an edit turns one into another kind, moves it, or changes a detail drawn but easy to miss. */
  const kinds = [
    (t: string) => t,
    (t: string) => `- ${t}`,
    (t: string) => `- Outer\n  - ${t}`,
    (t: string) => `1. ${t}`,
    (t: string) => `> ${t}`,
    (t: string) => `::: callout note Note\n${t}\n:::`,
    (t: string) => `### ${t.split(' ').slice(0, 4).join(' ')}`,
    (t: string) => `${t} See [the source](https://example.org/${t.length}).`,
    (t: string) => `${t} See [above](#aims).`,
    (t: string) => `**${t}**`,
    (t: string) => `${t} 日本語の文も入る。`,
    (t: string) => `\`code ${t.slice(0, 12)}\` ${t}`,
  ];
  const sentences = filler
    .split(/\n\n+/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => /^\p{L}/u.test(p) && p.length > 60);

  it.each([
    { template: 'memo', seed: 3 },
    { template: 'two-column memo', seed: 5 },
    { template: 'handout', seed: 9 },
  ])('give the bytes of no caches: $template', async ({ template, seed }) => {
    const next = (() => {
      let state = seed;
      return () => {
        state = (state * 1103515245 + 12345) % 2147483648;
        return state / 2147483648;
      };
    })();
    const dir = tempDir();
    const blocks = [...sentences, ...sentences].slice(0, 40).map((text, i) => ({ text, kind: i % 3 === 0 ? 0 : Math.floor(next() * kinds.length) }));
    const bodyOf = () => `### Aims\n\n${blocks.map((b) => kinds[b.kind]!(b.text)).join('\n\n')}\n`;
    let templateRef = template;
    if (template === 'two-column memo') {
      templateRef = templateCopy(join(builtInTemplatesDir(), 'memo'));
      writeStamped(join(templateRef, 'template.yaml'), `${readFileSync(join(templateRef, 'template.yaml'), 'utf8')}\nlayout:\n  columns: 2\n  columnGap: 20\n`);
    }
    const spec = { ...base, template: templateRef, sections: ['alpha'] };
    let stampBase = 0;
    const optionsFor = (body: string) => () => ({ sectionDirs: [dir], files: overlayFiles(diskFiles, new Map<string, OverlayEntry>([[join(dir, 'alpha.md'), { content: sectionText('alpha', body), mtimeMs: ++stampBase }]])) });
    writeStamped(join(dir, 'alpha.md'), sectionText('alpha', bodyOf()));
    const [pagesBefore, linesBefore] = [replayedPages(), lineMemoHits()];
    for (let step = 0; step < 10; step++) {
      const before = bodyOf();
      const at = Math.floor(next() * blocks.length);
      switch (Math.floor(next() * 3)) {
        case 0:
          blocks[at]!.kind = Math.floor(next() * kinds.length);
          break;
        case 1: {
          const [moved] = blocks.splice(at, 1);
          blocks.splice(Math.floor(next() * blocks.length), 0, moved!);
          break;
        }
        default:
          blocks[at]!.text = blocks[at]!.text.replace(/\b(\p{L}{4,})\b/u, '$1 $1');
      }
      const after = bodyOf();
      if (after === before) continue;
      await expectFresh({ spec, options: optionsFor(before) }, { spec, options: optionsFor(after) });
    }
    // The comparisons above were of reused output: pages were replayed and lines taken from the memo.
    expect(replayedPages()).toBeGreaterThan(pagesBefore);
    expect(lineMemoHits()).toBeGreaterThan(linesBefore);
  }, 300_000);
});

describe('reuse keys follow the build date and section folders', () => {
  it('a brief without a date, built on another day', async () => {
    const spec = { ...base, date: undefined };
    await expectFresh({ spec, options: () => ({ today: '2024-03-04' }) }, { spec, options: () => ({ today: '2024-03-05' }) });
  }, 120_000);

  it('the same section text in another folder, its image under the same name another picture', async () => {
    const [one, two] = [tempDir(), tempDir()];
    const text = sectionText('alpha', `![A picture](alpha.assets/picture.png)\n\n${filler}`);
    for (const [dir, rgb] of [[one, [10, 10, 200]], [two, [200, 10, 10]]] as const) {
      mkdirSync(join(dir, 'alpha.assets'));
      writeStamped(join(dir, 'alpha.md'), text);
      writeStamped(join(dir, 'alpha.assets/picture.png'), solidPng(50, 30, [...rgb]));
    }
    const spec = { ...base, sections: ['alpha'] };
    await expectFresh({ spec, options: () => ({ sectionDirs: [one] }) }, { spec, options: () => ({ sectionDirs: [two] }) });
  }, 120_000);
});

describe('reuse keys follow template settings read by layout', () => {
  it.each<[string, string]>([
    ['links as footnotes', 'links: { show: footnote }'],
    ['links hidden', 'links: { show: hidden }'],
    ['footnotes as endnotes', 'footnotes: { placement: end }'],
    ['a notes column', 'notes: { enabled: true }'],
    ['two columns', 'layout: { columns: 2, columnGap: 20 }'],
    ['table label', 'tables: { label: Chart }'],
  ])('template.yaml: %s', async (_name, line) => {
    const dir = templateCopy(join(builtInTemplatesDir(), 'memo'));
    const yaml = join(dir, 'template.yaml');
    const original = readFileSync(yaml, 'utf8');
    const sections = tempDir();
    const table = '| Name | Value |\n| --- | --- |\n| One | 1 |\n\nTable: A small table';
    writeStamped(join(sections, 'alpha.md'), sectionText('alpha', `${filler}\n\nSee [the source](https://example.org/a) and a note.[^n]\n\n${table}\n\n[^n]: The note.\n`));
    const spec = { ...base, template: dir, sections: ['alpha', 'space-agreement'] };
    const options = () => ({ sectionDirs: [sections] });
    await expectFresh({ spec, options, before: () => writeStamped(yaml, original) }, { spec, options, before: () => writeStamped(yaml, `${original}\n${line}\n`) });
  }, 120_000);
});
