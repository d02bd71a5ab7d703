import type { AdapterStore, PlaidClient } from '@achbridge/core';
import { createPlaidClient } from '@achbridge/core';
import { emulatorSettings, type RunningEmulator } from '@achbridge/emulator';
import { createDwollaAdapter, type DwollaAdapter } from '../src/dwolla-adapter.js';
import { createDwollaClient, type DwollaClient } from '../src/dwolla-client.js';
import type { DwollaClientSettings } from '../src/dwolla-client-settings.js';

/** The Plaid client, Dwolla client and Dwolla adapter of one end-to-end test, wired to a running emulator. */
export interface DwollaKit {
  plaid: PlaidClient;
  dwolla: DwollaClient;
  adapter: DwollaAdapter;
}

/**
 * Wires Plaid, Dwolla and the adapter to `emulator` in one call; `dwolla` adds or overrides Dwolla client
 * settings (retries, a recording `fetch`), `store` makes the adapter record its links there.
 */
export function dwollaKit(
  emulator: RunningEmulator,
  options: { dwolla?: DwollaClientSettings; plaid?: PlaidClient; store?: AdapterStore } = {},
): DwollaKit {
  const plaid = options.plaid ?? createPlaidClient(emulatorSettings(emulator).plaid);
  const dwolla = createDwollaClient({ ...emulatorSettings(emulator).dwolla, ...options.dwolla });
  const adapter = createDwollaAdapter({
    plaid,
    dwolla,
    ...(options.store === undefined ? {} : { store: options.store }),
  });
  return { plaid, dwolla, adapter };
}

/**
 * A fresh Sandbox Item on the emulated Plaid (`/sandbox/public_token/create`, then the exchange) and its
 * first account of `subtype` (default `checking`; throws when the institution has none).
 */
export async function sandboxAccount(
  plaid: PlaidClient,
  options: { institutionId?: string; subtype?: string } = {},
): Promise<{ accessToken: string; itemId: string; accountId: string }> {
  const { publicToken } = await plaid.sandbox.createPublicToken({
    institutionId: options.institutionId ?? 'ins_109508',
    initialProducts: ['auth'],
  });
  const { accessToken, itemId } = await plaid.exchangePublicToken({ publicToken });
  const { accounts } = await plaid.getAccounts({ accessToken });
  const subtype = options.subtype ?? 'checking';
  const account = accounts.find((candidate) => candidate.subtype === subtype);
  if (account === undefined) throw new Error(`the sandbox Item has no ${subtype} account`);
  return { accessToken, itemId, accountId: account.accountId };
}
