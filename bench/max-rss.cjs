'use strict';
// Preloaded (node -r) into the benchmark's cold processes: at exit, writes the
// process's peak resident set size (kB) and its CPU time (user + system, µs)
// to $BENCH_MAX_RSS_FILE. CPU time says more than wall time on a busy machine.
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  const file = process.env.BENCH_MAX_RSS_FILE;
  if (!file) return;
  const { user, system } = process.cpuUsage();
  writeFileSync(file, `${process.resourceUsage().maxRSS} ${user + system}`);
});
