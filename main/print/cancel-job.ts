/**
 * Cancelling a job this app sent, with CUPS `cancel`. A job that already
 * printed (or was cancelled elsewhere) is not an error: the answer says so.
 */
import { BriefError } from '../engine/index.js';
import { runCupsCommand } from './cups-commands.js';

export type CancelOutcome = { status: 'cancelled'; jobId: string } | { status: 'finished'; jobId: string; message: string };

/** A CUPS request id such as "office-12"; never an option (`cancel -a` would cancel every job). */
const JOB_ID = /^[A-Za-z0-9][\w.@-]*-\d+$/;

export async function cancelPrintJob(jobId: string): Promise<CancelOutcome> {
  if (!JOB_ID.test(jobId)) throw new BriefError('PRINT_REJECTED', `"${jobId}" is not a print job id (expected a printer name, a dash and a number, e.g. office-12)`);
  const result = await runCupsCommand('cancel', [jobId]);
  if (result.code === 0) return { status: 'cancelled', jobId };
  const said = (result.stderr || result.stdout).replace(/^cancel:\s*/gm, '').trim();
  if (/already|completed|can't cancel|cannot cancel|does not exist|not found/i.test(said)) {
    return { status: 'finished', jobId, message: `job ${jobId} had already finished (printed or removed from the queue), so there was nothing to cancel` };
  }
  if (/scheduler|connect|refused|not running/i.test(said)) throw new BriefError('SPOOLER_UNAVAILABLE', `the print spooler stopped answering: ${said}`);
  throw new BriefError('PRINT_REJECTED', `job ${jobId} could not be cancelled: ${said || 'no reason given'}`);
}
