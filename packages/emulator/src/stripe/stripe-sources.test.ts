import { describe, expect, it } from 'vitest';
import { createStripeHarness, LIVE_KEY, stripeError } from '../../test/stripe.test-helpers.js';
import { bankAccountFingerprint } from './stripe-bank-tokens.js';

async function newCustomer(harness: ReturnType<typeof createStripeHarness>): Promise<string> {
  const created = await harness.call('POST', '/customers', { email: 'payer@example.com' });
  return String(created.body['id']);
}

describe('POST /v1/customers/{id}/sources', () => {
  it('attaches a Plaid btok as a verified Stripe test bank account', async () => {
    const harness = createStripeHarness();
    const customer = await newCustomer(harness);
    const btok = harness.mintBtok({ holderName: 'Alberta Charleson', accountType: 'savings' });
    const result = await harness.call('POST', `/customers/${customer}/sources`, {
      source: btok,
      metadata: { plaid_account_id: 'acc_1' },
    });
    expect(result.status).toBe(200);
    expect(result.body).toEqual({
      id: expect.stringMatching(/^ba_[A-Za-z0-9]{24}$/),
      object: 'bank_account',
      account_holder_name: 'Alberta Charleson',
      account_holder_type: 'individual',
      account_type: 'savings',
      bank_name: 'STRIPE TEST BANK',
      country: 'US',
      currency: 'usd',
      customer,
      fingerprint: bankAccountFingerprint('110000000', '000123456789'),
      last4: '6789',
      metadata: { plaid_account_id: 'acc_1' },
      routing_number: '110000000',
      status: 'verified',
    });
    const customerAfter = await harness.call('GET', `/customers/${customer}`);
    expect(customerAfter.body['default_source']).toBe(result.body['id']);
  });

  it('gives every Plaid Sandbox btok the same fingerprint, whatever the Plaid account', async () => {
    const harness = createStripeHarness();
    const first = await harness.call('POST', `/customers/${await newCustomer(harness)}/sources`, {
      source: harness.mintBtok({ accountNumber: '1111222233330000' }),
    });
    const second = await harness.call('POST', `/customers/${await newCustomer(harness)}/sources`, {
      source: harness.mintBtok({ accountNumber: '9999888877776666', routingNumber: '021000021' }),
    });
    expect(first.body['fingerprint']).toBe(second.body['fingerprint']);
    expect(first.body['id']).not.toBe(second.body['id']);
    expect(String(first.body['fingerprint'])).toMatch(/^[A-Za-z0-9]{16}$/);
  });

  it('answers bank_account_exists when the customer already holds that account', async () => {
    const harness = createStripeHarness();
    const customer = await newCustomer(harness);
    await harness.call('POST', `/customers/${customer}/sources`, { source: harness.mintBtok() });
    const duplicate = harness.mintBtok();
    const result = await harness.call('POST', `/customers/${customer}/sources`, { source: duplicate });
    expect(result.status).toBe(400);
    expect(stripeError(result)).toMatchObject({ code: 'bank_account_exists', param: 'source' });
    // The failed attach did not burn the token.
    const other = await newCustomer(harness);
    expect((await harness.call('POST', `/customers/${other}/sources`, { source: duplicate })).status).toBe(
      200,
    );
  });

  it('enforces single use of a btok', async () => {
    const harness = createStripeHarness();
    const btok = harness.mintBtok();
    await harness.call('POST', `/customers/${await newCustomer(harness)}/sources`, { source: btok });
    const result = await harness.call('POST', `/customers/${await newCustomer(harness)}/sources`, {
      source: btok,
    });
    expect(result.status).toBe(400);
    expect(stripeError(result)).toEqual({
      code: 'token_already_used',
      doc_url: 'https://stripe.com/docs/error-codes/token-already-used',
      message: `You cannot use a Stripe token more than once: ${btok}.`,
      param: 'source',
      type: 'invalid_request_error',
    });
  });

  it("answers the FAQ's live-key failure for a Plaid Sandbox btok", async () => {
    const harness = createStripeHarness();
    const btok = harness.mintBtok();
    const liveCustomer = await harness.call('POST', '/customers', {}, { key: LIVE_KEY });
    const result = await harness.call(
      'POST',
      `/customers/${String(liveCustomer.body['id'])}/sources`,
      { source: btok },
      { key: LIVE_KEY },
    );
    expect(result.status).toBe(400);
    expect(stripeError(result)).toMatchObject({
      type: 'invalid_request_error',
      code: 'resource_missing',
      param: 'source',
      message: `No such token: '${btok}'; a similar object exists in test mode, but a live mode key was used to make this request.`,
    });
    // Also on customer create.
    const create = await harness.call('POST', '/customers', { source: btok }, { key: LIVE_KEY });
    expect(stripeError(create)).toMatchObject({ code: 'resource_missing', param: 'source' });
  });

  it('answers resource_missing for a btok revoked by Plaid Item removal', async () => {
    const harness = createStripeHarness();
    const btok = harness.mintBtok({ itemId: 'item_to_remove' });
    harness.bridge.revokeItem('item_to_remove');
    const result = await harness.call('POST', `/customers/${await newCustomer(harness)}/sources`, {
      source: btok,
    });
    expect(result.status).toBe(400);
    expect(stripeError(result)).toMatchObject({
      code: 'resource_missing',
      message: `No such token: '${btok}'`,
    });
  });

  it('requires source, rejects unknown params, raw account numbers and unknown customers', async () => {
    const harness = createStripeHarness();
    const customer = await newCustomer(harness);
    expect(stripeError(await harness.call('POST', `/customers/${customer}/sources`, {}))).toMatchObject({
      code: 'parameter_missing',
      param: 'source',
      message: 'Missing required param: source.',
    });
    expect(
      stripeError(
        await harness.call('POST', `/customers/${customer}/sources`, { source: 'btok_x', colour: 'red' }),
      ),
    ).toMatchObject({ code: 'parameter_unknown', param: 'colour' });
    expect(
      stripeError(
        await harness.call('POST', `/customers/${customer}/sources`, {
          bank_account: { account_number: '000123456789', routing_number: '110000000' },
        }),
      ),
    ).toMatchObject({ param: 'bank_account' });
    const missing = await harness.call('POST', '/customers/cus_missing/sources', {
      source: harness.mintBtok(),
    });
    expect(missing.status).toBe(404);
    expect(stripeError(missing)).toMatchObject({
      code: 'resource_missing',
      message: "No such customer: 'cus_missing'",
    });
  });

  it('accepts the token as bank_account too', async () => {
    const harness = createStripeHarness();
    const customer = await newCustomer(harness);
    const result = await harness.call('POST', `/customers/${customer}/sources`, {
      bank_account: harness.mintBtok(),
    });
    expect(result.body['object']).toBe('bank_account');
  });
});

