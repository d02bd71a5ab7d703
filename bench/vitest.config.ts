import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: '@achbridge/bench',
    include: ['src/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
