import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BriefError } from '../../main/engine/errors.js';
import { builtInSectionsDir, resourceRoot } from '../../main/engine/paths.js';
import type { Section } from '../../main/engine/section-schema.js';
import { clearSectionCache, loadSectionLibrary, parseSectionFile, pickSections, type SectionLibrary } from '../../main/engine/sections.js';
import { catchAsync, catchError, positionOf } from '../helpers/errors.js';

const ARTICLE = readFileSync(articleFile('us-japan-alliance-2023-01.txt'), 'utf8');
const FIXTURES = resolve(resourceRoot(), 'test/fixtures/sections');
const REQUIRED_IDS = ['space-agreement', 'counterstrike-capability', 'force-posture', 'alliance-overview', 'defense-industrial-cooperation', 'security-environment'];

/**
 * The source article lives outside the repository, in shared/sources/ beside it
 * (`../shared/sources/` from the repository root, as in CI's fresh clone); a
 * checkout kept one folder deeper (a worktree under wt/) finds the same folder
 * further up.
 */
function articleFile(name: string): string {
  const repoRoot = resolve(import.meta.dirname, '../..');
  const tried: string[] = [];
  for (let dir = repoRoot; ; dir = dirname(dir)) {
    const candidate = resolve(dir, '../shared/sources', name);
    tried.push(candidate);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`The source article ${name} was not found; looked for ${tried.join(', ')}`);
  }
}

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * The article's paragraphs as the sections number them: one per line, with
 * the two lines that run two paragraphs together ("crises.Since",
 * "bodies.The") split in two.
 */
function articleParagraphs(): string[] {
  return ARTICLE.split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line) => line.split(/(?<=[a-z]\.)(?=[A-Z])/));
}
const PARAGRAPHS = articleParagraphs();

/** "para. 4", "paras. 24, 27", "paras. 3–4" → paragraph numbers. */
function locatorParagraphs(locator: string): number[] {
  const list = locator.match(/^paras?\.\s*(.+)$/)?.[1];
  if (!list) throw new Error(`locator "${locator}" is not written "para. N" or "paras. N–M, …"`);
  return list.split(',').flatMap((part) => {
    const [from, to] = part.trim().split(/[–-]/).map(Number);
    if (!Number.isInteger(from) || (to !== undefined && !Number.isInteger(to))) throw new Error(`bad locator "${locator}"`);
    const numbers: number[] = [];
    for (let n = from!; n <= (to ?? from!); n++) numbers.push(n);
    return numbers;
  });
}

function locatedText(locator: string): string {
  return locatorParagraphs(locator)
    .map((n) => {
      const paragraph = PARAGRAPHS[n - 1];
      if (paragraph === undefined) throw new Error(`locator "${locator}" points past the article's ${PARAGRAPHS.length} paragraphs`);
      return paragraph;
    })
    .join(' ');
}

