import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestReceiver } from '../../test/webhook-receiver.test-helpers.js';
import { type RunningEmulator, startEmulator } from '../start-emulator.js';
import { DEFAULT_ACCOUNT_API_VERSION } from './stripe-api-version.js';
import { paymentIntentEventTypes } from './stripe-payment-intent-events.js';
import { stripeSignatureHeader } from './stripe-webhook-delivery.js';

describe('paymentIntentEventTypes', () => {
  it.each([
    [undefined, 'requires_confirmation', ['payment_intent.created']],
    [undefined, 'processing', ['payment_intent.created', 'payment_intent.processing']],
    [
      undefined,
      'succeeded',
      ['payment_intent.created', 'payment_intent.processing', 'payment_intent.succeeded'],
    ],
    ['requires_confirmation', 'processing', ['payment_intent.processing']],
    ['processing', 'succeeded', ['payment_intent.succeeded']],
    ['processing', 'requires_payment_method', ['payment_intent.payment_failed']],
    ['requires_payment_method', 'canceled', ['payment_intent.canceled']],
    ['processing', 'processing', []],
  ] as const)('%s → %s', (previous, current, types) => {
    expect(paymentIntentEventTypes(previous, current)).toEqual(types);
  });
});

describe('stripeSignatureHeader', () => {
  it('is Stripe’s t=…,v1=HMAC-SHA256("t.body") scheme', () => {
    const expected = createHmac('sha256', 'whsec_x').update('1700000000.{"a":1}').digest('hex');
    expect(stripeSignatureHeader('{"a":1}', 'whsec_x', 1_700_000_000)).toBe(`t=1700000000,v1=${expected}`);
  });
});

