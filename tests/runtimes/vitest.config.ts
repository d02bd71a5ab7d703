import { defineProject } from 'vitest/config';

/** Vitest settings for the runtime matrix: workerd, Deno and Bun run the flows against the emulator. */
export default defineProject({
  test: {
    name: 'runtimes',
    include: ['src/**/*.test.ts'],
    // Each test starts a runtime process (cold start included) and runs several flows through it.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
