import { describe, expect, it } from 'vitest';
import {
  createStripeHarness,
  LIVE_KEY,
  ONLINE_ACCEPTANCE,
  PRE_ENDIVE_ACCOUNT,
  stripeError,
} from '../../test/stripe.test-helpers.js';

describe('POST /v1/setup_intents', () => {
  it('creates and confirms at once with mandate_data, producing an active multi-use mandate', async () => {
    const harness = createStripeHarness(PRE_ENDIVE_ACCOUNT);
    const { customer, bankAccount } = await harness.customerWithBank();
    const result = await harness.call('POST', '/setup_intents', {
      customer,
      payment_method: bankAccount,
      payment_method_types: ['us_bank_account'],
      confirm: true,
      mandate_data: ONLINE_ACCEPTANCE,
      metadata: { purpose: 'ach' },
    });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      object: 'setup_intent',
      status: 'succeeded',
      customer,
      payment_method: bankAccount,
      payment_method_types: ['us_bank_account'],
      usage: 'off_session',
      metadata: { purpose: 'ach' },
      livemode: false,
    });
    expect(result.body['id']).toMatch(/^seti_/);
    expect(result.body['client_secret']).toMatch(new RegExp(`^${String(result.body['id'])}_secret_`));
    const mandateId = String(result.body['mandate']);
    expect(mandateId).toMatch(/^mandate_/);

    const mandate = await harness.call('GET', `/mandates/${mandateId}`);
    expect(mandate.body).toEqual({
      id: mandateId,
      object: 'mandate',
      customer_acceptance: {
        accepted_at: Math.floor(harness.clock.now() / 1000),
        type: 'online',
        online: { ip_address: '203.0.113.7', user_agent: 'Mozilla/5.0 (emulator test)' },
      },
      livemode: false,
      multi_use: {},
      payment_method: bankAccount,
      payment_method_details: { type: 'us_bank_account', us_bank_account: {} },
      status: 'active',
      type: 'multi_use',
    });
  });

  it('accepts `payment_method_types[]=` and offline acceptance with accepted_at', async () => {
    const harness = createStripeHarness(PRE_ENDIVE_ACCOUNT);
    const { customer, bankAccount } = await harness.customerWithBank();
    const body = new URLSearchParams([
      ['customer', customer],
      ['payment_method', bankAccount],
      ['payment_method_types[]', 'us_bank_account'],
      ['confirm', 'true'],
      ['mandate_data[customer_acceptance][type]', 'offline'],
      ['mandate_data[customer_acceptance][accepted_at]', '1700000000'],
    ]).toString();
    const result = await harness.call('POST', '/setup_intents', {}, { rawBody: body });
    expect(result.body['status']).toBe('succeeded');
    const mandate = await harness.call('GET', `/mandates/${String(result.body['mandate'])}`);
    expect(mandate.body['customer_acceptance']).toEqual({
      accepted_at: 1700000000,
      type: 'offline',
      offline: {},
    });
  });

  it('creates without confirming, then confirms through /confirm', async () => {
    const harness = createStripeHarness(PRE_ENDIVE_ACCOUNT);
    const { customer, bankAccount } = await harness.customerWithBank();
    const created = await harness.call('POST', '/setup_intents', {
      customer,
      payment_method_types: ['us_bank_account'],
    });
    expect(created.body).toMatchObject({
      status: 'requires_payment_method',
      mandate: null,
      payment_method: null,
    });
    const id = String(created.body['id']);
    const confirmed = await harness.call('POST', `/setup_intents/${id}/confirm`, {
      payment_method: bankAccount,
      mandate_data: ONLINE_ACCEPTANCE,
      expand: ['mandate', 'payment_method'],
    });
    expect(confirmed.body).toMatchObject({
      status: 'succeeded',
      mandate: { object: 'mandate', status: 'active' },
      payment_method: { id: bankAccount, object: 'bank_account' },
    });
    const retrieved = await harness.call('GET', `/setup_intents/${id}`);
    expect(retrieved.body['status']).toBe('succeeded');
    const again = await harness.call('POST', `/setup_intents/${id}/confirm`, {});
    expect(again.status).toBe(400);
    expect(stripeError(again)).toMatchObject({ code: 'setup_intent_unexpected_state' });
    expect((stripeError(again)['setup_intent'] as Record<string, unknown>)['id']).toBe(id);
  });

  it('takes allowed_payment_method_types on create and confirm (current API versions)', async () => {
    const harness = createStripeHarness(PRE_ENDIVE_ACCOUNT);
    const { customer, bankAccount } = await harness.customerWithBank();
    const headers = { 'stripe-version': '2026-10-28.endive' };
    const created = await harness.call(
      'POST',
      '/setup_intents',
      { customer, allowed_payment_method_types: ['us_bank_account'] },
      { headers },
    );
    expect(created.body['allowed_payment_method_types']).toEqual(['us_bank_account']);
    const confirmed = await harness.call(
      'POST',
      `/setup_intents/${String(created.body['id'])}/confirm`,
      {
        payment_method: bankAccount,
        mandate_data: ONLINE_ACCEPTANCE,
        allowed_payment_method_types: ['us_bank_account'],
      },
      { headers },
    );
    expect(confirmed.body['status']).toBe('succeeded');
    const legacy = await harness.call(
      'POST',
      '/setup_intents',
      { customer, payment_method_types: ['us_bank_account'] },
      { headers },
    );
    expect(stripeError(legacy)).toMatchObject({
      code: 'payment_method_types_no_longer_supported',
      param: 'payment_method_types',
    });
  });

  it('reuses an active mandate on file when confirming without mandate_data', async () => {
    const harness = createStripeHarness(PRE_ENDIVE_ACCOUNT);
    const { customer, bankAccount } = await harness.customerWithBank();
    const first = await harness.call('POST', '/setup_intents', {
      customer,
      payment_method: bankAccount,
      confirm: true,
      mandate_data: ONLINE_ACCEPTANCE,
    });
    const second = await harness.call('POST', '/setup_intents', {
      customer,
      payment_method: bankAccount,
      confirm: true,
    });
    expect(second.body['status']).toBe('succeeded');
    expect(second.body['mandate']).toBe(first.body['mandate']);
  });

  it('refuses to confirm without any mandate, and without a payment method', async () => {
    const harness = createStripeHarness(PRE_ENDIVE_ACCOUNT);
    const { customer, bankAccount } = await harness.customerWithBank();
    const noMandate = await harness.call('POST', '/setup_intents', {
      customer,
      payment_method: bankAccount,
      confirm: true,
    });
    expect(noMandate.status).toBe(400);
    expect(stripeError(noMandate)).toMatchObject({ param: 'mandate_data', type: 'invalid_request_error' });
    const noPaymentMethod = await harness.call('POST', '/setup_intents', { customer, confirm: true });
    expect(stripeError(noPaymentMethod)).toMatchObject({ code: 'setup_intent_unexpected_state' });
  });

  it('validates mandate_data field by field', async () => {
    const harness = createStripeHarness(PRE_ENDIVE_ACCOUNT);
    const { customer, bankAccount } = await harness.customerWithBank();
    const base = { customer, payment_method: bankAccount, confirm: true };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ mandate_data: { foo: 'x' } }, 'parameter_unknown', 'mandate_data[foo]'],
      [
        { mandate_data: { customer_acceptance: { accepted_at: 1 } } },
        'parameter_missing',
        'mandate_data[customer_acceptance][type]',
      ],
      [
        { mandate_data: { customer_acceptance: { type: 'online' } } },
        'parameter_missing',
        'mandate_data[customer_acceptance][online]',
      ],
      [
        { mandate_data: { customer_acceptance: { type: 'online', online: { ip_address: '1.2.3.4' } } } },
        'parameter_missing',
        'mandate_data[customer_acceptance][online][user_agent]',
      ],
    ];
    for (const [extra, code, param] of cases) {
      const result = await harness.call('POST', '/setup_intents', { ...base, ...(extra as object) });
      expect(result.status, param).toBe(400);
      expect(stripeError(result), param).toMatchObject({ code, param });
    }
    const badType = await harness.call('POST', '/setup_intents', {
      ...base,
      mandate_data: { customer_acceptance: { type: 'telepathic' } },
    });
    expect(stripeError(badType)).toMatchObject({ param: 'mandate_data[customer_acceptance][type]' });
    const badIp = await harness.call('POST', '/setup_intents', {
      ...base,
      mandate_data: {
        customer_acceptance: { type: 'online', online: { ip_address: 'nope', user_agent: 'UA' } },
      },
    });
    expect(stripeError(badIp)).toMatchObject({
      param: 'mandate_data[customer_acceptance][online][ip_address]',
    });
    const withoutConfirm = await harness.call('POST', '/setup_intents', {
      customer,
      payment_method: bankAccount,
      mandate_data: ONLINE_ACCEPTANCE,
    });
    expect(stripeError(withoutConfirm)).toMatchObject({ param: 'mandate_data' });
    expect((harness.module.snapshot()['counts'] as Record<string, number>)['setupIntents']).toBe(0);
  });

  it('rejects unsupported payment method types, foreign bank accounts and unknown ids', async () => {
    const harness = createStripeHarness(PRE_ENDIVE_ACCOUNT);
    const { customer, bankAccount } = await harness.customerWithBank();
    const other = await harness.customerWithBank();
    const achDebit = await harness.call('POST', '/setup_intents', {
      customer,
      payment_method_types: ['ach_debit'],
    });
    expect(stripeError(achDebit)).toMatchObject({ param: 'payment_method_types[0]' });
    expect(String(stripeError(achDebit)['message'])).toContain(
      'The payment method type "ach_debit" is invalid',
    );
    const foreign = await harness.call('POST', '/setup_intents', {
      customer,
      payment_method: other.bankAccount,
    });
    expect(stripeError(foreign)).toMatchObject({ param: 'payment_method' });
    const noCustomer = await harness.call('POST', '/setup_intents', { payment_method: bankAccount });
    expect(stripeError(noCustomer)).toMatchObject({ param: 'customer' });
    const unknownPm = await harness.call('POST', '/setup_intents', {
      customer,
      payment_method: 'ba_unknown',
    });
    expect(stripeError(unknownPm)).toMatchObject({
      code: 'resource_missing',
      param: 'payment_method',
      message: "No such PaymentMethod: 'ba_unknown'",
    });
    const unknownCustomer = await harness.call('POST', '/setup_intents', { customer: 'cus_unknown' });
    expect(stripeError(unknownCustomer)).toMatchObject({ code: 'resource_missing', param: 'customer' });
    const badConfirm = await harness.call('POST', '/setup_intents', { customer, confirm: 'yes' });
    expect(stripeError(badConfirm)).toMatchObject({ param: 'confirm' });
  });

  it('404s unknown setup intents and mandates, and hides them from the other mode', async () => {
    const harness = createStripeHarness(PRE_ENDIVE_ACCOUNT);
    expect(stripeError(await harness.call('GET', '/setup_intents/seti_nope'))).toMatchObject({
      code: 'resource_missing',
      param: 'intent',
      message: "No such setupintent: 'seti_nope'",
    });
    expect((await harness.call('POST', '/setup_intents/seti_nope/confirm', {})).status).toBe(404);
    expect(stripeError(await harness.call('GET', '/mandates/mandate_nope'))).toMatchObject({
      code: 'resource_missing',
      param: 'mandate',
    });
    const { customer, bankAccount } = await harness.customerWithBank();
    const setup = await harness.call('POST', '/setup_intents', {
      customer,
      payment_method: bankAccount,
      confirm: true,
      mandate_data: ONLINE_ACCEPTANCE,
    });
    const live = await harness.call(
      'GET',
      `/mandates/${String(setup.body['mandate'])}`,
      {},
      { key: LIVE_KEY },
    );
    expect(live.status).toBe(404);
  });
});

