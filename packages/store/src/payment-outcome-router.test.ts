import type { PaymentOutcomeChange, PaymentOutcomeStatus, PaymentOutcomeUpdate } from '@achbridge/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, openTestClient } from '../test/store.test-helpers.js';
import { createPaymentOutcomeRouter, type PaymentOutcomeMapper } from './payment-outcome-router.js';
import type { SqlClient } from './sql-client.js';

let client: SqlClient;
beforeAll(async () => {
  client = await openTestClient();
});
afterAll(async () => {
  await client.close();
});

/** A processor whose events are `{ id, type: 'payment.<status>', payment, at, code? }`. */
const STATUS: Record<string, PaymentOutcomeStatus> = {
  'payment.processing': 'processing',
  'payment.succeeded': 'succeeded',
  'payment.failed': 'failed',
};
const mapTest: PaymentOutcomeMapper = (event) => {
  const status = STATUS[String(event['type'])];
  if (status === undefined) return undefined;
  const update: PaymentOutcomeUpdate = {
    provider: 'testpay',
    paymentId: String(event['payment']),
    status,
    providerStatus: String(event['type']),
    occurredAt: String(event['at']),
    eventId: String(event['id']),
    source: 'webhook',
  };
  if (typeof event['code'] === 'string') update.returnCode = event['code'];
  return update;
};

const events = [
  { id: 'ev_1', type: 'payment.processing', payment: 'pay_1', at: '2026-01-01T00:00:00Z' },
  { id: 'ev_2', type: 'payment.succeeded', payment: 'pay_1', at: '2026-01-04T00:00:00Z' },
  { id: 'ev_3', type: 'payment.failed', payment: 'pay_1', at: '2026-01-06T00:00:00Z', code: 'R10' },
];
const input = (event: (typeof events)[number]) => ({
  processor: 'testpay',
  eventId: event.id,
  eventType: event.type,
  event,
});

async function ledgerChanges(schema: string): Promise<number> {
  const rows = await client.query<{ changes: number }>(`SELECT changes FROM "${schema}".payment_outcomes`);
  return rows.reduce((sum, row) => sum + Number(row.changes), 0);
}

