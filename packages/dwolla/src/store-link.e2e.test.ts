import { randomBytes } from 'node:crypto';
import { createPlaidClient, type PlaidClient } from '@achbridge/core';
import { emulatorSettings, type RunningEmulator, startEmulator } from '@achbridge/emulator';
import { createStore, type Store } from '@achbridge/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dwollaKit, sandboxAccount } from '../test/dwolla-e2e.test-helpers.js';
import type { DwollaAdapter } from './dwolla-adapter.js';

let emulator: RunningEmulator;
let store: Store;
let exchangeCalls = 0;

beforeAll(async () => {
  emulator = await startEmulator();
  store = createStore({
    database: { memory: true },
    encryptionKeys: [{ id: 'k1', key: randomBytes(32).toString('base64') }],
    pollMs: 5,
  });
  // The embedded Postgres (PGlite, WASM) takes seconds to start on a busy machine.
  await store.ready();
}, 180_000);
afterAll(async () => {
  await Promise.all([emulator.close(), store.close()]);
});

function plaidClient(): PlaidClient {
  const plaid = createPlaidClient(emulatorSettings(emulator).plaid);
  return {
    ...plaid,
    exchangePublicToken: (...args: Parameters<typeof plaid.exchangePublicToken>) => {
      exchangeCalls += 1;
      return plaid.exchangePublicToken(...args);
    },
  };
}

/** One app instance: its own clients and adapter, sharing the store (as separate processes would). */
function instance(): DwollaAdapter {
  return dwollaKit(emulator, { plaid: plaidClient(), dwolla: { maxRetries: 4 }, store }).adapter;
}

describe('Dwolla adapter with a store', () => {
  it('3 instances × 5 concurrent links with one public token: one exchange, one funding source', async () => {
    const plaid = createPlaidClient(emulatorSettings(emulator).plaid);
    const adapters = [instance(), instance(), instance()];
    const customer = await (adapters[0] as DwollaAdapter).createCustomer({
      firstName: 'Store',
      lastName: 'Test',
      email: 'store@example.com',
    });
    const { itemId, accountId } = await sandboxAccount(plaid);
    const { public_token: publicToken } = await emulator.control.plaid.createPublicToken(itemId);
    exchangeCalls = 0;

    const results = await Promise.all(
      adapters.flatMap((adapter) =>
        Array.from({ length: 5 }, () =>
          adapter.link({ publicToken, accountId, customer: customer.id, name: 'Checking' }),
        ),
      ),
    );
    expect(exchangeCalls).toBe(1);
    expect(new Set(results.map((result) => result.fundingSource.url)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(results.every((result) => result.accessToken.startsWith('access-sandbox-'))).toBe(true);
    expect(
      await (adapters[1] as DwollaAdapter).listFundingSources(customer.id, { removed: false }),
    ).toHaveLength(1);
  });
});
