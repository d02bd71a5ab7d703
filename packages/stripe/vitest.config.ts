import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // The quickstart example imports the package by name, like a user would; test it against the source.
    alias: {
      '@achbridge/stripe': fileURLToPath(new URL('./src/index.ts', import.meta.url)),
      // `#platform` is Node's platform module in tests (package.json `imports` names the built one).
      '#stripe-platform': fileURLToPath(new URL('./src/platform/node.ts', import.meta.url)),
    },
  },
  test: {
    name: 'stripe',
    include: ['src/**/*.test.ts', 'examples/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
