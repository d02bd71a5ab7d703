import { describe, expect, it } from 'vitest';
import {
  createStripeHarness,
  DAY_MS,
  ONLINE_ACCEPTANCE,
  PRE_ENDIVE_ACCOUNT,
  stripeError,
} from '../../test/stripe.test-helpers.js';

async function setUp(harness: ReturnType<typeof createStripeHarness>) {
  const { customer, bankAccount } = await harness.customerWithBank();
  return { customer, bankAccount };
}

describe('POST /v1/payment_intents', () => {
  it('confirms with mandate_data to processing, then succeeds lazily once the clock passes four days', async () => {
    const harness = createStripeHarness();
    const { customer, bankAccount } = await setUp(harness);
    const created = await harness.call('POST', '/payment_intents', {
      amount: 1099,
      currency: 'usd',
      customer,
      payment_method: bankAccount,
      allowed_payment_method_types: ['us_bank_account'],
      confirm: true,
      mandate_data: ONLINE_ACCEPTANCE,
      description: 'Invoice 42',
      metadata: { invoice: '42' },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      object: 'payment_intent',
      amount: 1099,
      amount_received: 0,
      currency: 'usd',
      customer,
      payment_method: bankAccount,
      payment_method_types: ['us_bank_account'],
      status: 'processing',
      capture_method: 'automatic',
      confirmation_method: 'automatic',
      description: 'Invoice 42',
      metadata: { invoice: '42' },
      last_payment_error: null,
      livemode: false,
    });
    const id = String(created.body['id']);
    expect(id).toMatch(/^pi_/);
    expect(created.body['client_secret']).toMatch(new RegExp(`^${id}_secret_`));

    harness.clock.advance(4 * DAY_MS - 1);
    expect((await harness.call('GET', `/payment_intents/${id}`)).body['status']).toBe('processing');
    harness.clock.advance(1);
    const settled = await harness.call('GET', `/payment_intents/${id}`);
    expect(settled.body).toMatchObject({ status: 'succeeded', amount_received: 1099 });
    const snapshot = harness.module.snapshot();
    expect(snapshot['paymentIntents']).toEqual([
      expect.objectContaining({ id, status: 'succeeded', settlesAt: null }),
    ]);
  });

  it('uses a mandate from a SetupIntent, by id or found automatically', async () => {
    const harness = createStripeHarness();
    const { customer, bankAccount } = await setUp(harness);
    const setup = await harness.call('POST', '/setup_intents', {
      customer,
      payment_method: bankAccount,
      confirm: true,
      mandate_data: ONLINE_ACCEPTANCE,
    });
    const mandate = String(setup.body['mandate']);
    const byId = await harness.call('POST', '/payment_intents', {
      amount: 5000,
      currency: 'usd',
      customer,
      payment_method: bankAccount,
      confirm: true,
      mandate,
      off_session: true,
    });
    expect(byId.body['status']).toBe('processing');
    const automatic = await harness.call('POST', '/payment_intents', {
      amount: 5000,
      currency: 'usd',
      customer,
      payment_method: bankAccount,
      confirm: true,
    });
    expect(automatic.body['status']).toBe('processing');
    const snapshot = harness.module.snapshot();
    expect(snapshot['paymentIntents']).toEqual([
      expect.objectContaining({ mandate }),
      expect.objectContaining({ mandate }),
    ]);
  });

  it("falls back to the customer's default source when payment_method is omitted", async () => {
    const harness = createStripeHarness();
    const { customer, bankAccount } = await setUp(harness);
    const result = await harness.call('POST', '/payment_intents', {
      amount: 2000,
      currency: 'usd',
      customer,
      confirm: true,
      mandate_data: ONLINE_ACCEPTANCE,
    });
    expect(result.body).toMatchObject({ status: 'processing', payment_method: bankAccount });
  });

  it('creates unconfirmed and confirms through /confirm; a second confirm is payment_intent_unexpected_state', async () => {
    const harness = createStripeHarness();
    const { customer, bankAccount } = await setUp(harness);
    const created = await harness.call('POST', '/payment_intents', {
      amount: 1500,
      currency: 'USD',
      customer,
      payment_method: bankAccount,
    });
    expect(created.body).toMatchObject({ status: 'requires_confirmation', currency: 'usd' });
    const id = String(created.body['id']);
    const confirmed = await harness.call('POST', `/payment_intents/${id}/confirm`, {
      mandate_data: ONLINE_ACCEPTANCE,
      expand: ['payment_method', 'customer'],
    });
    expect(confirmed.body).toMatchObject({
      status: 'processing',
      payment_method: { id: bankAccount, object: 'bank_account' },
      customer: { id: customer, object: 'customer' },
    });
    const again = await harness.call('POST', `/payment_intents/${id}/confirm`, {});
    expect(again.status).toBe(400);
    expect(stripeError(again)).toMatchObject({ code: 'payment_intent_unexpected_state' });
    expect((stripeError(again)['payment_intent'] as Record<string, unknown>)['status']).toBe('processing');
  });

  it('validates amount, currency and required params', async () => {
    const harness = createStripeHarness();
    const missingAmount = await harness.call('POST', '/payment_intents', { currency: 'usd' });
    expect(stripeError(missingAmount)).toMatchObject({
      code: 'parameter_missing',
      param: 'amount',
      message: 'Missing required param: amount.',
    });
    expect(stripeError(await harness.call('POST', '/payment_intents', { amount: 100 }))).toMatchObject({
      code: 'parameter_missing',
      param: 'currency',
    });
    for (const amount of ['10.99', 'abc', '1e3', '']) {
      const result = await harness.call('POST', '/payment_intents', { amount, currency: 'usd' });
      expect(result.status, amount).toBe(400);
      expect(stripeError(result), amount).toMatchObject({ param: 'amount' });
    }
    expect(
      stripeError(await harness.call('POST', '/payment_intents', { amount: '10.99', currency: 'usd' })),
    ).toMatchObject({ code: 'parameter_invalid_integer' });
    expect(
      stripeError(await harness.call('POST', '/payment_intents', { amount: 0, currency: 'usd' })),
    ).toMatchObject({
      code: 'parameter_invalid_integer',
    });
    expect(
      stripeError(await harness.call('POST', '/payment_intents', { amount: 49, currency: 'usd' })),
    ).toMatchObject({
      code: 'amount_too_small',
    });
    expect(
      stripeError(await harness.call('POST', '/payment_intents', { amount: 100_000_000, currency: 'usd' })),
    ).toMatchObject({ code: 'amount_too_large' });
    expect(
      stripeError(await harness.call('POST', '/payment_intents', { amount: 100, currency: 'eur' })),
    ).toMatchObject({
      param: 'currency',
    });
    expect(
      stripeError(await harness.call('POST', '/payment_intents', { amount: 100, currency: 'usd', tip: '5' })),
    ).toMatchObject({ code: 'parameter_unknown', param: 'tip' });
    expect((harness.module.snapshot()['counts'] as Record<string, number>)['paymentIntents']).toBe(0);
  });

  it('only takes mandate, mandate_data and off_session with confirm=true', async () => {
    const harness = createStripeHarness();
    const { customer, bankAccount } = await setUp(harness);
    for (const extra of [
      { mandate: 'mandate_x' },
      { mandate_data: ONLINE_ACCEPTANCE },
      { off_session: true },
    ]) {
      const result = await harness.call('POST', '/payment_intents', {
        amount: 100,
        currency: 'usd',
        customer,
        payment_method: bankAccount,
        ...extra,
      });
      const param = Object.keys(extra)[0] as string;
      expect(stripeError(result), param).toMatchObject({ param });
      expect(String(stripeError(result)['message'])).toContain('unless `confirm` is set to true');
    }
  });

  it('refuses to confirm without a mandate, with a bad mandate, or without a payment method', async () => {
    const harness = createStripeHarness();
    const { customer, bankAccount } = await setUp(harness);
    const base = { amount: 100, currency: 'usd', customer, payment_method: bankAccount, confirm: true };
    const noMandate = await harness.call('POST', '/payment_intents', base);
    expect(stripeError(noMandate)).toMatchObject({ param: 'mandate_data' });
    expect((stripeError(noMandate)['payment_intent'] as Record<string, unknown>)['status']).toBe(
      'requires_confirmation',
    );
    const unknownMandate = await harness.call('POST', '/payment_intents', {
      ...base,
      mandate: 'mandate_nope',
    });
    expect(stripeError(unknownMandate)).toMatchObject({ code: 'resource_missing', param: 'mandate' });
    const other = await harness.customerWithBank();
    const otherSetup = await harness.call('POST', '/setup_intents', {
      customer: other.customer,
      payment_method: other.bankAccount,
      confirm: true,
      mandate_data: ONLINE_ACCEPTANCE,
    });
    const wrongMandate = await harness.call('POST', '/payment_intents', {
      ...base,
      mandate: String(otherSetup.body['mandate']),
    });
    expect(stripeError(wrongMandate)).toMatchObject({ param: 'mandate' });
    const both = await harness.call('POST', '/payment_intents', {
      ...base,
      mandate: String(otherSetup.body['mandate']),
      mandate_data: ONLINE_ACCEPTANCE,
    });
    expect(stripeError(both)).toMatchObject({ param: 'mandate' });
    const bare = await harness.call('POST', '/customers', {});
    const noPaymentMethod = await harness.call('POST', '/payment_intents', {
      amount: 100,
      currency: 'usd',
      customer: String(bare.body['id']),
      confirm: true,
      mandate_data: ONLINE_ACCEPTANCE,
    });
    expect(stripeError(noPaymentMethod)).toMatchObject({ code: 'payment_intent_unexpected_state' });
    const foreign = await harness.call('POST', '/payment_intents', {
      ...base,
      payment_method: other.bankAccount,
    });
    expect(stripeError(foreign)).toMatchObject({ param: 'payment_method' });
    const withoutCustomer = await harness.call('POST', '/payment_intents', {
      amount: 100,
      currency: 'usd',
      payment_method: bankAccount,
    });
    expect(stripeError(withoutCustomer)).toMatchObject({ param: 'customer' });
  });

  it("fails at settlement for Stripe's failing test account, returning to requires_payment_method", async () => {
    const harness = createStripeHarness({ settlementDelayMs: 1000 });
    const customer = await harness.call('POST', '/customers', {
      source: 'btok_us_verified_insufficientFunds',
    });
    const result = await harness.call('POST', '/payment_intents', {
      amount: 100,
      currency: 'usd',
      customer: String(customer.body['id']),
      confirm: true,
      mandate_data: ONLINE_ACCEPTANCE,
    });
    expect(result.body['status']).toBe('processing');
    harness.clock.advance(1000);
    const settled = await harness.call('GET', `/payment_intents/${String(result.body['id'])}`);
    expect(settled.body).toMatchObject({
      status: 'requires_payment_method',
      payment_method: null,
      amount_received: 0,
      last_payment_error: { code: 'insufficient_funds', payment_method_type: 'us_bank_account' },
    });
  });

  it('deactivates the mandate when a debit is reported unauthorized', async () => {
    const harness = createStripeHarness({ settlementDelayMs: 0 });
    const customer = await harness.call('POST', '/customers', {
      source: 'btok_us_verified_debitNotAuthorized',
    });
    const result = await harness.call('POST', '/payment_intents', {
      amount: 100,
      currency: 'usd',
      customer: String(customer.body['id']),
      confirm: true,
      mandate_data: ONLINE_ACCEPTANCE,
    });
    const snapshot = harness.module.snapshot();
    expect(snapshot['paymentIntents']).toEqual([
      expect.objectContaining({ id: result.body['id'], status: 'requires_payment_method' }),
    ]);
    expect(snapshot['mandates']).toEqual([expect.objectContaining({ status: 'inactive' })]);
  });
});

