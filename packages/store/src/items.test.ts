import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, makeKey, openTestClient } from '../test/store.test-helpers.js';
import type { SqlClient } from './sql-client.js';
import { StoreError, TokenDecryptionError } from './store-errors.js';

const token = 'access-sandbox-1b2c3d4e-0000-4000-8000-aaaaaaaaaaaa';

let client: SqlClient;
beforeAll(async () => {
  client = await openTestClient();
});
afterAll(async () => {
  await client.close();
});

const accounts = [
  {
    accountId: 'acc-checking',
    name: 'Plaid Checking',
    mask: '0000',
    type: 'depository',
    subtype: 'checking',
    persistentAccountId: 'pers-1',
  },
  { accountId: 'acc-savings', name: 'Plaid Saving', mask: '1111', type: 'depository', subtype: 'savings' },
];

describe('items', () => {
  it('saves an Item with its accounts and reads it back; the token is encrypted at rest', async () => {
    const store = createTestStore(client);
    const saved = await store.saveItem({
      itemId: 'item-1',
      accessToken: token,
      institution: { id: 'ins_109508', name: 'First Platypus Bank' },
      accounts,
    });
    expect(saved).toMatchObject({
      itemId: 'item-1',
      institution: { id: 'ins_109508', name: 'First Platypus Bank' },
      status: 'healthy',
      tokenKeyId: 'k1',
    });
    expect(saved.accounts).toEqual([{ ...accounts[0] }, { ...accounts[1], persistentAccountId: null }]);
    expect(JSON.stringify(saved)).not.toContain(token);
    expect(await store.getItem('item-1')).toEqual(saved);
    expect(await store.getAccessToken('item-1')).toBe(token);
    const raw = await client.query(`SELECT * FROM "${store.schema}".items`);
    expect(JSON.stringify(raw)).not.toContain('access-sandbox');
    expect(await store.listItems()).toEqual([saved]);
  });

  it('replaces the token and accounts on a second save, keeping the first creation time', async () => {
    const store = createTestStore(client);
    const first = await store.saveItem({
      itemId: 'item-2',
      accessToken: token,
      accounts: [accounts[0] as never],
    });
    const second = await store.saveItem({
      itemId: 'item-2',
      accessToken: `${token}-new`,
      accounts: [{ accountId: 'acc-checking', name: 'Renamed' }],
    });
    expect(second.createdAt).toBe(first.createdAt);
    expect(second.accounts).toHaveLength(1);
    expect(second.accounts[0]).toMatchObject({ name: 'Renamed', persistentAccountId: 'pers-1' });
    expect(await store.getAccessToken('item-2')).toBe(`${token}-new`);
  });

  it('returns null and a typed not-found error for unknown Items', async () => {
    const store = createTestStore(client);
    expect(await store.getItem('nope')).toBeNull();
    await expect(store.getAccessToken('nope')).rejects.toMatchObject({ code: 'STORE_ITEM_NOT_FOUND' });
    await expect(store.setItemStatus({ itemId: 'nope', status: 'revoked' })).rejects.toMatchObject({
      code: 'STORE_ITEM_NOT_FOUND',
    });
    expect(await store.deleteItem('nope')).toBe(false);
  });

  it('rotates keys lazily: an old-key token is readable and re-encrypted with the new key on read', async () => {
    const oldKey = makeKey('2025');
    const oldStore = createTestStore(client, { encryptionKeys: [oldKey] });
    await oldStore.saveItem({ itemId: 'item-rot', accessToken: token });
    const rotated = createTestStore(client, {
      schema: oldStore.schema,
      encryptionKeys: [makeKey('2026'), oldKey],
    });
    expect((await rotated.getItem('item-rot'))?.tokenKeyId).toBe('2025');
    expect(await rotated.getAccessToken('item-rot')).toBe(token);
    expect((await rotated.getItem('item-rot'))?.tokenKeyId).toBe('2026');
    const [row] = await client.query<{ token_key_id: string }>(
      `SELECT token_key_id FROM "${oldStore.schema}".items`,
    );
    expect(row?.token_key_id).toBe('2026');
    // Once re-encrypted, the old key is no longer needed.
    const withoutOld = createTestStore(client, {
      schema: oldStore.schema,
      encryptionKeys: [makeKey('other'), makeKey('2025')],
    });
    await expect(withoutOld.getAccessToken('item-rot')).rejects.toMatchObject({
      reason: 'unknown_key_id',
      keyId: '2026',
    });
  });

  it('gives a typed error, not a garbage token, with the wrong key or a tampered ciphertext', async () => {
    const store = createTestStore(client);
    await store.saveItem({ itemId: 'item-bad', accessToken: token });
    const wrongKey = createTestStore(client, { schema: store.schema, encryptionKeys: [makeKey('k1')] });
    const error = await wrongKey.getAccessToken('item-bad').catch((caught: unknown) => caught);
    expect(TokenDecryptionError.isInstance(error)).toBe(true);
    expect(JSON.stringify(error)).not.toContain(token);
    await client.query(
      `UPDATE "${store.schema}".items SET token_ciphertext = overlay(token_ciphertext placing 'AAAA' from 20 for 4)`,
    );
    await expect(store.getAccessToken('item-bad')).rejects.toMatchObject({ reason: 'wrong_key_or_tampered' });
  });

  it('records status changes and their history; deleting an Item removes its rows', async () => {
    const store = createTestStore(client);
    await store.saveItem({ itemId: 'item-h', accessToken: token, accounts });
    await store.setItemStatus({
      itemId: 'item-h',
      status: 'needs_update',
      reason: 'ITEM_LOGIN_REQUIRED',
      source: 'webhook',
    });
    const expiring = await store.setItemStatus({
      itemId: 'item-h',
      status: 'expiring',
      reason: 'PENDING_EXPIRATION',
      expiresAt: '2027-01-15T00:00:00Z',
    });
    expect(expiring).toMatchObject({
      status: 'expiring',
      statusReason: 'PENDING_EXPIRATION',
      statusExpiresAt: '2027-01-15T00:00:00.000Z',
    });
    const history = await store.getItemHealthHistory('item-h');
    expect(history.map((entry) => [entry.status, entry.reason])).toEqual([
      ['healthy', 'linked'],
      ['needs_update', 'ITEM_LOGIN_REQUIRED'],
      ['expiring', 'PENDING_EXPIRATION'],
    ]);
    expect(await store.deleteItem('item-h')).toBe(true);
    expect(await store.getItem('item-h')).toBeNull();
    expect(await store.getItemHealthHistory('item-h')).toEqual([]);
    expect(await client.query(`SELECT * FROM "${store.schema}".accounts`)).toEqual([]);
  });

  it('validates input and names the field', async () => {
    const store = createTestStore(client);
    await expect(store.saveItem({ itemId: '', accessToken: token })).rejects.toMatchObject({
      code: 'INPUT_VALIDATION_ERROR',
      field: 'itemId',
    });
    await expect(store.setItemStatus({ itemId: 'x', status: 'broken' as never })).rejects.toMatchObject({
      field: 'status',
    });
    const error = await store
      .saveItem({ itemId: 'x', accessToken: token, extra: 1 } as never)
      .catch((caught) => caught);
    expect(error).toMatchObject({ field: 'extra' });
    expect(StoreError.isInstance(error)).toBe(false);
    expect(JSON.stringify(error)).not.toContain(token);
  });

  it('writes nothing when a save fails midway (one transaction)', async () => {
    const store = createTestStore(client);
    const tooLong = 'x'.repeat(600);
    await expect(
      store.saveItem({
        itemId: 'item-tx',
        accessToken: token,
        accounts: [{ accountId: 'a1' }, { accountId: tooLong }],
      }),
    ).rejects.toMatchObject({ code: 'INPUT_VALIDATION_ERROR' });
    expect(await store.getItem('item-tx')).toBeNull();
    // A database error in the second account insert rolls back the Item too.
    await store.ready();
    await client.query(
      `ALTER TABLE "${store.schema}".accounts ADD CONSTRAINT no_b CHECK (account_id <> 'b')`,
    );
    await expect(
      store.saveItem({
        itemId: 'item-tx',
        accessToken: token,
        accounts: [{ accountId: 'a' }, { accountId: 'b' }],
      }),
    ).rejects.toMatchObject({ code: 'STORE_QUERY_FAILED', isRetryable: false });
    expect(await store.getItem('item-tx')).toBeNull();
    expect(await store.getItemHealthHistory('item-tx')).toEqual([]);
  });
});