describe('listing, retrieving, updating and deleting sources', () => {
  it('lists with object=bank_account, retrieves one and 404s for a foreign id', async () => {
    const harness = createStripeHarness();
    const { customer, bankAccount } = await harness.customerWithBank();
    const list = await harness.call('GET', `/customers/${customer}/sources`, { object: 'bank_account' });
    expect(list.body).toMatchObject({
      object: 'list',
      has_more: false,
      url: `/v1/customers/${customer}/sources`,
      data: [{ id: bankAccount, object: 'bank_account', customer }],
    });
    const cards = await harness.call('GET', `/customers/${customer}/sources`, { object: 'card' });
    expect(cards.body['data']).toEqual([]);
    const bad = await harness.call('GET', `/customers/${customer}/sources`, { object: 'piggy_bank' });
    expect(stripeError(bad)).toMatchObject({ param: 'object' });
    const one = await harness.call('GET', `/customers/${customer}/sources/${bankAccount}`, {
      expand: ['customer'],
    });
    expect(one.body).toMatchObject({ id: bankAccount, customer: { id: customer, object: 'customer' } });
    const other = await harness.customerWithBank();
    const foreign = await harness.call('GET', `/customers/${customer}/sources/${other.bankAccount}`);
    expect(foreign.status).toBe(404);
    expect(stripeError(foreign)).toMatchObject({ code: 'resource_missing', param: 'id' });
  });

  it('updates metadata and holder details', async () => {
    const harness = createStripeHarness();
    const { customer, bankAccount } = await harness.customerWithBank();
    const updated = await harness.call('POST', `/customers/${customer}/sources/${bankAccount}`, {
      metadata: { nickname: 'main' },
      account_holder_type: 'company',
    });
    expect(updated.body).toMatchObject({ metadata: { nickname: 'main' }, account_holder_type: 'company' });
    const bad = await harness.call('POST', `/customers/${customer}/sources/${bankAccount}`, {
      account_holder_type: 'robot',
    });
    expect(stripeError(bad)).toMatchObject({ param: 'account_holder_type' });
  });

  it('deletes a source, clears default_source and deactivates its mandates', async () => {
    const harness = createStripeHarness();
    const { customer, bankAccount } = await harness.customerWithBank();
    const setup = await harness.call('POST', '/setup_intents', {
      customer,
      payment_method: bankAccount,
      confirm: true,
      mandate_data: {
        customer_acceptance: { type: 'online', online: { ip_address: '203.0.113.7', user_agent: 'UA' } },
      },
    });
    const mandate = String(setup.body['mandate']);
    const deleted = await harness.call('DELETE', `/customers/${customer}/sources/${bankAccount}`);
    expect(deleted.body).toEqual({ id: bankAccount, object: 'bank_account', currency: 'usd', deleted: true });
    expect((await harness.call('GET', `/customers/${customer}`)).body['default_source']).toBeNull();
    expect((await harness.call('GET', `/mandates/${mandate}`)).body['status']).toBe('inactive');
    expect((await harness.call('GET', `/customers/${customer}/sources/${bankAccount}`)).status).toBe(404);
    expect((await harness.call('DELETE', `/customers/${customer}/sources/${bankAccount}`)).status).toBe(404);
  });

  it('pages sources with limit and starting_after', async () => {
    const harness = createStripeHarness();
    const customer = await newCustomer(harness);
    const ids: string[] = [];
    for (const token of [
      'btok_us_verified',
      'btok_us_verified_noAccount',
      'btok_us_verified_accountClosed',
    ]) {
      const attached = await harness.call('POST', `/customers/${customer}/sources`, { source: token });
      ids.push(String(attached.body['id']));
    }
    const page = await harness.call('GET', `/customers/${customer}/sources`, { limit: 2 });
    expect((page.body['data'] as { id: string }[]).map((item) => item.id)).toEqual([ids[2], ids[1]]);
    expect(page.body['has_more']).toBe(true);
    const rest = await harness.call('GET', `/customers/${customer}/sources`, {
      limit: 2,
      starting_after: ids[1],
    });
    expect((rest.body['data'] as { id: string }[]).map((item) => item.id)).toEqual([ids[0]]);
    expect(rest.body['has_more']).toBe(false);
  });
});
