#!/usr/bin/env node
/**
 * Make sure the Electron binary is installed before `npm start`. npm 11 does
 * not run dependencies' install scripts by default, so electron's own
 * postinstall (which downloads the binary) may never have run: run it now.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
const { version } = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'));

function installed() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return false;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  const versionFile = join(electronDir, 'dist', 'version');
  return existsSync(binary) && existsSync(versionFile) && readFileSync(versionFile, 'utf8').trim().replace(/^v/, '') === version;
}

if (installed()) process.exit(0);

console.log(`Electron ${version} is not installed yet: downloading it (once)…`);
const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit', cwd: electronDir });
if (result.status !== 0 || !installed()) {
  console.error(
    `Could not install Electron ${version}. Check the network connection (or ELECTRON_MIRROR), then run \`npm start\` again.\n` +
      'Everything else (npm run build, the tests, the command line) works without it.',
  );
  process.exit(1);
}
console.log(`Electron ${version} installed.`);
