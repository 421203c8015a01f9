/** The printers the spooler knows, their state and the default: `lpstat`. */
import { BriefError } from '../engine/index.js';
import { runCupsCommand } from './cups-commands.js';

export interface PrinterInfo {
  name: string;
  isDefault: boolean;
  /** idle, printing, or stopped (disabled: jobs wait in the queue). */
  state: 'idle' | 'printing' | 'stopped' | 'unknown';
  /** Whether the queue takes new jobs. */
  accepting: boolean;
}

export interface PrinterList {
  printers: PrinterInfo[];
  defaultPrinter?: string;
}

export async function assertSchedulerRunning(): Promise<void> {
  const status = await runCupsCommand('lpstat', ['-r']);
  if (!/scheduler is running/.test(status.stdout)) {
    throw new BriefError('SPOOLER_UNAVAILABLE', 'the print spooler (CUPS) is not running: start it (for example `sudo systemctl start cups`, or `cupsd`) and try again');
  }
}

export async function listPrinters(): Promise<PrinterList> {
  await assertSchedulerRunning();
  const [names, states, accepting, fallback] = await Promise.all([
    runCupsCommand('lpstat', ['-e']),
    runCupsCommand('lpstat', ['-p']),
    runCupsCommand('lpstat', ['-a']),
    runCupsCommand('lpstat', ['-d']),
  ]);
  const defaultPrinter = /system default destination: (\S+)/.exec(fallback.stdout)?.[1];
  const printers = lines(names.stdout).map((name): PrinterInfo => {
    const stateLine = lines(states.stdout).find((l) => l.startsWith(`printer ${name} `));
    const acceptLine = lines(accepting.stdout).find((l) => l.startsWith(`${name} `));
    return {
      name,
      isDefault: name === defaultPrinter,
      state: !stateLine ? 'unknown' : / disabled /.test(stateLine) ? 'stopped' : / now printing /.test(stateLine) ? 'printing' : / is idle/.test(stateLine) ? 'idle' : 'unknown',
      accepting: acceptLine ? !/ not accepting /.test(acceptLine) : false,
    };
  });
  return { printers, defaultPrinter };
}

const lines = (text: string): string[] => text.split('\n').map((l) => l.trim()).filter(Boolean);
