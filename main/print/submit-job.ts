/**
 * Sending a finished PDF to a printer through CUPS `lp`. The bytes go over
 * lp's standard input, so nothing of the brief is written to a temp file.
 * The queue is checked first, so the common failures get a plain message.
 */
import { createHash } from 'node:crypto';
import { BriefError } from '../engine/index.js';
import { runCupsCommand } from './cups-commands.js';
import { listPrinters, type PrinterInfo } from './printers.js';

export interface PrintJob {
  pdf: Uint8Array;
  /** Queue name; default: the spooler's default printer. */
  printer?: string;
  media: 'Letter' | 'A4';
  /** Booklets print on both sides, flipped on the short edge. */
  duplex?: 'short-edge';
  /** Aborted before `lp` starts: nothing is sent (PrintCancelled). Once `lp` runs, the job is sent and must be cancelled in CUPS. */
  signal?: AbortSignal;
}

/** The print request was stopped before anything reached the spooler. */
export class PrintCancelled extends Error {
  constructor() {
    super('the print request was cancelled before it was sent to the printer');
    this.name = 'PrintCancelled';
  }
}

export interface SubmittedJob {
  printer: string;
  /** CUPS request id, e.g. "office-12". */
  jobId: string;
  /** Job title: a hash of the PDF, so the brief's own words stay out of the spooler's logs. */
  title: string;
  /** Set when the job was queued but will not print yet (the printer is paused). */
  waiting?: string;
}

export function jobTitle(pdf: Uint8Array): string {
  return `brief-studio-${createHash('sha256').update(pdf).digest('hex').slice(0, 12)}`;
}

export async function submitPrintJob(job: PrintJob): Promise<SubmittedJob> {
  const { printers, defaultPrinter } = await listPrinters();
  const printer = pickPrinter(printers, job.printer, defaultPrinter);
  if (!printer.accepting) {
    throw new BriefError('PRINT_REJECTED', `the printer "${printer.name}" is not accepting jobs right now (its queue was closed with \`cupsreject\`); ask for it to be reopened with \`cupsaccept ${printer.name}\` or choose another printer`);
  }
  const title = jobTitle(job.pdf);
  const args = ['-d', printer.name, '-t', title, '-o', `media=${job.media}`];
  if (job.duplex === 'short-edge') args.push('-o', 'sides=two-sided-short-edge');
  if (job.signal?.aborted) throw new PrintCancelled();
  const result = await runCupsCommand('lp', args, job.pdf);
  const jobId = /request id is (\S+)/.exec(result.stdout)?.[1];
  if (result.code !== 0 || !jobId) throw lpFailure(printer.name, result.stderr || result.stdout);
  const waiting = printer.state === 'stopped' ? `the printer "${printer.name}" is paused: the job waits in its queue until the printer is resumed (\`cupsenable ${printer.name}\`)` : undefined;
  return { printer: printer.name, jobId, title, ...(waiting ? { waiting } : {}) };
}

function pickPrinter(printers: PrinterInfo[], wanted: string | undefined, defaultPrinter: string | undefined): PrinterInfo {
  const names = printers.map((p) => p.name);
  if (wanted !== undefined) {
    const found = printers.find((p) => p.name === wanted) ?? printers.find((p) => p.name.toLowerCase() === wanted.toLowerCase());
    if (found) return found;
    throw new BriefError('PRINTER_UNKNOWN', `there is no printer "${wanted}"; ${names.length ? `printers: ${names.join(', ')}` : 'no printers are set up'} (see \`brief-studio printers\`)`, {
      location: { file: 'command line' },
    });
  }
  const fallback = printers.find((p) => p.name === defaultPrinter);
  if (fallback) return fallback;
  if (printers.length === 0) throw new BriefError('PRINTER_NONE', 'no printer is set up: add one in the system’s printer settings (or with `lpadmin`), then try again');
  throw new BriefError('PRINTER_NONE', `no default printer is set: choose one with --printer (${names.join(', ')})`);
}

function lpFailure(printer: string, output: string): BriefError {
  const said = output.replace(/^lp:\s*/gm, '').trim();
  if (/scheduler|connect|refused|not running/i.test(said)) return new BriefError('SPOOLER_UNAVAILABLE', `the print spooler stopped answering: ${said}`);
  if (/does not exist|no such/i.test(said)) return new BriefError('PRINTER_UNKNOWN', `there is no printer "${printer}": ${said}`, { location: { file: 'command line' } });
  return new BriefError('PRINT_REJECTED', `the printer "${printer}" rejected the job: ${said || 'no reason given'}`);
}
