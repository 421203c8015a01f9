/**
 * The bad-input corpus (test/fixtures/bad/<case-id>/case.yaml): every case
 * runs the CLI on its own copy of its files and must fail the way its
 * case.yaml says — exit code, error code, location — with no stack trace,
 * no hang and nothing half-written left behind.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRun, corpusDir, loadCase, loadCases, prepareCase, runCase, type BadInputCase } from './helpers/bad-input.js';

// Keep in-process builds from writing a shaping cache into the user's home.
process.env.BRIEF_STUDIO_CACHE_DIR = mkdtempSync(join(tmpdir(), 'bad-input-cache-'));

/** Catches a hang only: an honest failure takes well under a second, even on a loaded machine. */
const HANG_GUARD_MS = 40_000;

const cases = loadCases();

describe('bad-input corpus', () => {
  it('has cases in every area it covers', () => {
    const areas = new Set(cases.map((c) => c.id.split('-')[0]));
    expect(cases.length).toBeGreaterThanOrEqual(35);
    for (const area of ['spec', 'section', 'template', 'font', 'cli']) expect(areas).toContain(area);
    for (const c of cases) expect(c.id, 'case ids are kebab-case, prefixed by area').toMatch(/^(spec|section|template|font|image|output|cli)-[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it.each(cases.map((c) => [c.id, c] as [string, BadInputCase]))('%s', async (_id, testCase) => {
    const work = prepareCase(testCase);
    try {
      const run = await runCase(testCase, work, HANG_GUARD_MS);
      expect(checkRun(testCase, run), `${testCase.description}\nstderr:\n${run.err}`).toEqual([]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, HANG_GUARD_MS + 20_000);
});

describe('bad-input harness', () => {
  const sample = loadCase(join(corpusDir, 'spec-unknown-field'));

  it('passes a run that matches its case', async () => {
    const work = prepareCase(sample);
    try {
      const run = await runCase(sample, work, HANG_GUARD_MS);
      expect(checkRun(sample, run)).toEqual([]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('catches a wrong code, a wrong location, a wrong exit code and a wrong message in the same real run', async () => {
    const work = prepareCase(sample);
    try {
      const run = await runCase(sample, work, HANG_GUARD_MS);
      const wrong = { expect: { exit: 1, code: 'TEMPLATE_SYNTAX', location: 'spec.brief.yaml:99:1', message: 'no such words here' } };
      expect(checkRun(wrong, run)).toEqual([
        'exit 2, expected 1',
        'stderr does not name the code TEMPLATE_SYNTAX',
        'stderr does not give the location spec.brief.yaml:99:1',
        'stderr does not say "no such words here"',
      ]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('catches a stack trace, an unexpected error, a hang and a left-over PDF', () => {
    const expectation = { expect: { exit: 2, code: 'IO', location: null } };
    const base = { exit: 2, out: '', newFiles: [] };
    expect(checkRun(expectation, { ...base, err: 'error[IO]: x\n    at read (fs.js:1:1)\n' })).toEqual(['stderr holds a stack trace']);
    expect(checkRun(expectation, { ...base, err: 'brief-studio: unexpected error: IO\n' })).toEqual(['stderr reports an unexpected error']);
    expect(checkRun(expectation, { ...base, exit: 'hung', err: '' })).toEqual(['the command did not finish (hung)']);
    expect(checkRun(expectation, { ...base, err: 'error[IO]: x\n', newFiles: ['out.pdf', '.out.pdf.tmp-1'] })).toEqual(['the failed run left out.pdf, .out.pdf.tmp-1']);
  });

  it('runs the fifo setup step and frees a reader blocked on it', async () => {
    const fifoCase: BadInputCase = {
      id: 'spec-fifo-harness',
      dir: join(corpusDir, 'spec-unknown-field'),
      description: 'the spec is a FIFO nobody writes to',
      args: ['build', 'pipe.brief.yaml', '-o', 'out.pdf'],
      setup: [{ fifo: 'pipe.brief.yaml' }],
      expect: { exit: 2, code: 'IO', location: 'pipe.brief.yaml' },
    };
    const work = prepareCase(fifoCase);
    try {
      expect(statSync(join(work, 'pipe.brief.yaml')).isFIFO()).toBe(true);
      // Whatever the CLI does with a FIFO (refuse it, or block reading it), the run
      // settles: a short guard here turns a block into 'hung' rather than a stuck test.
      const run = await runCase(fifoCase, work, 3_000);
      expect(checkRun(fifoCase, { ...run, exit: 'hung' })).toEqual(['the command did not finish (hung)']);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
