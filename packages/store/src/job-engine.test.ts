import { ConfigError, InputValidationError } from '@achbridge/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestStore } from '../test/store.test-helpers.js';
import { settleInboxRun } from './inbox-job.js';
import { createJobEngine } from './job-engine.js';
import { jobIdForKey } from './job-id.js';
import { bossOptionsOf, failureOutput } from './keyed-job.js';
import { openPgliteClient } from './pglite-client.js';
import type { SqlClient } from './sql-client.js';
import { StoreError } from './store-errors.js';

// The job engine's edges without a server: validation, the embedded-store refusal, job ids and how an inbox
// run settles. The engine itself (pg-boss on PostgreSQL, across processes) is tested in
// tests/reliability/src/job-engine.pg.test.ts, under scripts/with-postgres.sh.
let client: SqlClient;
beforeAll(async () => {
  client = await openPgliteClient({});
});
afterAll(async () => {
  await client.close();
});

const url = 'postgres://app@127.0.0.1:5432/app';
const run = async () => ({ ok: true });

describe('job engine', () => {
  it('refuses bad settings, naming the field', () => {
    const store = createTestStore(client);
    const attempt = (options: Record<string, unknown>) => () =>
      createJobEngine({ store, connectionString: url, ...options } as never);
    expect(attempt({ connectionString: 'mysql://x' })).toThrow(InputValidationError);
    expect(attempt({ connectionString: 'mysql://x' })).toThrow(/connectionString/);
    expect(attempt({ pollingIntervalSeconds: 0.1 })).toThrow(/pollingIntervalSeconds/);
    expect(attempt({ schema: 'Jobs; DROP' })).toThrow(/schema/);
    expect(() => createJobEngine({ store: {} as never, connectionString: url })).toThrow(/store/);

    const engine = createJobEngine({ store, connectionString: url });
    expect(() => engine.defineJob({ name: 'has space', run })).toThrow(/name/);
    expect(() => engine.defineJob({ name: 'pay', run: 'no' as never })).toThrow(/run/);
    expect(() => engine.defineJob({ name: 'pay', run, settings: { expireInSeconds: 0 } })).toThrow(
      /expireInSeconds/,
    );
    engine.defineJob({ name: 'pay', run });
    expect(() => engine.defineJob({ name: 'pay', run })).toThrow(/already defined/);
    expect(() => engine.defineInboxJob({ name: 'pay', process: async () => 'processed' })).toThrow(
      /already defined/,
    );
  });

  it('validates a job key and input before connecting', async () => {
    const store = createTestStore(client);
    const engine = createJobEngine({ store, connectionString: url });
    const job = engine.defineJob({ name: 'orders', input: z.object({ amount: z.number().int() }), run });
    await expect(job.enqueue('', { amount: 1 })).rejects.toThrow(/key/);
    await expect(job.enqueue('order-1', { amount: 1.5 } as never)).rejects.toThrow(InputValidationError);
    await expect(job.status(' ')).rejects.toThrow(/key/);
    await expect(job.work({ concurrency: 0 })).rejects.toThrow(/concurrency/);
  });

  it('refuses an embedded PGlite store with a ConfigError: embedded mode processes in process', async () => {
    const store = createTestStore(client);
    const engine = createJobEngine({ store, connectionString: url });
    await expect(engine.start()).rejects.toThrow(ConfigError);
    await expect(engine.start()).rejects.toThrow(/Postgres store/);
    const job = engine.defineJob({ name: 'orders', run });
    await expect(job.enqueue('order-1', {})).rejects.toThrow(ConfigError);
    await engine.stop();
    await expect(engine.start()).rejects.toMatchObject({ code: 'STORE_JOB_ENGINE_STOPPED' });
  });

  it('derives one UUID per (queue, key): the same in every process, different across queues and keys', () => {
    const id = jobIdForKey('plaid-webhooks', 'key-1');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(jobIdForKey('plaid-webhooks', 'key-1')).toBe(id);
    expect(jobIdForKey('plaid-webhooks', 'key-2')).not.toBe(id);
    expect(jobIdForKey('orders', 'key-1')).not.toBe(id);
    // The separator keeps ('a', 'bc') and ('ab', 'c') apart.
    expect(jobIdForKey('a', 'bc')).not.toBe(jobIdForKey('ab', 'c'));
  });

  it('fills pg-boss defaults and keeps only a redacted code and message of a failure', () => {
    expect(bossOptionsOf({})).toEqual({
      expireInSeconds: 900,
      retryLimit: 8,
      retryDelay: 5,
      retryBackoff: true,
    });
    expect(
      bossOptionsOf({ expireInSeconds: 3, retryLimit: 0, retryDelaySeconds: 1, retryBackoff: false }),
    ).toEqual({ expireInSeconds: 3, retryLimit: 0, retryDelay: 1, retryBackoff: false });
    const token = 'access-sandbox-12345678-0000-4000-8000-aaaaaaaaaaaa';
    const output = failureOutput(new Error(`exchange failed for ${token}`));
    expect(output.code).toBe('JOB_HANDLER_FAILED');
    expect(JSON.stringify(output)).not.toContain(token);
    expect(failureOutput(new StoreError('STORE_UNAVAILABLE', 'down', { isRetryable: true }))).toEqual({
      code: 'STORE_UNAVAILABLE',
      message: 'down',
      retryable: true,
    });
  });

  it('settles an inbox run: done completes, a failure or a held delivery retries, a dead one completes', async () => {
    const store = createTestStore(client);
    await store.inbox.record({ provider: 'plaid', dedupeKey: 'd-1', envelope: {} });
    expect(await settleInboxRun(store, 'd-1', 'processed')).toBe('processed');
    expect(await settleInboxRun(store, 'd-1', 'already_done')).toBe('already_done');
    await expect(settleInboxRun(store, 'd-1', 'failed')).rejects.toMatchObject({
      code: 'STORE_JOB_RETRY',
      isRetryable: true,
    });
    // 'busy': received but not ready yet (its retry time), or held by another worker → retry later.
    await expect(settleInboxRun(store, 'd-1', 'busy')).rejects.toMatchObject({ code: 'STORE_JOB_RETRY' });
    await expect(settleInboxRun(store, 'missing', 'busy')).rejects.toMatchObject({
      code: 'STORE_INBOX_DELIVERY_NOT_FOUND',
    });
    await store.inbox.process('d-1', async () => {});
    expect(await settleInboxRun(store, 'd-1', 'busy')).toBe('already_done');
    await store.inbox.record({ provider: 'plaid', dedupeKey: 'd-2', envelope: {} });
    await store.inbox.process(
      'd-2',
      async () => {
        throw new Error('handler down');
      },
      { maxAttempts: 1 },
    );
    expect((await store.inbox.get('d-2'))?.state).toBe('dead');
    expect(await settleInboxRun(store, 'd-2', 'busy')).toBe('dead');
  });
});
