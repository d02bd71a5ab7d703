import { Buffer } from 'node:buffer';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPlaidClient, type PlaidClient } from '@achbridge/core';
import { emulatorSettings, type RunningEmulator, startEmulator } from '@achbridge/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { sandboxAccount } from '../test/dwolla-e2e.test-helpers.js';
import { createDwollaAdapter } from './dwolla-adapter.js';
import { createDwollaClient, type DwollaClient } from './dwolla-client.js';
import { DwollaWebhookVerificationError } from './dwolla-webhook-error.js';
import { verifyDwollaWebhook } from './verify-dwolla-webhook.js';

/** One webhook request as the test's receiver got it: raw body bytes and headers. */
interface Delivery {
  body: Buffer;
  headers: IncomingHttpHeaders;
}

/** A node:http receiver on 127.0.0.1 that answers 200 and keeps every request. */
async function startReceiver(): Promise<{ url: string; deliveries: Delivery[]; close(): Promise<void> }> {
  const deliveries: Delivery[] = [];
  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      deliveries.push({ body: Buffer.concat(chunks), headers: incoming.headers });
      outgoing.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/dwolla`,
    deliveries,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const SECRET = 'my-dwolla-webhook-secret';

describe('Dwolla webhooks from the emulator verify with verifyDwollaWebhook', () => {
  let emulator: RunningEmulator;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let plaid: PlaidClient;
  let dwolla: DwollaClient;

  beforeAll(async () => {
    emulator = await startEmulator({ tuning: { webhookRetryDelayMs: 10, webhookTimeoutMs: 1000 } });
  });
  afterEach(async () => {
    await emulator.control.reset();
    await receiver?.close();
  });
  afterAll(() => emulator?.close());

  async function setup() {
    receiver = await startReceiver();
    plaid = createPlaidClient(emulatorSettings(emulator).plaid);
    dwolla = createDwollaClient({
      ...emulatorSettings(emulator).dwolla,
      retry: { initialDelayMs: 5 },
    });
    const subscription = await dwolla.create('/webhook-subscriptions', { url: receiver.url, secret: SECRET });
    return { adapter: createDwollaAdapter({ plaid, dwolla }), subscription };
  }

  /** Waits until the emulator has finished every Dwolla delivery, then returns what the receiver got. */
  async function settled(count: number): Promise<Delivery[]> {
    await vi.waitFor(
      async () => {
        const deliveries = await emulator.control.webhooks({ provider: 'dwolla' });
        expect(deliveries).toHaveLength(count);
        expect(deliveries.every((delivery) => delivery.status === 'delivered')).toBe(true);
      },
      { timeout: 5000, interval: 20 },
    );
    return receiver.deliveries;
  }

  it('a linked bank sends funding source added / verified / removed events that verify with the secret', async () => {
    const { adapter, subscription } = await setup();
    expect(subscription.location).toBe(`${emulator.dwolla.baseUrl}/webhook-subscriptions/${subscription.id}`);
    const customer = await adapter.createCustomer({
      firstName: 'Jane',
      lastName: 'Doe',
      email: 'jane@example.com',
    });
    const { accessToken, accountId } = await sandboxAccount(plaid);
    const linked = await adapter.link({
      accessToken,
      accountId,
      customer: customer.id,
      name: 'Jane Checking',
    });
    await dwolla.post(`/funding-sources/${linked.fundingSource.id}`, { removed: true }, z.unknown());

    const deliveries = await settled(4);
    const events = deliveries.map((delivery) =>
      verifyDwollaWebhook({ body: delivery.body, headers: delivery.headers, secret: SECRET }),
    );
    expect(events.map((event) => event.topic).sort()).toEqual([
      'customer_created',
      'customer_funding_source_added',
      'customer_funding_source_removed',
      'customer_funding_source_verified',
    ]);
    for (const event of events.filter((candidate) => candidate.kind === 'funding_source')) {
      expect(event).toMatchObject({
        kind: 'funding_source',
        fundingSourceId: linked.fundingSource.id,
        customerId: customer.id,
        resourceUrl: linked.fundingSource.url,
        customerUrl: `${emulator.dwolla.baseUrl}/customers/${customer.id}`,
      });
      expect(event.createdAt).toEqual(expect.any(String));
      expect(event.eventUrl).toBe(`${emulator.dwolla.baseUrl}/events/${event.id}`);
    }
    expect(events.find((event) => event.topic === 'customer_created')).toMatchObject({
      kind: 'other',
      resourceId: customer.id,
    });
  });

  it('refuses deliveries checked with the wrong secret or with a changed body', async () => {
    const { adapter } = await setup();
    await adapter.createCustomer({ firstName: 'Jo', lastName: 'Roe', email: 'jo@example.com' });
    const [delivery] = await settled(1);
    if (delivery === undefined) throw new Error('no delivery');
    const wrongSecret = () =>
      verifyDwollaWebhook({ body: delivery.body, headers: delivery.headers, secret: 'not-the-secret' });
    expect(wrongSecret).toThrow(DwollaWebhookVerificationError);
    expect(wrongSecret).toThrow(/bad_signature/);
    const reserialised = JSON.stringify(JSON.parse(delivery.body.toString('utf8')), null, 2);
    expect(() =>
      verifyDwollaWebhook({ body: reserialised, headers: delivery.headers, secret: SECRET }),
    ).toThrow(/bad_signature/);
    expect(
      verifyDwollaWebhook({ body: delivery.body, headers: delivery.headers, secret: SECRET }).topic,
    ).toBe('customer_created');
  });
});
