#!/usr/bin/env node
/**
 * Make sure the Electron binary is installed before `npm start`. The
 * project's .npmrc turns dependencies' install scripts off (electron's would
 * fail the whole `npm ci` on a machine that cannot download it), so electron's
 * own download step runs here, the first time the app is started.
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
const { ELECTRON_SKIP_BINARY_DOWNLOAD: _skip, ...env } = process.env;
const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], { encoding: 'utf8', cwd: electronDir, env });
if (result.status !== 0 || !installed()) {
  const reason = (result.stderr || result.stdout || '').split('\n').find((line) => line.trim() !== '') ?? 'no reason given';
  console.error(
    [
      `Could not download Electron ${version} (${reason.trim()}).`,
      'The desktop app needs it; to get it, either:',
      '  - connect to the network and run `npm start` again, or',
      '  - set ELECTRON_MIRROR to a mirror of Electron releases you can reach (an office mirror, for',
      `    example) and run \`npm start\` again; it downloads electron-v${version}-${process.platform}-${process.arch}.zip once.`,
      'Everything else works without it: `npm run brief`, `npm test`, `npm run build` and the command line.',
    ].join('\n'),
  );
  process.exit(1);
}
console.log(`Electron ${version} installed.`);
