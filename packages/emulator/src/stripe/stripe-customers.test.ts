import { describe, expect, it } from 'vitest';
import { createStripeHarness, LIVE_KEY, stripeError } from '../../test/stripe.test-helpers.js';

describe('POST /v1/customers', () => {
  it('creates a customer with email, name, description and metadata', async () => {
    const { call } = createStripeHarness();
    const result = await call('POST', '/customers', {
      email: 'jenny@example.com',
      name: 'Jenny Rosen',
      description: 'ACH payer',
      metadata: { user_id: 'u_1', plan: 'pro' },
    });
    expect(result.status).toBe(200);
    expect(result.headers['request-id']).toMatch(/^req_/);
    expect(result.body).toMatchObject({
      object: 'customer',
      email: 'jenny@example.com',
      name: 'Jenny Rosen',
      description: 'ACH payer',
      metadata: { user_id: 'u_1', plan: 'pro' },
      default_source: null,
      livemode: false,
      created: Math.floor(Date.UTC(2026, 0, 15, 12) / 1000),
    });
    expect(result.body['id']).toMatch(/^cus_[A-Za-z0-9]{24}$/);
    expect(result.body).not.toHaveProperty('sources');
  });

  it('attaches a btok given as source and makes it the default source', async () => {
    const { call, mintBtok } = createStripeHarness();
    const btok = mintBtok();
    const result = await call('POST', '/customers', { source: btok, expand: ['default_source'] });
    expect(result.status).toBe(200);
    const source = result.body['default_source'] as Record<string, unknown>;
    expect(source).toMatchObject({
      object: 'bank_account',
      customer: result.body['id'],
      last4: '6789',
      routing_number: '110000000',
      bank_name: 'STRIPE TEST BANK',
      status: 'verified',
    });
  });

  it('answers parameter_unknown for a parameter the endpoint does not take', async () => {
    const { call } = createStripeHarness();
    const result = await call('POST', '/customers', { emial: 'typo@example.com' });
    expect(result.status).toBe(400);
    expect(stripeError(result)).toMatchObject({
      type: 'invalid_request_error',
      code: 'parameter_unknown',
      param: 'emial',
      message: 'Received unknown parameter: emial',
      doc_url: 'https://stripe.com/docs/error-codes/parameter-unknown',
    });
  });

  it('rejects an invalid email and oversize metadata', async () => {
    const { call } = createStripeHarness();
    const email = await call('POST', '/customers', { email: 'not-an-email' });
    expect(stripeError(email)).toMatchObject({ code: 'email_invalid', param: 'email' });
    const longKey = await call('POST', '/customers', { metadata: { ['k'.repeat(41)]: 'v' } });
    expect(stripeError(longKey)).toMatchObject({ param: `metadata[${'k'.repeat(41)}]` });
    const nested = await call('POST', '/customers', { metadata: { a: { b: 'c' } } });
    expect(stripeError(nested)).toMatchObject({ param: 'metadata[a]' });
  });

  it('answers resource_missing (400, param source) for an unknown btok and leaves no customer behind', async () => {
    const { call, module } = createStripeHarness();
    const result = await call('POST', '/customers', { source: 'btok_doesNotExist' });
    expect(result.status).toBe(400);
    expect(stripeError(result)).toMatchObject({
      code: 'resource_missing',
      param: 'source',
      message: "No such token: 'btok_doesNotExist'",
    });
    expect((module.snapshot()['counts'] as Record<string, number>)['customers']).toBe(0);
  });

  it('answers token_already_used for a second use and does not create the second customer', async () => {
    const { call, mintBtok, module } = createStripeHarness();
    const btok = mintBtok();
    expect((await call('POST', '/customers', { source: btok })).status).toBe(200);
    const again = await call('POST', '/customers', { source: btok });
    expect(again.status).toBe(400);
    expect(stripeError(again)).toMatchObject({
      type: 'invalid_request_error',
      code: 'token_already_used',
      message: `You cannot use a Stripe token more than once: ${btok}.`,
    });
    expect((module.snapshot()['counts'] as Record<string, number>)['customers']).toBe(1);
  });
});

