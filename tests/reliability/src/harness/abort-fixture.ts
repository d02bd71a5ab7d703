import { createPlaidClient, type PlaidClient } from '@achbridge/core';
import {
  createDwollaAdapter,
  createDwollaClient,
  type DwollaAdapter,
  type DwollaClient,
} from '@achbridge/dwolla';
import { emulatorSettings, type RunningEmulator } from '@achbridge/emulator';
import { createStripeAdapter, type StripeAdapter } from '@achbridge/stripe';

/** Retry-After of the abort suite's 503 faults: long enough that an un-aborted retry loop would blow the test timeout. */
export const ABORT_RETRY_AFTER_SECONDS = 60;

/** Clients with a big retry budget (every 503 would be retried after Retry-After) and the objects the calls need. */
export interface AbortFixture {
  plaid: PlaidClient;
  stripe: StripeAdapter;
  dwollaClient: DwollaClient;
  /** A new Dwolla client with the same settings (no cached bearer token yet). */
  freshDwollaClient: () => DwollaClient;
  dwolla: DwollaAdapter;
  /** A linked Item's access token, its checking account and an unused public token for it. */
  accessToken: string;
  accountId: string;
  publicToken: string;
  /** Stripe objects from a completed flow. */
  stripeCustomerId: string;
  bankAccountId: string;
  mandateId: string | null;
  paymentIntentId: string;
  /** Dwolla objects from a completed link, and an unused processor token. */
  dwollaCustomerId: string;
  fundingSourceId: string;
  processorToken: string;
}

/** Builds the clients (5 retries, long Retry-After honoured) and runs both flows once to create the objects. */
export async function createAbortFixture(emulator: RunningEmulator): Promise<AbortFixture> {
  const retry = { maxRetries: 5, initialDelayMs: 30_000, maxDelayMs: 30_000 };
  const plaid = createPlaidClient({ ...emulatorSettings(emulator).plaid, retry });
  const stripe = createStripeAdapter({
    plaid,
    stripe: emulatorSettings(emulator).stripe,
    retry,
  });
  const freshDwollaClient = (): DwollaClient =>
    createDwollaClient({
      ...emulatorSettings(emulator).dwolla,
      retry: { maxRetries: 5, initialDelayMs: 30_000 },
    });
  const dwollaClient = freshDwollaClient();
  const dwolla = createDwollaAdapter({ plaid, dwolla: dwollaClient });

  const { publicToken: first } = await plaid.sandbox.createPublicToken({
    institutionId: 'ins_109508',
    initialProducts: ['auth'],
  });
  const { accessToken, itemId } = await plaid.exchangePublicToken({ publicToken: first });
  const { accounts } = await plaid.getAccounts({ accessToken });
  const accountId = accounts.find((account) => account.subtype === 'checking')?.accountId ?? '';
  const { public_token: publicToken } = await emulator.control.plaid.createPublicToken(itemId);

  const linked = await stripe.link({ accessToken, accountId, customer: { email: 'abort@example.com' } });
  const bank = { customerId: linked.customerId, bankAccountId: linked.bankAccount.id };
  const mandate = await stripe.createMandate({ ...bank, acceptance: { type: 'offline' } });
  const payment = await stripe.createAchPayment({
    ...bank,
    amount: 500,
    mandateId: mandate.mandateId,
    idempotencyKey: 'abort-fixture-order',
  });

  const customer = await dwolla.createCustomer({
    firstName: 'Abort',
    lastName: 'Suite',
    email: 'abort@example.com',
  });
  const dwollaLinked = await dwolla.link({
    accessToken,
    accountId,
    customer: customer.id,
    name: 'Abort checking',
  });
  const { processorToken } = await dwolla.createProcessorToken({ accessToken, accountId });

  return {
    plaid,
    stripe,
    dwollaClient,
    freshDwollaClient,
    dwolla,
    accessToken,
    accountId,
    publicToken,
    stripeCustomerId: linked.customerId,
    bankAccountId: linked.bankAccount.id,
    mandateId: mandate.mandateId,
    paymentIntentId: payment.paymentIntentId,
    dwollaCustomerId: customer.id,
    fundingSourceId: dwollaLinked.fundingSource.id,
    processorToken,
  };
}
