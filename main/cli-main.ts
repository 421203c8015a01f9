/** Process entry of the bundled CLI (dist/cli.cjs). */
import { runCli } from './cli.js';
import { setCooperativePauses, setReuseAcrossBuilds } from './engine/index.js';

// One build per process: nothing would be reused by a later build, and nothing else waits for the event loop.
setReuseAcrossBuilds(false);
setCooperativePauses(false);

runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  cwd: process.cwd(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`brief-studio: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
