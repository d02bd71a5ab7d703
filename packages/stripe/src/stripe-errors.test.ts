import { inspect } from 'node:util';
import { AchBridgeError, NetworkError, ProviderError } from '@achbridge/core';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestAdapter,
  STRIPE_HOST,
  stripeErrorBody,
  stripeObjects,
  TEST_KEY,
  useNock,
} from '../test/unit-harness.test-helpers.js';
import { mapStripeError } from './map-stripe-error.js';
import { StripeApiError } from './stripe-errors.js';

const PI_PATH = '/v1/payment_intents';
const payment = {
  customerId: 'cus_TestCustomer0001',
  bankAccountId: 'ba_1TestBankAccount000001',
  amount: 1099,
  mandateId: 'mandate_TestMandate0001',
};

beforeAll(useNock);
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

async function failWith(
  status: number,
  error: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  nock(STRIPE_HOST).post(PI_PATH).reply(status, stripeErrorBody(error), headers);
  const caught = await createTestAdapter({ maxRetries: 0 })
    .createAchPayment(payment)
    .catch((thrown: unknown) => thrown);
  expect(StripeApiError.isInstance(caught)).toBe(true);
  return caught as StripeApiError;
}

describe('Stripe error mapping', () => {
  it('is a ProviderError and an AchBridgeError, recognised by marker', async () => {
    const error = await failWith(
      400,
      {
        type: 'invalid_request_error',
        code: 'parameter_missing',
        param: 'amount',
        message: 'Missing required param: amount.',
      },
      { 'request-id': 'req_abc' },
    );
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(AchBridgeError.isInstance(error)).toBe(true);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'StripeApiError',
      provider: 'stripe',
      type: 'invalid_request_error',
      code: 'parameter_missing',
      param: 'amount',
      status: 400,
      requestId: 'req_abc',
      isRetryable: false,
    });
    expect(error.message).toContain('Missing required param: amount.');
    expect(StripeApiError.isInstance(new Error('plain'))).toBe(false);
  });

  it('token_already_used: explains that btoks are single use, without echoing the token', async () => {
    const error = await failWith(400, {
      type: 'invalid_request_error',
      code: 'token_already_used',
      param: 'source',
      message: 'You cannot use a Stripe token more than once: btok_1AbCdEfGhIjKlMnOp.',
    });
    expect(error.code).toBe('token_already_used');
    expect(error.remediation).toContain('single use');
    expect(JSON.stringify(error)).not.toContain('btok_1AbCdEfGhIjKlMnOp');
    expect(error.message).not.toContain('btok_1AbCdEfGhIjKlMnOp');
  });

  it('resource_missing: names the parameter and the test/live mode pitfall', async () => {
    const error = await failWith(400, {
      type: 'invalid_request_error',
      code: 'resource_missing',
      param: 'customer',
      message: "No such customer: 'cus_missing'",
    });
    expect(error.code).toBe('resource_missing');
    expect(error.remediation).toContain('`customer`');
    expect(error.remediation).toMatch(/test or live/);
  });

  it('idempotency_error: explains key reuse with different parameters', async () => {
    const error = await failWith(400, {
      type: 'idempotency_error',
      message:
        'Keys for idempotent requests can only be used with the same parameters they were first used with.',
    });
    expect(error).toMatchObject({ type: 'idempotency_error', code: 'idempotency_error', isRetryable: false });
    expect(error.remediation).toContain('different parameters');
  });

  it.each([
    ['bank_account_unusable', /cannot be used for payments/],
    ['bank_account_verification_failed', /could not verify/],
    ['bank_account_declined', /declined/],
    ['payment_intent_mandate_invalid', /createMandate/],
  ])('%s gets its own remediation', async (code, remediation) => {
    const error = await failWith(400, {
      type: 'invalid_request_error',
      code,
      message: `Stripe says ${code}`,
    });
    expect(error.code).toBe(code);
    expect(error.remediation).toMatch(remediation);
    expect(error.isRetryable).toBe(false);
  });

  it('a bank decline (402) carries the decline code and its remediation', async () => {
    const error = await failWith(402, {
      type: 'card_error',
      code: 'bank_account_declined',
      decline_code: 'insufficient_funds',
      message: 'The bank account has insufficient funds.',
    });
    expect(error).toMatchObject({
      type: 'card_error',
      declineCode: 'insufficient_funds',
      status: 402,
      isRetryable: false,
    });
    expect(error.remediation).toContain('insufficient funds');
  });

  it('authentication errors point at the key and never show it', async () => {
    const error = await failWith(401, {
      type: 'invalid_request_error',
      message: `Invalid API Key provided: ${TEST_KEY}`,
    });
    expect(error.type).toBe('invalid_request_error');
    for (const view of [error.message, JSON.stringify(error), inspect(error), error.stack ?? '']) {
      expect(view).not.toContain(TEST_KEY);
    }
    const expired = await failWith(401, {
      type: 'authentication_error',
      message: 'Expired API Key provided.',
    });
    expect(expired.remediation).toContain('API key');
  });

  it('rate limits are retryable, honour Retry-After and succeed on a later attempt', async () => {
    const keys: string[] = [];
    nock(STRIPE_HOST)
      .post(PI_PATH)
      .times(2)
      .reply(function limited() {
        keys.push(String(this.req.headers['idempotency-key']));
        return [
          429,
          stripeErrorBody({
            type: 'invalid_request_error',
            code: 'rate_limit',
            message: 'Too many requests.',
          }),
          { 'retry-after': '0' },
        ];
      })
      .post(PI_PATH)
      .reply(function ok() {
        keys.push(String(this.req.headers['idempotency-key']));
        return [200, stripeObjects().paymentIntent];
      });
    const result = await createTestAdapter({ maxRetries: 2 }).createAchPayment(payment);
    expect(result.status).toBe('processing');
    expect(new Set(keys).size).toBe(1);
    expect(keys).toHaveLength(3);
  });

  it('a rate limit that outlasts the retries surfaces as a retryable StripeApiError', async () => {
    const error = await failWith(
      429,
      { type: 'invalid_request_error', code: 'rate_limit', message: 'Too many requests.' },
      { 'retry-after': '2' },
    );
    expect(error).toMatchObject({ code: 'rate_limit', status: 429, isRetryable: true, retryAfterMs: 2000 });
    expect(error.remediation).toContain('request rate');
  });

  it('lock_timeout and idempotency_key_in_use are retried', async () => {
    nock(STRIPE_HOST)
      .post(PI_PATH)
      .reply(429, stripeErrorBody({ type: 'invalid_request_error', code: 'lock_timeout', message: 'locked' }))
      .post(PI_PATH)
      .reply(
        409,
        stripeErrorBody({ type: 'invalid_request_error', code: 'idempotency_key_in_use', message: 'in use' }),
      )
      .post(PI_PATH)
      .reply(200, stripeObjects().paymentIntent);
    const result = await createTestAdapter({ maxRetries: 2 }).createAchPayment(payment);
    expect(result.paymentIntentId).toBe('pi_TestPaymentIntent1');
  });

  it('Stripe-Should-Retry: false stops retrying even a 500', async () => {
    nock(STRIPE_HOST)
      .post(PI_PATH)
      .reply(500, stripeErrorBody({ type: 'api_error', message: 'replayed failure' }), {
        'stripe-should-retry': 'false',
      });
    const error = await createTestAdapter({ maxRetries: 2 })
      .createAchPayment(payment)
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ type: 'api_error', status: 500, isRetryable: false });
  });

  it('a connection that keeps failing becomes a retryable NetworkError, every request under one key', async () => {
    const keys: string[] = [];
    nock(STRIPE_HOST)
      .post(PI_PATH)
      .times(6)
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
      .on('request', (request) => {
        keys.push(String(request.headers['idempotency-key']));
      });
    const error = await createTestAdapter({ maxRetries: 2 })
      .createAchPayment(payment)
      .catch((caught: unknown) => caught);
    expect(NetworkError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ provider: 'stripe', reason: 'reset', isRetryable: true });
    // 1 attempt + 2 retries of ours; stripe-node re-sends a closed connection once inside each attempt
    // (documented SDK behaviour, not configurable), with the same Idempotency-Key, so it can never debit twice.
    expect(keys).toHaveLength(6);
    expect(new Set(keys).size).toBe(1);
    expect(nock.isDone()).toBe(true);
  });
});

describe('mapStripeError', () => {
  it('turns a local SDK failure into a non-retryable STRIPE_CLIENT_ERROR', () => {
    const error = mapStripeError(new TypeError('Stripe: Argument "id" must be a string'), 'GET /v1/x');
    expect(AchBridgeError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'STRIPE_CLIENT_ERROR' });
    expect((error as { isRetryable?: boolean }).isRetryable).toBeUndefined();
  });
});
