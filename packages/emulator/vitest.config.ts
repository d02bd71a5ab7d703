import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: '@achbridge/emulator',
    include: ['src/**/*.test.ts'],
  },
});
