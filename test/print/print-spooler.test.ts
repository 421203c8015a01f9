/**
 * Printing through a real spooler: a private CUPS scheduler with the
 * cups-pdf virtual printer. `brief-studio print` submits the handout; the
 * printed PDF that comes out (rewritten by Ghostscript, so its text does not
 * extract) has the sheets that were sent, page for page, compared as images.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli.js';
import { jobTitle } from '../../main/print/submit-job.js';
import { startCupsServer, waitForPrintedFile, type CupsServer } from '../helpers/cups-server.js';
import { imageDifference, renderPages } from '../helpers/pdf-images.js';

process.env.BRIEF_STUDIO_CACHE_DIR ??= mkdtempSync(join(tmpdir(), 'brief-cache-'));

let cups: CupsServer;
let cwd: string;
const previousServer = process.env.CUPS_SERVER;

beforeAll(async () => {
  cups = await startCupsServer();
  process.env.CUPS_SERVER = cups.socket;
  cwd = mkdtempSync(join(tmpdir(), 'brief-print-'));
  writeFileSync(join(cwd, 'b.brief.yaml'), ['title: Print check', 'date: 2023-01-13', 'template: handout', 'sections: [space-agreement]', ''].join('\n'));
  writeFileSync(join(cwd, 'names.txt'), 'Jane Doe\nJohn Roe\n');
  writeFileSync(join(cwd, 'empty.txt'), '# nobody\n');
});

afterAll(async () => {
  if (previousServer === undefined) delete process.env.CUPS_SERVER;
  else process.env.CUPS_SERVER = previousServer;
  await cups?.stop();
  if (cwd) rmSync(cwd, { recursive: true, force: true });
});

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), cwd });
  return { code, out, err };
}

/** Block difference (0–255, see pdf-images.ts) under which a printed side counts as the sent side: same sheets measure about 1, different ones 5 and more. */
const SAME_SHEET = 3;

const pdfinfo = (path: string): string => execFileSync('pdfinfo', [path], { encoding: 'utf8' });

