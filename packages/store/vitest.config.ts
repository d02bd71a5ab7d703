import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: '@achbridge/store',
    include: ['src/**/*.test.ts'],
    // Starting the embedded Postgres (PGlite, WASM) takes seconds on a busy machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
