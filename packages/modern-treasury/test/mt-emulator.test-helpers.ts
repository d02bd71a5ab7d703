import { createPlaidClient, type FetchFunction, type PlaidClient } from '@achbridge/core';
import { emulatorSettings, type RunningEmulator } from '@achbridge/emulator';
import {
  createModernTreasuryAdapter,
  type ModernTreasuryAdapter,
  type ModernTreasuryAdapterOptions,
} from '../src/mt-adapter.js';

/** A Plaid client, a Modern Treasury adapter and a request counter, all wired to a running emulator. */
export interface MtHarness {
  plaid: PlaidClient;
  adapter: ModernTreasuryAdapter;
  /** Requests sent so far (Plaid and Modern Treasury). */
  requests(): number;
}

/** Wires a fresh adapter to the emulator; `overrides` replace adapter options (e.g. a store or a live key). */
export function createMtHarness(
  emulator: RunningEmulator,
  overrides: Partial<Omit<ModernTreasuryAdapterOptions, 'plaid'>> & { plaid?: PlaidClient } = {},
): MtHarness {
  let requests = 0;
  const countingFetch: FetchFunction = (input, init) => {
    requests += 1;
    return fetch(input, init);
  };
  const plaid =
    overrides.plaid ??
    createPlaidClient({
      ...emulatorSettings(emulator).plaid,
      fetch: countingFetch,
    });
  const adapter = createModernTreasuryAdapter({
    plaid,
    retry: { maxRetries: 2, initialDelayMs: 5 },
    ...overrides,
    modernTreasury: {
      ...emulatorSettings(emulator).modernTreasury,
      fetch: countingFetch,
      ...overrides.modernTreasury,
    },
  });
  return { plaid, adapter, requests: () => requests };
}

/** A Sandbox Item at `institutionId` and its checking account. */
export async function linkedChecking(
  plaid: PlaidClient,
  institutionId = 'ins_109508',
): Promise<{ accessToken: string; itemId: string; accountId: string }> {
  const { publicToken } = await plaid.sandbox.createPublicToken({ institutionId, initialProducts: ['auth'] });
  const { accessToken, itemId } = await plaid.exchangePublicToken({ publicToken });
  const { accounts } = await plaid.getAccounts({ accessToken });
  const checking = accounts.find((account) => account.subtype === 'checking');
  if (!checking) throw new Error('the sandbox Item has no checking account');
  return { accessToken, itemId, accountId: checking.accountId };
}
