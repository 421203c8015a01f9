/**
 * Where the built-in resources live. The same code runs from source (tests),
 * from the bundled CLI (dist/) and from the packaged app (out/ inside the app
 * resources), so the root is found by walking up to our package.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | undefined;

export function resourceRoot(): string {
  if (cachedRoot) return cachedRoot;
  const fromEnv = process.env.BRIEF_STUDIO_ROOT;
  if (fromEnv) return (cachedRoot = resolve(fromEnv));
  const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  let dir = here;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && isOurPackage(manifest)) return (cachedRoot = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Brief Studio resources not found above ${here}`);
    dir = parent;
  }
}

function isOurPackage(file: string): boolean {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'brief-studio';
  } catch {
    return false;
  }
}

export const builtInSectionsDir = (): string => join(resourceRoot(), 'assets', 'sections');
export const builtInTemplatesDir = (): string => join(resourceRoot(), 'templates');
export const fontsDir = (): string => join(resourceRoot(), 'assets', 'fonts');
/** Shaping cache made at install time from the built-in sections (scripts/build-cli.mjs). */
export const shapingSeedDir = (): string => join(resourceRoot(), 'dist', 'shaping-seed');
/** Parsed YAML of the built-in templates and sections, made at install time (see yaml-seed.ts). */
export const yamlSeedFile = (): string => join(resourceRoot(), 'dist', 'yaml-seed.json');
/** Hyphenation points of the built-in sections' words, made at install time (see hyphenation.ts). */
export const hyphenationSeedFile = (): string => join(resourceRoot(), 'dist', 'hyphenation-seed.json');

/**
 * Where earlier versions of the command line kept a shaping cache (now only
 * cleaned up, see removeLegacyShapingCache): $BRIEF_STUDIO_CACHE_DIR, else
 * $XDG_CACHE_HOME/brief-studio, else ~/.cache/brief-studio.
 * `BRIEF_STUDIO_CACHE_DIR=off` also leaves out the install-time seed.
 */
export function userCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env.BRIEF_STUDIO_CACHE_DIR;
  if (explicit === 'off') return undefined;
  if (explicit) return resolve(explicit);
  const base = env.XDG_CACHE_HOME || (env.HOME ? join(env.HOME, '.cache') : env.LOCALAPPDATA);
  return base ? join(base, 'brief-studio') : undefined;
}