describe('payment method types across API versions', () => {
  it('takes allowed_payment_method_types and reports both lists', async () => {
    const harness = createStripeHarness();
    const { customer, bankAccount } = await setUp(harness);
    const result = await harness.call(
      'POST',
      '/payment_intents',
      {
        amount: 100,
        currency: 'usd',
        customer,
        payment_method: bankAccount,
        allowed_payment_method_types: ['us_bank_account'],
      },
      { headers: { 'stripe-version': '2026-10-28.endive' } },
    );
    expect(result.body).toMatchObject({
      allowed_payment_method_types: ['us_bank_account'],
      payment_method_types: ['us_bank_account'],
    });
    expect(result.headers['stripe-version']).toBe('2026-10-28.endive');
  });

  it('refuses payment_method_types from 2026-09-30.endive (and 2026-08-26.preview) on, accepts it before', async () => {
    const harness = createStripeHarness();
    const params = { amount: 100, currency: 'usd', payment_method_types: ['us_bank_account'] };
    // No header means the account's default version (2026-09-30.endive here), as at Stripe.
    for (const version of ['2026-09-30.endive', '2026-10-28.endive', '2026-08-26.preview', undefined]) {
      const headers: Record<string, string> = version === undefined ? {} : { 'stripe-version': version };
      const refused = await harness.call('POST', '/payment_intents', params, { headers });
      expect(refused.status, version).toBe(400);
      expect(stripeError(refused), version).toMatchObject({
        code: 'payment_method_types_no_longer_supported',
        param: 'payment_method_types',
      });
    }
    for (const version of ['2026-08-26.dahlia', '2026-07-29.preview']) {
      const accepted = await harness.call('POST', '/payment_intents', params, {
        headers: { 'stripe-version': version },
      });
      expect(accepted.status, version).toBe(200);
    }
    const olderAccount = createStripeHarness(PRE_ENDIVE_ACCOUNT);
    expect((await olderAccount.call('POST', '/payment_intents', params)).status).toBe(200);
    const both = await olderAccount.call('POST', '/payment_intents', {
      ...params,
      allowed_payment_method_types: ['us_bank_account'],
    });
    expect(stripeError(both)).toMatchObject({ code: 'parameters_exclusive' });
  });

  it('filters allowed_payment_method_types silently, failing only when nothing usable is left', async () => {
    const harness = createStripeHarness();
    const filtered = await harness.call('POST', '/payment_intents', {
      amount: 100,
      currency: 'usd',
      allowed_payment_method_types: ['card', 'us_bank_account', 'ach_debit'],
    });
    expect(filtered.body['payment_method_types']).toEqual(['us_bank_account']);
    const nothing = await harness.call('POST', '/payment_intents', {
      amount: 100,
      currency: 'usd',
      allowed_payment_method_types: ['ach_debit'],
    });
    expect(stripeError(nothing)).toMatchObject({ param: 'allowed_payment_method_types' });
    const legacyAchDebit = await createStripeHarness(PRE_ENDIVE_ACCOUNT).call('POST', '/payment_intents', {
      amount: 100,
      currency: 'usd',
      payment_method_types: ['ach_debit'],
    });
    expect(stripeError(legacyAchDebit)).toMatchObject({ param: 'payment_method_types[0]' });
  });

  it('rejects a malformed Stripe-Version', async () => {
    const harness = createStripeHarness();
    const result = await harness.call(
      'GET',
      '/payment_intents',
      {},
      { headers: { 'stripe-version': 'latest' } },
    );
    expect(result.status).toBe(400);
    expect(String(stripeError(result)['message'])).toContain('Invalid Stripe API version');
  });
});

