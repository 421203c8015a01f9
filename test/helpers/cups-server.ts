/**
 * A private CUPS scheduler for tests: its own config, spool and state in a
 * temp folder, listening only on a local socket, with a cups-pdf virtual
 * printer. Started as a child process (`cupsd -f`) and stopped by its pid.
 * CUPS_SERVER points lp/lpstat (and in-process code) at it.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export interface CupsServer {
  socket: string;
  printer: string;
  /** Where cups-pdf writes printed jobs (its `Out` setting for this user). */
  outputDir: string;
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

const CUPSD = '/usr/sbin/cupsd';
const PPD = '/usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd';

export async function startCupsServer(printer = 'brief-studio-test'): Promise<CupsServer> {
  for (const [path, what] of [[CUPSD, 'cups'], [PPD, 'printer-driver-cups-pdf'], ['/usr/lib/cups/backend/cups-pdf', 'printer-driver-cups-pdf']] as const) {
    if (!existsSync(path)) throw new Error(`The print tests need ${path}: install the "${what}" package (.ci/run does).`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'brief-cups-'));
  // Filters run as the "lp" user: they must reach the PPD and the spool.
  chmodSync(dir, 0o755);
  for (const sub of ['root/ppd', 'spool/tmp', 'cache', 'state', 'log']) mkdirSync(join(dir, sub), { recursive: true });
  const lpGroup = groupId('lp');
  if (lpGroup !== undefined) {
    chownSync(join(dir, 'spool'), 0, lpGroup);
    chownSync(join(dir, 'spool/tmp'), 0, lpGroup);
  }
  chmodSync(join(dir, 'spool'), 0o710);
  chmodSync(join(dir, 'spool/tmp'), 0o1770);
  const socket = join(dir, 'cups.sock');
  writeFileSync(
    join(dir, 'cupsd.conf'),
    [`Listen ${socket}`, 'LogLevel info', 'WebInterface No', 'Browsing Off', 'DefaultAuthType None', '<Location />', '  Order allow,deny', '  Allow all', '</Location>', '<Policy default>', '  <Limit All>', '    Order deny,allow', '  </Limit>', '</Policy>', ''].join('\n'),
  );
  writeFileSync(
    join(dir, 'cups-files.conf'),
    [`ServerRoot ${dir}/root`, `RequestRoot ${dir}/spool`, `CacheDir ${dir}/cache`, `StateDir ${dir}/state`, `ErrorLog ${dir}/log/error_log`, `AccessLog ${dir}/log/access_log`, `PageLog ${dir}/log/page_log`, 'SystemGroup root', ''].join('\n'),
  );

  let output = '';
  const child: ChildProcess = spawn(CUPSD, ['-f', '-c', join(dir, 'cupsd.conf'), '-s', join(dir, 'cups-files.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const env = { ...process.env, CUPS_SERVER: socket, LC_ALL: 'C' };

  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await waitFor(() => {
      if (child.exitCode !== null) throw new Error(`cupsd exited with code ${child.exitCode}`);
      return execFileSync('lpstat', ['-r'], { env, encoding: 'utf8' }).includes('scheduler is running');
    }, 30_000);
    execFileSync('lpadmin', ['-p', printer, '-v', 'cups-pdf:/', '-E', '-P', PPD], { env, stdio: 'pipe' });
  } catch (error) {
    const log = existsSync(join(dir, 'log/error_log')) ? readFileSync(join(dir, 'log/error_log'), 'utf8').split('\n').slice(-15).join('\n') : '';
    await stop();
    throw new Error(`The print tests could not start a CUPS scheduler (${CUPSD} -f): ${(error as Error).message}\n${output}\n${log}`, { cause: error });
  }
  return { socket, printer, outputDir: cupsPdfOutputDir(), env, stop };
}

/** cups-pdf's `Out` folder for the current user, from /etc/cups/cups-pdf.conf. */
function cupsPdfOutputDir(): string {
  const conf = existsSync('/etc/cups/cups-pdf.conf') ? readFileSync('/etc/cups/cups-pdf.conf', 'utf8') : '';
  const out = /^Out\s+(.+)$/m.exec(conf)?.[1]?.trim() ?? '/var/spool/cups-pdf/${USER}';
  // cups-pdf looks the job owner's home up in the password database, not in $HOME.
  return out.replace('${HOME}', userInfo().homedir).replace('${USER}', userInfo().username);
}

function groupId(name: string): number | undefined {
  const line = readFileSync('/etc/group', 'utf8').split('\n').find((l) => l.startsWith(`${name}:`));
  return line ? Number(line.split(':')[2]) : undefined;
}

async function waitFor(ready: () => boolean, limitMs: number): Promise<void> {
  const until = Date.now() + limitMs;
  for (;;) {
    try {
      if (ready()) return;
    } catch (error) {
      if (Date.now() > until || /exited/.test((error as Error).message)) throw error;
    }
    if (Date.now() > until) throw new Error('the scheduler did not answer');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Waits for cups-pdf to finish writing a job whose file name starts with `prefix`; returns its path. */
export async function waitForPrintedFile(outputDir: string, prefix: string, limitMs = 120_000): Promise<string> {
  const until = Date.now() + limitMs;
  let lastSize = -1;
  for (;;) {
    const name = existsSync(outputDir) ? readdirSync(outputDir).find((f) => f.startsWith(prefix) && f.endsWith('.pdf')) : undefined;
    if (name) {
      const path = join(outputDir, name);
      const size = readFileSync(path).length;
      // cups-pdf writes in place: wait until the file stops growing and ends with a trailer.
      if (size > 0 && size === lastSize && readFileSync(path).subarray(-1024).toString('latin1').includes('%%EOF')) return path;
      lastSize = size;
    }
    if (Date.now() > until) throw new Error(`no printed file starting with ${prefix} appeared in ${outputDir}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}
