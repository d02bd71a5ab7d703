import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { linkSandboxItem, plaidPost } from '../../test/emulator.test-helpers.js';
import {
  type ReceivedWebhook,
  type ReceiverAnswer,
  startTestReceiver,
  type TestReceiver,
} from '../../test/webhook-receiver.test-helpers.js';
import { type RunningEmulator, startEmulator } from '../start-emulator.js';
import type { WebhookDeliveryView } from '../types.js';

const HAL = 'application/vnd.dwolla.v1.hal+json';

describe('Dwolla webhook delivery (HMAC-signed, retried, recorded)', () => {
  let emulator: RunningEmulator;
  let receiver: TestReceiver | undefined;
  let bearer = '';

  beforeAll(async () => {
    emulator = await startEmulator({ tuning: { webhookRetryDelayMs: 10, webhookTimeoutMs: 300 } });
  });
  afterEach(async () => {
    await emulator.control.reset();
    bearer = '';
    await receiver?.close();
    receiver = undefined;
  });
  afterAll(() => emulator.close());

  const listen = async (answer?: ReceiverAnswer) => {
    receiver = await startTestReceiver(answer);
    return receiver;
  };

  async function dwolla(method: string, path: string, body?: unknown): Promise<Response> {
    if (bearer === '') {
      const token = await fetch(`${emulator.dwolla.baseUrl}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          client_id: emulator.dwolla.key,
          client_secret: emulator.dwolla.secret,
          grant_type: 'client_credentials',
        }),
      });
      bearer = ((await token.json()) as { access_token: string }).access_token;
    }
    const url = path.startsWith('http') ? path : `${emulator.dwolla.baseUrl}${path}`;
    return fetch(url, {
      method,
      headers: {
        accept: HAL,
        authorization: `Bearer ${bearer}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
  }

  async function created(method: string, path: string, body: unknown): Promise<string> {
    const response = await dwolla(method, path, body);
    expect(response.status, await response.clone().text()).toBe(201);
    return String(response.headers.get('location'));
  }

  const hmac = (secret: string, body: Buffer) => createHmac('sha256', secret).update(body).digest('hex');
  const json = (request: ReceivedWebhook) =>
    JSON.parse(request.body.toString('utf8')) as Record<string, unknown>;

  async function settled(): Promise<WebhookDeliveryView[]> {
    let deliveries: WebhookDeliveryView[] = [];
    await vi.waitFor(
      async () => {
        deliveries = await emulator.control.webhooks({ provider: 'dwolla' });
        expect(deliveries.every((delivery) => delivery.status !== 'pending')).toBe(true);
      },
      { timeout: 5000, interval: 20 },
    );
    return deliveries;
  }

  /** A Plaid Sandbox Item's checking account as a Dwolla processor token. */
  async function processorToken(): Promise<string> {
    const { accessToken } = await linkSandboxItem(emulator);
    const accounts = await plaidPost(emulator, '/accounts/get', { access_token: accessToken });
    const checking = (accounts.body['accounts'] as Array<Record<string, unknown>>)[0]?.['account_id'];
    const minted = await plaidPost(emulator, '/processor/token/create', {
      access_token: accessToken,
      account_id: checking,
      processor: 'dwolla',
    });
    return String(minted.body['processor_token']);
  }

  it('signs funding source added / verified / removed with the subscription secret', async () => {
    const { url, waitFor } = await listen();
    const secret = 'a-webhook-secret-of-my-own';
    await created('POST', '/webhook-subscriptions', { url: `${url}/dwolla`, secret });
    const customer = await created('POST', '/customers', {
      firstName: 'Jane',
      lastName: 'Doe',
      email: 'jane@example.com',
    });
    const customerId = customer.split('/').pop();
    const source = await created('POST', `${customer}/funding-sources`, {
      plaidToken: await processorToken(),
      name: 'Jane Checking',
    });
    const sourceId = source.split('/').pop();
    expect((await dwolla('POST', source, { removed: true })).status).toBe(200);

    const requests = await waitFor(4);
    const byTopic = new Map(requests.map((request) => [request.headers['x-dwolla-topic'], request]));
    expect([...byTopic.keys()].sort()).toEqual([
      'customer_created',
      'customer_funding_source_added',
      'customer_funding_source_removed',
      'customer_funding_source_verified',
    ]);
    for (const request of requests) {
      expect(request.method).toBe('POST');
      expect(request.path).toBe('/dwolla');
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['x-request-signature-sha-256']).toBe(hmac(secret, request.body));
      expect(json(request)['topic']).toBe(request.headers['x-dwolla-topic']);
    }
    const added = json(byTopic.get('customer_funding_source_added') as ReceivedWebhook);
    const base = emulator.dwolla.baseUrl;
    expect(added).toEqual({
      id: expect.any(String),
      resourceId: sourceId,
      topic: 'customer_funding_source_added',
      timestamp: expect.any(String),
      _links: {
        self: { href: `${base}/events/${added['id']}` },
        account: { href: expect.stringMatching(new RegExp(`^${base}/accounts/`)) },
        resource: { href: `${base}/funding-sources/${sourceId}` },
        customer: { href: `${base}/customers/${customerId}` },
      },
      created: added['timestamp'],
    });
    // The event behind the webhook is retrievable at its self link.
    const event = (await (await dwolla('GET', `${base}/events/${added['id']}`)).json()) as Record<
      string,
      unknown
    >;
    expect(event).toMatchObject({
      id: added['id'],
      topic: 'customer_funding_source_added',
      resourceId: sourceId,
    });

    const deliveries = await settled();
    expect(deliveries).toHaveLength(4);
    for (const delivery of deliveries) {
      expect(delivery).toMatchObject({ provider: 'dwolla', type: null, status: 'delivered' });
      expect(delivery.attempts).toEqual([expect.objectContaining({ attempt: 1, status: 200 })]);
    }
  });

  it('sends each subscription its own signature', async () => {
    const { url, waitFor } = await listen();
    await created('POST', '/webhook-subscriptions', { url: `${url}/one`, secret: 'secret-one' });
    await created('POST', '/webhook-subscriptions', { url: `${url}/two`, secret: 'secret-two' });
    await created('POST', '/customers', { firstName: 'Jo', lastName: 'Roe', email: 'jo@example.com' });
    const requests = await waitFor(2);
    const byPath = new Map(requests.map((request) => [request.path, request]));
    const one = byPath.get('/one') as ReceivedWebhook;
    const two = byPath.get('/two') as ReceivedWebhook;
    expect(one.body.equals(two.body)).toBe(true);
    expect(one.headers['x-request-signature-sha-256']).toBe(hmac('secret-one', one.body));
    expect(two.headers['x-request-signature-sha-256']).toBe(hmac('secret-two', two.body));
  });

  it('retries a failing receiver (500, 500, then 204 — any 2xx acknowledges a Dwolla webhook)', async () => {
    const { url, waitFor } = await listen((index) => (index < 2 ? 500 : 204));
    await created('POST', '/webhook-subscriptions', { url, secret: 'secret' });
    await created('POST', '/customers', { firstName: 'Jo', lastName: 'Roe', email: 'jo@example.com' });
    const requests = await waitFor(3);
    expect(new Set(requests.map((request) => request.headers['x-request-signature-sha-256'])).size).toBe(1);
    const [delivery] = await settled();
    expect(delivery?.attempts.map(({ attempt, outcome, status }) => [attempt, outcome, status])).toEqual([
      [1, 'http_error', 500],
      [2, 'http_error', 500],
      [3, 'delivered', 204],
    ]);
    expect(delivery?.status).toBe('delivered');
  });

  it('events from before the subscription are not sent; reset removes subscriptions', async () => {
    const { url } = await listen();
    await created('POST', '/customers', { firstName: 'Jo', lastName: 'Roe', email: 'jo@example.com' });
    await created('POST', '/webhook-subscriptions', { url, secret: 'secret' });
    expect(await emulator.control.webhooks()).toEqual([]);
    await emulator.control.reset();
    bearer = '';
    const state = await emulator.control.state();
    expect(state.dwolla['webhookSubscriptions']).toEqual([]);
    await created('POST', '/customers', { firstName: 'Al', lastName: 'Poe', email: 'al@example.com' });
    expect(await emulator.control.webhooks()).toEqual([]);
    expect(receiver?.requests).toEqual([]);
  });
});
