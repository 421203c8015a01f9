/**
 * Templates are untrusted input. Each template under fixtures/templates/hostile
 * tries one way out — prototype access, undocumented helpers, paths that
 * climb out of the folder, runaway loops — and must be stopped with its own
 * message. Symbolic links are made here, in a temp dir, and every file the
 * engine reads is recorded to prove nothing outside the template was opened.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BriefError } from '../../../main/engine/errors.js';
import { buildTemplateContext, checkTemplate, loadTemplate, type LoadedTemplate, type RenderLimits } from '../../../main/engine/template/index.js';
import { FIXTURES_DIR, makeSection, makeSpec } from './support.js';
import { catchAsync } from '../../helpers/errors.js';
import { cpuTimeOf } from '../../helpers/cpu-time.js';

const { reads, describePath } = vi.hoisted(() => ({
  reads: [] as string[],
  describePath: (path: unknown): string =>
    typeof path === 'string' ? path : path instanceof URL ? decodeURIComponent(path.pathname) : Buffer.isBuffer(path) ? path.toString() : `(${typeof path})`,
}));

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  const readFileSync = ((path: Parameters<typeof actual.readFileSync>[0], ...rest: unknown[]) => {
    reads.push(describePath(path));
    return (actual.readFileSync as (...args: unknown[]) => unknown)(path, ...rest);
  }) as typeof actual.readFileSync;
  const openSync = ((path: Parameters<typeof actual.openSync>[0], ...rest: unknown[]) => {
    reads.push(describePath(path));
    return (actual.openSync as (...args: unknown[]) => unknown)(path, ...rest);
  }) as typeof actual.openSync;
  // The engine's asynchronous reads open the file first (fs-async.ts).
  const open = ((path: Parameters<typeof actual.open>[0], ...rest: unknown[]) => {
    reads.push(describePath(path));
    return (actual.open as (...args: unknown[]) => unknown)(path, ...rest);
  }) as typeof actual.open;
  return { ...actual, readFileSync, openSync, open, default: { ...actual, readFileSync, openSync, open } };
});

const HOSTILE = join(FIXTURES_DIR, 'hostile');
const options = { builtInDir: '/nonexistent' };

function sections(count: number, bodyLength = 200) {
  return Array.from({ length: count }, (_, i) => makeSection(`s${i}`, { body: `${'Body text. '.repeat(Math.ceil(bodyLength / 11))}\n` }));
}

/** The BriefError a template operation fails with (sync or async). */
const failure = (run: () => unknown): Promise<BriefError> => catchAsync(() => Promise.resolve().then(run));

function renderHostile(template: LoadedTemplate, count: number, limits?: RenderLimits, bodyLength?: number): string {
  const list = sections(count, bodyLength);
  const context = buildTemplateContext(makeSpec({ sections: list.map((s) => s.id) }), list, template);
  return template.renderMarkup(context, limits);
}

/** Every recorded read lies inside `root`. */
function expectReadsInside(root: string): void {
  const real = resolve(root);
  const outside = reads.filter((path) => !resolve(path).startsWith(real + sep));
  expect(outside).toEqual([]);
}

beforeEach(() => {
  reads.length = 0;
});

