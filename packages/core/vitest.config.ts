import { defineProject } from 'vitest/config';

/** Vitest settings for @achbridge/core: co-located unit tests, offline, fast. */
export default defineProject({
  test: {
    name: 'core',
    include: ['src/**/*.test.ts'],
    environment: 'node',
    clearMocks: true,
    restoreMocks: true,
  },
});
