/** Build the renderer page once per test run, with the app's own Vite settings, into test-output. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'vite';
import { rendererConfig } from '../../../electron.vite.config.js';

export const RENDERER_OUT = resolve(import.meta.dirname, '../../../test-output/e2e/renderer');

let building: Promise<string> | undefined;

export function buildRenderer(): Promise<string> {
  building ??= (async () => {
    await build({ ...rendererConfig(RENDERER_OUT), configFile: false, logLevel: 'warn' });
    if (!existsSync(resolve(RENDERER_OUT, 'index.html'))) throw new Error('renderer build produced no index.html');
    return RENDERER_OUT;
  })();
  return building;
}
