import { afterEach, vi } from 'vitest';

/** Restores every environment variable a test stubbed with `vi.stubEnv` after each test of the calling file. */
export function restoreStubbedEnvironmentAfterEach(): void {
  afterEach(() => {
    vi.unstubAllEnvs();
  });
}

/** What `run` threw (undefined when it returned), for assertions on a synchronous typed error. */
export function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