describe('GET /v1/setup_intents', () => {
  it('lists SetupIntents newest first, filtered by customer and payment method, per mode', async () => {
    const harness = createStripeHarness(PRE_ENDIVE_ACCOUNT);
    const first = await harness.customerWithBank();
    const second = await harness.customerWithBank();
    const create = (owner: { customer: string; bankAccount: string }) =>
      harness.call('POST', '/setup_intents', {
        customer: owner.customer,
        payment_method: owner.bankAccount,
        payment_method_types: ['us_bank_account'],
        confirm: true,
        mandate_data: ONLINE_ACCEPTANCE,
      });
    const a = await create(first);
    const b = await create(first);
    await create(second);

    const all = await harness.call('GET', '/setup_intents');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ object: 'list', url: '/v1/setup_intents' });
    expect((all.body['data'] as unknown[]).length).toBe(3);

    const mine = await harness.call('GET', '/setup_intents', {
      customer: first.customer,
      payment_method: first.bankAccount,
    });
    const ids = (mine.body['data'] as { id: string; mandate: string }[]).map((intent) => intent.id);
    expect(ids).toEqual([b.body['id'], a.body['id']]);

    const live = await harness.call('GET', '/setup_intents', {}, { key: LIVE_KEY });
    expect((live.body['data'] as unknown[]).length).toBe(0);

    const unknown = await harness.call('GET', '/setup_intents', { status: 'succeeded' });
    expect(stripeError(unknown)).toMatchObject({ code: 'parameter_unknown', param: 'status' });
  });
});
