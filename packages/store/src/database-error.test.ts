import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { makeKey } from '../test/store.test-helpers.js';
import { createStore } from './create-store.js';
import { isTransientDatabaseError, toStoreError } from './database-error.js';
import { StoreUnavailableError } from './store-errors.js';

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address !== null ? address.port : 1;
}

describe('database errors', () => {
  it('classifies connection failures, shutdowns and serialization failures as transient', () => {
    expect(isTransientDatabaseError({ code: 'ECONNREFUSED' })).toBe(true);
    expect(isTransientDatabaseError({ code: '08006' })).toBe(true);
    expect(isTransientDatabaseError({ code: '57P01' })).toBe(true);
    expect(isTransientDatabaseError({ code: '40001' })).toBe(true);
    expect(isTransientDatabaseError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isTransientDatabaseError({ code: '23505', message: 'duplicate key' })).toBe(false);
    expect(isTransientDatabaseError('nope')).toBe(false);
  });

  it('wraps driver errors without their parameters and keeps typed errors as they are', () => {
    const driverError = Object.assign(new Error('relation "x" does not exist'), {
      code: '42P01',
      params: ['access-sandbox-secret-value'],
    });
    const wrapped = toStoreError(driverError, 'saveItem');
    expect(wrapped).toMatchObject({ code: 'STORE_QUERY_FAILED', isRetryable: false });
    expect(JSON.stringify(wrapped)).not.toContain('access-sandbox-secret-value');
    const unavailable = new StoreUnavailableError('down');
    expect(toStoreError(unavailable, 'x')).toBe(unavailable);
  });

  it('reports a Postgres server that is down as a retryable StoreUnavailableError', async () => {
    const port = await closedPort();
    const store = createStore({
      database: { url: `postgres://postgres@127.0.0.1:${port}/postgres` },
      encryptionKeys: [makeKey('k1')],
    });
    const error = await store.getItem('item-1').catch((caught: unknown) => caught);
    expect(StoreUnavailableError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE', isRetryable: true });
    // The failed open is not cached: the next call tries again (and fails the same typed way).
    await expect(store.listItems()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    await store.close();
  });
});
