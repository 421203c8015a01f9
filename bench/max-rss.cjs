'use strict';
// Preloaded (node -r) into the benchmark's cold processes: at exit, writes the
// process's peak resident set size (kB) and its CPU time (user + system, µs)
// to $BENCH_MAX_RSS_FILE. CPU time says more than wall time on a busy machine.
// The peak comes from /proc (VmHWM): getrusage's maxrss starts a child at its
// parent's peak on Linux, so a large benchmark process would show through.
const { readFileSync, writeFileSync } = require('node:fs');

function peakKb() {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]);
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS;
}

process.on('exit', () => {
  const file = process.env.BENCH_MAX_RSS_FILE;
  if (!file) return;
  const { user, system } = process.cpuUsage();
  writeFileSync(file, `${peakKb()} ${user + system}`);
});
