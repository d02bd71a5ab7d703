import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkSandboxItem, plaidPost } from '../../test/emulator.test-helpers.js';
import { startTestReceiver, type TestReceiver } from '../../test/webhook-receiver.test-helpers.js';
import { DWOLLA_WEBHOOK_RETRY_DELAYS_MS } from '../dwolla/dwolla-webhook-retries.js';
import { PLAID_WEBHOOK_RETRY_DELAYS_MS } from '../plaid/plaid-webhook-retries.js';
import { type RunningEmulator, startEmulator } from '../start-emulator.js';

describe("tuning.webhookRetries: 'provider' (Plaid's schedule on the emulated clock)", () => {
  let emulator: RunningEmulator;
  let receiver: TestReceiver;

  beforeAll(async () => {
    // The receiver is down for the first four attempts, then answers 200.
    receiver = await startTestReceiver((index) => (index < 4 ? 500 : 200));
    emulator = await startEmulator({ tuning: { webhookRetries: 'provider' } });
  });
  afterAll(async () => {
    await emulator.close();
    await receiver.close();
  });

  it('retries a failed Plaid webhook 30 s, then 2 min, then 8 min, then 32 min later, as the clock moves', async () => {
    // Plaid Docs, "Webhook retries" (plaid.com/docs/api/webhooks/): retried for up to 24 hours, starting at
    // 30 seconds, each delay 4 times the previous.
    const { accessToken } = await linkSandboxItem(emulator, {
      webhook: `${receiver.url}/plaid`,
      products: ['auth'],
    });
    const fired = await plaidPost(emulator, '/sandbox/item/fire_webhook', {
      access_token: accessToken,
      webhook_code: 'NEW_ACCOUNTS_AVAILABLE',
    });
    expect(fired.status).toBe(200);
    await receiver.waitFor(1);
    const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
    await settle();
    expect(receiver.requests).toHaveLength(1);
    for (const [retry, delay] of PLAID_WEBHOOK_RETRY_DELAYS_MS.slice(0, 4).entries()) {
      await emulator.control.advanceClock(delay - 5_000);
      await settle();
      expect(receiver.requests).toHaveLength(retry + 1);
      await emulator.control.advanceClock(5_000);
      await receiver.waitFor(retry + 2);
    }
    const deliveries = await emulator.control.webhooks({ provider: 'plaid' });
    const delivery = deliveries.find((entry) => entry.code === 'NEW_ACCOUNTS_AVAILABLE');
    expect(delivery?.status).toBe('delivered');
    expect(delivery?.attempts.map((attempt) => attempt.outcome)).toEqual([
      'http_error',
      'http_error',
      'http_error',
      'http_error',
      'delivered',
    ]);
    // Every attempt carries the same body (Plaid re-signs each attempt, so headers differ).
    expect(new Set(receiver.requests.map((request) => request.body.toString('utf8'))).size).toBe(1);
  });
});

describe("tuning.webhookRetries: 'provider' (Dwolla's schedule on the emulated clock)", () => {
  let emulator: RunningEmulator;
  let receiver: TestReceiver;

  beforeAll(async () => {
    // Down for the first two attempts, then answering 200.
    receiver = await startTestReceiver((index) => (index < 2 ? 503 : 200));
    emulator = await startEmulator({ tuning: { webhookRetries: 'provider' } });
  });
  afterAll(async () => {
    await emulator.close();
    await receiver.close();
  });

  async function dwollaPost(bearer: string, path: string, body: unknown): Promise<Response> {
    return fetch(`${emulator.dwolla.baseUrl}${path}`, {
      method: 'POST',
      headers: {
        accept: 'application/vnd.dwolla.v1.hal+json',
        'content-type': 'application/vnd.dwolla.v1.hal+json',
        authorization: `Bearer ${bearer}`,
      },
      body: JSON.stringify(body),
    });
  }

  it('retries a failed Dwolla webhook 15 min, then 45 min later, as the clock moves', async () => {
    // developers.dwolla.com/docs/api-reference/webhook-subscriptions: "re-attempt delivery 8 times over the
    // course of 72 hours".
    const token = await fetch(`${emulator.dwolla.baseUrl}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: emulator.dwolla.key,
        client_secret: emulator.dwolla.secret,
        grant_type: 'client_credentials',
      }),
    });
    const bearer = ((await token.json()) as { access_token: string }).access_token;
    const subscribed = await dwollaPost(bearer, '/webhook-subscriptions', {
      url: `${receiver.url}/dwolla`,
      secret: 'a-webhook-secret-of-my-own',
    });
    expect(subscribed.status).toBe(201);
    const customer = await dwollaPost(bearer, '/customers', {
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@example.com',
    });
    expect(customer.status).toBe(201);
    await receiver.waitFor(1);
    const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
    for (const [retry, delay] of DWOLLA_WEBHOOK_RETRY_DELAYS_MS.slice(0, 2).entries()) {
      await emulator.control.advanceClock(delay - 60_000);
      await settle();
      expect(receiver.requests).toHaveLength(retry + 1);
      await emulator.control.advanceClock(60_000);
      await receiver.waitFor(retry + 2);
    }
    const deliveries = await emulator.control.webhooks({ provider: 'dwolla' });
    expect(deliveries.map((delivery) => delivery.status)).toEqual(['delivered']);
    expect(deliveries[0]?.attempts.map((attempt) => attempt.outcome)).toEqual([
      'http_error',
      'http_error',
      'delivered',
    ]);
  });
});
