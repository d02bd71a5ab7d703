import { defineConfig } from 'vitest/config';

/** Browser tests (`npm run test:browser`): Debian's Chromium driven by playwright-core against the real server. */
export default defineConfig({
  test: {
    name: 'sample-browser',
    include: ['src/**/*.browser.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
