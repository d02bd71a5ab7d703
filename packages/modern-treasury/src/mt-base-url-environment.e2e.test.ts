import { ConfigError, createPlaidClient } from '@achbridge/core';
import { emulatorSettings, type RunningEmulator, startEmulator } from '@achbridge/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createModernTreasuryAdapter } from './mt-adapter.js';

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

function plaidClient() {
  return createPlaidClient(emulatorSettings(emulator).plaid);
}

describe('MODERN_TREASURY_BASE_URL', () => {
  it('points an adapter built without baseUrl at the emulator', async () => {
    vi.stubEnv('MODERN_TREASURY_BASE_URL', `${emulator.modernTreasury.baseUrl}/`);
    const { organizationId, apiKey } = emulator.modernTreasury;
    const adapter = createModernTreasuryAdapter({
      plaid: plaidClient(),
      modernTreasury: { organizationId, apiKey },
    });
    const counterparty = await adapter.createCounterparty({ name: 'Env Var Customer' });
    const state = await emulator.control.state();
    expect(JSON.stringify(state.providers['modern_treasury'] ?? state.providers)).toContain(counterparty.id);
  });

  it('loses to an explicit baseUrl, and is not read then', () => {
    vi.stubEnv('MODERN_TREASURY_BASE_URL', 'not a url');
    expect(() =>
      createModernTreasuryAdapter({
        plaid: plaidClient(),
        modernTreasury: { ...emulatorSettings(emulator).modernTreasury },
      }),
    ).not.toThrow();
  });

  it('refuses a value that is not an http(s) URL with a ConfigError naming the variable, not the value', () => {
    vi.stubEnv('MODERN_TREASURY_BASE_URL', 'app.moderntreasury.com/with-secret-path');
    let caught: unknown;
    try {
      createModernTreasuryAdapter({
        plaid: plaidClient(),
        modernTreasury: { organizationId: 'org', apiKey: 'key' },
      });
    } catch (error) {
      caught = error;
    }
    expect(ConfigError.isInstance(caught)).toBe(true);
    expect(caught).toMatchObject({ code: 'INVALID_ENVIRONMENT_VARIABLE' });
    expect((caught as Error).message).toContain('MODERN_TREASURY_BASE_URL');
    expect((caught as Error).message).not.toContain('with-secret-path');
  });
});
