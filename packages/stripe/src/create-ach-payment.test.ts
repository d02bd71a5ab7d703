import { InputValidationError, ResponseValidationError } from '@achbridge/core';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestAdapter,
  STRIPE_HOST,
  stripeErrorBody,
  stripeObjects,
  useNock,
} from '../test/unit-harness.test-helpers.js';

const payment = {
  customerId: 'cus_TestCustomer0001',
  bankAccountId: 'ba_1TestBankAccount000001',
  amount: 1099,
};

beforeAll(useNock);
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

describe('createAchPayment', () => {
  it('creates a confirmed us_bank_account PaymentIntent with the mandate and returns its status', async () => {
    let body: Record<string, string> = {};
    nock(STRIPE_HOST)
      .post('/v1/payment_intents', (sent: Record<string, string>) => {
        body = sent;
        return true;
      })
      .reply(200, stripeObjects().paymentIntent, { 'request-id': 'req_pi' });
    const result = await createTestAdapter().createAchPayment({
      ...payment,
      mandateId: 'mandate_TestMandate0001',
      description: 'Order 42',
      metadata: { orderId: '42' },
    });
    expect(result).toEqual({
      paymentIntentId: 'pi_TestPaymentIntent1',
      status: 'processing',
      amount: 1099,
      currency: 'usd',
      lastPaymentError: null,
    });
    expect(body).toMatchObject({
      amount: '1099',
      currency: 'usd',
      customer: 'cus_TestCustomer0001',
      payment_method: 'ba_1TestBankAccount000001',
      confirm: 'true',
      mandate: 'mandate_TestMandate0001',
      description: 'Order 42',
      'metadata[orderId]': '42',
      'allowed_payment_method_types[0]': 'us_bank_account',
    });
  });

  it('can collect the mandate with the payment instead', async () => {
    let body: Record<string, string> = {};
    nock(STRIPE_HOST)
      .post('/v1/payment_intents', (sent: Record<string, string>) => {
        body = sent;
        return true;
      })
      .reply(200, stripeObjects().paymentIntent);
    await createTestAdapter().createAchPayment({
      ...payment,
      acceptance: { type: 'online', ipAddress: '2001:db8::1', userAgent: 'curl/8' },
    });
    expect(body['mandate_data[customer_acceptance][online][ip_address]']).toBe('2001:db8::1');
    expect(body['mandate']).toBeUndefined();
  });

  it("sends the caller's idempotency key on every attempt", async () => {
    const keys: string[] = [];
    nock(STRIPE_HOST)
      .post('/v1/payment_intents')
      .reply(function fail() {
        keys.push(String(this.req.headers['idempotency-key']));
        return [503, stripeErrorBody({ type: 'api_error', message: 'unavailable' })];
      })
      .post('/v1/payment_intents')
      .reply(function ok() {
        keys.push(String(this.req.headers['idempotency-key']));
        return [200, stripeObjects().paymentIntent];
      });
    await createTestAdapter().createAchPayment({ ...payment, idempotencyKey: 'order-42-debit' });
    expect(keys).toEqual(['order-42-debit', 'order-42-debit']);
  });

  it('uses one random key per call, the same on its retries, a new one for the next call', async () => {
    const keys: string[] = [];
    const record = function record(this: nock.ReplyFnContext): [number, Record<string, unknown>] {
      keys.push(String(this.req.headers['idempotency-key']));
      return keys.length === 1
        ? [500, stripeErrorBody({ type: 'api_error', message: 'boom' })]
        : [200, stripeObjects().paymentIntent];
    };
    nock(STRIPE_HOST).post('/v1/payment_intents').times(3).reply(record);
    const adapter = createTestAdapter();
    await adapter.createAchPayment(payment);
    await adapter.createAchPayment(payment);
    expect(keys[0]).toMatch(/^achbridge-stripe-payment-/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('reports the last payment error of a failed attempt', async () => {
    nock(STRIPE_HOST)
      .post('/v1/payment_intents')
      .reply(200, {
        ...stripeObjects().paymentIntent,
        status: 'requires_payment_method',
        last_payment_error: {
          type: 'card_error',
          code: 'insufficient_funds',
          message: 'Insufficient funds.',
        },
      });
    const result = await createTestAdapter().createAchPayment(payment);
    expect(result.lastPaymentError).toEqual({
      code: 'insufficient_funds',
      declineCode: null,
      message: 'Insufficient funds.',
    });
  });

  it('rejects a malformed PaymentIntent with a ResponseValidationError instead of returning undefined', async () => {
    nock(STRIPE_HOST)
      .post('/v1/payment_intents')
      .reply(200, { ...stripeObjects().paymentIntent, status: undefined });
    const error = await createTestAdapter()
      .createAchPayment(payment)
      .catch((caught: unknown) => caught);
    expect(ResponseValidationError.isInstance(error)).toBe(true);
    expect((error as ResponseValidationError).endpoint).toBe('POST /v1/payment_intents');
    expect((error as ResponseValidationError).issues[0]?.path).toBe('status');
  });

  it.each([
    [{ ...payment, amount: 0 }, 'amount'],
    [{ ...payment, amount: -5 }, 'amount'],
    [{ ...payment, amount: 10.5 }, 'amount'],
    [{ ...payment, amount: '1099' }, 'amount'],
    [{ ...payment, currency: 'eur' }, 'currency'],
    [{ ...payment, customerId: '' }, 'customerId'],
    [{ ...payment, mandateId: 'seti_x' }, 'mandateId'],
    [{ ...payment, idempotencyKey: 'x'.repeat(256) }, 'idempotencyKey'],
    [{ ...payment, mandateId: 'mandate_1', acceptance: { type: 'offline' } }, 'acceptance'],
  ])('rejects bad input before any call, naming the field (%#)', async (bad, field) => {
    const error = await createTestAdapter()
      .createAchPayment(bad as never)
      .catch((caught: unknown) => caught);
    expect(InputValidationError.isInstance(error)).toBe(true);
    expect((error as InputValidationError).field).toBe(field);
  });

  it('accepts USD in upper case', async () => {
    nock(STRIPE_HOST)
      .post('/v1/payment_intents', (sent: Record<string, string>) => sent['currency'] === 'usd')
      .reply(200, stripeObjects().paymentIntent);
    await createTestAdapter().createAchPayment({ ...payment, currency: 'USD' });
  });
});

describe('getPayment', () => {
  it('reads the PaymentIntent status', async () => {
    nock(STRIPE_HOST)
      .get('/v1/payment_intents/pi_TestPaymentIntent1')
      .reply(200, { ...stripeObjects().paymentIntent, status: 'succeeded' });
    const result = await createTestAdapter().getPayment('pi_TestPaymentIntent1');
    expect(result.status).toBe('succeeded');
  });

  it('rejects an id that is not a PaymentIntent id', async () => {
    const error = await createTestAdapter()
      .getPayment('ch_123')
      .catch((caught: unknown) => caught);
    expect(InputValidationError.isInstance(error)).toBe(true);
    expect((error as InputValidationError).field).toBe('paymentIntentId');
  });

  it('rejects options that are not an object with a typed error, not a TypeError', async () => {
    const error = await createTestAdapter()
      .getPayment('pi_TestPaymentIntent1', null as unknown as { signal?: AbortSignal })
      .catch((caught: unknown) => caught);
    expect(InputValidationError.isInstance(error)).toBe(true);
    expect((error as InputValidationError).operation).toBe('getPayment');
  });

  it('rejects a signal that is not an AbortSignal, naming the field', async () => {
    const error = await createTestAdapter()
      .getPayment('pi_TestPaymentIntent1', { signal: 'soon' as unknown as AbortSignal })
      .catch((caught: unknown) => caught);
    expect(InputValidationError.isInstance(error)).toBe(true);
    expect((error as InputValidationError).field).toBe('signal');
  });
});
