import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

/** Vitest settings for @achbridge/core: co-located unit tests, offline, fast. */
export default defineProject({
  resolve: {
    // Tests run the source: `#platform` is Node's platform module (package.json `imports` names the built one).
    alias: { '#platform': fileURLToPath(new URL('./src/platform/node.ts', import.meta.url)) },
  },
  test: {
    name: 'core',
    include: ['src/**/*.test.ts'],
    environment: 'node',
    clearMocks: true,
    restoreMocks: true,
  },
});
