import { InputValidationError } from '@achbridge/core';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestAdapter,
  STRIPE_HOST,
  stripeErrorBody,
  stripeList,
  stripeObjects,
  useNock,
} from '../test/unit-harness.test-helpers.js';
import { StripeApiError } from './stripe-errors.js';

const input = {
  customerId: 'cus_TestCustomer0001',
  bankAccountId: 'ba_1TestBankAccount000001',
  acceptance: { type: 'online' as const, ipAddress: '203.0.113.7', userAgent: 'Mozilla/5.0 (test)' },
};

beforeAll(useNock);
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

describe('createMandate', () => {
  it('confirms a us_bank_account SetupIntent with mandate_data under a key derived from customer and bank account', async () => {
    let body: Record<string, string> = {};
    let key = '';
    nock(STRIPE_HOST)
      .post('/v1/setup_intents', (sent: Record<string, string>) => {
        body = sent;
        return true;
      })
      .reply(function reply() {
        key = String(this.req.headers['idempotency-key']);
        return [200, stripeObjects().setupIntent];
      });

    const result = await createTestAdapter().createMandate(input);

    expect(result).toEqual({
      mandateId: 'mandate_TestMandate0001',
      setupIntentId: 'seti_TestSetupIntent01',
      status: 'succeeded',
    });
    expect(body).toMatchObject({
      customer: 'cus_TestCustomer0001',
      payment_method: 'ba_1TestBankAccount000001',
      confirm: 'true',
      'mandate_data[customer_acceptance][type]': 'online',
      'mandate_data[customer_acceptance][online][ip_address]': '203.0.113.7',
      'mandate_data[customer_acceptance][online][user_agent]': 'Mozilla/5.0 (test)',
    });
    // stripe-node 23 pins an `endive` API version, where the restriction is `allowed_payment_method_types`.
    expect(body['allowed_payment_method_types[0]']).toBe('us_bank_account');
    expect(key).toMatch(/^achbridge-stripe-mandate-[0-9a-f]{48}$/);

    nock(STRIPE_HOST)
      .post('/v1/setup_intents')
      .reply(function again() {
        expect(String(this.req.headers['idempotency-key'])).toBe(key);
        return [200, stripeObjects().setupIntent];
      });
    await createTestAdapter().createMandate(input);
  });

  it('records an offline acceptance with its date', async () => {
    let body: Record<string, string> = {};
    nock(STRIPE_HOST)
      .post('/v1/setup_intents', (sent: Record<string, string>) => {
        body = sent;
        return true;
      })
      .reply(200, stripeObjects().setupIntent);
    await createTestAdapter().createMandate({
      ...input,
      acceptance: { type: 'offline', acceptedAt: new Date('2026-01-02T03:04:05Z') },
    });
    expect(body['mandate_data[customer_acceptance][type]']).toBe('offline');
    expect(body['mandate_data[customer_acceptance][accepted_at]']).toBe(
      String(Date.UTC(2026, 0, 2, 3, 4, 5) / 1000),
    );
  });

  it('returns the existing mandate when the key was used before with other acceptance details', async () => {
    nock(STRIPE_HOST)
      .post('/v1/setup_intents')
      .reply(
        400,
        stripeErrorBody({
          type: 'idempotency_error',
          message: 'Keys for idempotent requests can only be used with the same parameters.',
        }),
      );
    nock(STRIPE_HOST)
      .get('/v1/setup_intents')
      .query({ customer: 'cus_TestCustomer0001', payment_method: 'ba_1TestBankAccount000001', limit: '100' })
      .reply(
        200,
        stripeList([
          { ...stripeObjects().setupIntent, status: 'canceled', mandate: null },
          stripeObjects().setupIntent,
        ]),
      );
    const result = await createTestAdapter().createMandate(input);
    expect(result.mandateId).toBe('mandate_TestMandate0001');
  });

  it('rethrows the idempotency_error when no succeeded SetupIntent exists', async () => {
    nock(STRIPE_HOST)
      .post('/v1/setup_intents')
      .reply(400, stripeErrorBody({ type: 'idempotency_error', message: 'different parameters' }));
    nock(STRIPE_HOST).get('/v1/setup_intents').query(true).reply(200, stripeList([]));
    const error = await createTestAdapter()
      .createMandate(input)
      .catch((caught: unknown) => caught);
    expect(StripeApiError.isInstance(error)).toBe(true);
    expect((error as StripeApiError).code).toBe('idempotency_error');
  });

  it('reports a SetupIntent that has no mandate yet with a null mandateId', async () => {
    nock(STRIPE_HOST)
      .post('/v1/setup_intents')
      .reply(200, { ...stripeObjects().setupIntent, status: 'requires_action', mandate: null });
    expect(await createTestAdapter().createMandate(input)).toMatchObject({
      mandateId: null,
      status: 'requires_action',
    });
  });

  it.each([
    [{ ...input, customerId: 'ba_wrong' }, 'customerId'],
    [{ ...input, bankAccountId: 'cus_wrong' }, 'bankAccountId'],
    [
      { ...input, acceptance: { type: 'online', ipAddress: 'not-an-ip', userAgent: 'x' } },
      'acceptance.ipAddress',
    ],
    [{ ...input, acceptance: { type: 'online', ipAddress: '203.0.113.7' } }, 'acceptance.userAgent'],
    [{ ...input, acceptance: { type: 'paper' } }, 'acceptance.type'],
  ])('rejects bad input before any call, naming the field (%#)', async (bad, field) => {
    const error = await createTestAdapter()
      .createMandate(bad as never)
      .catch((caught: unknown) => caught);
    expect(InputValidationError.isInstance(error)).toBe(true);
    expect((error as InputValidationError).field).toBe(field);
  });
});
