import { describe, expect, it } from 'vitest';
import { createStripeHarness, LIVE_KEY, stripeError, TEST_KEY } from '../../test/stripe.test-helpers.js';
import { DEFAULT_CREDENTIALS } from '../types.js';
import { authenticateStripe, extractStripeKey, maskStripeKey } from './stripe-auth.js';
import { StripeApiError } from './stripe-errors.js';

const keys = DEFAULT_CREDENTIALS.stripe;

describe('maskStripeKey', () => {
  it('keeps the prefix and the last four characters, like Stripe', () => {
    expect(maskStripeKey('sk_test_51HqLyjWDarjtT1zdp7dcabcd')).toBe(`sk_test_${'*'.repeat(21)}abcd`);
    expect(maskStripeKey('sk_live_0123456789xyz')).toBe('sk_live_*********9xyz');
  });

  it('shows nothing of short or unprefixed secrets beyond four characters', () => {
    expect(maskStripeKey('sk_test_abc')).toBe('sk_test_***');
    expect(maskStripeKey('hunter2')).toBe('*******');
    expect(maskStripeKey('a-very-long-unprefixed-secret')).toBe('*************************cret');
  });
});

describe('extractStripeKey', () => {
  it('reads Bearer and Basic (key as username) credentials', () => {
    expect(extractStripeKey({ authorization: `Bearer ${TEST_KEY}` })).toBe(TEST_KEY);
    expect(extractStripeKey({ authorization: `bearer ${TEST_KEY}` })).toBe(TEST_KEY);
    const basic = Buffer.from(`${TEST_KEY}:`).toString('base64');
    expect(extractStripeKey({ authorization: `Basic ${basic}` })).toBe(TEST_KEY);
    const basicNoColon = Buffer.from(TEST_KEY).toString('base64');
    expect(extractStripeKey({ authorization: `Basic ${basicNoColon}` })).toBe(TEST_KEY);
  });

  it('returns undefined for missing or unusable headers', () => {
    expect(extractStripeKey({})).toBeUndefined();
    expect(extractStripeKey({ authorization: 'Bearer' })).toBeUndefined();
    expect(extractStripeKey({ authorization: 'Token abc' })).toBeUndefined();
    expect(
      extractStripeKey({ authorization: `Basic ${Buffer.from(':pw').toString('base64')}` }),
    ).toBeUndefined();
  });
});

describe('authenticateStripe', () => {
  it('maps the test key to test mode and the live key to live mode', () => {
    expect(authenticateStripe({ authorization: `Bearer ${TEST_KEY}` }, keys)).toEqual({
      apiKey: TEST_KEY,
      livemode: false,
    });
    expect(authenticateStripe({ authorization: `Bearer ${LIVE_KEY}` }, keys).livemode).toBe(true);
  });

  it('throws a 401 invalid_request_error for missing and wrong keys', () => {
    expect(() => authenticateStripe({}, keys)).toThrow(StripeApiError);
    let caught: unknown;
    try {
      authenticateStripe({ authorization: 'Bearer sk_test_wrongwrongwrong1234' }, keys);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StripeApiError);
    expect((caught as StripeApiError).status).toBe(401);
    expect((caught as StripeApiError).fields.message).toBe(
      `Invalid API Key provided: sk_test_${'*'.repeat(15)}1234`,
    );
  });
});

describe('authentication through the module', () => {
  it('answers 401 with a masked key and a request-id; the key never appears in full', async () => {
    const harness = createStripeHarness();
    const wrong = 'sk_test_thisIsNotTheRightKeyZZ9Q';
    const result = await harness.call('GET', '/customers', {}, { key: wrong });
    expect(result.status).toBe(401);
    expect(result.headers['request-id']).toMatch(/^req_[A-Za-z0-9]{14}$/);
    expect(stripeError(result)).toMatchObject({
      type: 'invalid_request_error',
      message: `Invalid API Key provided: sk_test_${'*'.repeat(20)}ZZ9Q`,
    });
    expect(JSON.stringify(result.raw)).not.toContain(wrong);
  });

  it('answers 401 explaining how to authenticate when no key is sent', async () => {
    const harness = createStripeHarness();
    const result = await harness.call('GET', '/customers', {}, { key: null });
    expect(result.status).toBe(401);
    expect(String(stripeError(result)['message'])).toContain('You did not provide an API key');
  });

  it('accepts Basic auth', async () => {
    const harness = createStripeHarness();
    const basic = Buffer.from(`${TEST_KEY}:`).toString('base64');
    const result = await harness.call(
      'GET',
      '/customers',
      {},
      { key: null, headers: { authorization: `Basic ${basic}` } },
    );
    expect(result.status).toBe(200);
    expect(result.body['object']).toBe('list');
  });
});
