import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, deferred, openTestClient } from '../test/store.test-helpers.js';
import type { SqlClient } from './sql-client.js';
import type { InboxDelivery } from './webhook-inbox.js';

let client: SqlClient;
beforeAll(async () => {
  client = await openTestClient();
});
afterAll(async () => {
  await client.close();
});

const delivery = {
  provider: 'plaid',
  dedupeKey: 'sha256-of-body-item-code',
  eventType: 'ITEM',
  eventCode: 'ITEM_LOGIN_REQUIRED',
  itemId: 'item-1',
  envelope: { webhook_type: 'ITEM', webhook_code: 'ERROR', item_id: 'item-1' },
};

describe('webhook inbox', () => {
  it('stores a delivery once; a duplicate returns the stored one', async () => {
    const store = createTestStore(client);
    const first = await store.inbox.record(delivery);
    expect(first.inserted).toBe(true);
    expect(first.delivery).toMatchObject({ ...delivery, state: 'received', attempts: 0, lastError: null });
    const copies = await Promise.all(Array.from({ length: 10 }, () => store.inbox.record(delivery)));
    expect(copies.every((copy) => !copy.inserted)).toBe(true);
    expect(await client.query(`SELECT dedupe_key FROM "${store.schema}".webhook_inbox`)).toHaveLength(1);
  });

  it('runs the handler once when 20 workers process the same delivery at once', async () => {
    const store = createTestStore(client);
    await store.inbox.record(delivery);
    const gate = deferred();
    let runs = 0;
    const handler = async () => {
      runs += 1;
      await gate.promise;
    };
    const racing = Promise.all(
      Array.from({ length: 20 }, () => store.inbox.process(delivery.dedupeKey, handler)),
    );
    setTimeout(() => gate.resolve(), 50);
    const results = await racing;
    expect(runs).toBe(1);
    expect(results.filter((result) => result === 'processed')).toHaveLength(1);
    expect(await store.inbox.process(delivery.dedupeKey, handler)).toBe('already_done');
    expect(runs).toBe(1);
    expect(await store.inbox.get(delivery.dedupeKey)).toMatchObject({ state: 'done', attempts: 1 });
  });

  it('records a failure with its redacted error, retries it later and gives up after maxAttempts', async () => {
    const store = createTestStore(client);
    await store.inbox.record(delivery);
    const failing = async () => {
      throw new Error('handler broke with access-sandbox-1b2c3d4e-0000-4000-8000-aaaaaaaaaaaa');
    };
    const options = { maxAttempts: 2, retryDelayMs: 0 };
    expect(await store.inbox.process(delivery.dedupeKey, failing, options)).toBe('failed');
    const failed = await store.inbox.get(delivery.dedupeKey);
    expect(failed).toMatchObject({ state: 'failed', attempts: 1 });
    expect(failed?.lastError).toContain('handler broke');
    expect(failed?.lastError).not.toContain('access-sandbox-1b2c3d4e');
    expect(await store.inbox.process(delivery.dedupeKey, failing, options)).toBe('failed');
    expect(await store.inbox.get(delivery.dedupeKey)).toMatchObject({ state: 'dead', attempts: 2 });
    expect(await store.inbox.process(delivery.dedupeKey, failing, options)).toBe('busy');
  });

  it('does not retry a failed delivery before its delay', async () => {
    const store = createTestStore(client);
    await store.inbox.record(delivery);
    await store.inbox.process(
      delivery.dedupeKey,
      async () => {
        throw new Error('boom');
      },
      { retryDelayMs: 3_600_000 },
    );
    let runs = 0;
    expect(
      await store.inbox.process(delivery.dedupeKey, async () => {
        runs += 1;
      }),
    ).toBe('busy');
    expect(
      await store.inbox.processNext(async () => {
        runs += 1;
      }),
    ).toBeNull();
    expect(runs).toBe(0);
  });

  it('hands each ready delivery to exactly one of several workers (processNext)', async () => {
    const store = createTestStore(client);
    for (let index = 0; index < 12; index += 1) {
      await store.inbox.record({ ...delivery, dedupeKey: `key-${index}` });
    }
    const handled: string[] = [];
    const worker = async () => {
      for (;;) {
        const next = await store.inbox.processNext(async (item: InboxDelivery) => {
          handled.push(item.dedupeKey);
        });
        if (next === null) return;
      }
    };
    await Promise.all([worker(), worker(), worker()]);
    expect(handled.sort()).toEqual(Array.from({ length: 12 }, (_, index) => `key-${index}`).sort());
  });

  it('takes over a delivery whose worker died mid-handler (lease expired) and finishes it once', async () => {
    const store = createTestStore(client);
    await store.inbox.record(delivery);
    await client.query(
      `UPDATE "${store.schema}".webhook_inbox SET state = 'processing', owner = 'dead-worker', attempts = 1,
         lease_until = clock_timestamp() - interval '1 second'`,
    );
    let runs = 0;
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        store.inbox.process(delivery.dedupeKey, async () => {
          runs += 1;
        }),
      ),
    );
    expect(runs).toBe(1);
    expect(results.filter((result) => result === 'processed')).toHaveLength(1);
    expect(await store.inbox.get(delivery.dedupeKey)).toMatchObject({ state: 'done', attempts: 2 });
  });

  it('validates its input', async () => {
    const store = createTestStore(client);
    await expect(store.inbox.record({ ...delivery, dedupeKey: '' })).rejects.toMatchObject({
      field: 'dedupeKey',
    });
    await expect(store.inbox.process('k', async () => {}, { leaseMs: 1 })).rejects.toMatchObject({
      field: 'options.leaseMs',
    });
  });
});
