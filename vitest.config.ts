import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PDF rendering and Chromium are CPU-heavy; two cores are shared.
    maxWorkers: 2,
  },
});
