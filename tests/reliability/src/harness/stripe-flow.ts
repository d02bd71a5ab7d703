import { createPlaidClient, type Logger, type PlaidClient } from '@achbridge/core';
import { emulatorSettings, type RunningEmulator } from '@achbridge/emulator';
import { createStripeAdapter, type StripeAdapter } from '@achbridge/stripe';
import { FAULT_MAX_RETRIES, FAULT_RETRY_DELAY_MS, FAULT_TIMEOUT_MS } from './client-settings.js';
import type { SecretVault } from './secret-vault.js';

/** The Plaid client and Stripe adapter one flow run uses. */
export interface StripeKit {
  plaid: PlaidClient;
  adapter: StripeAdapter;
}

/** What a Stripe flow starts from: a Link public token for a Sandbox Item's checking account and a customer email. */
export interface StripeFixture {
  publicToken: string;
  accessToken: string;
  accountId: string;
  itemId: string;
  email: string;
}

/** What a whole Stripe flow produced. */
export interface StripeFlowResult {
  bankAccountId: string;
  customerId: string;
  mandateId: string | null;
  paymentIntentId: string;
}

/** Options of `createStripeKit`. */
export interface StripeKitOptions {
  vault: SecretVault;
  logger: Logger;
  timeoutMs?: number;
  maxRetries?: number;
  /**
   * Sends Stripe calls through `vault.observe()` (the adapter's `stripe.fetch` setting), so the vault sees the
   * key in each request and every secret in each answer. Off, the adapter keeps stripe-node's default
   * transport (node:http), which the fault matrix exercises.
   */
  observeStripe?: boolean;
}

/** A Plaid client and a Stripe adapter pointed at the emulator with the fault suites' short timeout and small retry delays. */
export function createStripeKit(emulator: RunningEmulator, options: StripeKitOptions): StripeKit {
  const timeoutMs = options.timeoutMs ?? FAULT_TIMEOUT_MS;
  const maxRetries = options.maxRetries ?? FAULT_MAX_RETRIES;
  const plaid = createPlaidClient({
    ...emulatorSettings(emulator).plaid,
    timeoutMs,
    retry: { maxRetries, initialDelayMs: FAULT_RETRY_DELAY_MS.initial, maxDelayMs: FAULT_RETRY_DELAY_MS.max },
    fetch: options.vault.observe(),
    logger: options.logger,
  });
  const adapter = createStripeAdapter({
    plaid,
    stripe: {
      ...emulatorSettings(emulator).stripe,
      timeoutMs,
      ...(options.observeStripe ? { fetch: options.vault.observe() } : {}),
    },
    retry: { maxRetries, initialDelayMs: FAULT_RETRY_DELAY_MS.initial, maxDelayMs: FAULT_RETRY_DELAY_MS.max },
    logger: options.logger,
  });
  return { plaid, adapter };
}

/** A Plaid client for test setup only (never faulted: faults are registered after setup). */
export function createSetupPlaid(emulator: RunningEmulator, vault: SecretVault): PlaidClient {
  return createPlaidClient({
    ...emulatorSettings(emulator).plaid,
    fetch: vault.observe(),
  });
}

/** A fresh Sandbox Item (First Platypus Bank), its checking account and an unused public token for it, as Link's onSuccess gives. */
export async function prepareStripeFixture(
  emulator: RunningEmulator,
  setup: PlaidClient,
  email: string,
): Promise<StripeFixture> {
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

/** The whole Stripe flow: link (public token exchange included), mandate, then a $10.99 ACH debit with a fixed order key. */
export async function runStripeFlow(
  kit: StripeKit,
  fixture: StripeFixture,
  options: { signal?: AbortSignal; useAccessToken?: boolean } = {},
): Promise<StripeFlowResult> {
  const callOptions = { signal: options.signal };
  const linked = await kit.adapter.link(
    {
      ...(options.useAccessToken
        ? { accessToken: fixture.accessToken }
        : { publicToken: fixture.publicToken }),
      accountId: fixture.accountId,
      customer: { email: fixture.email },
    },
    callOptions,
  );
  const bank = { customerId: linked.customerId, bankAccountId: linked.bankAccount.id };
  const mandate = await kit.adapter.createMandate(
    {
      ...bank,
      acceptance: { type: 'online', ipAddress: '203.0.113.7', userAgent: 'reliability-suite' },
    },
    callOptions,
  );
  const payment = await kit.adapter.createAchPayment(
    {
      ...bank,
      amount: 1099,
      mandateId: mandate.mandateId,
      idempotencyKey: `order-${fixture.itemId}`,
    },
    callOptions,
  );
  return {
    bankAccountId: linked.bankAccount.id,
    customerId: linked.customerId,
    mandateId: mandate.mandateId,
    paymentIntentId: payment.paymentIntentId,
  };
}
