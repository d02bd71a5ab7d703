import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createPlaidWebhookRouter, createStore, type Store } from '@achbridge/store';
import { createJobEngine, type JobEngine, type JobStatus } from '@achbridge/store/jobs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

// The job engine (pg-boss 10) across OS processes on a real PostgreSQL server: worker processes
// (src/child/job-worker.ts, built by the global setup) share keyed jobs; the same key enqueued twice is one
// job; a worker SIGKILLed mid-job leaves its job to expire, and another worker finishes it once.
const WORKER_PATH = fileURLToPath(new URL('../dist/child/job-worker.js', import.meta.url));
/** Short, so the SIGKILL test waits seconds, not pg-boss's default 15 minutes. */
const EXPIRE_IN_SECONDS = 3;
const settings = {
  expireInSeconds: EXPIRE_IN_SECONDS,
  retryLimit: 5,
  retryDelaySeconds: 0,
  retryBackoff: false,
};

let databaseUrl: string;
let store: Store;
let engine: JobEngine;
const schema = `jp_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
const jobsSchema = `jq_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
const key = randomBytes(32).toString('base64');
const workers = new Set<Worker>();

interface Worker {
  pid: number;
  child: ChildProcess;
  /** Resolves with the key of the job this worker hangs in (hangAfterLink workers only). */
  hanging: Promise<string>;
  exited: Promise<number | null>;
}