describe('GET /v1/customers/{id}', () => {
  it('retrieves a customer, with sources when expanded', async () => {
    const { call, customerWithBank } = createStripeHarness();
    const { customer, bankAccount } = await customerWithBank();
    const plain = await call('GET', `/customers/${customer}`);
    expect(plain.body).toMatchObject({ id: customer, default_source: bankAccount });
    const expanded = await call('GET', `/customers/${customer}`, { expand: ['sources'] });
    expect(expanded.body['sources']).toMatchObject({
      object: 'list',
      has_more: false,
      url: `/v1/customers/${customer}/sources`,
      data: [{ id: bankAccount }],
    });
  });

  it('answers 404 resource_missing with param id for an unknown customer', async () => {
    const { call } = createStripeHarness();
    const result = await call('GET', '/customers/cus_nope');
    expect(result.status).toBe(404);
    expect(stripeError(result)).toMatchObject({
      code: 'resource_missing',
      param: 'id',
      message: "No such customer: 'cus_nope'",
    });
  });

  it('keeps test and live mode apart', async () => {
    const { call } = createStripeHarness();
    const created = await call('POST', '/customers', { email: 'a@example.com' });
    const id = String(created.body['id']);
    const live = await call('GET', `/customers/${id}`, {}, { key: LIVE_KEY });
    expect(live.status).toBe(404);
    expect(String(stripeError(live)['message'])).toBe(
      `No such customer: '${id}'; a similar object exists in test mode, but a live mode key was used to make this request.`,
    );
    const liveCustomer = await call('POST', '/customers', { email: 'b@example.com' }, { key: LIVE_KEY });
    expect(liveCustomer.body['livemode']).toBe(true);
    const testList = await call('GET', '/customers');
    expect((testList.body['data'] as unknown[]).length).toBe(1);
  });

  it('rejects an expansion that is not expandable', async () => {
    const { call } = createStripeHarness();
    const created = await call('POST', '/customers', {});
    const result = await call('GET', `/customers/${String(created.body['id'])}`, { expand: ['email'] });
    expect(result.status).toBe(400);
    expect(stripeError(result)).toMatchObject({
      param: 'expand',
      message: 'This property cannot be expanded (email).',
    });
  });
});

describe('GET /v1/customers', () => {
  it('lists newest first with limit, has_more, cursors and an email filter', async () => {
    const { call } = createStripeHarness();
    const ids: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      const created = await call('POST', '/customers', {
        email: index === 2 ? 'x@example.com' : `c${index}@example.com`,
      });
      ids.push(String(created.body['id']));
    }
    const first = await call('GET', '/customers', { limit: 2 });
    expect(first.body).toMatchObject({ object: 'list', has_more: true, url: '/v1/customers' });
    expect((first.body['data'] as { id: string }[]).map((item) => item.id)).toEqual([ids[4], ids[3]]);
    const next = await call('GET', '/customers', { limit: 2, starting_after: ids[3] });
    expect((next.body['data'] as { id: string }[]).map((item) => item.id)).toEqual([ids[2], ids[1]]);
    expect(next.body['has_more']).toBe(true);
    const before = await call('GET', '/customers', { ending_before: ids[1] });
    expect((before.body['data'] as { id: string }[]).map((item) => item.id)).toEqual([
      ids[4],
      ids[3],
      ids[2],
    ]);
    const filtered = await call('GET', '/customers', { email: 'x@example.com' });
    expect((filtered.body['data'] as { id: string }[]).map((item) => item.id)).toEqual([ids[2]]);
  });

  it('validates limit as an integer in range', async () => {
    const { call } = createStripeHarness();
    expect(stripeError(await call('GET', '/customers', { limit: 'ten' }))).toMatchObject({
      code: 'parameter_invalid_integer',
      param: 'limit',
    });
    expect(stripeError(await call('GET', '/customers', { limit: 101 }))).toMatchObject({ param: 'limit' });
  });
});

describe('POST /v1/customers/{id} and DELETE', () => {
  it('updates fields and metadata (empty value unsets a key)', async () => {
    const { call } = createStripeHarness();
    const created = await call('POST', '/customers', { name: 'Old', metadata: { a: '1', b: '2' } });
    const id = String(created.body['id']);
    const updated = await call('POST', `/customers/${id}`, {
      name: 'New',
      description: '',
      metadata: { a: '', c: '3' },
    });
    expect(updated.body).toMatchObject({ name: 'New', description: null, metadata: { b: '2', c: '3' } });
  });

  it('deletes a customer and its bank accounts', async () => {
    const { call, customerWithBank, module } = createStripeHarness();
    const { customer } = await customerWithBank();
    const deleted = await call('DELETE', `/customers/${customer}`);
    expect(deleted.body).toEqual({ id: customer, object: 'customer', deleted: true });
    expect((await call('GET', `/customers/${customer}`)).body).toEqual({
      id: customer,
      object: 'customer',
      deleted: true,
    });
    expect((await call('POST', `/customers/${customer}`, { name: 'x' })).status).toBe(404);
    expect((module.snapshot()['counts'] as Record<string, number>)['bankAccounts']).toBe(0);
  });
});