const words = (text: string): string[] => text.toLowerCase().replace(/’/g, "'").match(/[a-z0-9']+/g) ?? [];

function nGrams(tokens: string[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= tokens.length; i++) out.push(tokens.slice(i, i + n).join(' '));
  return out;
}

/** Prose the section's author wrote: quotations (block quotes and “…”) removed. */
const ownWords = (text: string): string =>
  text
    .split('\n')
    .filter((line) => !line.startsWith('>'))
    .join('\n')
    .replace(/“[^”]*”/g, ' ');

describe('built-in section library', () => {
  let library: SectionLibrary;
  let sections: Section[];

  beforeAll(async () => {
    clearSectionCache();
    library = await loadSectionLibrary({ builtInDir: builtInSectionsDir() });
    sections = [...library.sections.values()];
  });

  it('numbers the article as the locators assume', () => {
    expect(PARAGRAPHS).toHaveLength(31);
    expect(PARAGRAPHS[11]).toMatch(/^Since the conclusion of World War II/);
    expect(PARAGRAPHS[19]).toMatch(/^The U\.S\.–Japan Space Cooperation Framework Agreement/);
  });

  it('holds the six required sections, built in, with no warnings', () => {
    expect([...library.order].sort()).toEqual([...REQUIRED_IDS].sort());
    expect(library.warnings).toEqual([]);
    for (const section of sections) {
      expect(section.builtIn).toBe(true);
      expect(section.file).toBe(join(builtInSectionsDir(), `${section.id}.md`));
    }
  });

  it('gives every section a summary, 3–5 key facts, tags and an honest description of the article', () => {
    for (const section of sections) {
      // Sentences end at a full stop after a lowercase letter (not after “U.S.”).
      expect(section.summary.split(/(?<=[a-z0-9][.!?])\s+(?=[A-Z])/).length, section.id).toBeLessThanOrEqual(2);
      expect(section.key_facts.length, section.id).toBeGreaterThanOrEqual(3);
      expect(section.key_facts.length, section.id).toBeLessThanOrEqual(5);
      expect(section.tags.length, section.id).toBeGreaterThan(0);
      expect(section.sources, section.id).toHaveLength(1);
      const source = section.sources[0]!;
      expect(source.id).toBe('article');
      expect(source.publisher).toMatch(/publisher not named/);
      expect(source.date).toBe('2023-01');
      for (const n of locatorParagraphs(source.locator ?? '')) expect(n).toBeLessThanOrEqual(PARAGRAPHS.length);
    }
  });

  it('resolves every key fact and quote to a listed source, with a paragraph locator', () => {
    for (const section of sections) {
      const ids = new Set(section.sources.map((s) => s.id));
      for (const entry of [...section.key_facts, ...section.quotes]) {
        expect(entry.source !== undefined && ids.has(entry.source), `${section.id}: ${entry.text}`).toBe(true);
        expect(entry.locator, `${section.id}: ${entry.text}`).toBeDefined();
        expect(() => locatedText(entry.locator!)).not.toThrow();
      }
    }
  });

  it('lists in each source locator every paragraph its key facts and quotes cite', () => {
    for (const section of sections) {
      const covered = new Set(locatorParagraphs(section.sources[0]!.locator ?? ''));
      for (const entry of [...section.key_facts, ...section.quotes]) {
        for (const n of locatorParagraphs(entry.locator!)) expect(covered.has(n), `${section.id}: para. ${n}`).toBe(true);
      }
    }
  });

  it('carries figures in key facts over exactly from the paragraphs they cite', () => {
    const month = '(?:January|February|March|April|May|June|July|August|September|October|November|December)';
    const dates = new RegExp(`\\b\\d{1,2} ${month} \\d{4}\\b|\\b${month} \\d{4}\\b`, 'g');
    let checked = 0;
    for (const section of sections) {
      for (const fact of section.key_facts) {
        const figures = fact.text.replace(dates, ' ').match(/\d[\d,]*\d|\d/g) ?? [];
        const cited = locatedText(fact.locator!);
        for (const figure of figures) {
          checked++;
          expect(cited, `${section.id}: "${figure}" in "${fact.text}"`).toMatch(new RegExp(`(^|[^\\d,])${figure}($|[^\\d,])`));
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('quotes the article verbatim, in the paragraph each quote cites, with speaker, role and date', () => {
    const article = squash(ARTICLE);
    let quotes = 0;
    for (const section of sections) {
      for (const quote of section.quotes) {
        quotes++;
        expect(article, `${section.id}: ${quote.text}`).toContain(squash(quote.text));
        expect(squash(locatedText(quote.locator!)), `${section.id}: ${quote.locator}`).toContain(squash(quote.text));
        expect(quote.speaker.trim()).not.toBe('');
        expect(quote.role.trim()).not.toBe('');
        expect(quote.date).toMatch(/^2023-01(-\d{2})?$/);
        // The speaker's surname appears in the article.
        expect(ARTICLE).toContain(quote.speaker.split(' ').at(-1)!);
      }
    }
    expect(quotes).toBeGreaterThanOrEqual(6);
  });

  it('organises each body as a policy brief: level-3 headings in the agreed order, bullets for key and talking points', () => {
    for (const section of sections) {
      const headings = [...section.body.matchAll(/^(#{1,6})\s+(.+)$/gm)].map((m) => `${m[1]} ${m[2]}`);
      expect(headings, section.id).toEqual(['### Background', '### Key points', '### Implications', '### Talking points']);
      const parts = section.body.split(/^### .+$/m);
      const bullets = (part: string | undefined): number => (part ?? '').split('\n').filter((line) => line.startsWith('- ')).length;
      expect(bullets(parts[2]), `${section.id} key points`).toBeGreaterThanOrEqual(3);
      expect(bullets(parts[4]), `${section.id} talking points`).toBeGreaterThanOrEqual(3);
    }
  });

  it('keeps each body between 250 and 450 words', () => {
    for (const section of sections) {
      const count = section.body.replace(/^#+\s.*$/gm, '').match(/[\p{L}\p{N}][\p{L}\p{N}’'–+.-]*/gu)?.length ?? 0;
      expect(count, section.id).toBeGreaterThanOrEqual(250);
      expect(count, section.id).toBeLessThanOrEqual(450);
    }
  });

  it('does not copy the article: no run of 12 words outside quotations appears in it', () => {
    const articleRuns = new Set(nGrams(words(ARTICLE), 12));
    for (const section of sections) {
      const prose = [section.title, section.summary, ...section.key_facts.map((f) => f.text), section.body];
      for (const text of prose) {
        const copied = nGrams(words(ownWords(text)), 12).filter((run) => articleRuns.has(run));
        expect(copied, section.id).toEqual([]);
      }
    }
  });

  it('the copy check itself catches a copied sentence', () => {
    const articleRuns = new Set(nGrams(words(ARTICLE), 12));
    const copiedSentence = PARAGRAPHS[12]!;
    expect(nGrams(words(ownWords(copiedSentence)), 12).some((run) => articleRuns.has(run))).toBe(true);
    expect(nGrams(words(ownWords(`“${copiedSentence}”`)), 12).some((run) => articleRuns.has(run))).toBe(false);
  });

  it('uses real typography: no straight quotes or spaced hyphens in prose', () => {
    for (const section of sections) {
      const prose = [section.title, section.summary, ...section.key_facts.map((f) => f.text), section.body].join('\n');
      expect(prose, section.id).not.toMatch(/['"]/);
      const dashLike = prose.split('\n').map((line) => line.replace(/^- /, '')).filter((line) => / - | -- /.test(line));
      expect(dashLike, section.id).toEqual([]);
    }
  });

  it('gives the Japanese names once, in the order the article uses', () => {
    const overview = library.sections.get('alliance-overview')!;
    const overviewText = readFileSync(overview.file, 'utf8');
    expect(overviewText.split('岸田文雄').length - 1).toBe(1);
    expect(overview.body).toContain('Prime Minister Fumio Kishida (岸田文雄)');
    const industry = library.sections.get('defense-industrial-cooperation')!;
    const industryText = readFileSync(industry.file, 'utf8');
    expect(industryText.split('浜田靖一').length - 1).toBe(1);
    expect(industry.body).toContain('Defense Minister Yasukazu Hamada (浜田靖一)');
  });

  it('records where each body starts in its file', () => {
    for (const section of sections) {
      const lines = readFileSync(section.file, 'utf8').split('\n');
      expect(lines[section.bodyLine - 2]).toBe('---');
      expect(lines.slice(section.bodyLine - 1).join('\n')).toBe(section.body);
    }
  });
});

describe('parseSectionFile errors', () => {
  const fixture = (name: string): { file: string; text: string } => {
    const file = join(FIXTURES, 'invalid', name);
    return { file, text: readFileSync(file, 'utf8') };
  };

  it('reports a YAML syntax error at its line in the .md file', () => {
    const { file, text } = fixture('yaml-syntax.md');
    const error = catchError(() => parseSectionFile(text, file, false));
    expect(error.code).toBe('YAML_SYNTAX');
    expect(error.location).toMatchObject({ file, line: positionOf(text, 'two: 2').line });
    expect(error.location?.column).toBeGreaterThanOrEqual(1);
    expect(error.describe()).toMatch(new RegExp(`^${file}:${positionOf(text, 'two: 2').line}:\\d+: `));
  });

  it('names an unknown front matter key at the key itself', () => {
    const { file, text } = fixture('unknown-key.md');
    const error = catchError(() => parseSectionFile(text, file, false));
    expect(error.code).toBe('SECTION_INVALID');
    expect(error.field).toBe('colour');
    expect(error.message).toContain('`colour`');
    expect(error.location).toEqual({ file, ...positionOf(text, 'colour: blue') });
  });

  it('reports a missing summary by name', () => {
    const { file, text } = fixture('missing-summary.md');
    const error = catchError(() => parseSectionFile(text, file, false));
    expect(error.code).toBe('SECTION_INVALID');
    expect(error.field).toBe('summary');
    expect(error.message).toMatch(/missing required field `summary`/);
    expect(error.location?.file).toBe(file);
    expect(error.location?.line).toBe(2);
  });

  it('points a key fact that names an unknown source at that value', () => {
    const { file, text } = fixture('unknown-source.md');
    const error = catchError(() => parseSectionFile(text, file, false));
    expect(error.code).toBe('SECTION_INVALID');
    expect(error.field).toBe('key_facts.1.source');
    expect(error.message).toContain('"report"');
    expect(error.message).toContain('"note"');
    expect(error.location).toEqual({ file, ...positionOf(text, 'report') });
  });

  it('points a quote that names an unknown source at that value', () => {
    const { file, text } = fixture('quote-unknown-source.md');
    const error = catchError(() => parseSectionFile(text, file, false));
    expect(error.field).toBe('quotes.0.source');
    expect(error.location).toEqual({ file, ...positionOf(text, 'transcript') });
  });

  it('rejects two sources with one id, at the second', () => {
    const { file, text } = fixture('duplicate-source.md');
    const error = catchError(() => parseSectionFile(text, file, false));
    expect(error.field).toBe('sources.1.id');
    const second = text.split('\n').findIndex((line, i) => i > positionOf(text, '- id: note').line - 1 && line.includes('- id: note'));
    expect(error.location?.line).toBe(second + 1);
  });

  it('rejects an id that does not match the file name, at the id', () => {
    const { file, text } = fixture('name-mismatch.md');
    const error = catchError(() => parseSectionFile(text, file, false));
    expect(error.code).toBe('SECTION_INVALID');
    expect(error.field).toBe('id');
    expect(error.message).toContain('some-other-id');
    expect(error.message).toContain('name-mismatch.md');
    expect(error.location).toEqual({ file, ...positionOf(text, 'some-other-id') });
  });

  it('rejects a quote date the schema does not accept, at the value', () => {
    const { file, text } = fixture('bad-quote-date.md');
    const error = catchError(() => parseSectionFile(text, file, false));
    expect(error.field).toBe('quotes.0.date');
    expect(error.location).toEqual({ file, ...positionOf(text, '01/13/2023') });
  });

  it('explains missing or unclosed front matter at line 1', () => {
    for (const name of ['no-front-matter.md', 'unclosed-front-matter.md']) {
      const { file, text } = fixture(name);
      const error = catchError(() => parseSectionFile(text, file, false));
      expect(error.code).toBe('SECTION_INVALID');
      expect(error.location).toEqual({ file, line: 1, column: 1 });
      expect(error.message).toMatch(/front matter/);
    }
  });

  it('accepts CRLF line endings and a byte-order mark', () => {
    const file = join(builtInSectionsDir(), 'force-posture.md');
    const text = readFileSync(file, 'utf8');
    const windows = parseSectionFile(`\uFEFF${text.replace(/\n/g, '\r\n')}`, file, true);
    const plain = parseSectionFile(text, file, true);
    expect(windows.key_facts).toEqual(plain.key_facts);
    expect(windows.body.replace(/\r/g, '')).toBe(plain.body);
    expect(windows.bodyLine).toBe(plain.bodyLine);
  });
});

describe('loadSectionLibrary with user folders', () => {
  it('lets a user folder override a built-in section, with a warning naming both files', async () => {
    const userDir = join(FIXTURES, 'user');
    const library = await loadSectionLibrary({ builtInDir: builtInSectionsDir(), userDirs: [userDir] });
    const space = library.sections.get('space-agreement')!;
    expect(space.title).toBe('Space Cooperation (office version)');
    expect(space.builtIn).toBe(false);
    expect(library.warnings).toHaveLength(1);
    const warning = library.warnings[0]!;
    expect(warning.code).toBe('SECTION_OVERRIDDEN');
    expect(warning.message).toContain(join(userDir, 'space-agreement.md'));
    expect(warning.message).toContain(join(builtInSectionsDir(), 'space-agreement.md'));
    expect(warning.location?.file).toBe(join(userDir, 'space-agreement.md'));
    // The override keeps the built-in's place; a new section goes after the built-ins.
    expect(library.order.indexOf('space-agreement')).toBeLessThan(REQUIRED_IDS.length);
    expect(library.order.at(-1)).toBe('regional-partners');
    expect(library.order).toHaveLength(REQUIRED_IDS.length + 1);
  });

  it('lets a later folder override an earlier one and reads only top-level, non-hidden .md files', async () => {
    const library = await loadSectionLibrary({
      builtInDir: builtInSectionsDir(),
      userDirs: [join(FIXTURES, 'user'), join(FIXTURES, 'user-more')],
    });
    expect(library.sections.get('space-agreement')!.title).toBe('Space Cooperation (second override)');
    expect(library.warnings.map((w) => w.code)).toEqual(['SECTION_OVERRIDDEN', 'SECTION_OVERRIDDEN']);
    expect(library.warnings[1]!.message).toContain(join(FIXTURES, 'user', 'space-agreement.md'));
    expect(library.sections.has('deep-section')).toBe(false);
    expect(library.sections.has('readme')).toBe(false);
  });

  it('fails with an IO error naming a user folder that does not exist', async () => {
    const missing = join(FIXTURES, 'no-such-folder');
    const error = await catchAsync(() => loadSectionLibrary({ builtInDir: builtInSectionsDir(), userDirs: [missing] }));
    expect(error.code).toBe('IO');
    expect(error.message).toContain(missing);
    expect(error.location?.file).toBe(missing);
  });

  it('keeps a broken user file out of the way of briefs that do not use it, and fails those that do at its line', async () => {
    const dir = join(FIXTURES, 'user-broken');
    const file = join(dir, 'unknown-key.md');
    const library = await loadSectionLibrary({ builtInDir: builtInSectionsDir(), userDirs: [dir] });
    const line = positionOf(readFileSync(file, 'utf8'), 'colour').line;
    expect(library.sections.has('good-one')).toBe(true);
    expect(library.sections.has('unknown-key')).toBe(false);
    expect(library.order).not.toContain('unknown-key');
    expect(library.warnings).toContainEqual(expect.objectContaining({ code: 'SECTION_BROKEN', location: expect.objectContaining({ file, line }) as unknown }));
    expect(pickSections(library, ['good-one', 'space-agreement']).map((s) => s.id)).toEqual(['good-one', 'space-agreement']);
    const error = catchError(() => pickSections(library, ['good-one', 'unknown-key']));
    expect(error.code).toBe('SECTION_INVALID');
    expect(error.location).toMatchObject({ file, line });
  });

  it('lets a broken override of a built-in section fail the briefs that use that id, not fall back to the built-in', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'brief-broken-override-'));
    try {
      await writeFile(join(dir, 'space-agreement.md'), ['---', 'id: space-agreement', 'title: Mine', 'summary: S.', 'colour: red', '---', 'Body.', ''].join('\n'));
      const library = await loadSectionLibrary({ builtInDir: builtInSectionsDir(), userDirs: [dir] });
      expect(library.sections.has('space-agreement')).toBe(false);
      const error = catchError(() => pickSections(library, ['space-agreement']));
      expect(error.location).toMatchObject({ file: join(dir, 'space-agreement.md'), line: 5 });
      expect(pickSections(library, ['force-posture'])).toHaveLength(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('sources are optional; citations are checked', () => {
  const section = (...front: string[]): string => ['---', 'id: mine', 'title: Mine', 'summary: A section of my own.', ...front, '---', 'Body.', ''].join('\n');

  it('accepts a section with no sources and a key fact that cites none', () => {
    const parsed = parseSectionFile(section('key_facts:', '  - text: A fact standing on its own.'), '/x/mine.md', false);
    expect(parsed.sources).toEqual([]);
    expect(parsed.key_facts).toEqual([{ text: 'A fact standing on its own.' }]);
  });

  it('refuses a key fact citing a source when the section lists none, at the citation', () => {
    const text = section('key_facts:', '  - text: A fact.', '    source: report');
    const error = catchError(() => parseSectionFile(text, '/x/mine.md', false));
    expect(error.code).toBe('SECTION_INVALID');
    expect(error.field).toBe('key_facts.0.source');
    expect(error.message).toContain('"report"');
    expect(error.message).toContain('lists no sources');
    expect(error.location).toEqual({ file: '/x/mine.md', ...positionOf(text, 'report') });
  });

  it('refuses a quote citing a source the section does not list', () => {
    const text = section('quotes:', '  - { text: Hi, speaker: A, role: B, date: "2023", source: memo }', 'sources:', '  - { id: note, title: T, publisher: P, date: "2023" }');
    const error = catchError(() => parseSectionFile(text, '/x/mine.md', false));
    expect(error.field).toBe('quotes.0.source');
    expect(error.message).toContain('listed: "note"');
    expect(error.location?.line).toBe(positionOf(text, 'source: memo').line);
  });
});

describe('section cache', () => {
  let dir: string;
  const text = (title: string): string =>
    ['---', 'id: cached', `title: ${title}`, 'summary: A section for the cache test.', 'sources:', '  - id: note', '    title: Note', '    publisher: Tests', '    date: "2023"', '---', 'Body.', ''].join('\n');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'brief-sections-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('serves an unchanged file without parsing it again, and re-reads a changed one', async () => {
    const file = join(dir, 'cached.md');
    await writeFile(file, text('First title'));
    const options = { builtInDir: builtInSectionsDir(), userDirs: [dir] };
    const first = await loadSectionLibrary(options);
    const second = await loadSectionLibrary(options);
    expect(second.sections.get('cached')).toBe(first.sections.get('cached'));
    expect(second.sections.get('force-posture')).toBe(first.sections.get('force-posture'));

    await writeFile(file, text('Second, longer title'));
    const later = new Date(Date.now() + 5_000);
    await utimes(file, later, later);
    const third = await loadSectionLibrary(options);
    expect(third.sections.get('cached')).not.toBe(first.sections.get('cached'));
    expect(third.sections.get('cached')!.title).toBe('Second, longer title');
    expect(third.sections.get('force-posture')).toBe(first.sections.get('force-posture'));
  });

  it('hands out frozen sections, so no caller can corrupt the cache', async () => {
    const library = await loadSectionLibrary({ builtInDir: builtInSectionsDir() });
    const section = library.sections.get('space-agreement')!;
    expect(() => section.tags.push('changed')).toThrow(TypeError);
    expect(() => {
      (section as { title: string }).title = 'changed';
    }).toThrow(TypeError);
  });
});

describe('pickSections', () => {
  let library: SectionLibrary;
  beforeAll(async () => {
    library = await loadSectionLibrary({ builtInDir: builtInSectionsDir() });
  });

  it('returns the sections in the order asked for', () => {
    const ids = ['force-posture', 'alliance-overview', 'space-agreement'];
    expect(pickSections(library, ids).map((s) => s.id)).toEqual(ids);
  });

  it('rejects an unknown id, listing the valid ids and suggesting the nearest', () => {
    const location = { file: 'brief.yaml', line: 7, column: 5 };
    const error = catchError(() => pickSections(library, ['alliance-overview', 'space-agrement'], location));
    expect(error.code).toBe('SECTION_UNKNOWN');
    expect(error.location).toEqual(location);
    expect(error.field).toBe('sections.1');
    expect(error.message).toContain('"space-agrement"');
    expect(error.message).toContain('Did you mean "space-agreement"?');
    for (const id of REQUIRED_IDS) expect(error.message).toContain(id);
  });

  it('offers no suggestion when nothing is close', () => {
    const error = catchError(() => pickSections(library, ['zzzzzz']));
    expect(error.code).toBe('SECTION_UNKNOWN');
    expect(error.message).not.toContain('Did you mean');
  });

  it('rejects an id listed twice, at the second mention', () => {
    const where = (index: number) => ({ file: 'brief.yaml', line: 10 + index });
    const error = catchError(() => pickSections(library, ['force-posture', 'space-agreement', 'force-posture'], where));
    expect(error).toBeInstanceOf(BriefError);
    expect(error.message).toMatch(/listed twice/);
    expect(error.field).toBe('sections.2');
    expect(error.location).toEqual({ file: 'brief.yaml', line: 12 });
  });
});

describe('section bodies are checked where they are written', () => {
  it('reports a markup mistake in a body at its line in the section file', () => {
    const text = ['---', 'id: notes', 'title: Notes', 'summary: S.', 'sources:', '  - { id: s, title: T, publisher: P, date: "2023" }', '---', 'Intro.', '', '#### Too deep', ''].join('\n');
    const error = catchError(() => parseSectionFile(text, '/x/notes.md', false));
    expect(error.code).toBe('MARKUP_INVALID');
    expect(error.location).toEqual({ file: '/x/notes.md', line: 10, column: 1 });
    expect(error.message).toMatch(/heading level 4/);
  });
});
