'use strict';
// Preloaded (node -r) into the benchmark's cold processes: at exit, writes the
// process's peak resident set size in kilobytes to $BENCH_MAX_RSS_FILE.
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  const file = process.env.BENCH_MAX_RSS_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS));
});
