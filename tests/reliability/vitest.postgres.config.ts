import { defineConfig } from 'vitest/config';

// The multi-process store tests: several node processes share one real PostgreSQL server. They need
// ACHBRIDGE_TEST_DATABASE_URL, so they run only under scripts/with-postgres.sh (the CI's PostgreSQL leg):
//   bash scripts/with-postgres.sh npx vitest run --config tests/reliability/vitest.postgres.config.ts
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  test: {
    name: 'reliability-postgres',
    include: ['src/**/*.pg.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 60_000,
    globalSetup: ['./vitest.global-setup.ts'],
  },
});
