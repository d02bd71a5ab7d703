import { ConfigError, NetworkError } from '@achbridge/core';
import { emulatorSettings, type RunningEmulator, startEmulator } from '@achbridge/emulator';
import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  EMULATOR_API_VERSION,
  emulatorAdapter,
  emulatorPlaid,
  emulatorStripe,
  sandboxAccount,
  stripeCounts,
} from '../test/emulator-harness.test-helpers.js';
import { createStripeAdapter } from './index.js';
import { StripeApiError } from './stripe-errors.js';

const FOUR_BUSINESS_DAYS_MS = 4 * 24 * 60 * 60 * 1000;
const acceptance = { type: 'online' as const, ipAddress: '203.0.113.7', userAgent: 'Mozilla/5.0 (e2e)' };

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  await emulator.control.reset();
});

describe('Stripe adapter against the emulator', () => {
  it('sandbox public token -> link -> mandate -> ACH payment -> settles to succeeded', async () => {
    const plaid = emulatorPlaid(emulator);
    const adapter = emulatorAdapter(emulator, { plaid });
    const { publicToken, accountId, itemId } = await sandboxAccount(emulator, plaid);

    const linked = await adapter.link({
      publicToken,
      accountId,
      customer: { email: 'ada@example.com', name: 'Ada Lovelace' },
    });
    expect(linked).toMatchObject({ processor: 'stripe', itemId, accountId, created: true });
    expect(linked.customerId).toMatch(/^cus_/);
    expect(linked.bankAccount).toMatchObject({
      last4: '6789',
      routingNumber: '110000000',
      status: 'verified',
    });
    expect(linked.accessToken).toMatch(/^access-sandbox-/);

    const mandate = await adapter.createMandate({
      customerId: linked.customerId,
      bankAccountId: linked.bankAccount.id,
      acceptance,
    });
    expect(mandate.status).toBe('succeeded');
    expect(mandate.mandateId).toMatch(/^mandate_/);

    const payment = await adapter.createAchPayment({
      customerId: linked.customerId,
      bankAccountId: linked.bankAccount.id,
      amount: 1099,
      mandateId: mandate.mandateId,
      idempotencyKey: 'order-1001',
    });
    expect(payment).toMatchObject({ status: 'processing', amount: 1099, currency: 'usd' });

    await emulator.control.advanceClock(FOUR_BUSINESS_DAYS_MS + 1000);
    expect(await adapter.getPayment(payment.paymentIntentId)).toMatchObject({
      status: 'succeeded',
      lastPaymentError: null,
    });
    expect(await stripeCounts(emulator)).toMatchObject({
      customers: 1,
      bankAccounts: 1,
      mandates: 1,
      paymentIntents: 1,
    });
  });

  it('linking twice leaves one customer and one bank account', async () => {
    const plaid = emulatorPlaid(emulator);
    const adapter = emulatorAdapter(emulator, { plaid });
    const { publicToken, accessToken, accountId } = await sandboxAccount(emulator, plaid);
    const customer = { email: 'grace@example.com' };

    const first = await adapter.link({ publicToken, accountId, customer });
    const second = await adapter.link({ accessToken, accountId, customer });
    const third = await adapter.link({ publicToken, accountId, customer });

    expect(first.created).toBe(true);
    expect(second).toMatchObject({
      created: false,
      customerId: first.customerId,
      bankAccount: first.bankAccount,
    });
    expect(third).toMatchObject({ created: false, bankAccount: { id: first.bankAccount.id } });
    expect(await stripeCounts(emulator)).toMatchObject({ customers: 1, bankAccounts: 1 });
  });

  it('a lost response on the attach is retried with the same key: one bank account', async () => {
    const plaid = emulatorPlaid(emulator);
    const adapter = emulatorAdapter(emulator, { plaid });
    const { publicToken, accountId } = await sandboxAccount(emulator, plaid);
    await emulator.control.addFault({
      method: 'POST',
      path: '/v1/customers/*/sources',
      kind: 'lost_response',
    });

    const linked = await adapter.link({ publicToken, accountId, customer: { email: 'ada@example.com' } });

    expect(linked.created).toBe(true);
    // The one-shot fault was consumed: the first attach's answer was lost and the retry got the replay.
    expect(await emulator.control.faults()).toEqual([]);
    expect(await stripeCounts(emulator)).toMatchObject({ bankAccounts: 1 });
  });

  it('after a lost attach response that exhausted the retries, the re-run returns the same bank account', async () => {
    const plaid = emulatorPlaid(emulator);
    const noRetries = emulatorAdapter(emulator, { plaid, maxRetries: 0 });
    const { publicToken, accountId } = await sandboxAccount(emulator, plaid);
    // Two lost answers: stripe-node re-sends a closed connection once by itself (same key), then gives up.
    await emulator.control.addFault({
      method: 'POST',
      path: '/v1/customers/*/sources',
      kind: 'lost_response',
      times: 2,
    });
    const customer = { email: 'ada@example.com' };

    const failure = await noRetries
      .link({ publicToken, accountId, customer })
      .catch((error: unknown) => error);
    expect(NetworkError.isInstance(failure)).toBe(true);
    expect(await stripeCounts(emulator)).toMatchObject({ bankAccounts: 1 });

    // Same adapter (the public token's exchange is remembered) and a brand-new one (a restarted process
    // that kept the access token): both find the attached account instead of adding another.
    const rerun = await noRetries.link({ publicToken, accountId, customer });
    expect(rerun.created).toBe(false);
    const state = await emulator.control.state();
    const bankAccounts = state.stripe['bankAccounts'] as { id: string }[];
    expect(bankAccounts.map((account) => account.id)).toEqual([rerun.bankAccount.id]);
    expect(await stripeCounts(emulator)).toMatchObject({ customers: 1, bankAccounts: 1 });
  });

  it('createMandate is idempotent per customer and bank account', async () => {
    const plaid = emulatorPlaid(emulator);
    const adapter = emulatorAdapter(emulator, { plaid });
    const { accessToken, accountId } = await sandboxAccount(emulator, plaid);
    const linked = await adapter.link({ accessToken, accountId, customer: { email: 'ada@example.com' } });
    const target = { customerId: linked.customerId, bankAccountId: linked.bankAccount.id };

    const first = await adapter.createMandate({ ...target, acceptance });
    const again = await adapter.createMandate({ ...target, acceptance });

    expect(again).toEqual(first);
    // (A repeat with other acceptance details falls back to listing SetupIntents, which the emulator does
    // not serve; that path is covered by the nock tests in create-mandate.test.ts.)
    expect(await stripeCounts(emulator)).toMatchObject({ setupIntents: 1, mandates: 1 });
  });

  it('a payment re-sent with the same idempotency key debits once', async () => {
    const plaid = emulatorPlaid(emulator);
    const adapter = emulatorAdapter(emulator, { plaid });
    const { accessToken, accountId } = await sandboxAccount(emulator, plaid);
    const linked = await adapter.link({ accessToken, accountId, customer: { email: 'ada@example.com' } });
    const { mandateId } = await adapter.createMandate({
      customerId: linked.customerId,
      bankAccountId: linked.bankAccount.id,
      acceptance,
    });
    const payment = {
      customerId: linked.customerId,
      bankAccountId: linked.bankAccount.id,
      amount: 2500,
      mandateId,
      idempotencyKey: 'invoice-77',
    };
    await emulator.control.addFault({ method: 'POST', path: '/v1/payment_intents', kind: 'lost_response' });
    const first = await adapter.createAchPayment(payment);
    expect(await emulator.control.faults()).toEqual([]);
    const second = await adapter.createAchPayment(payment);
    expect(second.paymentIntentId).toBe(first.paymentIntentId);
    expect(await stripeCounts(emulator)).toMatchObject({ paymentIntents: 1 });
  });

  it('refuses the live key with Plaid Sandbox before any request', async () => {
    expect(() =>
      createStripeAdapter({
        plaid: emulatorPlaid(emulator),
        stripe: { ...emulatorSettings(emulator).stripe, secretKey: emulator.stripe.liveSecretKey },
      }),
    ).toThrow(ConfigError);
  });

  /** A Stripe instance whose key achbridge cannot see (a custom authenticator) sending the live key. */
  function opaqueLiveStripe(): Stripe {
    const liveKey = emulator.stripe.liveSecretKey;
    return new Stripe(null as unknown as string, {
      host: emulator.stripe.host,
      port: emulator.stripe.port,
      protocol: emulator.stripe.protocol,
      apiVersion: EMULATOR_API_VERSION as Stripe.LatestApiVersion,
      authenticator: async (request) => {
        request.headers['Authorization'] = `Bearer ${liveKey}`;
      },
    });
  }

  it("catches a wrong mode declared next to a Stripe instance at Stripe's first answer, before any attach", async () => {
    const plaid = emulatorPlaid(emulator);
    const adapter = createStripeAdapter({
      plaid,
      stripe: opaqueLiveStripe(),
      mode: 'test',
      apiVersion: EMULATOR_API_VERSION,
      retry: { maxRetries: 0 },
    });
    const { accessToken, accountId } = await sandboxAccount(emulator, plaid);

    const error = await adapter
      .link({ accessToken, accountId, customer: { email: 'ada@example.com' } })
      .catch((caught: unknown) => caught);

    expect(ConfigError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'STRIPE_MODE_MISMATCH' });
    expect(JSON.stringify(error)).not.toContain(emulator.stripe.liveSecretKey);
    expect((await stripeCounts(emulator))['bankAccounts'] ?? 0).toBe(0);
  });

  it('explains Stripe\'s "No such token" when a Sandbox btok reaches live mode anyway', async () => {
    // A wrong `mode` and an existing live customer: no answer before the attach shows the mode, Stripe answers.
    const liveKey = emulator.stripe.liveSecretKey;
    const liveCustomer = await emulatorStripe(emulator, liveKey).customers.create({
      email: 'ada@example.com',
    });
    const plaid = emulatorPlaid(emulator);
    const adapter = createStripeAdapter({
      plaid,
      stripe: opaqueLiveStripe(),
      mode: 'test',
      apiVersion: EMULATOR_API_VERSION,
      retry: { maxRetries: 0 },
    });
    const { accessToken, accountId } = await sandboxAccount(emulator, plaid);

    const error = await adapter
      .link({ accessToken, accountId, customer: { id: liveCustomer.id } })
      .catch((caught: unknown) => caught);

    expect(StripeApiError.isInstance(error)).toBe(true);
    const stripeError = error as StripeApiError;
    expect(stripeError.code).toBe('resource_missing');
    expect(stripeError.message).toContain('test mode bank account token is used in a live Stripe API call');
    expect(stripeError.message).not.toMatch(/btok_[A-Za-z0-9]{6,}/);
    expect(JSON.stringify(stripeError)).not.toContain(liveKey);
  });
});