describe('payment outcome router', () => {
  it('every event, delivered newest first and then all again, changes the ledger once', async () => {
    const store = createTestStore(client);
    const router = createPaymentOutcomeRouter({ store, processors: { testpay: mapTest } });
    const changes: PaymentOutcomeChange[] = [];
    router.subscribe((change) => {
      changes.push(change);
    });
    const results = [];
    for (const event of [...events].reverse().concat(events))
      results.push(await router.receive(input(event)));
    expect(results.map((result) => [result.duplicate, result.result])).toEqual([
      [false, 'processed'],
      [false, 'processed'],
      [false, 'processed'],
      [true, 'already_done'],
      [true, 'already_done'],
      [true, 'already_done'],
    ]);
    expect(changes.map((change) => change.current.status)).toEqual(['failed']);
    expect(await ledgerChanges(store.schema)).toBe(1);
    expect(await router.get({ provider: 'testpay', paymentId: 'pay_1' })).toMatchObject({
      status: 'failed',
      returnCode: 'R10',
      eventId: 'ev_3',
      achReturn: { category: 'new_authorization_needed', retryable: false },
    });
  });

  it('in order, each status changes the ledger once, and a late return still wins', async () => {
    const store = createTestStore(client);
    const router = createPaymentOutcomeRouter({ store, processors: { testpay: mapTest } });
    const seen: string[] = [];
    router.subscribe((change) => {
      seen.push(`${change.previous?.status ?? 'none'}→${change.current.status}`);
    });
    for (const event of events.concat(events)) await router.receive(input(event));
    expect(seen).toEqual(['none→processing', 'processing→succeeded', 'succeeded→failed']);
    expect(await ledgerChanges(store.schema)).toBe(3);
  });

  it('an event stored before a crash is applied by drain in another process; nothing twice', async () => {
    const store = createTestStore(client);
    // Process A stores both events (queue mode: stored, not applied) and dies.
    const first = createPaymentOutcomeRouter({ store, mode: 'queue', processors: { testpay: mapTest } });
    expect(await first.receive(input(events[0] as (typeof events)[number]))).toMatchObject({
      result: 'queued',
    });
    expect(await first.receive(input(events[1] as (typeof events)[number]))).toMatchObject({
      result: 'queued',
    });
    // A third was being applied by a worker that crashed: its row is `processing` with an expired lease.
    await first.receive(input(events[2] as (typeof events)[number]));
    await client.query(
      `UPDATE "${store.schema}".webhook_inbox SET state = 'processing', owner = 'dead-worker',
         lease_until = clock_timestamp() - interval '1 second', attempts = 1 WHERE dedupe_key = 'testpay:ev_3'`,
    );
    expect(await store.paymentOutcomes.get({ provider: 'testpay', paymentId: 'pay_1' })).toBeUndefined();

    // Process B starts, subscribes and re-drives the inbox.
    const second = createPaymentOutcomeRouter({ store, processors: { testpay: mapTest } });
    const changes: PaymentOutcomeChange[] = [];
    second.subscribe((change) => {
      changes.push(change);
    });
    expect(await second.drain()).toBe(3);
    expect(await second.drain()).toBe(0);
    expect((await second.get({ provider: 'testpay', paymentId: 'pay_1' }))?.status).toBe('failed');
    expect(changes.at(-1)?.current).toMatchObject({ status: 'failed', returnCode: 'R10' });
    const inbox = await client.query<{ state: string }>(`SELECT state FROM "${store.schema}".webhook_inbox`);
    expect(inbox.map((row) => row.state)).toEqual(['done', 'done', 'done']);
    // A redelivery after recovery is a duplicate.
    expect(await second.receive(input(events[2] as (typeof events)[number]))).toMatchObject({
      duplicate: true,
      result: 'already_done',
    });
  });

  it('a crash after the ledger write but before the inbox row was marked done changes nothing on re-drive', async () => {
    const store = createTestStore(client);
    const router = createPaymentOutcomeRouter({ store, mode: 'queue', processors: { testpay: mapTest } });
    await router.receive(input(events[1] as (typeof events)[number]));
    // The apply happened (ledger written) ...
    await router.tracker.apply(mapTest(events[1] as never, undefined as never) as PaymentOutcomeUpdate);
    expect(await ledgerChanges(store.schema)).toBe(1);
    // ... and the process died before the inbox row was done: the next worker applies it again, harmlessly.
    const changes: PaymentOutcomeChange[] = [];
    router.subscribe((change) => {
      changes.push(change);
    });
    expect(await router.drain()).toBe(1);
    expect(changes).toEqual([]);
    expect(await ledgerChanges(store.schema)).toBe(1);
  });

  it('a failing mapper leaves the event in the inbox for a retry, and the retry applies it', async () => {
    const store = createTestStore(client);
    let down = true;
    const router = createPaymentOutcomeRouter({
      store,
      run: { retryDelayMs: 0 },
      processors: {
        testpay: async (event, delivery) => {
          if (down) throw new Error('processor read failed');
          return mapTest(event, delivery);
        },
      },
    });
    expect(await router.receive(input(events[1] as (typeof events)[number]))).toMatchObject({
      result: 'failed',
    });
    expect(await store.inbox.get('testpay:ev_2')).toMatchObject({ state: 'failed', attempts: 1 });
    down = false;
    expect(await router.drain()).toBe(1);
    expect((await router.get({ provider: 'testpay', paymentId: 'pay_1' }))?.status).toBe('succeeded');
  });

  it('never takes another router’s deliveries from a shared inbox', async () => {
    const store = createTestStore(client);
    await store.inbox.record({ provider: 'plaid', dedupeKey: 'plaid-1', envelope: { webhook_type: 'ITEM' } });
    const router = createPaymentOutcomeRouter({ store, mode: 'queue', processors: { testpay: mapTest } });
    await router.receive(input(events[0] as (typeof events)[number]));
    expect(await router.drain()).toBe(1);
    expect(await store.inbox.get('plaid-1')).toMatchObject({ state: 'received' });
  });

  it('queue mode hands each stored event to enqueue (a redelivery too), and process applies it once', async () => {
    const store = createTestStore(client);
    const enqueued: string[] = [];
    const router = createPaymentOutcomeRouter({
      store,
      mode: 'queue',
      processors: { testpay: mapTest },
      enqueue: async (dedupeKey) => {
        enqueued.push(dedupeKey);
      },
    });
    const event = input(events[0] as (typeof events)[number]);
    expect(await router.receive(event)).toMatchObject({ result: 'queued', duplicate: false });
    expect(await router.receive(event)).toMatchObject({ result: 'queued', duplicate: true });
    expect(enqueued).toEqual(['testpay:ev_1', 'testpay:ev_1']);
    expect(await router.process('testpay:ev_1')).toBe('processed');
    expect(await router.process('testpay:ev_1')).toBe('already_done');
    expect((await router.get({ provider: 'testpay', paymentId: 'pay_1' }))?.status).toBe('processing');
  });

  it('refuses bad settings and events with typed errors naming the field', async () => {
    const store = createTestStore(client);
    expect(() => createPaymentOutcomeRouter({ store, processors: {} })).toThrow(/processors/);
    expect(() =>
      createPaymentOutcomeRouter({ store: {} as never, processors: { testpay: mapTest } }),
    ).toThrow(/store/);
    const router = createPaymentOutcomeRouter({ store, processors: { testpay: mapTest } });
    await expect(
      router.receive({ ...input(events[0] as (typeof events)[number]), eventId: '' }),
    ).rejects.toThrow(/eventId/);
    await expect(
      router.receive({ ...input(events[0] as (typeof events)[number]), processor: 'other' }),
    ).rejects.toThrow(/processor/);
  });
});
