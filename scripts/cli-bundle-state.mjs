// Whether dist/cli.cjs still matches what it is built from. A bundle older than
// any of its inputs would hide source changes from everything that runs the
// installed command (tests, the benchmark), so those rebuild it first.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const BUNDLE = 'dist/cli.cjs';
/** An esbuild plugin's virtual module (`namespace:path`), which no file stands behind. */
export const VIRTUAL_INPUT = /^[a-z][\w-]+:/i;

/** The files esbuild read for the last bundle, written beside it by build-cli.mjs. */
export const BUNDLE_INPUTS = 'dist/cli.inputs.json';

/** The first input newer than the bundle (or the reason there is no usable bundle); undefined when it is up to date. */
export function staleCliBundle(root = process.cwd()) {
  const bundle = join(root, BUNDLE);
  const inputsFile = join(root, BUNDLE_INPUTS);
  if (!existsSync(bundle)) return `${BUNDLE} is missing`;
  if (!existsSync(inputsFile)) return `${BUNDLE_INPUTS} is missing`;
  const built = statSync(bundle).mtimeMs;
  const recorded = JSON.parse(readFileSync(inputsFile, 'utf8')).filter((input) => !VIRTUAL_INPUT.test(input));
  // Everything under main/ counts, recorded or not: a new file is a change too.
  // Installing packages rewrites node_modules/.package-lock.json (package files keep npm's fixed old dates).
  const installed = existsSync(join(root, 'node_modules/.package-lock.json')) ? ['node_modules/.package-lock.json'] : [];
  const inputs = new Set([...recorded, ...filesUnder(root, 'main'), 'scripts/build-cli.mjs', 'scripts/cli-bundle-plugins.mjs', 'scripts/cli-bundle-state.mjs', 'package.json', 'package-lock.json', ...installed]);
  for (const input of inputs) {
    const file = join(root, input);
    if (!existsSync(file)) return `${input} is gone`;
    if (statSync(file).mtimeMs > built) return `${input} is newer than ${BUNDLE}`;
  }
  return undefined;
}

function filesUnder(root, dir) {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name).slice(root.length + 1));
}
