import { randomBytes } from 'node:crypto';
import { InputValidationError } from '@achbridge/core';
import { emulatorSettings, type RunningEmulator, startEmulator } from '@achbridge/emulator';
import { createStore, type Store } from '@achbridge/store';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  emulatorAdapter,
  emulatorPlaid,
  sandboxAccount,
  stripeCounts,
} from '../test/emulator-harness.test-helpers.js';
import { createStripeAdapter, type StripeAdapter } from './index.js';

const acceptance = { type: 'online' as const, ipAddress: '203.0.113.7', userAgent: 'Mozilla/5.0 (e2e)' };
const HOUR_MS = 60 * 60 * 1000;

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
beforeEach(async () => {
  await emulator.control.reset();
  exchangeCalls = 0;
});

/** One app instance: its own Plaid client and adapter, sharing the store (as two processes would). */
function instance(): StripeAdapter {
  const plaid = emulatorPlaid(emulator, () => {});
  const counting = {
    ...plaid,
    exchangePublicToken: (...args: Parameters<typeof plaid.exchangePublicToken>) => {
      exchangeCalls += 1;
      return plaid.exchangePublicToken(...args);
    },
  };
  return createStripeAdapter({
    plaid: counting,
    stripe: emulatorSettings(emulator).stripe,
    retry: { maxRetries: 4, initialDelayMs: 1, maxDelayMs: 5 },
    store,
  });
}

describe('Stripe adapter with a store', () => {
  it('3 instances × 5 concurrent links with the same public token: one exchange, one bank account', async () => {
    const { publicToken, accountId, itemId } = await sandboxAccount(emulator, emulatorPlaid(emulator));
    const adapters = [instance(), instance(), instance()];
    const results = await Promise.all(
      adapters.flatMap((adapter) =>
        Array.from({ length: 5 }, () =>
          adapter.link({ publicToken, accountId, customer: { email: 'ada@example.com' } }),
        ),
      ),
    );
    expect(exchangeCalls).toBe(1);
    expect(new Set(results.map((result) => result.bankAccount.id)).size).toBe(1);
    expect(new Set(results.map((result) => result.customerId)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(results.every((result) => result.accessToken?.startsWith('access-sandbox-'))).toBe(true);
    expect(await stripeCounts(emulator)).toMatchObject({ bankAccounts: 1 });
    const [first] = results;
    expect(
      await store.claimProcessorLink(
        { itemId, accountId, processor: 'stripe', customerId: first?.customerId ?? '' },
        async () => ({ objectId: 'never', details: {} }),
      ),
    ).toMatchObject({ created: false, value: { objectId: first?.bankAccount.id } });
  });

  it('a payment key reused by another instance returns the first PaymentIntent without a second POST', async () => {
    const plaid = emulatorPlaid(emulator);
    const { accessToken, accountId } = await sandboxAccount(emulator, plaid);
    const [one, two] = [instance(), instance()];
    const linked = await one.link({ accessToken, accountId, customer: { email: 'grace@example.com' } });
    const { mandateId } = await one.createMandate({
      customerId: linked.customerId,
      bankAccountId: linked.bankAccount.id,
      acceptance,
    });
    const payment = {
      customerId: linked.customerId,
      bankAccountId: linked.bankAccount.id,
      amount: 4200,
      mandateId,
      idempotencyKey: `order-${randomBytes(6).toString('hex')}`,
    };
    const first = await one.createAchPayment(payment);
    // Any POST to /v1/payment_intents would now fail: the ledger answers instead.
    await emulator.control.addFault({
      method: 'POST',
      path: '/v1/payment_intents',
      kind: 'status',
      status: 500,
    });
    const again = await two.createAchPayment(payment);
    expect(again.paymentIntentId).toBe(first.paymentIntentId);
    expect(await emulator.control.faults()).toHaveLength(1);
    expect(await stripeCounts(emulator)).toMatchObject({ paymentIntents: 1 });
    const error = await two.createAchPayment({ ...payment, amount: 9900 }).catch((caught: unknown) => caught);
    expect(InputValidationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ field: 'idempotencyKey' });
    expect(await stripeCounts(emulator)).toMatchObject({ paymentIntents: 1 });
  });

  it('concurrent payments with one key from 3 instances create one PaymentIntent', async () => {
    const plaid = emulatorPlaid(emulator);
    const { accessToken, accountId } = await sandboxAccount(emulator, plaid);
    const adapters = [instance(), instance(), instance()];
    const linked = await adapters[0]?.link({
      accessToken,
      accountId,
      customer: { email: 'lin@example.com' },
    });
    if (!linked) throw new Error('no link');
    const { mandateId } = await (adapters[0] as StripeAdapter).createMandate({
      customerId: linked.customerId,
      bankAccountId: linked.bankAccount.id,
      acceptance,
    });
    const payment = {
      customerId: linked.customerId,
      bankAccountId: linked.bankAccount.id,
      amount: 1500,
      mandateId,
      idempotencyKey: `order-${randomBytes(6).toString('hex')}`,
    };
    const results = await Promise.all(
      adapters.flatMap((adapter) => [adapter, adapter].map((a) => a.createAchPayment(payment))),
    );
    expect(new Set(results.map((result) => result.paymentIntentId)).size).toBe(1);
    expect(await stripeCounts(emulator)).toMatchObject({ paymentIntents: 1 });
  });

  // Stripe docs, "Idempotent requests" (docs.stripe.com/idempotency): "You can remove keys from the system
  // automatically after they're at least 24 hours old. We generate a new request if a key is reused after the
  // original is pruned." The emulator prunes after 24 emulated hours, so only the store's ledger stands
  // between a re-run 25 hours later and a second debit (real-bank.e2e.test.ts shows the second debit without it).
  it('a payment key reused 25 emulated hours later returns the first PaymentIntent from the ledger', async () => {
    const plaid = emulatorPlaid(emulator);
    const { accessToken, accountId } = await sandboxAccount(emulator, plaid);
    const adapter = instance();
    const linked = await adapter.link({ accessToken, accountId, customer: { email: 'ada25h@example.com' } });
    const payment = {
      customerId: linked.customerId,
      bankAccountId: linked.bankAccount.id,
      amount: 1250,
      acceptance,
      idempotencyKey: `order-${randomBytes(6).toString('hex')}`,
    };
    const first = await adapter.createAchPayment(payment);
    await emulator.control.advanceClock(25 * HOUR_MS);
    const later = await instance().createAchPayment(payment);
    expect(later.paymentIntentId).toBe(first.paymentIntentId);
    expect(await stripeCounts(emulator)).toMatchObject({ paymentIntents: 1 });
    // Stripe itself has forgotten the key: the same payment through an adapter without the store debits again.
    const withoutStore = await emulatorAdapter(emulator, { plaid }).createAchPayment(payment);
    expect(withoutStore.paymentIntentId).not.toBe(first.paymentIntentId);
    expect(await stripeCounts(emulator)).toMatchObject({ paymentIntents: 2 });
  });
});
