/**
 * The bad-input corpus: one folder per case under test/fixtures/bad/, each
 * with a case.yaml (CLI arguments, setup steps, expected exit code, error
 * code, location) and the case's input files. A case is copied to a fresh
 * temp folder and run through the CLI in-process with that folder as cwd.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, constants, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { runCli } from '../../main/cli.js';

export const corpusDir = resolve(import.meta.dirname, '..', 'fixtures', 'bad');

const setupStep = z.union([z.object({ fifo: z.string().min(1) }).strict(), z.object({ mkdir: z.string().min(1) }).strict()]);

export const caseSchema = z
  .object({
    description: z.string().min(1),
    args: z.array(z.string()),
    setup: z.array(setupStep).default([]),
    expect: z
      .object({
        exit: z.number().int(),
        code: z.string().min(1),
        /** Substring of stderr (file:line[:column]); null only when no file applies. */
        location: z.string().min(1).nullable(),
        message: z.string().min(1).optional(),
      })
      .strict(),
  })
  .strict();

export type BadInputCase = z.infer<typeof caseSchema> & { id: string; dir: string };

export interface CaseRun {
  exit: number | 'hung';
  out: string;
  err: string;
  /** Files in the case folder after the run that were not there before. */
  newFiles: string[];
}

/** Every case folder, sorted by id. A folder whose case.yaml is malformed throws here, naming it. */
export function loadCases(dir = corpusDir): BadInputCase[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((id) => loadCase(join(dir, id)));
}

export function loadCase(caseDir: string): BadInputCase {
  const id = caseDir.split(sep).pop()!;
  const parsed = caseSchema.safeParse(parse(readFileSync(join(caseDir, 'case.yaml'), 'utf8')));
  if (!parsed.success) throw new Error(`${id}/case.yaml: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return { ...parsed.data, id, dir: caseDir };
}

/** Copy the case (all but case.yaml) to a fresh folder and run its setup steps there. */
export function prepareCase(testCase: BadInputCase): string {
  const work = mkdtempSync(join(tmpdir(), `bad-${testCase.id}-`));
  cpSync(testCase.dir, work, { recursive: true, filter: (source) => relative(testCase.dir, source) !== 'case.yaml' });
  for (const step of testCase.setup) {
    const target = insideWork(work, 'fifo' in step ? step.fifo : step.mkdir);
    if ('fifo' in step) {
      mkdirSync(dirname(target), { recursive: true });
      rmSync(target, { force: true, recursive: true });
      execFileSync('mkfifo', [target]);
    } else {
      mkdirSync(target, { recursive: true });
    }
  }
  return work;
}

function insideWork(work: string, path: string): string {
  const target = resolve(work, path);
  if (!target.startsWith(`${work}${sep}`)) throw new Error(`setup path ${path} leaves the case folder`);
  return target;
}

/**
 * Run the CLI on a prepared folder. `guardMs` only catches a hang (a FIFO
 * read that never returns): it is far above any honest run's time.
 */
export async function runCase(testCase: BadInputCase, work: string, guardMs: number): Promise<CaseRun> {
  let out = '';
  let err = '';
  const before = new Set(listFiles(work));
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((settle) => (timer = setTimeout(() => settle('hung'), guardMs)));
  try {
    const exit = await Promise.race([runCli(testCase.args, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), cwd: work }), hung]);
    return { exit, out, err, newFiles: listFiles(work).filter((file) => !before.has(file)) };
  } finally {
    clearTimeout(timer);
    releaseFifos(testCase, work);
  }
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

/** A reader still blocked on a case's FIFO gets end-of-file, so a hang does not tie up a thread for the rest of the run. */
function releaseFifos(testCase: BadInputCase, work: string): void {
  for (const step of testCase.setup) {
    if (!('fifo' in step)) continue;
    const path = join(work, step.fifo);
    try {
      if (!statSync(path).isFIFO()) continue;
      closeSync(openSync(path, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // ENXIO: nobody is reading it. Nothing to release.
    }
  }
}

/** `file:3:1` must not match `file:3:17`: the location ends where a number would go on. */
function mentionsLocation(text: string, location: string): boolean {
  const escaped = location.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${escaped}(?!\\d)`).test(text);
}

/** Everything wrong with a run against its case's expectation; empty when it matches. */
export function checkRun(testCase: Pick<BadInputCase, 'expect'>, run: CaseRun): string[] {
  const problems: string[] = [];
  const { expect } = testCase;
  if (run.exit === 'hung') return ['the command did not finish (hung)'];
  if (run.exit !== expect.exit) problems.push(`exit ${run.exit}, expected ${expect.exit}`);
  if (!run.err.includes(expect.code)) problems.push(`stderr does not name the code ${expect.code}`);
  if (expect.location !== null && !mentionsLocation(run.err, expect.location)) problems.push(`stderr does not give the location ${expect.location}`);
  if (expect.message !== undefined && !run.err.toLowerCase().includes(expect.message.toLowerCase())) problems.push(`stderr does not say "${expect.message}"`);
  if (run.err.includes('    at ')) problems.push('stderr holds a stack trace');
  if (/unexpected error/i.test(run.err)) problems.push('stderr reports an unexpected error');
  // A failed build leaves nothing behind: no PDF, no temporary file.
  const leftovers = run.newFiles.filter((file) => /\.pdf$|\.tmp-/i.test(file));
  if (expect.exit !== 0 && leftovers.length) problems.push(`the failed run left ${leftovers.join(', ')}`);
  return problems;
}
