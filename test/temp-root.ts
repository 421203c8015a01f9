/**
 * Vitest global setup: every temp folder a test makes (and every temp file
 * the programs it starts make) goes under one folder for the run, removed at
 * the end, so a run leaves nothing in the machine's temp folder even where a
 * test fails half-way. Workers and the programs they start inherit TMPDIR.
 * Tests of what the product itself leaves behind give it a temp folder of
 * their own and look inside (cli-privacy.test.ts, cli-bundle-state.test.ts).
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'brief-studio-tests-'));
  // Others may pass through but not list it: the test CUPS scheduler's filters run as the lp user (helpers/cups-server.ts).
  chmodSync(root, 0o711);
  const previous = { TMPDIR: process.env.TMPDIR, TMP: process.env.TMP, TEMP: process.env.TEMP };
  process.env.TMPDIR = process.env.TMP = process.env.TEMP = root;
  return () => {
    rmSync(root, { recursive: true, force: true });
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}
