/**
 * One build for the three parts of the app: the main process (with its render
 * worker as a second entry), the preload bridge and the renderer page.
 * `npm run build` runs it; `npm start` runs its dev server with Electron.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { UserConfig } from 'vite';

const root = import.meta.dirname;

/** The renderer on its own, also used by the browser end-to-end test to build the page without Electron. */
export function rendererConfig(outDir = resolve(root, 'out/renderer')): UserConfig {
  return {
    root: resolve(root, 'renderer'),
    base: './',
    // Assets the page imports (fonts, the pdf.js worker) are files next to it, allowed by its CSP.
    build: {
      outDir,
      emptyOutDir: true,
      target: 'chrome130',
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
      reportCompressedSize: false,
      rolldownOptions: { input: resolve(root, 'renderer/index.html') },
    },
    server: { fs: { allow: [root] } },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      rolldownOptions: {
        input: {
          index: resolve(root, 'main/app/index.ts'),
          'render-worker': resolve(root, 'main/app/render-worker.ts'),
        },
        output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      rolldownOptions: {
        input: { index: resolve(root, 'main/preload.ts') },
        // A sandboxed preload runs as a classic script: CommonJS, everything bundled in.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
      externalizeDeps: false,
    },
  },
  renderer: rendererConfig(),
});