describe('hostile templates rejected when loaded', () => {
  const cases: [fixture: string, code: string, message: RegExp][] = [
    ['proto-constructor', 'TEMPLATE_CONFINEMENT', /`constructor` reaches for `constructor`/],
    ['proto-dunder', 'TEMPLATE_CONFINEMENT', /`__proto__` reaches for `__proto__`/],
    ['proto-define-getter', 'TEMPLATE_CONFINEMENT', /`__proto__`, the argument of `#with`, reaches for `__proto__`/],
    ['function-constructor', 'TEMPLATE_CONFINEMENT', /`constructor\.constructor` reaches for `constructor`/],
    ['literal-segment', 'TEMPLATE_CONFINEMENT', /`this\.constructor` reaches for `constructor`/],
    ['root-proto', 'TEMPLATE_CONFINEMENT', /`@root\.__proto__\.polluted` reaches for `__proto__`/],
    ['lookup-constructor', 'TEMPLATE_RENDER', /Unknown helper `lookup`/],
    ['unknown-helper', 'TEMPLATE_RENDER', /Unknown helper `shell`/],
    ['log-helper', 'TEMPLATE_RENDER', /Unknown helper `log`/],
    ['helper-missing-direct', 'TEMPLATE_RENDER', /Unknown helper `helperMissing`/],
    ['unknown-decorator', 'TEMPLATE_RENDER', /Unknown decorator `evil`/],
    ['partial-traversal', 'TEMPLATE_CONFINEMENT', /Partial `\.\.\/\.\.\/etc\/passwd` names a file outside/],
    ['partial-absolute', 'TEMPLATE_CONFINEMENT', /Partial `\/etc\/passwd` names a file outside/],
    ['font-traversal', 'TEMPLATE_CONFINEMENT', /Font file for family "stolen" `\.\.\/\.\.\/\.\.\/assets\/fonts\/Inter-Regular\.ttf` climbs out/],
    ['font-absolute', 'TEMPLATE_CONFINEMENT', /Font file for family "stolen" `\/usr\/share\/fonts\/.*` is an absolute path/],
  ];

  it.each(cases)('%s', async (fixture, code, message) => {
    const dir = join(HOSTILE, fixture);
    const error = await failure(() => loadTemplate(dir, options));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(error.location?.file).toContain(dir);
    expect(error.location?.line).toBeGreaterThanOrEqual(1);
    expectReadsInside(dir);
  });

  it('gives each hostile template its own message', async () => {
    const messages = await Promise.all(cases.map(async ([fixture]) => (await failure(() => loadTemplate(join(HOSTILE, fixture), options))).message));
    expect(new Set(messages).size).toBe(messages.length);
  });

  it('covers every fixture in the corpus with a test', () => {
    const tested = new Set([...cases.map(([f]) => f), 'nested-loops', 'huge-output', 'partial-recursion', 'image-traversal', 'image-absolute']);
    expect(readdirSync(HOSTILE).sort()).toEqual([...tested].sort());
  });

  it('leaves Object.prototype untouched', () => {
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  });
});

describe('runaway templates stopped while rendering', () => {
  it('stops deeply nested loops at the time limit', async () => {
    const template = await loadTemplate(join(HOSTILE, 'nested-loops'), options);
    // A clock that moves 1 ms each time it is read: the limit runs out after a fixed
    // amount of work, however busy the machine is.
    let now = 0;
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => ++now);
    let error: BriefError;
    try {
      error = await failure(() => renderHostile(template, 40, { timeoutMs: 300 }));
    } finally {
      clock.mockRestore();
    }
    expect(error.code).toBe('TEMPLATE_LIMIT');
    expect(error.message).toContain('longer than 300 ms');
    expect(error.location?.file).toMatch(/nested-loops[\\/]brief\.hbs$/);
    // It stopped at the first look at the clock past the limit, not some time later.
    expect(now).toBeGreaterThan(300);
    expect(now).toBeLessThan(305);
  });

  it('stops them with the default limits too (whichever of time or size runs out first)', async () => {
    const template = await loadTemplate(join(HOSTILE, 'nested-loops'), options);
    const { result: error, cpuMs } = await cpuTimeOf(() => failure(() => renderHostile(template, 40)));
    expect(error.code).toBe('TEMPLATE_LIMIT');
    expect(error.message).toMatch(/longer than 10000 ms|more than 20 MB/);
    // The wall-clock limit is 10 s, so the work done before it (or the size limit) ran out is less.
    expect(cpuMs).toBeLessThan(20_000);
  });

  it('stops huge output at the size limit', async () => {
    const template = await loadTemplate(join(HOSTILE, 'huge-output'), options);
    const small = await failure(() => renderHostile(template, 40, { maxOutputBytes: 1_000_000 }, 10_000));
    expect(small.code).toBe('TEMPLATE_LIMIT');
    expect(small.message).toContain('more than 977 KB of markup');
    const byDefault = await failure(() => renderHostile(template, 40, undefined, 10_000));
    expect(byDefault.message).toContain('more than 20 MB of markup');
  });

  it('lets the same template through when the data is small', async () => {
    const template = await loadTemplate(join(HOSTILE, 'huge-output'), options);
    expect(renderHostile(template, 2, undefined, 50).length).toBeGreaterThan(0);
  });

  it('stops a partial that includes itself', async () => {
    const template = await loadTemplate(join(HOSTILE, 'partial-recursion'), options);
    const error = await failure(() => renderHostile(template, 1));
    expect(error.code).toBe('TEMPLATE_LIMIT');
    expect(error.message).toContain('nested more than 64 deep (at `loop`)');
    expect(error.location?.file).toMatch(/partials[\\/]loop\.hbs$/);
  });

  it('turns a blown stack into a clear limit error', async () => {
    const template = await loadTemplate(join(HOSTILE, 'partial-recursion'), options);
    const error = await failure(() => renderHostile(template, 1, { maxPartialDepth: 1_000_000 }));
    expect(error.code).toBe('TEMPLATE_LIMIT');
    expect(error.message).toMatch(/nests too deeply|nested more than/);
  });
});

