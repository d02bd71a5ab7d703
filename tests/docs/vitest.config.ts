import { defineConfig } from 'vitest/config';

/** Vitest settings for the documentation tests: README blocks compiled with tsc against the built packages. */
export default defineConfig({
  test: {
    name: 'docs',
    include: ['src/**/*.test.ts'],
    // Each compile test runs the TypeScript compiler once over a handful of README blocks.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    globalSetup: ['./vitest.global-setup.ts'],
  },
});
