import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSchema, makeKey, openTestClient } from '../test/store.test-helpers.js';
import { createStore } from './create-store.js';
import { migrate } from './migrate.js';
import { SCHEMA_VERSION } from './migrations.js';
import type { SqlClient } from './sql-client.js';
import { StoreSchemaError } from './store-errors.js';
import { createTokenCipher } from './token-cipher.js';

let client: SqlClient;
beforeAll(async () => {
  client = await openTestClient();
});
afterAll(async () => {
  await client.close();
});

async function tablesOf(schema: string): Promise<string[]> {
  const rows = await client.query<{ table_name: string }>(
    'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
    [schema],
  );
  return rows.map((row) => row.table_name);
}

describe('migrate', () => {
  it('creates every table from an empty database and records each version', async () => {
    const schema = freshSchema();
    expect(await migrate(client, schema)).toBe(SCHEMA_VERSION);
    expect(await tablesOf(schema)).toEqual([
      'accounts',
      'item_health',
      'items',
      'payment_outcomes',
      'payments',
      'processor_links',
      'public_token_claims',
      'schema_migrations',
      'webhook_inbox',
    ]);
    const versions = await client.query<{ version: number }>(
      `SELECT version FROM "${schema}".schema_migrations ORDER BY version`,
    );
    expect(versions.map((row) => row.version)).toEqual([1, 2, 3]);
    expect(await migrate(client, schema)).toBe(SCHEMA_VERSION);
  });

  it('upgrades a version 1 database with data to the current version, keeping the data', async () => {
    const schema = freshSchema();
    expect(await migrate(client, schema, 1)).toBe(1);
    expect(await tablesOf(schema)).not.toContain('webhook_inbox');
    const key = makeKey('k1');
    const sealed = await createTokenCipher([key]).seal('access-sandbox-v1-token', 'item:item-v1');
    await client.query(
      `INSERT INTO "${schema}".items (item_id, token_key_id, token_ciphertext, status, status_reason)
       VALUES ('item-v1', $1, $2, 'needs_update', 'ITEM_LOGIN_REQUIRED')`,
      [sealed.keyId, sealed.ciphertext],
    );
    const store = createStore({ database: { client }, schema, encryptionKeys: [key] });
    expect(await store.ready()).toBe(SCHEMA_VERSION);
    expect(await store.getAccessToken('item-v1')).toBe('access-sandbox-v1-token');
    expect((await store.getItem('item-v1'))?.status).toBe('needs_update');
    const history = await store.getItemHealthHistory('item-v1');
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      status: 'needs_update',
      reason: 'ITEM_LOGIN_REQUIRED',
      source: 'migration',
    });
    expect((await store.inbox.record({ provider: 'plaid', dedupeKey: 'd1', envelope: {} })).inserted).toBe(
      true,
    );
  });

  it('refuses a schema newer than the code with a typed error, and changes nothing', async () => {
    const schema = freshSchema();
    await migrate(client, schema);
    await client.query(
      `INSERT INTO "${schema}".schema_migrations (version, description) VALUES ($1, 'future')`,
      [SCHEMA_VERSION + 1],
    );
    const store = createStore({ database: { client }, schema, encryptionKeys: [makeKey('k1')] });
    const error = await store.ready().catch((caught: unknown) => caught);
    expect(StoreSchemaError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'STORE_SCHEMA_TOO_NEW',
      databaseVersion: SCHEMA_VERSION + 1,
      codeVersion: SCHEMA_VERSION,
      isRetryable: false,
    });
    await expect(store.listItems()).rejects.toMatchObject({ code: 'STORE_SCHEMA_TOO_NEW' });
  });

  it('lets several stores migrate the same schema at once (one applies each step)', async () => {
    const schema = freshSchema();
    const stores = Array.from({ length: 4 }, () =>
      createStore({ database: { client }, schema, encryptionKeys: [makeKey('k1')] }),
    );
    expect(await Promise.all(stores.map((store) => store.ready()))).toEqual(Array(4).fill(SCHEMA_VERSION));
    const versions = await client.query(`SELECT version FROM "${schema}".schema_migrations`);
    expect(versions).toHaveLength(SCHEMA_VERSION);
  });
});
