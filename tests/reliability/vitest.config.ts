import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'reliability',
    include: ['src/**/*.test.ts'],
    // Generous ceilings only; every test is built to finish in seconds (short timeouts, small retry delays).
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Fault-matrix cells each run on their own emulator and mostly wait on timeouts, so they overlap well.
    maxConcurrency: 16,
    globalSetup: ['./vitest.global-setup.ts'],
  },
});
