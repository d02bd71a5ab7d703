import { randomBytes, randomUUID } from 'node:crypto';
import { createStore, type Store, type StoreOptions } from '../src/create-store.js';
import { openPgClient } from '../src/pg-client.js';
import { openPgliteClient } from '../src/pglite-client.js';
import type { SqlClient } from '../src/sql-client.js';
import type { EncryptionKey } from '../src/token-cipher.js';

/** Set to a Postgres URL to run the contract suite against a real server instead of embedded PGlite. */
export const TEST_DATABASE_URL_ENV = 'ACHBRIDGE_TEST_DATABASE_URL';

/** The Postgres URL the suite runs against, or undefined for embedded PGlite. */
export function testDatabaseUrl(): string | undefined {
  const url = process.env[TEST_DATABASE_URL_ENV];
  return url === undefined || url.trim() === '' ? undefined : url;
}

/** Opens the suite's database: Postgres when ACHBRIDGE_TEST_DATABASE_URL is set, else in-memory PGlite. */
export async function openTestClient(): Promise<SqlClient> {
  const url = testDatabaseUrl();
  return url === undefined ? openPgliteClient({}) : openPgClient({ url, maxConnections: 20 });
}

/** A fresh random AES-256 key. */
export function makeKey(id: string): EncryptionKey {
  return { id, key: randomBytes(32).toString('base64') };
}

/** A schema name no other test uses, so every test starts from an empty database. */
export function freshSchema(): string {
  return `t_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
}

/** Creates a store on `client` in a fresh schema with one random key (overridable). */
export function createTestStore(client: SqlClient, options: Partial<StoreOptions> = {}): Store {
  return createStore({
    database: { client },
    schema: freshSchema(),
    encryptionKeys: [makeKey('k1')],
    leaseMs: 5_000,
    waitMs: 30_000,
    pollMs: 5,
    ...options,
  });
}

/** A promise and the function that resolves it, to hold a creation open while others race. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}
