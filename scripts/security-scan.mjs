#!/usr/bin/env node
/**
 * Security scan of the desktop app's sources with @doyensec/electronegativity.
 * The tool always exits 0, so this script reads its CSV report and fails
 * (exit 1) on any HIGH or MEDIUM finding, and (exit 2) when the scan itself
 * did not work: no complete report, or a source file it could not parse (a
 * file it cannot parse is a file it did not check).
 *
 *   node scripts/security-scan.mjs              scan main/ and renderer/
 *   node scripts/security-scan.mjs --input DIR  scan another folder
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const FAILING = new Set(['HIGH', 'MEDIUM']);
const CANARY_DIR = '__scan-canary__';
const CANARY_EXPECTS = ['CONTEXT_ISOLATION_JS_CHECK', 'NODE_INTEGRATION_JS_CHECK'];

const inputArg = process.argv.indexOf('--input');
const stage = mkdtempSync(join(tmpdir(), 'brief-studio-scan-'));
const input = inputArg > 0 ? stageFolder(resolve(process.argv[inputArg + 1]), stage) : stageAppSources(stage);
addCanary(input);

const tool = join(dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist', 'index.js');
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;

// Under heavy load the tool now and then returns a partial report. A canary
// file with known HIGH findings is scanned with the sources: a report that
// misses the canary did not check everything, and the scan is run again.
const ATTEMPTS = 3;
let scan;
for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
  scan = runScan(join(stage, `report-${attempt}.csv`));
  if (scan.complete) break;
  console.error(`security scan: attempt ${attempt} returned a partial report (canary not found)${attempt < ATTEMPTS ? ', scanning again' : ''}.`);
}
cleanUp();
if (!scan.complete) {
  console.error(`security scan: electronegativity did not produce a complete report.\n${scan.output}`);
  process.exit(2);
}

const findings = scan.findings.filter((f) => !f.file.includes(CANARY_DIR));
const failing = findings.filter((f) => FAILING.has(f.severity));
for (const f of findings) {
  const mark = FAILING.has(f.severity) ? '✗' : '·';
  console.log(`${mark} ${f.severity.padEnd(13)} ${f.id.padEnd(40)} ${f.file}:${f.location}`);
}
for (const line of scan.parseErrors) console.error(`✗ ${stripAnsi(line)}`);
const shownInput = inputArg > 0 ? resolve(process.argv[inputArg + 1]) : 'main/ and renderer/';
console.log(`security scan: ${findings.length} finding(s), ${failing.length} HIGH/MEDIUM, ${scan.parseErrors.length} unparsed file(s) in ${shownInput}`);
if (scan.parseErrors.length) process.exit(2);
process.exit(failing.length ? 1 : 0);

function runScan(report) {
  const run = spawnSync(process.execPath, [tool, '--input', input, '--relative', '--verbose', 'false', '--electron-version', electronVersion, '--output', report], {
    encoding: 'utf8',
    // The tool looks up translations and Electron releases online; there is no network here and it must not wait long.
    timeout: 120_000,
  });
  const output = `${run.stdout ?? ''}\n${run.stderr ?? ''}`;
  const parseErrors = output.split('\n').filter((line) => /^\S*Error parsing /.test(stripAnsi(line)));
  if (run.error || !existsSync(report)) return { complete: false, output: run.error?.message ?? output, findings: [], parseErrors };
  const findings = parseCsv(readFileSync(report, 'utf8'))
    .slice(1)
    .filter((row) => row.length >= 5)
    .map(([id, severity, confidence, file, location, sample]) => ({ id, severity, confidence, file, location, sample }));
  const canaryIds = new Set(findings.filter((f) => f.file.includes(CANARY_DIR)).map((f) => f.id));
  const complete = CANARY_EXPECTS.every((id) => canaryIds.has(id));
  return { complete, output, findings, parseErrors };
}

/** A window with the settings every Electron security guide forbids: the scan must always flag them. */
function addCanary(dir) {
  mkdirSync(join(dir, CANARY_DIR), { recursive: true });
  writeFileSync(
    join(dir, CANARY_DIR, 'insecure-window.js'),
    "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });\n",
  );
}

function stageFolder(source, dir) {
  const target = join(dir, 'input');
  cpSync(source, target, { recursive: true });
  return target;
}

/** The app's sources as electronegativity should see them: main process, preload, shared contract and the page. */
function stageAppSources(dir) {
  const target = join(dir, 'app');
  mkdirSync(target, { recursive: true });
  cpSync(join(root, 'main'), join(target, 'main'), { recursive: true });
  cpSync(join(root, 'renderer'), join(target, 'renderer'), { recursive: true, filter: (path) => !path.includes('node_modules') });
  return target;
}

function cleanUp() {
  rmSync(stage, { recursive: true, force: true });
}

function stripAnsi(text) {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field.trim());
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field.trim());
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  row.push(field.trim());
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}
