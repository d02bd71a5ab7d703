import { randomBytes } from 'node:crypto';
import { InputValidationError, redactSecrets } from '@achbridge/core';
import { createStore, type Store } from '@achbridge/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SampleError } from '../errors/sample-error.js';
import { createDurableItemStore } from './durable-item-store.js';
import { createItemStore, type ItemStore } from './item-store.js';
import type { NewLinkedItem } from './linked-item.js';

let counter = 0;
/** A fresh id per test, so both implementations can share one database across tests. */
const unique = (prefix: string) => `${prefix}-${++counter}-${randomBytes(3).toString('hex')}`;

const item = (itemId: string, institutionId = 'ins_109508'): NewLinkedItem => ({
  itemId,
  institutionId,
  institutionName: 'First Platypus Bank',
  accounts: [
    {
      id: `${itemId}-checking`,
      name: 'Plaid Checking',
      mask: '0000',
      type: 'depository',
      subtype: 'checking',
    },
    { id: `${itemId}-savings`, name: 'Plaid Saving', mask: '1111', type: 'depository', subtype: 'savings' },
  ],
  exchangeRequestId: 'req-1',
  linkedAt: '2026-01-01T00:00:00.000Z',
  stripe: null,
  dwolla: null,
});

const webhook = (fields: Record<string, unknown>) =>
  new TextEncoder().encode(JSON.stringify({ environment: 'sandbox', webhook_type: 'ITEM', ...fields }));

let database: Store;
beforeAll(async () => {
  database = createStore({
    database: { memory: true },
    encryptionKeys: [{ id: 'test', key: randomBytes(32).toString('base64') }],
  });
  // The embedded database compiles its WASM build once (seconds on a loaded machine).
  await database.ready();
}, 180_000);
afterAll(async () => {
  await database.close();
});

const implementations: Array<[string, () => ItemStore]> = [
  ['createItemStore (memory)', () => createItemStore()],
  ['createDurableItemStore (@achbridge/store)', () => createDurableItemStore(database)],
];

