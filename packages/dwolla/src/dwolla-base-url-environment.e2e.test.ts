import { ConfigError } from '@achbridge/core';
import { type RunningEmulator, startEmulator } from '@achbridge/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createDwollaClient } from './dwolla-client.js';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
});

afterAll(async () => {
  await emulator.close();
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('DWOLLA_BASE_URL', () => {
  it('points a client built without options at the emulator (with DWOLLA_KEY / DWOLLA_SECRET)', async () => {
    vi.stubEnv('DWOLLA_BASE_URL', `${emulator.dwolla.baseUrl}/`);
    vi.stubEnv('DWOLLA_KEY', emulator.dwolla.key);
    vi.stubEnv('DWOLLA_SECRET', emulator.dwolla.secret);
    const dwolla = createDwollaClient();
    expect(dwolla.baseUrl).toBe(emulator.dwolla.baseUrl);
    const answer = await dwolla.get(
      '/customers',
      z.object({ _embedded: z.object({ customers: z.array(z.unknown()) }) }),
    );
    expect(answer.status).toBe(200);
  });

  it('loses to an explicit baseUrl, and is not read then', () => {
    vi.stubEnv('DWOLLA_BASE_URL', 'not a url');
    expect(createDwollaClient({ baseUrl: emulator.dwolla.baseUrl }).baseUrl).toBe(emulator.dwolla.baseUrl);
  });

  it("falls back to the environment's Dwolla host when unset", () => {
    vi.stubEnv('DWOLLA_BASE_URL', undefined);
    expect(createDwollaClient({ environment: 'sandbox' }).baseUrl).toBe('https://api-sandbox.dwolla.com');
  });

  it('refuses a value that is not an http(s) URL with a ConfigError naming the variable, not the value', () => {
    vi.stubEnv('DWOLLA_BASE_URL', 'api-sandbox.dwolla.com/with-secret-path');
    let caught: unknown;
    try {
      createDwollaClient();
    } catch (error) {
      caught = error;
    }
    expect(ConfigError.isInstance(caught)).toBe(true);
    expect(caught).toMatchObject({ code: 'INVALID_ENVIRONMENT_VARIABLE' });
    expect((caught as Error).message).toContain('DWOLLA_BASE_URL');
    expect((caught as Error).message).not.toContain('with-secret-path');
  });
});
