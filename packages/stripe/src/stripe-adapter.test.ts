import { ConfigError, createPlaidClient, InputValidationError } from '@achbridge/core';
import nock from 'nock';
import Stripe from 'stripe';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ACCOUNT_ID,
  createTestPlaid,
  LIVE_KEY,
  PUBLIC_TOKEN,
  STRIPE_HOST,
  stripeObjects,
  TEST_KEY,
  useNock,
} from '../test/unit-harness.test-helpers.js';
import { stripeModeOfKey } from './mode-guard.js';
import { createStripeAdapter } from './stripe-adapter.js';

beforeAll(useNock);
afterEach(() => {
  vi.unstubAllEnvs();
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

function configErrorOf(action: () => unknown): ConfigError {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(ConfigError.isInstance(caught)).toBe(true);
  return caught as ConfigError;
}

describe('createStripeAdapter', () => {
  it('implements the ProcessorAdapter contract shape for stripe', () => {
    const adapter = createStripeAdapter({ plaid: createTestPlaid(), stripe: { secretKey: TEST_KEY } });
    expect(adapter.processor).toBe('stripe');
    expect(adapter.mode).toBe('test');
    expect(typeof adapter.link).toBe('function');
  });

  it('refuses a live key with a Plaid Sandbox client at construction, before any network call', () => {
    const error = configErrorOf(() =>
      createStripeAdapter({ plaid: createTestPlaid(), stripe: { secretKey: LIVE_KEY } }),
    );
    expect(error.code).toBe('STRIPE_MODE_MISMATCH');
    expect(error.message).toContain(
      '"No such token" when a test mode bank account token is used in a live Stripe API call',
    );
    expect(error.message).not.toContain(LIVE_KEY);
    expect(JSON.stringify(error)).not.toContain(LIVE_KEY);
  });

  it('refuses a test key with a Plaid Production client', () => {
    const plaid = createPlaidClient({
      environment: 'production',
      clientId: 'id',
      secret: 'unit-test-secret',
    });
    const error = configErrorOf(() => createStripeAdapter({ plaid, stripe: { secretKey: TEST_KEY } }));
    expect(error.code).toBe('STRIPE_MODE_MISMATCH');
  });

  it('runs the same check with the mode declared next to a Stripe instance', () => {
    const live = new Stripe(LIVE_KEY);
    expect(
      configErrorOf(() =>
        createStripeAdapter({
          plaid: createTestPlaid(),
          stripe: live,
          mode: 'live',
          apiVersion: Stripe.API_VERSION,
        }),
      ).code,
    ).toBe('STRIPE_MODE_MISMATCH');
    const adapter = createStripeAdapter({
      plaid: createTestPlaid(),
      stripe: new Stripe(TEST_KEY),
      mode: stripeModeOfKey(TEST_KEY),
      apiVersion: Stripe.API_VERSION,
    });
    expect(adapter.mode).toBe('test');
  });

  it('needs the mode next to any Stripe instance: it never reads the key inside', () => {
    for (const instance of [
      new Stripe(TEST_KEY),
      new Stripe(null as unknown as string, { authenticator: async () => {} }),
    ]) {
      expect(
        configErrorOf(() =>
          createStripeAdapter({ plaid: createTestPlaid(), stripe: instance, apiVersion: Stripe.API_VERSION }),
        ).code,
      ).toBe('STRIPE_MODE_UNKNOWN');
    }
  });

  it("fails with STRIPE_MODE_MISMATCH when Stripe's answer contradicts the declared mode", async () => {
    nock(STRIPE_HOST)
      .get('/v1/payment_intents/pi_TestPaymentIntent1')
      .reply(200, { ...stripeObjects().paymentIntent, livemode: true });
    // A live key declared as 'test': the guard before the call passes, Stripe's answer gives it away.
    const adapter = createStripeAdapter({
      plaid: createTestPlaid(),
      stripe: new Stripe(LIVE_KEY),
      mode: 'test',
      apiVersion: Stripe.API_VERSION,
    });
    const error = await adapter.getPayment('pi_TestPaymentIntent1').catch((caught: unknown) => caught);
    expect(ConfigError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'STRIPE_MODE_MISMATCH' });
    expect((error as Error).message).not.toContain(LIVE_KEY);
  });

  it('refuses a mode hint that contradicts the key', () => {
    const error = configErrorOf(() =>
      createStripeAdapter({ plaid: createTestPlaid(), stripe: { secretKey: TEST_KEY }, mode: 'live' }),
    );
    expect(error.code).toBe('STRIPE_MODE_MISMATCH');
  });

  it('reads STRIPE_SECRET_KEY lazily and checks the mode at the first call, before any request', async () => {
    vi.stubEnv('STRIPE_SECRET_KEY', LIVE_KEY);
    const adapter = createStripeAdapter({ plaid: createTestPlaid(), stripe: {} });
    expect(adapter.mode).toBeUndefined();
    const error = await adapter
      .link({ publicToken: PUBLIC_TOKEN, accountId: ACCOUNT_ID, customer: { id: 'cus_1' } })
      .catch((caught: unknown) => caught);
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error as ConfigError).code).toBe('STRIPE_MODE_MISMATCH');
  });

  it('names the missing key setting when neither option nor environment provides it', async () => {
    vi.stubEnv('STRIPE_SECRET_KEY', '');
    const adapter = createStripeAdapter({ plaid: createTestPlaid(), stripe: {} });
    const error = await adapter.getPayment('pi_123').catch((caught: unknown) => caught);
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('STRIPE_SECRET_KEY');
  });

  it('validates its options, naming the field', () => {
    const cases: [unknown, string][] = [
      [{ stripe: { secretKey: TEST_KEY } }, 'plaid'],
      [{ plaid: createTestPlaid() }, 'stripe'],
      [{ plaid: createTestPlaid(), stripe: { secretKey: TEST_KEY, port: 'x' } }, 'stripe'],
      [{ plaid: createTestPlaid(), stripe: { secretKey: TEST_KEY }, mode: 'sandbox' }, 'mode'],
      [
        { plaid: createTestPlaid(), stripe: { secretKey: TEST_KEY }, retry: { maxRetries: -1 } },
        'retry.maxRetries',
      ],
    ];
    for (const [options, field] of cases) {
      let caught: unknown;
      try {
        createStripeAdapter(options as never);
      } catch (error) {
        caught = error;
      }
      expect(InputValidationError.isInstance(caught), field).toBe(true);
      expect((caught as InputValidationError).field).toBe(field);
    }
  });

  it('talks to a custom base URL (e.g. a local emulator) and still disables stripe-node retries', async () => {
    nock('http://127.0.0.1:4999')
      .get('/v1/payment_intents/pi_TestPaymentIntent1')
      .reply(200, stripeObjects().paymentIntent);
    const adapter = createStripeAdapter({
      plaid: createTestPlaid(),
      stripe: { secretKey: TEST_KEY, baseUrl: 'http://127.0.0.1:4999' },
    });
    expect((await adapter.getPayment('pi_TestPaymentIntent1')).paymentIntentId).toBe('pi_TestPaymentIntent1');
  });

  it('overrides the retries of a passed-in Stripe instance per request', async () => {
    const instance = new Stripe(TEST_KEY, { maxNetworkRetries: 5 });
    let attempts = 0;
    nock(STRIPE_HOST)
      .get('/v1/payment_intents/pi_TestPaymentIntent1')
      .times(2)
      .reply(() => {
        attempts++;
        return [500, { error: { type: 'api_error', message: 'boom' } }];
      });
    const adapter = createStripeAdapter({
      plaid: createTestPlaid(),
      stripe: instance,
      mode: 'test',
      apiVersion: Stripe.API_VERSION,
      retry: { maxRetries: 1, initialDelayMs: 1 },
    });
    await expect(adapter.getPayment('pi_TestPaymentIntent1')).rejects.toMatchObject({ status: 500 });
    // 1 attempt + 1 retry of ours; the instance's 5 SDK retries never ran.
    expect(attempts).toBe(2);
  });
});