describe('POST/GET/DELETE /v1/webhook_endpoints', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterEach(() => emulator.control.reset());
  afterAll(() => emulator.close());

  const call = (
    method: string,
    path: string,
    form?: Record<string, string>,
    key = emulator.stripe.secretKey,
  ) =>
    fetch(`${emulator.url}/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: form ? new URLSearchParams(form) : null,
    });

  it('creates with a secret shown once, lists and retrieves without it, deletes', async () => {
    const created = await call('POST', '/webhook_endpoints', {
      url: 'http://127.0.0.1:9/hook',
      'enabled_events[0]': 'payment_intent.succeeded',
      'enabled_events[1]': 'payment_intent.payment_failed',
    });
    expect(created.status).toBe(200);
    const body = (await created.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      object: 'webhook_endpoint',
      url: 'http://127.0.0.1:9/hook',
      enabled_events: ['payment_intent.succeeded', 'payment_intent.payment_failed'],
      status: 'enabled',
      livemode: false,
    });
    expect(body['secret']).toMatch(/^whsec_/);
    const id = body['id'] as string;
    const read = (await (await call('GET', `/webhook_endpoints/${id}`)).json()) as Record<string, unknown>;
    expect(read['secret']).toBeUndefined();
    const list = (await (await call('GET', '/webhook_endpoints')).json()) as { data: unknown[] };
    expect(list.data).toHaveLength(1);
    const live = (await (
      await call('GET', '/webhook_endpoints', undefined, emulator.stripe.liveSecretKey)
    ).json()) as {
      data: unknown[];
    };
    expect(live.data).toHaveLength(0);
    expect(
      ((await (await call('DELETE', `/webhook_endpoints/${id}`)).json()) as Record<string, unknown>)[
        'deleted'
      ],
    ).toBe(true);
    expect((await call('GET', `/webhook_endpoints/${id}`)).status).toBe(404);
  });

  it('answers Stripe-shaped errors for missing parameters, bad URLs, unknown keys and no API key', async () => {
    const missingUrl = await call('POST', '/webhook_endpoints', { 'enabled_events[0]': '*' });
    expect(missingUrl.status).toBe(400);
    expect(await missingUrl.json()).toMatchObject({ error: { code: 'parameter_missing', param: 'url' } });
    const noEvents = await call('POST', '/webhook_endpoints', { url: 'http://127.0.0.1:9/hook' });
    expect(await noEvents.json()).toMatchObject({ error: { param: 'enabled_events' } });
    const badUrl = await call('POST', '/webhook_endpoints', { url: 'ftp://x', 'enabled_events[0]': '*' });
    expect(await badUrl.json()).toMatchObject({ error: { param: 'url' } });
    const unknown = await call('POST', '/webhook_endpoints', {
      url: 'http://127.0.0.1:9/h',
      'enabled_events[0]': '*',
      x: '1',
    });
    expect(await unknown.json()).toMatchObject({ error: { code: 'parameter_unknown', param: 'x' } });
    const anonymous = await fetch(`${emulator.url}/v1/webhook_endpoints`);
    expect(anonymous.status).toBe(401);
  });
});

describe('the API version of emulated Stripe events', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.close());

  const post = (path: string, form: Record<string, string>) =>
    fetch(`${emulator.url}/v1${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${emulator.stripe.secretKey}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(form),
    }).then(async (answer) => (await answer.json()) as Record<string, unknown>);

  // Sources: Stripe API reference, Webhook Endpoints (https://docs.stripe.com/api/webhook_endpoints): the object's
  // `api_version` is "The API version events are rendered as for this webhook endpoint", and the create
  // parameter: "Events sent to this endpoint will be generated with this Stripe Version instead of your
  // account's default Stripe Version" (also stripe-node's WebhookEndpointCreateParams.api_version). An event's
  // `api_version` is "The Stripe API version used to render `data`" (Event object), so it is never null.
  it("carries the endpoint's api_version, else the account's default, and renders the object at it", async () => {
    const receivers = [await startTestReceiver(), await startTestReceiver()];
    try {
      const pinned = await post('/webhook_endpoints', {
        url: receivers[0]?.url ?? '',
        'enabled_events[0]': 'payment_intent.created',
        api_version: '2024-06-20',
      });
      const unpinned = await post('/webhook_endpoints', {
        url: receivers[1]?.url ?? '',
        'enabled_events[0]': 'payment_intent.created',
      });
      expect(pinned['api_version']).toBe('2024-06-20');
      expect(unpinned['api_version']).toBeNull();
      const customer = await post('/customers', { email: 'versions@example.com' });
      const intent = await post('/payment_intents', {
        amount: '1099',
        currency: 'usd',
        customer: String(customer['id']),
        'allowed_payment_method_types[0]': 'us_bank_account',
      });
      const [atPinned] = (await receivers[0]?.waitFor(1)) ?? [];
      const [atDefault] = (await receivers[1]?.waitFor(1)) ?? [];
      const pinnedEvent = JSON.parse(String(atPinned?.body)) as Record<string, unknown>;
      const defaultEvent = JSON.parse(String(atDefault?.body)) as Record<string, unknown>;
      expect(pinnedEvent).toMatchObject({ api_version: '2024-06-20', type: 'payment_intent.created' });
      expect(defaultEvent).toMatchObject({
        api_version: DEFAULT_ACCOUNT_API_VERSION,
        type: 'payment_intent.created',
      });
      // One event, one id, rendered per endpoint: `invoice` left PaymentIntent in 2025-03-31.basil.
      expect(pinnedEvent['id']).toBe(defaultEvent['id']);
      const pinnedObject = (pinnedEvent['data'] as { object: Record<string, unknown> }).object;
      const defaultObject = (defaultEvent['data'] as { object: Record<string, unknown> }).object;
      expect(pinnedObject['id']).toBe(intent['id']);
      expect(pinnedObject).toHaveProperty('invoice');
      expect(defaultObject).not.toHaveProperty('invoice');
    } finally {
      for (const receiver of receivers) await receiver.close();
    }
  });

  it('refuses a malformed api_version on endpoint creation, naming the parameter', async () => {
    const refused = await post('/webhook_endpoints', {
      url: 'http://127.0.0.1:9/hook',
      'enabled_events[0]': '*',
      api_version: 'latest',
    });
    expect(refused['error']).toMatchObject({ type: 'invalid_request_error', param: 'api_version' });
  });
});
