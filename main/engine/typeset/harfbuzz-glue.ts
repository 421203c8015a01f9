/**
 * HarfBuzz's Emscripten module factory (harfbuzzjs/dist/harfbuzz.js), an ES
 * module without top-level await that the package does not export on its
 * own: read from the package's folder at run time. (The package's own entry
 * awaits at top level, which a CommonJS bundle cannot load.) The command-line
 * bundle puts the file itself in the bundle instead (scripts/cli-bundle-plugins.mjs),
 * so it is compiled with the rest and no ES-module loader starts.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';

export type HarfBuzzFactory = (options: { locateFile(name: string): string }) => Promise<unknown>;

export function harfBuzzFactory(packageDir: string): HarfBuzzFactory {
  const require = createRequire(import.meta.url);
  return (require(join(packageDir, 'harfbuzz.js')) as { default: HarfBuzzFactory }).default;
}
