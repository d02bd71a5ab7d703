import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createStripeHarness,
  createTestBridge,
  createTestClock,
  ONLINE_ACCEPTANCE,
  stripeError,
} from '../../test/stripe.test-helpers.js';
import { EmulatorInputError } from '../emulator-errors.js';
import { DEFAULT_CREDENTIALS } from '../types.js';
import { DEFAULT_ACCOUNT_API_VERSION } from './stripe-api-version.js';
import { createStripeModule } from './stripe-module.js';

const paymentIntentFields = JSON.parse(
  readFileSync(new URL('./test-data/stripe-node-23-payment-intent-fields.json', import.meta.url), 'utf8'),
) as { required: string[]; optional: string[] };

async function processingIntent(
  harness: ReturnType<typeof createStripeHarness>,
  headers: Record<string, string> = {},
) {
  const { customer, bankAccount } = await harness.customerWithBank();
  return harness.call(
    'POST',
    '/payment_intents',
    {
      amount: 1500,
      currency: 'usd',
      customer,
      payment_method: bankAccount,
      allowed_payment_method_types: ['us_bank_account'],
      confirm: true,
      mandate_data: ONLINE_ACCEPTANCE,
    },
    { headers },
  );
}

describe('a request without Stripe-Version', () => {
  // Source: https://docs.stripe.com/api-versions ("How API versioning works"): Stripe picks each request's
  // version from the request's Stripe-Version header if set, else the version pinned in the server-side SDK,
  // else the account's default API version. The page names 2026-09-30.endive as the current version, which is
  // what a new account defaults to.
  it("uses the account's default version, and says so in the Stripe-Version answer header", async () => {
    const harness = createStripeHarness();
    expect(DEFAULT_ACCOUNT_API_VERSION).toBe('2026-09-30.endive');
    const listed = await harness.call('GET', '/payment_intents');
    expect(listed.status).toBe(200);
    expect(listed.headers['stripe-version']).toBe('2026-09-30.endive');
    // The default version's rules apply: endive refuses payment_method_types.
    const legacy = await harness.call('POST', '/payment_intents', {
      amount: 100,
      currency: 'usd',
      payment_method_types: ['us_bank_account'],
    });
    expect(stripeError(legacy)).toMatchObject({ code: 'payment_method_types_no_longer_supported' });
    const pinned = await harness.call(
      'GET',
      '/payment_intents',
      {},
      { headers: { 'stripe-version': '2026-10-28.endive' } },
    );
    expect(pinned.headers['stripe-version']).toBe('2026-10-28.endive');
  });

  it('follows an account default set on the module, and refuses a malformed one', async () => {
    const harness = createStripeHarness({ accountApiVersion: '2026-07-29.dahlia' });
    const legacy = await harness.call('POST', '/payment_intents', {
      amount: 100,
      currency: 'usd',
      payment_method_types: ['us_bank_account'],
    });
    expect(legacy.status).toBe(200);
    expect(legacy.headers['stripe-version']).toBe('2026-07-29.dahlia');
    const context = {
      clock: createTestClock(),
      bridge: createTestBridge(),
      credentials: DEFAULT_CREDENTIALS,
      options: { dwollaTokenTtlSeconds: 3600, webhookRetryDelayMs: 10, webhookTimeoutMs: 1000 },
    };
    expect(() => createStripeModule(context, { accountApiVersion: 'latest' })).toThrow(EmulatorInputError);
    expect(() => createStripeModule(context, { accountApiVersion: 'latest' })).toThrow(
      /options\.accountApiVersion/,
    );
  });
});

describe('the PaymentIntent shape by API version', () => {
  // Source: stripe-node 23.1.0's generated `PaymentIntent` type (cjs/resources/PaymentIntents.d.ts), whose
  // field names are copied to test-data/stripe-node-23-payment-intent-fields.json. It requires
  // `customer_account`, `managed_payments` and `payment_record` and has no `invoice`.
  it('renders every field the stripe-node 23 type requires and none it lacks', async () => {
    const harness = createStripeHarness();
    for (const headers of [{}, { 'stripe-version': '2026-10-28.endive' }] as Array<Record<string, string>>) {
      const intent = await processingIntent(harness, headers);
      expect(intent.status).toBe(200);
      const keys = Object.keys(intent.body);
      for (const field of paymentIntentFields.required) expect(keys, field).toContain(field);
      const known = new Set([...paymentIntentFields.required, ...paymentIntentFields.optional]);
      expect(keys.filter((key) => !known.has(key))).toEqual([]);
      expect(intent.body).toMatchObject({
        customer_account: null,
        managed_payments: null,
        payment_record: null,
      });
      expect(intent.body).not.toHaveProperty('invoice');
      const read = await harness.call(
        'GET',
        `/payment_intents/${String(intent.body['id'])}`,
        {},
        { headers },
      );
      expect(read.body).not.toHaveProperty('invoice');
    }
  });

  // Source: Stripe changelog 2025-03-31.basil, "Adds support for multiple (partial) payments on invoices"
  // (https://docs.stripe.com/changelog/basil/2025-03-31/add-support-for-multiple-partial-payments-on-invoices):
  // "Removed the invoice field from the PaymentIntent and Charge objects."
  it('keeps `invoice` only for versions before 2025-03-31.basil', async () => {
    const harness = createStripeHarness();
    const acacia = await processingIntent(harness, { 'stripe-version': '2025-02-24.acacia' });
    expect(acacia.body).toHaveProperty('invoice', null);
    const listed = await harness.call(
      'GET',
      '/payment_intents',
      {},
      { headers: { 'stripe-version': '2024-06-20' } },
    );
    const data = listed.body['data'] as Array<Record<string, unknown>>;
    expect(data.length).toBeGreaterThan(0);
    for (const item of data) expect(item).toHaveProperty('invoice', null);
    const basil = await processingIntent(harness, { 'stripe-version': '2025-03-31.basil' });
    expect(basil.body).not.toHaveProperty('invoice');
  });
});
