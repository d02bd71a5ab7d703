import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'reliability',
    include: ['src/**/*.test.ts'],
    // The multi-process store tests need a PostgreSQL server: vitest.postgres.config.ts runs them in CI.
    exclude: ['src/**/*.pg.test.ts', '**/node_modules/**'],
    // Generous ceilings only; every test is built to finish in seconds (short timeouts, small retry delays).
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Fault-matrix cells each run on their own emulator and mostly wait on timeouts, so they overlap well.
    maxConcurrency: 16,
    globalSetup: ['./vitest.global-setup.ts'],
  },
});
