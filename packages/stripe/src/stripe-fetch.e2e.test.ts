import diagnostics from 'node:diagnostics_channel';
import { type FetchFunction, InputValidationError, ResponseValidationError } from '@achbridge/core';
import { emulatorSettings, type RunningEmulator, startEmulator } from '@achbridge/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorPlaid, sandboxAccount } from '../test/emulator-harness.test-helpers.js';
import { createStripeAdapter } from './index.js';

interface SeenCall {
  method: string;
  url: string;
  authorization: string | undefined;
  status: number;
}

/** A fetch that records every call (method, URL, Authorization header, status) and sends it with the global fetch. */
function recordingFetch(calls: SeenCall[]): FetchFunction {
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    const response = await fetch(input, init);
    calls.push({
      method: init?.method ?? 'GET',
      url: String(input),
      authorization: headers.get('authorization') ?? undefined,
      status: response.status,
    });
    return response;
  };
}

/** Counts requests node:http starts (stripe-node's default transport on Node) while `action` runs. */
async function nodeHttpRequestsDuring(action: () => Promise<unknown>): Promise<number> {
  let started = 0;
  const onStart = (): void => {
    started += 1;
  };
  diagnostics.subscribe('http.client.request.start', onStart);
  try {
    await action();
  } finally {
    diagnostics.unsubscribe('http.client.request.start', onStart);
  }
  return started;
}

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
});

describe('the Stripe settings `fetch` option', () => {
  it('sends every Stripe call of a whole flow through the given fetch, and none through node:http', async () => {
    // Plaid's client gets a fetch too (its default transport is node:http), so node:http must see nothing.
    const plaid = emulatorPlaid(emulator, () => {});
    const { accessToken, accountId } = await sandboxAccount(emulator, plaid);
    const calls: SeenCall[] = [];
    const adapter = createStripeAdapter({
      plaid,
      stripe: { ...emulatorSettings(emulator).stripe, fetch: recordingFetch(calls) },
      retry: { maxRetries: 0 },
    });
    const nodeRequests = await nodeHttpRequestsDuring(async () => {
      const linked = await adapter.link({ accessToken, accountId, customer: { email: 'fetch@example.com' } });
      const bank = { customerId: linked.customerId, bankAccountId: linked.bankAccount.id };
      const mandate = await adapter.createMandate({ ...bank, acceptance: { type: 'offline' } });
      const payment = await adapter.createAchPayment({
        ...bank,
        amount: 500,
        mandateId: mandate.mandateId,
        idempotencyKey: 'fetch-order-1',
      });
      expect(payment).toMatchObject({ amount: 500, status: 'processing' });
      await adapter.getPayment(payment.paymentIntentId);
    });
    expect(nodeRequests).toBe(0);
    const origin = emulatorSettings(emulator).stripe.baseUrl;
    expect(calls.length).toBeGreaterThanOrEqual(5);
    for (const call of calls) {
      expect(call.url.startsWith(`${origin}/v1/`)).toBe(true);
      expect(call.authorization).toBe(`Bearer ${emulator.stripe.secretKey}`);
      expect(call.status).toBe(200);
    }
    const objectId = /\/(?:cus|pi|seti|ba|pm)_[A-Za-z0-9]+/g;
    const paths = calls.map(
      (call) => `${call.method} ${new URL(call.url).pathname.replace(objectId, '/:id')}`,
    );
    expect(paths).toEqual(
      expect.arrayContaining([
        'POST /v1/customers',
        'POST /v1/customers/:id/sources',
        'POST /v1/setup_intents',
        'POST /v1/payment_intents',
        'GET /v1/payment_intents/:id',
      ]),
    );
  });

  it('keeps stripe-node default transport (node:http on Node) when no fetch is given', async () => {
    const adapter = createStripeAdapter({
      plaid: emulatorPlaid(emulator),
      stripe: emulatorSettings(emulator).stripe,
      retry: { maxRetries: 0 },
    });
    const nodeRequests = await nodeHttpRequestsDuring(() =>
      adapter.getPayment('pi_doesnotexist000000').catch((error: unknown) => error),
    );
    expect(nodeRequests).toBe(1);
  });

  it('keeps the object-body guard on the fetch path: a JSON primitive is a ResponseValidationError', async () => {
    const adapter = createStripeAdapter({
      plaid: emulatorPlaid(emulator),
      stripe: {
        ...emulatorSettings(emulator).stripe,
        fetch: async () =>
          new Response('false', { status: 200, headers: { 'content-type': 'application/json' } }),
      },
      retry: { maxRetries: 0 },
    });
    const error = await adapter.getPayment('pi_primitive0000').catch((reason: unknown) => reason);
    expect(ResponseValidationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ provider: 'stripe' });
  });

  it('refuses a fetch that is not a function with an InputValidationError before any call', () => {
    const create = () =>
      createStripeAdapter({
        plaid: emulatorPlaid(emulator),
        stripe: { ...emulatorSettings(emulator).stripe, fetch: 'https://proxy' as unknown as FetchFunction },
      });
    expect(create).toThrow(InputValidationError);
    expect(create).toThrow(/stripe/);
  });
});
