import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Names the Debian packages to install when a program the tests drive is missing.
    globalSetup: ['test/system-tools.ts'],
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
