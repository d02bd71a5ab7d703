import { defineProject } from 'vitest/config';

/** Vitest settings for the private specs workspace: the generated-files check and the validator's own tests. */
export default defineProject({
  test: {
    name: 'specs',
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
