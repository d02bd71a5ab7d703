import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, deferred, makeKey, openTestClient } from '../test/store.test-helpers.js';
import type { SqlClient } from './sql-client.js';
import { ClaimTimeoutError } from './store-errors.js';

let client: SqlClient;
beforeAll(async () => {
  client = await openTestClient();
});
afterAll(async () => {
  await client.close();
});

/** Polls until the table holds a row and returns it. */
async function waitForRow(schema: string, table: string): Promise<{ owner: string; lease_until: Date }> {
  for (;;) {
    const [row] = await client.query<{ owner: string; lease_until: Date }>(
      `SELECT owner, lease_until FROM "${schema}".${table}`,
    );
    if (row !== undefined) return row;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const linkKey = { itemId: 'item-1', accountId: 'acc-1', processor: 'stripe', customerId: 'cus_1' };

describe('processor links', () => {
  it('creates a link once when 20 callers race; every caller gets the same object', async () => {
    const store = createTestStore(client);
    const gate = deferred();
    let creations = 0;
    const create = async () => {
      creations += 1;
      await gate.promise;
      return { objectId: 'ba_123', details: { last4: '6789' } };
    };
    const racing = Promise.all(Array.from({ length: 20 }, () => store.claimProcessorLink(linkKey, create)));
    setTimeout(() => gate.resolve(), 50);
    const results = await racing;
    expect(creations).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    for (const result of results)
      expect(result.value).toMatchObject({ ...linkKey, objectId: 'ba_123', details: { last4: '6789' } });
    const again = await store.claimProcessorLink(linkKey, create);
    expect(again.created).toBe(false);
    expect(creations).toBe(1);
    expect(await store.getProcessorLink(linkKey)).toEqual(again.value);
    expect(await store.listProcessorLinks('item-1')).toEqual([again.value]);
  });

  it('keeps links for other customers, accounts and processors apart (processor names are open)', async () => {
    const store = createTestStore(client);
    const keys = [
      linkKey,
      { ...linkKey, customerId: 'cus_2' },
      { ...linkKey, accountId: 'acc-2' },
      { ...linkKey, processor: 'acme-payments' },
    ];
    const results = await Promise.all(
      keys.map((key, index) =>
        store.claimProcessorLink(key, async () => ({ objectId: `obj_${index}`, details: {} })),
      ),
    );
    expect(results.map((result) => [result.value.objectId, result.created])).toEqual([
      ['obj_0', true],
      ['obj_1', true],
      ['obj_2', true],
      ['obj_3', true],
    ]);
  });

  it('releases the claim when creation fails, so the next call creates it', async () => {
    const store = createTestStore(client);
    await expect(
      store.claimProcessorLink(linkKey, async () => {
        throw new Error('provider said 500');
      }),
    ).rejects.toThrow('provider said 500');
    expect(await store.getProcessorLink(linkKey)).toBeNull();
    const result = await store.claimProcessorLink(linkKey, async () => ({
      objectId: 'ba_after',
      details: {},
    }));
    expect(result).toMatchObject({ created: true, value: { objectId: 'ba_after' } });
  });

  it('refuses a malformed creation result without storing it', async () => {
    const store = createTestStore(client);
    await expect(
      store.claimProcessorLink(linkKey, async () => ({ objectId: '', details: {} })),
    ).rejects.toMatchObject({ code: 'INPUT_VALIDATION_ERROR', field: 'objectId' });
    expect(await store.getProcessorLink(linkKey)).toBeNull();
    await expect(
      store.claimProcessorLink({ ...linkKey, processor: '' }, async () => ({ objectId: 'x', details: {} })),
    ).rejects.toMatchObject({ field: 'key.processor' });
  });
});

describe('claims across processes', () => {
  it('takes over a claim whose owner died (lease expired) and finishes it once', async () => {
    const store = createTestStore(client, { leaseMs: 100 });
    await store.ready();
    // A process that died mid-creation left a pending row with a lapsed lease.
    await client.query(
      `INSERT INTO "${store.schema}".processor_links (item_id, account_id, processor, customer_id, state, owner, lease_until)
       VALUES ($1, $2, $3, $4, 'pending', 'dead-process', clock_timestamp() - interval '1 second')`,
      [linkKey.itemId, linkKey.accountId, linkKey.processor, linkKey.customerId],
    );
    let creations = 0;
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        store.claimProcessorLink(linkKey, async () => {
          creations += 1;
          return { objectId: 'ba_taken_over', details: {} };
        }),
      ),
    );
    expect(creations).toBe(1);
    expect(new Set(results.map((result) => result.value.objectId))).toEqual(new Set(['ba_taken_over']));
  });

  it('waits for a live owner and times out with a retryable error', async () => {
    const store = createTestStore(client, { leaseMs: 60_000, waitMs: 200 });
    await store.ready();
    const gate = deferred();
    const slow = store.claimProcessorLink(linkKey, async () => {
      await gate.promise;
      return { objectId: 'ba_slow', details: {} };
    });
    await waitForRow(store.schema, 'processor_links');
    const error = await store
      .claimProcessorLink(linkKey, async () => ({ objectId: 'ba_second', details: {} }))
      .catch((caught: unknown) => caught);
    expect(ClaimTimeoutError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'STORE_CLAIM_TIMEOUT', isRetryable: true, scope: 'processor_link' });
    gate.resolve();
    expect((await slow).value.objectId).toBe('ba_slow');
    expect(
      (await store.claimProcessorLink(linkKey, async () => ({ objectId: 'x', details: {} }))).value.objectId,
    ).toBe('ba_slow');
  });

  it('renews the lease while the owner works, so a slow creation is not taken over', async () => {
    const store = createTestStore(client, { leaseMs: 300 });
    await store.ready();
    const gate = deferred();
    const slow = store.claimProcessorLink(linkKey, async () => {
      await gate.promise;
      return { objectId: 'ba_slow', details: {} };
    });
    const first = await waitForRow(store.schema, 'processor_links');
    let renewed = first;
    while (renewed.lease_until.getTime() <= first.lease_until.getTime()) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      renewed = await waitForRow(store.schema, 'processor_links');
    }
    expect(renewed.owner).toBe(first.owner);
    gate.resolve();
    expect(await slow).toMatchObject({ created: true, value: { objectId: 'ba_slow' } });
  });

  it('stops waiting when the caller aborts', async () => {
    const store = createTestStore(client);
    await store.ready();
    const gate = deferred();
    const first = store.claimPayment({ processor: 'stripe', idempotencyKey: 'order-abort' }, async () => {
      await gate.promise;
      return { paymentId: 'pi_1', payment: {} };
    });
    await waitForRow(store.schema, 'payments');
    const controller = new AbortController();
    const waiting = store.claimPayment(
      { processor: 'stripe', idempotencyKey: 'order-abort' },
      async () => ({ paymentId: 'pi_2', payment: {} }),
      { signal: controller.signal },
    );
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'STORE_ABORTED' });
    gate.resolve();
    expect((await first).value.paymentId).toBe('pi_1');
  });
});

