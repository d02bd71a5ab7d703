import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createStripeHarness,
  createTestBridge,
  createTestClock,
  ONLINE_ACCEPTANCE,
  stripeError,
} from '../../test/stripe.test-helpers.js';
import { EmulatorInputError } from '../emulator-errors.js';
import { DEFAULT_CREDENTIALS, type ModuleContext } from '../types.js';
import { createStripeModule } from './stripe-module.js';

const tuning = { dwollaTokenTtlSeconds: 3600, webhookRetryDelayMs: 10, webhookTimeoutMs: 1000 };

describe('createStripeModule', () => {
  it('is the stripe provider on /v1', () => {
    const { module } = createStripeHarness();
    expect(module.name).toBe('stripe');
    expect(module.prefix).toBe('/v1');
  });

  it('validates its context and options, naming the field', () => {
    const good: ModuleContext = {
      clock: createTestClock(),
      bridge: createTestBridge(),
      credentials: DEFAULT_CREDENTIALS,
      options: tuning,
    };
    const expectField = (run: () => unknown, field: string) => {
      let caught: unknown;
      try {
        run();
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(EmulatorInputError);
      expect((caught as EmulatorInputError).field).toBe(field);
    };
    expectField(
      () =>
        createStripeModule({
          ...good,
          credentials: { ...DEFAULT_CREDENTIALS, stripe: { secretKey: '', liveSecretKey: 'x' } },
        }),
      'context.credentials.stripe.secretKey',
    );
    expectField(
      () =>
        createStripeModule({
          ...good,
          credentials: { ...DEFAULT_CREDENTIALS, stripe: { secretKey: 'same', liveSecretKey: 'same' } },
        }),
      'context.credentials.stripe.liveSecretKey',
    );
    expectField(() => createStripeModule({ ...good, bridge: {} as never }), 'context.bridge.declare');
    expectField(() => createStripeModule({ ...good, clock: {} as never }), 'context.clock.now');
    expectField(() => createStripeModule(good, { settlementDelayMs: -1 }), 'options.settlementDelayMs');
    expectField(() => createStripeModule(null as never), 'context');
  });

  it('never echoes the configured keys in validation errors', () => {
    const secret = 'sk_test_superSecretValue123';
    try {
      createStripeModule({
        clock: createTestClock(),
        bridge: createTestBridge(),
        credentials: { ...DEFAULT_CREDENTIALS, stripe: { secretKey: secret, liveSecretKey: secret } },
        options: tuning,
      });
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(secret);
    }
  });
});

describe('routing and request decoding', () => {
  it('answers unknown URLs and methods with Stripe 404 invalid_request_error', async () => {
    const { call } = createStripeHarness();
    for (const [method, path] of [
      ['GET', '/charges/ch_1'],
      ['PUT', '/customers'],
      ['DELETE', '/payment_intents/pi_1'],
      ['GET', '/customers/a/b/c/d'],
    ] as const) {
      const result = await call(method, path);
      expect(result.status, `${method} ${path}`).toBe(404);
      expect(stripeError(result)['message']).toBe(
        `Unrecognized request URL (${method}: /v1${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
      );
      expect(result.headers['request-id']).toMatch(/^req_/);
    }
  });

  it('tolerates a trailing slash and decodes percent-encoded ids', async () => {
    const { call } = createStripeHarness();
    const created = await call('POST', '/customers/', {});
    expect(created.status).toBe(200);
    const fetched = await call('GET', `/customers/${encodeURIComponent(String(created.body['id']))}`);
    expect(fetched.body['id']).toBe(created.body['id']);
    expect((await call('GET', '/customers/%E0%A4%A')).status).toBe(404);
  });

  it('rejects JSON bodies like Stripe, which only takes form encoding', async () => {
    const { call } = createStripeHarness();
    const result = await call(
      'POST',
      '/customers',
      {},
      { rawBody: '{"email":"a@example.com"}', headers: { 'content-type': 'application/json' } },
    );
    expect(result.status).toBe(400);
    expect(String(stripeError(result)['message'])).toContain('application/json');
  });

  it('echoes Stripe-Version', async () => {
    const { call } = createStripeHarness();
    const result = await call(
      'GET',
      '/customers',
      {},
      { headers: { 'stripe-version': '2026-07-29.dahlia' } },
    );
    expect(result.headers['stripe-version']).toBe('2026-07-29.dahlia');
  });

  it('never answers 500 for arbitrary form bodies on any endpoint', async () => {
    const harness = createStripeHarness();
    const { customer, bankAccount } = await harness.customerWithBank();
    const paths = [
      ['POST', '/customers'],
      ['POST', `/customers/${customer}`],
      ['POST', `/customers/${customer}/sources`],
      ['POST', `/customers/${customer}/sources/${bankAccount}`],
      ['POST', '/setup_intents'],
      ['POST', '/payment_intents'],
      ['GET', '/customers'],
      ['GET', `/customers/${customer}/sources`],
      ['GET', '/payment_intents'],
    ] as const;
    const key = fc.constantFrom(
      'amount',
      'currency',
      'customer',
      'payment_method',
      'confirm',
      'mandate',
      'mandate_data[customer_acceptance][type]',
      'mandate_data[customer_acceptance][online][ip_address]',
      'mandate_data[customer_acceptance][online][user_agent]',
      'mandate_data',
      'metadata[k]',
      'metadata',
      'expand[]',
      'expand[0]',
      'payment_method_types[]',
      'payment_method_types[0]',
      'source',
      'limit',
      'starting_after',
      'email',
      'object',
      'a[b',
      'x[][y]',
    );
    const value = fc.oneof(
      fc.string(),
      fc.constantFrom(
        'true',
        'usd',
        '100',
        'online',
        customer,
        bankAccount,
        'btok_us_verified',
        'sources',
        'data.customer',
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        fc.array(fc.tuple(key, value), { maxLength: 8 }),
        async ([method, path], pairs) => {
          const rawBody = new URLSearchParams(pairs).toString();
          const result =
            method === 'POST'
              ? await harness.call(method, path, {}, { rawBody })
              : await harness.call(method, `${path}?${rawBody}`);
          expect(result.status).not.toBe(500);
          expect(result.headers['request-id']).toMatch(/^req_/);
          if (result.status >= 400) {
            expect(stripeError(result)['type']).toBeTypeOf('string');
            expect(stripeError(result)['message']).toBeTypeOf('string');
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('snapshot and reset', () => {
  it('reports counts and lists without secrets, and reset drops everything', async () => {
    const harness = createStripeHarness();
    const { customer, bankAccount, btok } = await harness.customerWithBank();
    await harness.call('POST', '/setup_intents', {
      customer,
      payment_method: bankAccount,
      confirm: true,
      mandate_data: ONLINE_ACCEPTANCE,
    });
    await harness.call('POST', '/payment_intents', {
      amount: 100,
      currency: 'usd',
      customer,
      payment_method: bankAccount,
      confirm: true,
    });
    const snapshot = harness.module.snapshot();
    expect(snapshot['counts']).toEqual({
      customers: 1,
      bankAccounts: 1,
      usedTokens: 1,
      setupIntents: 1,
      mandates: 1,
      paymentIntents: 1,
    });
    expect(snapshot['bankAccounts']).toEqual([
      expect.objectContaining({
        id: bankAccount,
        customer,
        status: 'verified',
        last4: '6789',
        token: `…${btok.slice(-4)}`,
      }),
    ]);
    expect(snapshot['customers']).toEqual([
      expect.objectContaining({ id: customer, sources: [bankAccount] }),
    ]);
    const text = JSON.stringify(snapshot);
    expect(text).not.toContain('_secret_');
    expect(text).not.toContain(DEFAULT_CREDENTIALS.stripe.secretKey);

    harness.module.reset();
    expect(harness.module.snapshot()['counts']).toEqual({
      customers: 0,
      bankAccounts: 0,
      usedTokens: 0,
      setupIntents: 0,
      mandates: 0,
      paymentIntents: 0,
    });
    expect((await harness.call('GET', `/customers/${customer}`)).status).toBe(404);
  });
});