describe('brief-studio printers', () => {
  it('lists the spooler’s printers, as a table and as JSON', async () => {
    const json = await cli(['printers', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toEqual({ printers: [{ name: cups.printer, isDefault: false, state: 'idle', accepting: true }] });
    execFileSync('lpadmin', ['-d', cups.printer], { env: cups.env });
    const table = await cli(['printers']);
    expect(table.out).toMatch(new RegExp(`^${cups.printer}\\s+\\(default\\)\\s+idle$`, 'm'));
  });
});

describe('brief-studio print', () => {
  it.each([
    ['2-up', ['--handout', '2-up', '--copies', '2']],
    ['booklet', ['--handout', 'booklet', '--recipients', 'names.txt', '--paper', 'a4']],
  ])('sends a %s handout; the printed job has the same sheets, size and pictures', async (_layout, flags) => {
    // The PDF that will be sent, built the same way (builds are reproducible).
    const built = await cli(['build', 'b.brief.yaml', ...flags, '-o', 'sent.pdf']);
    expect(built.code).toBe(0);
    const sent = readFileSync(join(cwd, 'sent.pdf'));

    const printed = await cli(['print', 'b.brief.yaml', ...flags, '--printer', cups.printer]);
    expect(printed.err).toMatch(new RegExp(`Sent \\d+ sheet sides to ${cups.printer} \\(job ${cups.printer}-\\d+\\)`));
    expect(printed.code).toBe(0);

    const file = await waitForPrintedFile(cups.outputDir, jobTitle(sent));
    try {
      const sentInfo = pdfinfo(join(cwd, 'sent.pdf'));
      const printedInfo = pdfinfo(file);
      expect(printedInfo).toContain('Ghostscript'); // it really went through the spooler
      const pages = (info: string): number => Number(/Pages:\s+(\d+)/.exec(info)![1]);
      expect(pages(printedInfo)).toBe(pages(sentInfo));
      // Same paper (a landscape sheet comes back on portrait paper of that size).
      const size = (info: string): number[] => /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info)!.slice(1, 3).map(Number).sort((a, b) => a - b);
      const [sentShort, sentLong] = size(sentInfo);
      const [printedShort, printedLong] = size(printedInfo);
      expect(Math.abs(printedShort! - sentShort!)).toBeLessThan(2);
      expect(Math.abs(printedLong! - sentLong!)).toBeLessThan(2);

      const sentImages = renderPages(sent);
      const printedImages = renderPages(file);
      expect(printedImages).toHaveLength(sentImages.length);
      const same = sentImages.map((image, i) => imageDifference(image, printedImages[i]!));
      // The comparison tells sheets apart: each printed side is far from the sent side after it.
      const next = sentImages.slice(1).map((image, i) => imageDifference(image, printedImages[i]!));
      same.forEach((difference, i) => expect(difference, `sheet side ${i + 1}`).toBeLessThan(SAME_SHEET));
      next.forEach((difference, i) => expect(difference, `sheet side ${i + 1} against ${i + 2}`).toBeGreaterThan(SAME_SHEET));
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('names an unknown printer (exit 2) and refuses a bad recipients file before anything is sent (exit 2)', async () => {
    const unknown = await cli(['print', 'b.brief.yaml', '--printer', 'no-such-printer']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('error[PRINTER_UNKNOWN]');
    expect(unknown.err).toContain(`printers: ${cups.printer}`);
    const empty = await cli(['print', 'b.brief.yaml', '--recipients', 'empty.txt', '--printer', cups.printer]);
    expect(empty.code).toBe(2);
    expect(empty.err).toContain('error[RECIPIENTS_INVALID]');
    for (const r of [unknown, empty]) expect(r.err).not.toContain('    at ');
  });

  it('says so when the queue refuses jobs, when there is no default printer, and when the spooler is not running (exit 1)', async () => {
    execFileSync('cupsreject', [cups.printer], { env: cups.env });
    try {
      const rejected = await cli(['print', 'b.brief.yaml', '--printer', cups.printer]);
      expect(rejected.code).toBe(1);
      expect(rejected.err).toContain('error[PRINT_REJECTED]');
      expect(rejected.err).toContain('not accepting jobs');
    } finally {
      execFileSync('cupsaccept', [cups.printer], { env: cups.env });
    }

    // A paused printer takes the job but will not print it yet: the user is told.
    execFileSync('cupsdisable', [cups.printer], { env: cups.env });
    try {
      const paused = await cli(['print', 'b.brief.yaml', '--printer', cups.printer]);
      expect(paused.code).toBe(0);
      expect(paused.err).toContain(`warning[PRINTER_PAUSED]: the printer "${cups.printer}" is paused`);
      execFileSync('cancel', ['-a', cups.printer], { env: cups.env });
    } finally {
      execFileSync('cupsenable', [cups.printer], { env: cups.env });
    }

    execFileSync('lpadmin', ['-x', cups.printer], { env: cups.env });
    try {
      const none = await cli(['print', 'b.brief.yaml']);
      expect(none.code).toBe(1);
      expect(none.err).toContain('error[PRINTER_NONE]');
      expect(none.err).toContain('no printer is set up');
    } finally {
      execFileSync('lpadmin', ['-p', cups.printer, '-v', 'cups-pdf:/', '-E', '-P', '/usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd'], { env: cups.env, stdio: 'pipe' });
    }

    process.env.CUPS_SERVER = join(cwd, 'no-scheduler-here.sock');
    try {
      const down = await cli(['print', 'b.brief.yaml', '--printer', cups.printer]);
      expect(down.code).toBe(1);
      expect(down.err).toContain('error[SPOOLER_UNAVAILABLE]');
      expect(down.err).toContain('not running');
      const list = await cli(['printers']);
      expect(list.code).toBe(1);
      for (const r of [down, list]) expect(r.err).not.toContain('    at ');
    } finally {
      process.env.CUPS_SERVER = cups.socket;
    }
  });
});
