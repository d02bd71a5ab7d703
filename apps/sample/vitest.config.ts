import { defineProject } from 'vitest/config';

/** Vitest settings for @achbridge/sample: route and flow tests against an in-process emulator; browser tests excluded. */
export default defineProject({
  test: {
    name: 'sample',
    include: ['src/**/*.test.ts'],
    exclude: ['src/**/*.browser.test.ts', 'node_modules/**', 'dist/**'],
    environment: 'node',
    clearMocks: true,
    restoreMocks: true,
  },
});
