// Bundles the command line into one CommonJS file (dist/cli.cjs): one file
// loads much faster than hundreds of modules, and V8 can cache its compiled
// code (see bin/brief-studio.cjs). With --if-stale it does nothing when the
// bundle is newer than everything it is built from (see cli-bundle-state.mjs).
import { build } from 'esbuild';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { BUNDLE_INPUTS, staleCliBundle, VIRTUAL_INPUT } from './cli-bundle-state.mjs';
import { brotliOnDemand, lazyBuiltins, lazyHyphenPatterns, lazyModules, lazyUnicodeTries, patternsAsJson } from './cli-bundle-plugins.mjs';

if (process.argv.includes('--if-stale') && !staleCliBundle()) process.exit(0);

await rm('dist', { recursive: true, force: true });
const { metafile } = await build({
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
  metafile: true,
  // No comments, shorter syntax: less to read and compile on every start, and
  // an all-ASCII file, which V8 holds at one byte per character.
  minifyWhitespace: true,
  minifySyntax: true,
  plugins: [lazyUnicodeTries, brotliOnDemand, lazyHyphenPatterns, lazyModules, lazyBuiltins, patternsAsJson],
});

// esbuild leaves a few regular expressions with non-ASCII characters; one such
// character makes V8 hold the whole ~2.6 MB source at two bytes per character.
// A \uXXXX escape means the same in strings, regular expressions and names.
const bundleText = await readFile('dist/cli.cjs', 'utf8');
const asciiText = bundleText.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
if (asciiText !== bundleText) await writeFile('dist/cli.cjs', asciiText);

// PDFKit reads its sRGB profile (PDF/A output intent) from data/ beside its
// code, which in the bundle is dist/.
await mkdir('dist/data', { recursive: true });
await copyFile('node_modules/pdfkit/js/data/sRGB_IEC61966_2_1.icc', 'dist/data/sRGB_IEC61966_2_1.icc');

// Shape the built-in content once, at install time, so that every build finds
// its words pre-shaped (its built-in YAML parsed: see yaml-seed.ts; its words hyphenated: see hyphenation.ts). Only built-in sections and templates go in: builds
// never write shaping of a user's text anywhere (see shaping-disk-cache.ts).
const { spawnSync } = await import('node:child_process');
const { mkdtempSync, rmSync } = await import('node:fs');
const { tmpdir } = await import('node:os');
const { join } = await import('node:path');
// The seeding builds write their PDFs here; the folder goes when they are done, failed or not.
const scratch = mkdtempSync(join(tmpdir(), 'brief-seed-'));
try {
  const allSections = 'alliance-overview,security-environment,space-agreement,counterstrike-capability,force-posture,defense-industrial-cooperation';
  for (const template of ['memo', 'one-pager', 'handout']) {
    for (const sections of [allSections, 'space-agreement,counterstrike-capability,force-posture']) {
      const result = spawnSync(process.execPath, ['bin/brief-studio.cjs', 'build', '-q', '--template', template, '--sections', sections, '-o', join(scratch, 'seed.pdf')], {
        env: { ...process.env, BRIEF_STUDIO_WRITE_SHAPING_SEED: 'dist/shaping-seed', BRIEF_STUDIO_WRITE_YAML_SEED: 'dist/yaml-seed.json', BRIEF_STUDIO_WRITE_HYPHENATION_SEED: 'dist/hyphenation-seed.json' },
        encoding: 'utf8',
      });
      if (result.status !== 0) throw new Error(`seeding the shaping cache failed: ${result.stderr}`);
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

// Last, so that a build that failed part-way counts as stale.
// Plugins' virtual modules ("brotli-on-demand:…") are no files: only files can be newer than the bundle.
await writeFile(BUNDLE_INPUTS, JSON.stringify(Object.keys(metafile.inputs).filter((input) => !VIRTUAL_INPUT.test(input)), null, 1));
