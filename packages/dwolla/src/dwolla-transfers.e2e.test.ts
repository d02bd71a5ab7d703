import { Buffer } from 'node:buffer';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createPaymentOutcomePoller,
  createPaymentOutcomeTracker,
  createPlaidClient,
  type PaymentOutcomeChange,
  type PaymentOutcomeUpdate,
} from '@achbridge/core';
import { emulatorSettings, type RunningEmulator, startEmulator } from '@achbridge/emulator';
import { createPaymentOutcomeRouter, createStore, openPgliteClient, type SqlClient } from '@achbridge/store';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { sandboxAccount } from '../test/dwolla-e2e.test-helpers.js';
import { createDwollaAdapter, type DwollaAdapter } from './dwolla-adapter.js';
import { createDwollaClient, type DwollaClient } from './dwolla-client.js';
import { DwollaApiError } from './dwolla-errors.js';
import { createDwollaOutcomeMapper } from './dwolla-outcome-mapper.js';
import {
  createDwollaTransferStatusReader,
  dwollaTransferOutcomeFromEvent,
} from './dwolla-transfer-outcome.js';
import { verifyDwollaWebhook } from './verify-dwolla-webhook.js';

const SECRET = 'transfer-webhook-secret';
const THREE_DAYS_MS = 3 * 24 * 60 * 60 * 1000;

interface Delivery {
  body: Buffer;
  headers: IncomingHttpHeaders;
}