describe('retrieve, cancel and list', () => {
  it('404s unknown intents with param intent', async () => {
    const harness = createStripeHarness();
    const result = await harness.call('GET', '/payment_intents/pi_nope');
    expect(result.status).toBe(404);
    expect(stripeError(result)).toMatchObject({
      code: 'resource_missing',
      param: 'intent',
      message: "No such payment_intent: 'pi_nope'",
    });
    expect((await harness.call('POST', '/payment_intents/pi_nope/confirm', {})).status).toBe(404);
  });

  it('cancels an unconfirmed intent but not a processing one', async () => {
    const harness = createStripeHarness();
    const { customer, bankAccount } = await setUp(harness);
    const open = await harness.call('POST', '/payment_intents', { amount: 100, currency: 'usd', customer });
    const canceled = await harness.call('POST', `/payment_intents/${String(open.body['id'])}/cancel`, {
      cancellation_reason: 'requested_by_customer',
    });
    expect(canceled.body).toMatchObject({ status: 'canceled', cancellation_reason: 'requested_by_customer' });
    expect(canceled.body['canceled_at']).toBeTypeOf('number');
    const processing = await harness.call('POST', '/payment_intents', {
      amount: 100,
      currency: 'usd',
      customer,
      payment_method: bankAccount,
      confirm: true,
      mandate_data: ONLINE_ACCEPTANCE,
    });
    const refused = await harness.call(
      'POST',
      `/payment_intents/${String(processing.body['id'])}/cancel`,
      {},
    );
    expect(stripeError(refused)).toMatchObject({ code: 'payment_intent_unexpected_state' });
  });

  it('lists intents for a customer newest first', async () => {
    const harness = createStripeHarness();
    const { customer } = await setUp(harness);
    const first = await harness.call('POST', '/payment_intents', { amount: 100, currency: 'usd', customer });
    const second = await harness.call('POST', '/payment_intents', { amount: 200, currency: 'usd', customer });
    await harness.call('POST', '/payment_intents', { amount: 300, currency: 'usd' });
    const list = await harness.call('GET', '/payment_intents', { customer });
    expect((list.body['data'] as { id: string }[]).map((item) => item.id)).toEqual([
      second.body['id'],
      first.body['id'],
    ]);
  });
});