describe('asset paths', () => {
  it('reports images that leave the folder when checking the template', async () => {
    for (const [fixture, why] of [
      ['image-traversal', /climbs out with `\.\.`/],
      ['image-absolute', /is an absolute path/],
    ] as const) {
      reads.length = 0;
      const dir = join(HOSTILE, fixture);
      const diagnostics = await checkTemplate(dir, { sections: [makeSection('alpha')] });
      const confinement = diagnostics.filter((d) => d.code === 'TEMPLATE_CONFINEMENT');
      expect(confinement.length).toBeGreaterThan(0);
      expect(confinement[0]!.message).toMatch(why);
      expectReadsInside(dir);
    }
  });

  it('resolveAsset refuses absolute paths, URLs, `..` and encoded `..`', async () => {
    const template = await loadTemplate(join(HOSTILE, 'image-traversal'), options);
    for (const path of ['../secret.png', '/etc/passwd', 'C:\\Windows\\win.ini', '\\\\server\\share\\x.png', 'file:///etc/passwd', 'images/%2E%2E/%2E%2E/secret.png', 'images/../../x', '']) {
      const error = await failure(() => template.resolveAsset(path));
      expect(error.code).toBe('TEMPLATE_CONFINEMENT');
    }
    expect(template.resolveAsset('images/seal.png')).toBe(join(template.dir, 'images', 'seal.png'));
  });
});

