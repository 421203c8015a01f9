#!/usr/bin/env node
'use strict';
// Loads the bundled CLI through a V8 code cache: compiling ~2 MB of
// JavaScript on every start costs more than the brief itself. The cache
// lives beside the bundle (or in the temp folder when that is read-only)
// and is keyed by the bundle's size and mtime.
// Two V8 settings suit a process that builds a brief or a few and exits:
// - The young generation stays at its first size (1 MB semi-spaces): left to
//   grow, it reaches 16 MB twice over for a brief, a quarter of the peak
//   memory, and the extra scavenges cost less than that memory. V8 reads this
//   flag each time it would grow the space.
// - Functions are optimized only once they are hot for far longer than a
//   brief takes (50 times V8's default). Optimizing the code that a first
//   brief warms up costs more CPU (and memory) than the brief itself; a long
//   book or many copies still get optimized code. The flag's name differs
//   between V8 11 (Node 20) and V8 12 and later (Node 22, 24).
// Set before anything else is compiled or allocated.
const v8 = require('node:v8');
v8.setFlagsFromString('--semi-space-growth-factor=1');
for (const flag of Number(process.versions.v8.split('.')[0]) >= 12 ? ['--invocation-count-for-turbofan=150000', '--invocation-count-for-maglev=20000'] : ['--interrupt-budget=3379200']) {
  v8.setFlagsFromString(flag);
}
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const bundle = path.join(__dirname, '..', 'dist', 'cli.cjs');
if (!fs.existsSync(bundle)) {
  process.stderr.write('brief-studio: dist/cli.cjs is missing; run "node scripts/build-cli.mjs" (npm run brief does this).\n');
  process.exit(1);
}
// The bundle is all ASCII (scripts/build-cli.mjs makes it so): read as Latin-1 it is the same string, without UTF-8 decoding.
const source = fs.readFileSync(bundle, 'latin1');
const stat = fs.statSync(bundle);
const key = `${stat.size}-${Math.floor(stat.mtimeMs)}-${process.version}`;
const candidates = [path.join(__dirname, '..', 'dist', '.cache'), path.join(os.tmpdir(), 'brief-studio-code-cache')];
const cacheName = `cli-${key}.bin`;

let cachedData;
for (const dir of candidates) {
  try {
    cachedData = fs.readFileSync(path.join(dir, cacheName));
    break;
  } catch {
    // not cached there
  }
}

const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData, importModuleDynamically: undefined });
const wrapper = script.runInThisContext();
const mod = new Module(bundle, module);
mod.filename = bundle;
mod.paths = Module._nodeModulePaths(path.dirname(bundle));
const requireFromBundle = Module.createRequire(bundle);
wrapper.call(mod.exports, mod.exports, requireFromBundle, mod, bundle, path.dirname(bundle));

if (!cachedData || script.cachedDataRejected) {
  // Produce the cache after the work, so it holds the functions that ran.
  process.once('beforeExit', () => {
    const data = script.createCachedData();
    for (const dir of candidates) {
      try {
        fs.mkdirSync(dir, { recursive: true });
        const temp = path.join(dir, `${cacheName}.${process.pid}`);
        fs.writeFileSync(temp, data);
        fs.renameSync(temp, path.join(dir, cacheName));
        break;
      } catch {
        // try the next folder; a missing cache only costs speed
      }
    }
  });
}
