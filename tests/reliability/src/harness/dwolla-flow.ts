import { createPlaidClient, type Logger, type PlaidClient } from '@achbridge/core';
import { createDwollaAdapter, createDwollaClient, type DwollaAdapter } from '@achbridge/dwolla';
import { emulatorSettings, type RunningEmulator } from '@achbridge/emulator';
import {
  FAULT_MAX_RETRIES,
  FAULT_RETRY_AFTER_SECONDS,
  FAULT_RETRY_DELAY_MS,
  FAULT_TIMEOUT_MS,
} from './client-settings.js';
import type { SecretVault } from './secret-vault.js';

/** The Plaid client and Dwolla adapter one flow run uses. */
export interface DwollaKit {
  plaid: PlaidClient;
  adapter: DwollaAdapter;
}

/** What a Dwolla flow starts from: a Link public token for a Sandbox Item's checking account and a customer email. */
export interface DwollaFixture {
  publicToken: string;
  accessToken: string;
  accountId: string;
  itemId: string;
  email: string;
}

/** What a whole Dwolla flow produced. */
export interface DwollaFlowResult {
  customerId: string;
  fundingSourceId: string;
  created: boolean;
}

/** Options of `createDwollaKit`. */
export interface DwollaKitOptions {
  vault: SecretVault;
  logger: Logger;
  timeoutMs?: number;
  maxRetries?: number;
}

/** A Plaid client and a Dwolla adapter pointed at the emulator with the fault suites' short timeout and small retry delays. */
export function createDwollaKit(emulator: RunningEmulator, options: DwollaKitOptions): DwollaKit {
  const timeoutMs = options.timeoutMs ?? FAULT_TIMEOUT_MS;
  const maxRetries = options.maxRetries ?? FAULT_MAX_RETRIES;
  const plaid = createPlaidClient({
    ...emulatorSettings(emulator).plaid,
    timeoutMs,
    retry: { maxRetries, initialDelayMs: FAULT_RETRY_DELAY_MS.initial, maxDelayMs: FAULT_RETRY_DELAY_MS.max },
    fetch: options.vault.observe(),
    logger: options.logger,
  });
  const dwolla = createDwollaClient({
    ...emulatorSettings(emulator).dwolla,
    timeoutMs,
    retry: { maxRetries, initialDelayMs: FAULT_RETRY_DELAY_MS.initial },
    maxRetryAfterMs: FAULT_RETRY_AFTER_SECONDS * 1000,
    fetch: options.vault.observe(),
    logger: options.logger,
  });
  return { plaid, adapter: createDwollaAdapter({ plaid, dwolla }) };
}

/** A fresh Sandbox Item (First Platypus Bank), its checking account and an unused public token for it. */
export async function prepareDwollaFixture(
  emulator: RunningEmulator,
  setup: PlaidClient,
  email: string,
): Promise<DwollaFixture> {
  const { publicToken: first } = await setup.sandbox.createPublicToken({
    institutionId: 'ins_109508',
    initialProducts: ['auth'],
  });
  const { accessToken, itemId } = await setup.exchangePublicToken({ publicToken: first });
  const { accounts } = await setup.getAccounts({ accessToken });
  const checking = accounts.find((account) => account.subtype === 'checking');
  if (!checking) throw new Error('the Sandbox Item has no checking account');
  const { public_token: publicToken } = await emulator.control.plaid.createPublicToken(itemId);
  return { publicToken, accessToken, accountId: checking.accountId, itemId, email };
}

/** The whole Dwolla flow: create (or find) the customer, then link (public token exchange included). */
export async function runDwollaFlow(
  kit: DwollaKit,
  fixture: DwollaFixture,
  options: { signal?: AbortSignal; useAccessToken?: boolean } = {},
): Promise<DwollaFlowResult> {
  const callOptions = options.signal ? { signal: options.signal } : {};
  const customer = await kit.adapter.createCustomer(
    { firstName: 'Rel', lastName: 'Iability', email: fixture.email },
    callOptions,
  );
  const linked = await kit.adapter.link(
    {
      ...(options.useAccessToken
        ? { accessToken: fixture.accessToken }
        : { publicToken: fixture.publicToken }),
      accountId: fixture.accountId,
      customer: customer.id,
      name: 'Reliability checking',
    },
    callOptions,
  );
  return { customerId: customer.id, fundingSourceId: linked.fundingSource.id, created: linked.created };
}