describe('symbolic links out of the template folder', () => {
  let base: string;
  let outside: string;
  let canary: string;

  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'brief-hostile-'));
    outside = join(base, 'outside');
    mkdirSync(join(outside, 'evil-partials'), { recursive: true });
    canary = join(outside, 'canary.txt');
    writeFileSync(canary, 'CANARY: this file must never be read\n');
    writeFileSync(join(outside, 'evil-partials', 'x.hbs'), 'CANARY partial\n');
    writeFileSync(join(outside, 'seal.png'), 'not really a png');
  });

  afterEach(() => rmSync(base, { recursive: true, force: true }));

  function template(files: Record<string, string> = {}): string {
    const dir = join(base, 'tpl');
    mkdirSync(dir, { recursive: true });
    const all = { 'template.yaml': 'name: Linked\n', 'brief.hbs': '# {{brief.title}}\n', ...files };
    for (const [path, text] of Object.entries(all)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return dir;
  }

  async function expectLinkRejected(dir: string, shown: RegExp): Promise<void> {
    const error = await failure(() => loadTemplate(dir, options));
    expect(error.code).toBe('TEMPLATE_CONFINEMENT');
    expect(error.message).toMatch(shown);
    expect(error.message).toContain('through a symbolic link');
    expect(reads).not.toContain(canary);
    expectReadsInside(dir);
  }

  it('rejects a partials folder that is a link out', async () => {
    const dir = template();
    symlinkSync(join(outside, 'evil-partials'), join(dir, 'partials'));
    await expectLinkRejected(dir, /Partials folder `partials`/);
  });

  it('rejects a folder inside partials that links out', async () => {
    const dir = template({ 'partials/ok.hbs': 'ok\n' });
    symlinkSync(join(outside, 'evil-partials'), join(dir, 'partials', 'sub'));
    await expectLinkRejected(dir, /Partial file `partials[\\/]sub`/);
  });

  it('rejects a partial file that links out', async () => {
    const dir = template();
    mkdirSync(join(dir, 'partials'));
    symlinkSync(canary, join(dir, 'partials', 'leak.hbs'));
    await expectLinkRejected(dir, /Partial file `partials[\\/]leak\.hbs`/);
  });

  it('rejects brief.hbs and template.yaml that link out', async () => {
    const first = template();
    rmSync(join(first, 'brief.hbs'));
    symlinkSync(canary, join(first, 'brief.hbs'));
    await expectLinkRejected(first, /Template file `brief\.hbs`/);

    rmSync(join(first, 'brief.hbs'));
    writeFileSync(join(first, 'brief.hbs'), 'x\n');
    rmSync(join(first, 'template.yaml'));
    symlinkSync(canary, join(first, 'template.yaml'));
    await expectLinkRejected(first, /Template file `template\.yaml`/);
  });

  it('rejects a font file that links out, at its line in template.yaml', async () => {
    const dir = template({ 'template.yaml': 'name: Linked\nfonts:\n  families:\n    mine:\n      regular: fonts/mine.ttf\n' });
    mkdirSync(join(dir, 'fonts'));
    symlinkSync(canary, join(dir, 'fonts', 'mine.ttf'));
    const error = await failure(() => loadTemplate(dir, options));
    expect(error.code).toBe('TEMPLATE_CONFINEMENT');
    expect(error.message).toContain('`fonts/mine.ttf` leads to');
    expect(error.location).toMatchObject({ line: 5, column: 16 });
    expect(reads).not.toContain(canary);
  });

  it('rejects images reached through a linked folder, in resolveAsset and in checkTemplate', async () => {
    const dir = template({ 'brief.hbs': '# {{brief.title}}\n\n![Seal](images/seal.png "width=96")\n' });
    symlinkSync(outside, join(dir, 'images'));
    const loaded = await loadTemplate(dir, options);
    const error = await failure(() => loaded.resolveAsset('images/seal.png'));
    expect(error.code).toBe('TEMPLATE_CONFINEMENT');
    expect(error.message).toContain('`images/seal.png`');
    const diagnostics = await checkTemplate(dir, { sections: [makeSection('alpha')] });
    expect(diagnostics.some((d) => d.code === 'TEMPLATE_CONFINEMENT' && d.message.includes('images/seal.png'))).toBe(true);
    expectReadsInside(dir);
  });

  it('follows links that stay inside the folder', async () => {
    const dir = template({ 'brief.hbs': '{{> alias}}\n', 'partials/real.hbs': 'from the real partial\n', 'images/seal.png': 'png' });
    symlinkSync(join(dir, 'partials', 'real.hbs'), join(dir, 'partials', 'alias.hbs'));
    symlinkSync(join(dir, 'images'), join(dir, 'pictures'));
    const loaded = await loadTemplate(dir, options);
    const context = buildTemplateContext(makeSpec({ sections: ['alpha'] }), [makeSection('alpha')], loaded);
    expect(loaded.renderMarkup(context)).toBe('from the real partial\n');
    expect(loaded.resolveAsset('pictures/seal.png')).toBe(join(loaded.dir, 'images', 'seal.png'));
  });

  it('copies of the corpus behave the same outside the repository', async () => {
    const copy = join(base, 'copy');
    cpSync(join(HOSTILE, 'proto-constructor'), copy, { recursive: true });
    const error = await failure(() => loadTemplate(copy, options));
    expect(error.code).toBe('TEMPLATE_CONFINEMENT');
  });
});

afterAll(() => {
  vi.restoreAllMocks();
});
