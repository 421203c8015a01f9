#!/usr/bin/env node
// Builds the command-line bundle (dist/cli.cjs) when it is missing or older
// than anything it is built from, so `npm run brief` and the tests always run
// the current sources without rebuilding on every call.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'cli.cjs');
const inputs = ['main', 'package-lock.json', 'scripts/build-cli.mjs'];

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when dist/cli.cjs is missing or older than one of its inputs. */
export function cliIsStale() {
  if (!existsSync(bundle)) return true;
  const built = statSync(bundle).mtimeMs;
  return inputs.some((input) => existsSync(join(root, input)) && newestMtime(join(root, input)) > built);
}

/** Rebuilds the bundle when it is stale; throws when the build fails. */
export function ensureCli() {
  if (!cliIsStale()) return false;
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('building the command line (scripts/build-cli.mjs) failed');
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    if (ensureCli()) console.log('Built the command line (dist/cli.cjs).');
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