describe.each(implementations)('%s', (_name, open) => {
  it('keeps Items and their access tokens apart (tokens never appear in the Item)', async () => {
    const store = open();
    const itemId = unique('item-a');
    await store.add(item(itemId), 'access-sandbox-aaaa-bbbb-cccc');
    expect((await store.get(itemId)).itemId).toBe(itemId);
    expect(await store.accessTokenOf(itemId)).toBe('access-sandbox-aaaa-bbbb-cccc');
    expect(JSON.stringify(await store.list())).not.toContain('access-sandbox');
    expect(redactSecrets('token access-sandbox-aaaa-bbbb-cccc')).not.toContain('aaaa-bbbb');
    expect((await store.get(itemId)).status.status).toBe('healthy');
  });

  it('answers 404 ITEM_NOT_FOUND for an unknown Item and 400 for an empty id', async () => {
    const store = open();
    const error = await store.get('nope').catch((caught: unknown) => caught);
    expect(SampleError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 404, code: 'ITEM_NOT_FOUND' });
    await expect(store.accessTokenOf('nope')).rejects.toMatchObject({ status: 404 });
    await expect(store.accessTokenOf(' ')).rejects.toThrow(InputValidationError);
  });

  it('finds a duplicate by institution + account name + mask (the FAQ rule)', async () => {
    const store = open();
    const itemId = unique('item-dup');
    const institutionId = unique('ins');
    await store.add(item(itemId, institutionId), 'access-sandbox-aaaa-bbbb-cccc');
    expect(
      await store.findDuplicate({ institutionId, accountName: 'Plaid Saving', accountMask: '1111' }),
    ).toEqual({
      itemId,
      institutionName: 'First Platypus Bank',
      accountId: `${itemId}-savings`,
      accountName: 'Plaid Saving',
      accountMask: '1111',
      linkedAt: expect.any(String),
    });
    expect(
      await store.findDuplicate({
        institutionId: 'ins_other',
        accountName: 'Plaid Saving',
        accountMask: '1111',
      }),
    ).toBeUndefined();
    expect(
      await store.findDuplicate({ institutionId, accountName: 'Plaid Saving', accountMask: '9999' }),
    ).toBeUndefined();
    expect(
      await store.findDuplicate({ institutionId, accountName: 'Other', accountMask: '1111' }),
    ).toBeUndefined();
  });

  it('records processor links (once per key)', async () => {
    const store = open();
    const itemId = unique('item-link');
    await store.add(item(itemId), 'access-sandbox-aaaa-bbbb-cccc');
    const record = { customer: 'cus_1', destination: 'ba_1', accountId: `${itemId}-checking` };
    await store.setProcessorLink(itemId, 'stripe', record);
    await store.setProcessorLink(itemId, 'stripe', record);
    expect((await store.get(itemId)).stripe).toEqual(record);
    expect((await store.get(itemId)).dwolla).toBeNull();
    await expect(store.setProcessorLink('nope', 'stripe', record)).rejects.toMatchObject({ status: 404 });
    // The sample's own debit of a link is kept once (a re-run reads it instead of debiting again).
    const dwolla = {
      customer: 'https://dwolla/customers/1',
      destination: 'https://dwolla/fs/1',
      accountId: record.accountId,
    };
    await store.setProcessorLink(itemId, 'dwolla', dwolla);
    await store.setProcessorLink(itemId, 'dwolla', { ...dwolla, paymentId: 'transfer-1' });
    await store.setProcessorLink(itemId, 'dwolla', { ...dwolla, paymentId: 'transfer-1' });
    expect((await store.get(itemId)).dwolla).toEqual({ ...dwolla, paymentId: 'transfer-1' });
  });

  it('moves the Item status from verified webhooks: needs update, healthy, expiring with the date, revoked', async () => {
    const store = open();
    const itemId = unique('item-life');
    await store.add(item(itemId), 'access-sandbox-aaaa-bbbb-cccc');
    const error = {
      webhook_code: 'ERROR',
      item_id: itemId,
      error: { error_type: 'ITEM_ERROR', error_code: 'ITEM_LOGIN_REQUIRED', error_message: 'x' },
    };
    expect(await store.recordWebhook(webhook(error))).toMatchObject({
      itemId,
      status: { status: 'needs_update', reason: 'ITEM_LOGIN_REQUIRED' },
    });
    expect((await store.get(itemId)).status.status).toBe('needs_update');
    await store.recordWebhook(webhook({ webhook_code: 'LOGIN_REPAIRED', item_id: itemId }));
    expect((await store.get(itemId)).status.status).toBe('healthy');
    await store.recordWebhook(
      webhook({
        webhook_code: 'PENDING_EXPIRATION',
        item_id: itemId,
        consent_expiration_time: '2027-03-01T00:00:00Z',
      }),
    );
    expect((await store.get(itemId)).status).toMatchObject({
      status: 'expiring',
      expiresAt: '2027-03-01T00:00:00.000Z',
    });
    await store.recordWebhook(webhook({ webhook_code: 'USER_PERMISSION_REVOKED', item_id: itemId }));
    expect((await store.get(itemId)).status.status).toBe('revoked');
    expect(
      await store.recordWebhook(webhook({ webhook_code: 'ERROR', item_id: 'unknown-item', error: null })),
    ).toBe(null);
  });
});

describe('createDurableItemStore', () => {
  it('keeps the access token encrypted in the database and counts a redelivered webhook once', async () => {
    const store = createDurableItemStore(database);
    const itemId = unique('item-enc');
    await store.add(item(itemId), 'access-sandbox-1234-secret');
    const client = await database.client();
    const rows = await client.query<{ token_ciphertext: string }>(
      `SELECT token_ciphertext FROM ${database.schema}.items WHERE item_id = $1`,
      [itemId],
    );
    expect(rows[0]?.token_ciphertext).toBeTruthy();
    expect(rows[0]?.token_ciphertext).not.toContain('access-sandbox');
    const body = webhook({
      webhook_code: 'ERROR',
      item_id: itemId,
      error: { error_type: 'ITEM_ERROR', error_code: 'ITEM_LOGIN_REQUIRED', error_message: 'x' },
    });
    expect(await store.recordWebhook(body)).not.toBeNull();
    expect(await store.recordWebhook(body)).toBeNull();
    expect(await database.getItemHealthHistory(itemId)).toHaveLength(2);
  });
});
