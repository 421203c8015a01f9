import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Names the Debian packages to install when a program the tests drive is missing.
    // Then gives the run one temp folder of its own, removed at the end (temp-root.ts).
    globalSetup: ['test/system-tools.ts', 'test/temp-root.ts'],
    // Hang guards, not budgets: on two cores shared with other jobs a test may
    // take several times as long as alone, and must still pass.
    testTimeout: 180_000,
    hookTimeout: 600_000,
    // The same for expect.poll (whose default gives up after 1 s).
    expect: { poll: { timeout: 60_000 } },
    // PDF rendering and Chromium are CPU-heavy; two cores are shared.
    maxWorkers: 2,
  },
});