async function startReceiver() {
  const deliveries: Delivery[] = [];
  const server = createServer((incoming, outgoing) => {
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

describe('Dwolla transfers and their outcomes against the emulator', () => {
  let emulator: RunningEmulator;
  let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;

  beforeAll(async () => {
    emulator = await startEmulator({ tuning: { webhookRetryDelayMs: 10, webhookTimeoutMs: 5000 } });
  });
  afterEach(async () => {
    await emulator.control.reset();
    await receiver?.close();
    receiver = undefined;
  });
  let ledger: Promise<SqlClient> | undefined;
  /** One embedded Postgres for the ledger tests (starting PGlite takes seconds on a busy machine). */
  const ledgerClient = () => {
    ledger ??= openPgliteClient({});
    return ledger;
  };
  afterAll(async () => {
    await emulator?.close();
    if (ledger) await (await ledger).close();
  });

  function clients(): { adapter: DwollaAdapter; dwolla: DwollaClient } {
    const plaid = createPlaidClient(emulatorSettings(emulator).plaid);
    const dwolla = createDwollaClient({
      ...emulatorSettings(emulator).dwolla,
      retry: { initialDelayMs: 5 },
    });
    return { adapter: createDwollaAdapter({ plaid, dwolla }), dwolla };
  }

  /** Links a sandbox checking account for a new customer under `name` (an R-code name makes transfers fail). */
  async function linkedBank(adapter: DwollaAdapter, name: string) {
    const plaid = createPlaidClient(emulatorSettings(emulator).plaid);
    const customer = await adapter.createCustomer({
      firstName: 'Jane',
      lastName: 'Doe',
      email: `jane.${name.toLowerCase()}@example.com`,
    });
    const { accessToken, accountId } = await sandboxAccount(plaid);
    const linked = await adapter.link({
      accessToken,
      accountId,
      customer: customer.id,
      name,
    });
    return linked.fundingSource.url;
  }

  /** The emulated account's balance funding source URL, as an app finds it: root → account → funding sources. */
  async function accountBalance(dwolla: DwollaClient): Promise<string> {
    const root = await dwolla.get(
      '/',
      z.looseObject({ _links: z.looseObject({ account: z.looseObject({ href: z.string() }) }) }),
    );
    const list = await dwolla.get(
      `${root.data._links.account.href}/funding-sources`,
      z.looseObject({
        _embedded: z.looseObject({
          'funding-sources': z.array(
            z.looseObject({
              type: z.string(),
              _links: z.looseObject({ self: z.looseObject({ href: z.string() }) }),
            }),
          ),
        }),
      }),
    );
    const balance = list.data._embedded['funding-sources'].find((source) => source.type === 'balance');
    if (!balance) throw new Error('no balance');
    return balance._links.self.href;
  }
  /** Waits until every Dwolla delivery is done, then verifies each one. */
  async function verifiedEvents(count: number) {
    await vi.waitFor(
      async () => {
        const deliveries = await emulator.control.webhooks({ provider: 'dwolla' });
        expect(deliveries.filter((delivery) => delivery.status === 'delivered')).toHaveLength(count);
      },
      { timeout: 5000, interval: 20 },
    );
    // At-least-once: on a slow machine an attempt may time out after the receiver got it and be sent again.
    const events = (receiver?.deliveries ?? []).map((delivery) =>
      verifyDwollaWebhook({ body: delivery.body, headers: delivery.headers, secret: SECRET }),
    );
    return [...new Map(events.map((event) => [event.id, event])).values()];
  }

  it('a $1.00 debit settles on the clock; webhooks delivered newest-first and twice change the outcome once', async () => {
    const { adapter, dwolla } = clients();
    receiver = await startReceiver();
    const source = await linkedBank(adapter, 'Checking');
    await dwolla.create('/webhook-subscriptions', { url: receiver.url, secret: SECRET });
    const transfer = await adapter.createTransfer({
      source,
      destination: await accountBalance(dwolla),
      amount: '1.00',
      idempotencyKey: 'order-1001-payment',
      metadata: { order: '1001' },
    });
    expect(transfer).toMatchObject({
      status: 'pending',
      amount: { value: '1.00', currency: 'USD' },
      cancellable: true,
    });
    await emulator.control.advanceClock(THREE_DAYS_MS);
    expect((await adapter.getTransfer(transfer.url)).status).toBe('processed');

    const events = await verifiedEvents(4);
    expect(events.map((event) => event.topic)).toEqual([
      'customer_transfer_created',
      'transfer_created',
      'customer_transfer_completed',
      'transfer_completed',
    ]);
    const tracker = createPaymentOutcomeTracker();
    const changes: PaymentOutcomeChange[] = [];
    tracker.subscribe((change) => {
      changes.push(change);
    });
    // Newest first, then everything again: the completed event must win and nothing may count twice.
    for (const event of [...events].reverse().concat(events)) {
      const update = await dwollaTransferOutcomeFromEvent(event, adapter.getTransfer);
      if (update) await tracker.apply(update);
    }
    expect(changes.map((change) => change.current.status)).toEqual(['succeeded']);
    expect(await tracker.get({ provider: 'dwolla', paymentId: transfer.id })).toMatchObject({
      status: 'succeeded',
    });
  });

  it.each([
    ['R01', 'retry_later', true],
    ['R02', 'relink', false],
    ['R10', 'new_authorization_needed', false],
  ] as const)(
    'a bank named %s fails with that return code, catalog category %s, retryable %s',
    async (code, category, retryable) => {
      const { adapter, dwolla } = clients();
      const source = await linkedBank(adapter, code);
      const transfer = await adapter.createTransfer({
        source,
        destination: await accountBalance(dwolla),
        amount: '25.00',
        idempotencyKey: `order-${code}`,
      });
      const tracker = createPaymentOutcomeTracker();
      const poller = createPaymentOutcomePoller({
        tracker,
        read: createDwollaTransferStatusReader(adapter.getTransfer),
        initialDelayMs: 1,
        maxReads: 5,
      });
      await emulator.control.advanceClock(THREE_DAYS_MS);
      const result = await poller.poll({ provider: 'dwolla', paymentId: transfer.id });
      expect(result).toMatchObject({
        stoppedBecause: 'final',
        reads: 1,
        outcome: { status: 'failed', returnCode: code, achReturn: { category, retryable } },
      });
      expect((await adapter.getTransfer(transfer.id)).failure).toMatchObject({
        code,
        description: expect.any(String),
      });
    },
  );

  it.each([
    ['Checking', 'succeeded', undefined, undefined],
    ['R01', 'failed', 'R01', 'retry_later'],
    ['R02', 'failed', 'R02', 'relink'],
    ['R10', 'failed', 'R10', 'new_authorization_needed'],
  ] as const)(
    'through the store: a bank named %s ends %s %s in the payments ledger; every event twice and newest first changes it once',
    async (name, status, returnCode, category) => {
      const { adapter, dwolla } = clients();
      const store = createStore({
        database: { client: await ledgerClient() },
        schema: `ledger_${name.toLowerCase()}`,
      });
      try {
        const outcomes = createPaymentOutcomeRouter({
          store,
          processors: { dwolla: createDwollaOutcomeMapper(adapter.getTransfer) },
        });
        const changes: PaymentOutcomeChange[] = [];
        outcomes.subscribe((change) => {
          changes.push(change);
        });
        receiver = await startReceiver();
        const source = await linkedBank(adapter, name);
        await dwolla.create('/webhook-subscriptions', { url: receiver.url, secret: SECRET });
        const transfer = await adapter.createTransfer({
          source,
          destination: await accountBalance(dwolla),
          amount: '1.00',
          idempotencyKey: `ledger-${name}`,
        });
        await emulator.control.advanceClock(THREE_DAYS_MS);
        // The emulator settles transfers when they are next read.
        await adapter.getTransfer(transfer.id);
        const events = await verifiedEvents(4);
        for (const event of [...events].reverse().concat(events)) {
          await outcomes.receive({
            processor: 'dwolla',
            eventId: event.id,
            eventType: event.topic,
            event: event.body,
          });
        }
        expect(changes.map((change) => change.current.status)).toEqual([status]);
        const outcome = await outcomes.get({ provider: 'dwolla', paymentId: transfer.id });
        expect(outcome?.status).toBe(status);
        expect(outcome?.returnCode).toBe(returnCode);
        expect(outcome?.achReturn?.category).toBe(category);
        // Only R01 may be re-presented; the catalog forbids an automatic retry of R02 and R10.
        if (returnCode !== undefined) expect(outcome?.achReturn?.retryable).toBe(returnCode === 'R01');
        const rows = await (await ledgerClient()).query<{ changes: number }>(
          `SELECT changes FROM "${store.schema}".payment_outcomes`,
        );
        expect(rows).toEqual([{ changes: 1 }]);
        // Nothing retried the debit: still one transfer.
        expect(((await emulator.control.state()).dwolla['transfers'] as unknown[]).length).toBe(1);
      } finally {
        await store.close();
      }
    },
    60_000,
  );

  it('a return simulated through the emulator after processing turns the ledger from succeeded to failed R01 once', async () => {
    const { adapter, dwolla } = clients();
    const store = createStore({ database: { client: await ledgerClient() }, schema: 'ledger_late_return' });
    try {
      const outcomes = createPaymentOutcomeRouter({
        store,
        processors: { dwolla: createDwollaOutcomeMapper(adapter.getTransfer) },
      });
      const changes: PaymentOutcomeChange[] = [];
      outcomes.subscribe((change) => {
        changes.push(change);
      });
      receiver = await startReceiver();
      const source = await linkedBank(adapter, 'Checking');
      await dwolla.create('/webhook-subscriptions', { url: receiver.url, secret: SECRET });
      const transfer = await adapter.createTransfer({
        source,
        destination: await accountBalance(dwolla),
        amount: '1.00',
        idempotencyKey: 'ledger-late-return',
      });
      await emulator.control.advanceClock(THREE_DAYS_MS);
      expect((await adapter.getTransfer(transfer.id)).status).toBe('processed');
      await expect(
        emulator.control.returnPayment({ provider: 'dwolla', paymentId: transfer.id, code: 'R01' }),
      ).resolves.toMatchObject({ transfer: { status: 'failed', failure: { code: 'R01' } } });
      const events = await verifiedEvents(6);
      expect(events.map((event) => event.topic).slice(-2)).toEqual([
        'customer_transfer_failed',
        'transfer_failed',
      ]);
      for (const event of events.concat(events)) {
        await outcomes.receive({
          processor: 'dwolla',
          eventId: event.id,
          eventType: event.topic,
          event: event.body,
        });
      }
      expect(changes.map((change) => change.current.status)).toEqual(['pending', 'succeeded', 'failed']);
      expect(await outcomes.get({ provider: 'dwolla', paymentId: transfer.id })).toMatchObject({
        status: 'failed',
        returnCode: 'R01',
        achReturn: { category: 'retry_later', retryable: true },
      });
      // A cancelled or already failed transfer cannot be returned again.
      await expect(
        emulator.control.returnPayment({ provider: 'dwolla', paymentId: transfer.id, code: 'R02' }),
      ).rejects.toMatchObject({ status: 409 });
      await expect(
        emulator.control.returnPayment({ provider: 'dwolla', paymentId: transfer.id, code: 'X1' }),
      ).rejects.toThrow(/code/);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('the same idempotency key never creates a second transfer', async () => {
    const { adapter, dwolla } = clients();
    const source = await linkedBank(adapter, 'Checking');
    const input = {
      source,
      destination: await accountBalance(dwolla),
      amount: '5.00',
      idempotencyKey: 'order-7-pay',
    };
    const first = await adapter.createTransfer(input);
    const second = await adapter.createTransfer(input);
    expect(second.id).toBe(first.id);
    const state = await emulator.control.state();
    expect((state.dwolla['transfers'] as unknown[]).length).toBe(1);
  });

  it('cancels while pending (twice is harmless), not after processing', async () => {
    const { adapter, dwolla } = clients();
    const source = await linkedBank(adapter, 'Checking');
    const destination = await accountBalance(dwolla);
    const pending = await adapter.createTransfer({
      source,
      destination,
      amount: '2.00',
      idempotencyKey: 'c-1',
    });
    expect((await adapter.cancelTransfer(pending.id)).status).toBe('cancelled');
    expect((await adapter.cancelTransfer(pending.url)).status).toBe('cancelled');
    const settled = await adapter.createTransfer({
      source,
      destination,
      amount: '3.00',
      idempotencyKey: 'c-2',
    });
    await emulator.control.advanceClock(THREE_DAYS_MS);
    const error = await adapter.cancelTransfer(settled.id).catch((caught: unknown) => caught);
    expect(DwollaApiError.isInstance(error)).toBe(true);
    expect((error as DwollaApiError).hasCode('NotAllowed', { embedded: true })).toBe(true);
    expect((await adapter.getTransfer(settled.id)).status).toBe('processed');
  });

  it('validates input before any request', async () => {
    const { adapter } = clients();
    await expect(
      adapter.createTransfer({ source: 'nope', destination: 'nope', amount: '1', idempotencyKey: 'k' }),
    ).rejects.toThrow(/source/);
    await expect(
      adapter.createTransfer({
        source: '00000000-0000-4000-8000-000000000001',
        destination: '00000000-0000-4000-8000-000000000002',
        amount: '-1.00',
        idempotencyKey: 'k',
      }),
    ).rejects.toThrow(/amount/);
    await expect(adapter.getTransfer('https://evil.example.com/transfers/abc')).rejects.toThrow(/transfer/);
    const update: PaymentOutcomeUpdate | undefined = await dwollaTransferOutcomeFromEvent(
      {
        kind: 'other',
        id: 'e-1',
        topic: 'customer_created',
        resourceId: 'c-1',
        createdAt: null,
        resourceUrl: null,
        customerUrl: null,
        customerId: null,
        eventUrl: null,
        body: {},
      },
      adapter.getTransfer,
    );
    expect(update).toBeUndefined();
  });
});