describe('payments ledger', () => {
  it('records one payment per (processor, idempotency key) when 20 callers race, and forever after', async () => {
    const store = createTestStore(client);
    const key = { processor: 'stripe', idempotencyKey: 'order-42' };
    let creations = 0;
    const create = async () => {
      creations += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { paymentId: `pi_${creations}`, payment: { amount: 1234, status: 'processing' } };
    };
    const results = await Promise.all(Array.from({ length: 20 }, () => store.claimPayment(key, create)));
    expect(creations).toBe(1);
    expect(new Set(results.map((result) => result.value.paymentId))).toEqual(new Set(['pi_1']));
    // Another instance of the app, much later, reads the ledger instead of debiting again.
    const later = createTestStore(client, { schema: store.schema });
    const again = await later.claimPayment(key, create);
    expect(again).toMatchObject({ created: false, value: { paymentId: 'pi_1', payment: { amount: 1234 } } });
    expect(creations).toBe(1);
    expect(await later.getPayment(key)).toEqual(again.value);
    expect(await later.getPayment({ processor: 'dwolla', idempotencyKey: 'order-42' })).toBeNull();
  });
});

describe('public token claims', () => {
  const publicToken = 'public-sandbox-5a6b7c8d-0000-4000-8000-bbbbbbbbbbbb';
  const accessToken = 'access-sandbox-5a6b7c8d-0000-4000-8000-cccccccccccc';

  it('exchanges once when 10 callers race; the others read the stored result', async () => {
    const store = createTestStore(client);
    let exchanges = 0;
    const exchange = async () => {
      exchanges += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { accessToken, itemId: 'item-pt' };
    };
    const results = await Promise.all(
      Array.from({ length: 10 }, () => store.claimPublicTokenExchange(publicToken, exchange)),
    );
    expect(exchanges).toBe(1);
    for (const result of results) expect(result).toEqual({ accessToken, itemId: 'item-pt' });
    const rows = await client.query(`SELECT * FROM "${store.schema}".public_token_claims`);
    expect(JSON.stringify(rows)).not.toContain(publicToken);
    expect(JSON.stringify(rows)).not.toContain('access-sandbox');
  });

  it('lets a later call retry after a failed exchange, and needs the key to read the result', async () => {
    const store = createTestStore(client);
    await expect(
      store.claimPublicTokenExchange(publicToken, async () => {
        throw new Error('INVALID_PUBLIC_TOKEN');
      }),
    ).rejects.toThrow('INVALID_PUBLIC_TOKEN');
    expect(
      await store.claimPublicTokenExchange(publicToken, async () => ({ accessToken, itemId: 'item-pt' })),
    ).toEqual({
      accessToken,
      itemId: 'item-pt',
    });
    const otherKey = createTestStore(client, { schema: store.schema, encryptionKeys: [makeKey('k1')] });
    await expect(
      otherKey.claimPublicTokenExchange(publicToken, async () => ({ accessToken: 'x', itemId: 'y' })),
    ).rejects.toMatchObject({ reason: 'wrong_key_or_tampered' });
  });
});