/** Starts a worker process and resolves once its workers poll. */
function startWorker(options: { hangAfterLink?: boolean; concurrency?: number; stepDelayMs?: number } = {}) {
  const child = spawn(process.execPath, [WORKER_PATH], {
    env: {
      ...process.env,
      ACHBRIDGE_CHILD_INPUT: JSON.stringify({
        databaseUrl,
        schema,
        jobsSchema,
        key,
        concurrency: options.concurrency ?? 2,
        expireInSeconds: EXPIRE_IN_SECONDS,
        hangAfterLink: options.hangAfterLink ?? false,
        stepDelayMs: options.stepDelayMs ?? 0,
      }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let onHang: (key: string) => void = () => {};
  const hanging = new Promise<string>((resolve) => {
    onHang = resolve;
  });
  return new Promise<Worker>((resolve, reject) => {
    let buffered = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const message = JSON.parse(line) as { ready?: boolean; hanging?: string };
        if (message.ready) {
          const worker = { pid: child.pid ?? 0, child, hanging, exited };
          workers.add(worker);
          resolve(worker);
        }
        if (message.hanging) onHang(message.hanging);
      }
    });
    void exited.then((code) => reject(new Error(`worker exited (${code}) before it was ready: ${stderr}`)));
  });
}

/** Stops a worker gracefully (SIGTERM) and waits for it to exit. */
async function stopWorker(worker: Worker): Promise<void> {
  workers.delete(worker);
  if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGTERM');
  await worker.exited;
}

/** Polls until every job is completed or failed; fails with the states seen after `limitMs`. */
async function settled(read: () => Promise<(JobStatus | null)[]>, limitMs = 90_000): Promise<JobStatus[]> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const statuses = await read();
    if (statuses.every((status) => status?.state === 'completed' || status?.state === 'failed')) {
      return statuses as JobStatus[];
    }
    if (Date.now() > deadline) throw new Error(`jobs not settled: ${JSON.stringify(statuses)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const orderSchema = z.object({ customerId: z.string(), amount: z.number().int() });
const notHere = async (): Promise<never> => {
  throw new Error('the test process enqueues only; worker processes run the jobs');
};

beforeAll(async () => {
  const url = process.env['ACHBRIDGE_TEST_DATABASE_URL'];
  if (!url)
    throw new Error('ACHBRIDGE_TEST_DATABASE_URL is not set: run under bash scripts/with-postgres.sh');
  databaseUrl = url;
  store = createStore({ database: { url }, schema, encryptionKeys: [{ id: 'k1', key }] });
  await store.ready();
  const client = await store.client();
  await client.query(
    `CREATE TABLE ${schema}.side_effects (key text NOT NULL, step text NOT NULL, pid integer NOT NULL)`,
  );
  await client.query(
    `CREATE TABLE ${schema}.job_runs (key text NOT NULL, pid integer NOT NULL, attempt integer NOT NULL)`,
  );
  engine = createJobEngine({
    store,
    connectionString: url,
    schema: jobsSchema,
    maintenanceIntervalSeconds: 1,
  });
  await engine.start();
});
afterEach(async () => {
  await Promise.all([...workers].map(stopWorker));
});
afterAll(async () => {
  await engine?.stop();
  await store?.close();
});

async function sideEffects(keys: string[]): Promise<{ key: string; step: string; pid: number }[]> {
  const client = await store.client();
  return client.query(`SELECT key, step, pid FROM ${schema}.side_effects WHERE key = ANY($1::text[])`, [
    keys,
  ]);
}

describe('job engine on PostgreSQL across processes', () => {
  const flow = () =>
    engine.defineJob({ name: 'test-flow', input: orderSchema, settings, run: notHere }) as ReturnType<
      JobEngine['defineJob']
    >;
  let flowJob: ReturnType<typeof flow>;
  beforeAll(() => {
    flowJob = flow();
  });

  it('3 worker processes share 30 flow jobs; each step of each flow runs once', async () => {
    const started = await Promise.all([1, 2, 3].map(() => startWorker({ concurrency: 2, stepDelayMs: 100 })));
    const keys = Array.from({ length: 30 }, (_, index) => `order-${index}-${randomUUID()}`);
    const enqueued = await Promise.all(
      keys.map((k) => flowJob.enqueue(k, { customerId: 'cus_1', amount: 100 })),
    );
    expect(enqueued.every((result) => result.created)).toBe(true);

    const statuses = await settled(() => Promise.all(keys.map((k) => flowJob.status(k))));
    expect(statuses.map((status) => status.state)).toEqual(keys.map(() => 'completed'));
    const effects = await sideEffects(keys);
    expect(effects).toHaveLength(90);
    for (const k of keys) {
      expect(
        effects
          .filter((effect) => effect.key === k)
          .map((effect) => effect.step)
          .sort(),
      ).toEqual(['link', 'mandate', 'payment']);
    }
    const pids = new Set(statuses.map((status) => (status.output as { pid: number }).pid));
    expect(pids.size).toBeGreaterThan(1);
    expect([...pids].every((pid) => started.some((worker) => worker.pid === pid))).toBe(true);
  });

  it('the same key enqueued twice (at once, and again later) is one job with one side effect per step', async () => {
    const orderKey = `order-twice-${randomUUID()}`;
    const [first, second] = await Promise.all([
      flowJob.enqueue(orderKey, { customerId: 'cus_2', amount: 250 }),
      flowJob.enqueue(orderKey, { customerId: 'cus_2', amount: 250 }),
    ]);
    expect([first?.created, second?.created].sort()).toEqual([false, true]);
    expect(first?.jobId).toBe(second?.jobId);
    await startWorker();
    const [status] = await settled(async () => [await flowJob.status(orderKey)]);
    expect(status?.state).toBe('completed');
    const again = await flowJob.enqueue(orderKey, { customerId: 'cus_2', amount: 250 });
    expect(again).toEqual({ jobId: first?.jobId, created: false });

    const effects = await sideEffects([orderKey]);
    expect(effects.map((effect) => effect.step).sort()).toEqual(['link', 'mandate', 'payment']);
    const client = await store.client();
    const runs = await client.query(`SELECT pid FROM ${schema}.job_runs WHERE key = $1`, [orderKey]);
    expect(runs).toHaveLength(1);
  });

  it('a worker SIGKILLed mid-job: another worker takes the job after it expires and finishes it once', async () => {
    const doomed = await startWorker({ hangAfterLink: true, concurrency: 1 });
    const orderKey = `order-killed-${randomUUID()}`;
    await flowJob.enqueue(orderKey, { customerId: 'cus_3', amount: 999 });
    expect(await doomed.hanging).toBe(orderKey);
    const active = await flowJob.status(orderKey);
    expect(active?.state).toBe('active');

    doomed.child.kill('SIGKILL');
    await doomed.exited;
    workers.delete(doomed);
    const survivor = await startWorker({ hangAfterLink: true, concurrency: 1 });

    const [status] = await settled(async () => [await flowJob.status(orderKey)]);
    expect(status?.state).toBe('completed');
    expect(status?.attempts).toBe(2);
    expect(status?.output).toMatchObject({ paymentId: `pi_${orderKey}`, pid: survivor.pid });

    const effects = await sideEffects([orderKey]);
    // The link was made by the killed worker and reused from the store; the rest ran once, in the survivor.
    expect(
      effects.map(({ step, pid }) => ({ step, pid })).sort((a, b) => a.step.localeCompare(b.step)),
    ).toEqual([
      { step: 'link', pid: doomed.pid },
      { step: 'mandate', pid: survivor.pid },
      { step: 'payment', pid: survivor.pid },
    ]);
    const client = await store.client();
    const runs = await client.query<{ pid: number; attempt: number }>(
      `SELECT pid, attempt FROM ${schema}.job_runs WHERE key = $1 ORDER BY attempt`,
      [orderKey],
    );
    expect(runs).toEqual([
      { pid: doomed.pid, attempt: 1 },
      { pid: survivor.pid, attempt: 2 },
    ]);
  });

  it('webhook deliveries become one job each (10 webhooks × 3 deliveries); 2 worker processes run each handler once', async () => {
    const inboxJob = engine.defineInboxJob({ name: 'test-webhooks', process: notHere, settings });
    const router = createPlaidWebhookRouter({ store, mode: 'queue', enqueue: inboxJob.enqueue });
    const bodies = Array.from({ length: 10 }, () =>
      JSON.stringify({
        environment: 'sandbox',
        webhook_type: 'TRANSACTIONS',
        webhook_code: 'SYNC_UPDATES_AVAILABLE',
        item_id: `item-${randomUUID()}`,
        initial_update_complete: true,
        historical_update_complete: false,
      }),
    );
    const received = await Promise.all(bodies.flatMap((body) => [1, 2, 3].map(() => router.receive(body))));
    const dedupeKeys = [...new Set(received.map((result) => result.dedupeKey))];
    expect(dedupeKeys).toHaveLength(10);
    expect(received.filter((result) => !result.duplicate)).toHaveLength(10);

    await Promise.all([startWorker({ stepDelayMs: 20 }), startWorker({ stepDelayMs: 20 })]);
    const statuses = await settled(() => Promise.all(dedupeKeys.map((k) => inboxJob.status(k))));
    expect(statuses.map((status) => [status.state, status.output])).toEqual(
      dedupeKeys.map(() => ['completed', 'processed']),
    );
    const effects = await sideEffects(dedupeKeys);
    expect(effects.map((effect) => effect.key).sort()).toEqual([...dedupeKeys].sort());
    const client = await store.client();
    const inbox = await client.query<{ state: string; attempts: number }>(
      `SELECT state, attempts FROM ${schema}.webhook_inbox WHERE dedupe_key = ANY($1::text[])`,
      [dedupeKeys],
    );
    expect(inbox).toEqual(dedupeKeys.map(() => ({ state: 'done', attempts: 1 })));
    const [jobs] = await client.query<{ count: string }>(
      `SELECT count(*) FROM ${jobsSchema}.job WHERE name = 'test-webhooks'`,
    );
    expect(Number(jobs?.count)).toBe(10);
  });
});
