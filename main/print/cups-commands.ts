/**
 * Running the CUPS command-line tools (lp, lpstat, cancel), which macOS and Linux
 * ship with the spooler. Always in the C locale, so their answers can be read;
 * CUPS_SERVER and the rest of the environment pass through (a test points
 * them at its own scheduler).
 */
import { spawn } from 'node:child_process';
import { BriefError } from '../engine/index.js';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCupsCommand(command: 'lp' | 'lpstat' | 'cancel', args: string[], input?: Uint8Array): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, LC_ALL: 'C', LANG: 'C' }, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') {
        reject(
          new BriefError(
            'SPOOLER_UNAVAILABLE',
            `the printing command \`${command}\` is not installed: Brief Studio prints through CUPS (install the "cups-client" package; on Windows, export the handout PDF and print it from a PDF reader)`,
            { cause: error },
          ),
        );
      } else reject(new BriefError('SPOOLER_UNAVAILABLE', `\`${command}\` could not be started: ${error.message}`, { cause: error }));
    });
    // A spooler that goes away mid-job closes the pipe; the exit code tells the story.
    child.stdin.on('error', () => undefined);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    if (input) child.stdin.end(input);
    else child.stdin.end();
  });
}
