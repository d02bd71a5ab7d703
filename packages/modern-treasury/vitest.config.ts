import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // The README quickstart imports the package by name, like a user would; run it against the source.
    alias: { '@achbridge/modern-treasury': fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
  },
  test: {
    name: '@achbridge/modern-treasury',
    include: ['src/**/*.test.ts', 'examples/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
