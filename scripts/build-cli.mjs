// Bundles the command line into one CommonJS file (dist/cli.cjs): one file
// loads much faster than hundreds of modules, and V8 can cache its compiled
// code (see bin/brief-studio.cjs).
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';

await rm('dist', { recursive: true, force: true });
await build({
  entryPoints: ['main/cli-main.ts'],
  outfile: 'dist/cli.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
  // pdfkit's ESM build reads import.meta.url; the CJS output has __filename.
  define: { 'import.meta.url': '__import_meta_url' },
  banner: { js: 'const __import_meta_url = require("url").pathToFileURL(__filename).href;' },
});
