/**
 * Build the renderer page once per test process, with the app's own Vite
 * settings, into test-output. Each process has a folder of its own: e2e files
 * run in parallel workers, and a build empties its folder first, which would
 * pull the page's files from under another file's browser.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'vite';
import { rendererConfig } from '../../../electron.vite.config.js';

const E2E_OUT = resolve(import.meta.dirname, '../../../test-output/e2e');
export const RENDERER_OUT = resolve(E2E_OUT, `renderer-${process.pid}`);

let building: Promise<string> | undefined;

export function buildRenderer(): Promise<string> {
  building ??= (async () => {
    removeBuildsOfExitedProcesses();
    await build({ ...rendererConfig(RENDERER_OUT), configFile: false, logLevel: 'warn' });
    if (!existsSync(resolve(RENDERER_OUT, 'index.html'))) throw new Error('renderer build produced no index.html');
    return RENDERER_OUT;
  })();
  return building;
}

/** Builds left by earlier test processes (the folder name carries the process id). */
function removeBuildsOfExitedProcesses(): void {
  if (!existsSync(E2E_OUT)) return;
  for (const name of readdirSync(E2E_OUT)) {
    const pid = /^renderer-(\d+)$/.exec(name)?.[1];
    if (pid && Number(pid) !== process.pid && !isRunning(Number(pid))) rmSync(resolve(E2E_OUT, name), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
