import { plaidWebhookDedupeKey } from '@achbridge/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, deferred, openTestClient } from '../test/store.test-helpers.js';
import type { SqlClient } from './sql-client.js';
import { createPlaidWebhookRouter } from './webhook-router.js';

let client: SqlClient;
beforeAll(async () => {
  client = await openTestClient();
});
afterAll(async () => {
  await client.close();
});

const token = 'access-sandbox-77777777-0000-4000-8000-eeeeeeeeeeee';

function body(fields: Record<string, unknown>): string {
  return JSON.stringify({ environment: 'sandbox', ...fields });
}

describe('Plaid webhook router', () => {
  it('moves an Item through the lifecycle from ITEM webhooks and records the history', async () => {
    const store = createTestStore(client);
    await store.saveItem({ itemId: 'item-l', accessToken: token });
    const router = createPlaidWebhookRouter({ store });
    const steps: Array<[Record<string, unknown>, string, string | null]> = [
      [
        {
          webhook_code: 'ERROR',
          error: { error_type: 'ITEM_ERROR', error_code: 'ITEM_LOGIN_REQUIRED', error_message: 'x' },
        },
        'needs_update',
        null,
      ],
      [{ webhook_code: 'LOGIN_REPAIRED' }, 'healthy', null],
      [
        { webhook_code: 'PENDING_EXPIRATION', consent_expiration_time: '2027-03-01T00:00:00Z' },
        'expiring',
        '2027-03-01T00:00:00.000Z',
      ],
      [
        {
          webhook_code: 'PENDING_DISCONNECT',
          reason: 'INSTITUTION_TOKEN_EXPIRATION',
          disconnect_time: '2027-04-01T00:00:00Z',
        },
        'expiring',
        '2027-04-01T00:00:00.000Z',
      ],
      [{ webhook_code: 'LOGIN_REPAIRED', note: 'again' }, 'healthy', null],
      [{ webhook_code: 'USER_PERMISSION_REVOKED' }, 'revoked', null],
      [{ webhook_code: 'LOGIN_REPAIRED', note: 'third' }, 'healthy', null],
      [{ webhook_code: 'USER_ACCOUNT_REVOKED', account_id: 'acc-9' }, 'revoked', null],
    ];
    for (const [fields, status, expiresAt] of steps) {
      const received = await router.receive(body({ webhook_type: 'ITEM', item_id: 'item-l', ...fields }));
      expect(received).toMatchObject({ duplicate: false, result: 'processed' });
      const item = await store.getItem('item-l');
      expect(item?.status).toBe(status);
      expect(item?.statusExpiresAt).toBe(expiresAt);
    }
    const history = await store.getItemHealthHistory('item-l');
    expect(history.map((entry) => entry.reason)).toEqual([
      'linked',
      'ITEM_LOGIN_REQUIRED',
      'LOGIN_REPAIRED',
      'PENDING_EXPIRATION',
      'PENDING_DISCONNECT:INSTITUTION_TOKEN_EXPIRATION',
      'LOGIN_REPAIRED',
      'USER_PERMISSION_REVOKED',
      'LOGIN_REPAIRED',
      'USER_ACCOUNT_REVOKED:acc-9',
    ]);
  });

  it('runs the typed handler of a kind, the fallback for others and for unknown types', async () => {
    const store = createTestStore(client);
    const seen: string[] = [];
    const router = createPlaidWebhookRouter({ store })
      .on('ITEM', 'PENDING_EXPIRATION', (event) => {
        seen.push(`expiration ${event.consentExpirationTime}`);
      })
      .fallback((event) => {
        seen.push(`fallback ${event.kind}`);
      });
    await router.receive(
      body({
        webhook_type: 'ITEM',
        webhook_code: 'PENDING_EXPIRATION',
        item_id: 'not-stored',
        consent_expiration_time: '2027-01-01T00:00:00Z',
      }),
    );
    await router.receive(
      body({ webhook_type: 'ITEM', webhook_code: 'LOGIN_REPAIRED', item_id: 'not-stored' }),
    );
    await router.receive(body({ webhook_type: 'SOMETHING_NEW', webhook_code: 'HELLO' }));
    expect(seen).toEqual([
      'expiration 2027-01-01T00:00:00Z',
      'fallback ITEM.LOGIN_REPAIRED',
      'fallback unknown',
    ]);
  });

  it('runs the handler exactly once when one delivery arrives 20 times at once, to 3 routers', async () => {
    const store = createTestStore(client);
    const gate = deferred();
    let runs = 0;
    const make = () =>
      createPlaidWebhookRouter({ store }).on('ITEM', 'LOGIN_REPAIRED', async () => {
        runs += 1;
        await gate.promise;
      });
    const routers = [make(), make(), make()];
    const delivery = body({ webhook_type: 'ITEM', webhook_code: 'LOGIN_REPAIRED', item_id: 'item-d' });
    const racing = Promise.all(
      Array.from({ length: 20 }, (_, index) => routers[index % 3]?.receive(delivery)),
    );
    setTimeout(() => gate.resolve(), 50);
    const results = await racing;
    expect(runs).toBe(1);
    expect(results.filter((result) => result?.result === 'processed')).toHaveLength(1);
    expect(results.filter((result) => result?.duplicate === false)).toHaveLength(1);
    const dedupeKey = plaidWebhookDedupeKey({
      body: delivery,
      itemId: 'item-d',
      webhookCode: 'LOGIN_REPAIRED',
    });
    expect(new Set(results.map((result) => result?.dedupeKey))).toEqual(new Set([dedupeKey]));
    expect(await routers[0]?.receive(delivery)).toMatchObject({ duplicate: true, result: 'already_done' });
    expect(runs).toBe(1);
  });

  it('queue mode stores at ingress and processes later, with retries after a failing handler', async () => {
    const store = createTestStore(client);
    await store.saveItem({ itemId: 'item-q', accessToken: token });
    let failures = 1;
    const handled: string[] = [];
    const router = createPlaidWebhookRouter({ store, mode: 'queue', run: { retryDelayMs: 0 } }).on(
      'ITEM',
      'ERROR',
      (event) => {
        if (failures > 0) {
          failures -= 1;
          throw new Error('downstream unavailable');
        }
        handled.push(event.itemId);
      },
    );
    const received = await router.receive(
      Buffer.from(body({ webhook_type: 'ITEM', webhook_code: 'ERROR', item_id: 'item-q', error: null })),
    );
    expect(received).toMatchObject({ result: 'queued', duplicate: false });
    expect((await store.getItem('item-q'))?.status).toBe('healthy');
    expect(await router.processNext()).toMatchObject({ result: 'failed' });
    expect(await store.inbox.get(received.dedupeKey)).toMatchObject({
      state: 'failed',
      lastError: 'downstream unavailable',
    });
    expect(await router.processNext()).toMatchObject({ result: 'processed' });
    expect(await router.processNext()).toBeNull();
    expect(handled).toEqual(['item-q']);
    expect((await store.getItem('item-q'))?.status).toBe('needs_update');
  });

  it('queue mode hands every stored delivery to enqueue, redeliveries too; inline mode never enqueues', async () => {
    const store = createTestStore(client);
    const enqueued: string[] = [];
    const enqueue = async (dedupeKey: string) => {
      enqueued.push(dedupeKey);
    };
    const queued = createPlaidWebhookRouter({ store, mode: 'queue', enqueue });
    const raw = body({
      webhook_type: 'TRANSACTIONS',
      webhook_code: 'SYNC_UPDATES_AVAILABLE',
      item_id: 'item-e',
    });
    const first = await queued.receive(raw);
    const again = await queued.receive(raw);
    expect(again).toMatchObject({ dedupeKey: first.dedupeKey, duplicate: true, result: 'queued' });
    expect(enqueued).toEqual([first.dedupeKey, first.dedupeKey]);
    expect(await store.inbox.get(first.dedupeKey)).toMatchObject({ state: 'received', attempts: 0 });

    const inline = createPlaidWebhookRouter({ store, enqueue });
    const other = body({
      webhook_type: 'TRANSACTIONS',
      webhook_code: 'SYNC_UPDATES_AVAILABLE',
      item_id: 'item-f',
    });
    expect(await inline.receive(other)).toMatchObject({ result: 'processed' });
    expect(enqueued).toHaveLength(2);
    expect(() => createPlaidWebhookRouter({ store, enqueue: 'later' as never })).toThrow(/enqueue/);
  });

  it('refuses a body that is not a JSON object and bad registrations, naming the field', async () => {
    const store = createTestStore(client);
    const router = createPlaidWebhookRouter({ store });
    await expect(router.receive('not json')).rejects.toMatchObject({ field: 'body' });
    expect(() => router.on('ITEM', 'ERROR', 'nope' as never)).toThrow(/handler/);
    expect(() => createPlaidWebhookRouter({ store, mode: 'later' as never })).toThrow(/mode/);
  });
});
