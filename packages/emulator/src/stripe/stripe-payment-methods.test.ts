import { readFileSync } from 'node:fs';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { createStripeHarness, LIVE_KEY, stripeError } from '../../test/stripe.test-helpers.js';
import { startEmulator } from '../start-emulator.js';

const paymentMethodFields = JSON.parse(
  readFileSync(new URL('./test-data/stripe-node-23-payment-method-fields.json', import.meta.url), 'utf8'),
) as { required: string[]; optional: string[]; us_bank_account: string[] };

// Source: Stripe, "Migrate existing bank accounts" (https://docs.stripe.com/payments/ach-direct-debit/migrating-from-charges),
// section "Retrieve a BankAccount as a PaymentMethod": "You can retrieve saved BankAccounts through the Payment
// Methods API". Field names: stripe-node 23.1.0's generated `PaymentMethod` type, copied to
// test-data/stripe-node-23-payment-method-fields.json.
describe('GET /v1/payment_methods/{ba_…}', () => {
  it('answers a saved bank account as a us_bank_account PaymentMethod with the stripe-node 23 fields', async () => {
    const harness = createStripeHarness();
    const { customer, bankAccount } = await harness.customerWithBank();
    const source = await harness.call('GET', `/customers/${customer}/sources/${bankAccount}`);
    const result = await harness.call('GET', `/payment_methods/${bankAccount}`);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      id: bankAccount,
      object: 'payment_method',
      type: 'us_bank_account',
      customer,
      customer_account: null,
      livemode: false,
      billing_details: { name: source.body['account_holder_name'], email: null },
      us_bank_account: {
        account_holder_type: source.body['account_holder_type'],
        account_type: source.body['account_type'],
        bank_name: source.body['bank_name'],
        fingerprint: source.body['fingerprint'],
        last4: source.body['last4'],
        routing_number: source.body['routing_number'],
        financial_connections_account: null,
        networks: { preferred: 'ach', supported: ['ach'] },
      },
    });
    const keys = Object.keys(result.body);
    for (const field of paymentMethodFields.required) expect(keys, field).toContain(field);
    const known = new Set([...paymentMethodFields.required, ...paymentMethodFields.optional]);
    expect(keys.filter((key) => !known.has(key))).toEqual([]);
    expect(Object.keys(result.body['us_bank_account'] as object).sort()).toEqual(
      [...paymentMethodFields.us_bank_account].sort(),
    );
    const expanded = await harness.call('GET', `/payment_methods/${bankAccount}`, { expand: ['customer'] });
    expect(expanded.body['customer']).toMatchObject({ id: customer, object: 'customer' });
  });

  it('404s unknown ids and keeps test-mode objects out of live mode', async () => {
    const harness = createStripeHarness();
    const { bankAccount } = await harness.customerWithBank();
    const unknown = await harness.call('GET', '/payment_methods/ba_unknown');
    expect(unknown.status).toBe(404);
    expect(stripeError(unknown)).toMatchObject({ code: 'resource_missing', param: 'payment_method' });
    const live = await harness.call('GET', `/payment_methods/${bankAccount}`, {}, { key: LIVE_KEY });
    expect(live.status).toBe(404);
    expect(String(stripeError(live)['message'])).toContain('test mode');
  });

  it('works through the official stripe-node 23 SDK', async () => {
    const emulator = await startEmulator();
    try {
      const stripe = new Stripe(emulator.stripe.secretKey, {
        host: emulator.stripe.host,
        port: emulator.stripe.port,
        protocol: emulator.stripe.protocol,
        maxNetworkRetries: 0,
      });
      const customer = await stripe.customers.create({ source: 'btok_us_verified' });
      const bankAccount = String(customer.default_source);
      const paymentMethod = await stripe.paymentMethods.retrieve(bankAccount);
      expect(paymentMethod).toMatchObject({
        id: bankAccount,
        object: 'payment_method',
        type: 'us_bank_account',
        customer: customer.id,
      });
      expect(paymentMethod.us_bank_account?.last4).toBe('6789');
    } finally {
      await emulator.close();
    }
  });
});
