import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createPlaidWebhookRouter, createStore } from '@achbridge/store';
import { createJobEngine } from '@achbridge/store/jobs';
import { createStripeCustomers } from '../fixtures/customer-fixtures.js';
import { createLinkFixtures } from '../fixtures/link-fixtures.js';
import type { EmulatorInfo } from '../lib/emulator-info.js';
import { median, ratio } from '../lib/stats.js';

/** Store overhead per Stripe `link` on one database engine, or why it was not measured. */
export interface StoreOverhead {
  engine: 'pglite' | 'postgres';
  /** Why the row was not measured (no server), when it was not. */
  skipped?: string;
  rounds?: {
    plainCpuMicros: number;
    storeCpuMicros: number;
    plainWallMicros: number;
    storeWallMicros: number;
  }[];
  /** Median of the per-round ratios (with store ÷ without), client CPU and wall time. */
  cpuRatio?: number | null;
  wallRatio?: number | null;
}

/** Inbox deliveries per second with 1 and 2 worker processes, or why it was not measured. */
export interface InboxThroughput {
  /** How long each delivery's handler waits on its own downstream call (0: an empty handler). */
  handlerDelayMs: number;
  skipped?: string;
  deliveries?: number;
  concurrencyPerProcess?: number;
  runs?: { processes: number; seconds: number; perSecond: number }[];
  /** Median of the per-pair ratios (2 processes ÷ 1 process). */
  scaling?: number | null;
}

/** The store section's results. */
export interface StoreBenchResult {
  settings: { rounds: number; batch: number; warmup: number };
  overhead: StoreOverhead[];
  inbox: InboxThroughput[];
}

const POSTGRES_MISSING =
  'not measured: DATABASE_URL is not set (run under `bash scripts/with-postgres.sh`, or point it at a server)';

/** Runs a child node program with a JSON input and resolves with its last stdout line, parsed. */
function runJsonChild(path: string, input: unknown, execArgv: string[] = []): Promise<unknown> {
  const child = spawn(process.execPath, [...execArgv, path], {
    env: { ...process.env, ACHBRIDGE_BENCH_INPUT: JSON.stringify(input) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => {
      const line = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return reject(new Error(`${path} exited ${code}: ${stderr}`));
      try {
        resolve(JSON.parse(line));
      } catch {
        reject(new Error(`${path} printed no JSON: ${stdout} ${stderr}`));
      }
    });
  });
}

async function measureOverhead(
  info: EmulatorInfo,
  engine: 'pglite' | 'postgres',
  url: string | undefined,
  settings: StoreBenchResult['settings'],
): Promise<StoreOverhead> {
  if (engine === 'postgres' && url === undefined) return { engine, skipped: POSTGRES_MISSING };
  const count = 2 * (settings.warmup + settings.rounds * settings.batch);
  const [fixtures, customers] = await Promise.all([
    createLinkFixtures(info, count),
    createStripeCustomers(info, count),
  ]);
  const jobs = fixtures.map((fixture, index) => ({
    publicToken: fixture.publicToken,
    accountId: fixture.accountId,
    customer: customers[index] as string,
  }));
  const answer = (await runJsonChild(
    fileURLToPath(new URL('../worker/store-link-worker.js', import.meta.url)),
    {
      info,
      database: engine === 'pglite' ? { engine } : { engine, url },
      ...settings,
      jobs,
    },
    ['--expose-gc'],
  )) as {
    rounds: {
      plain: { cpuMicros: number; wallMicros: number };
      store: { cpuMicros: number; wallMicros: number };
    }[];
  };
  const rounds = answer.rounds.map((round) => ({
    plainCpuMicros: round.plain.cpuMicros,
    storeCpuMicros: round.store.cpuMicros,
    plainWallMicros: round.plain.wallMicros,
    storeWallMicros: round.store.wallMicros,
  }));
  const ratios = (pick: (round: (typeof rounds)[number]) => number | null) =>
    rounds.map(pick).filter((value): value is number => value !== null);
  const cpu = ratios((round) => ratio(round.storeCpuMicros, round.plainCpuMicros));
  const wall = ratios((round) => ratio(round.storeWallMicros, round.plainWallMicros));
  return {
    engine,
    rounds,
    cpuRatio: cpu.length > 0 ? median(cpu) : null,
    wallRatio: wall.length > 0 ? median(wall) : null,
  };
}

/** Starts an inbox worker process; resolves once it is ready (engine started), with a way to start and stop it. */
function startInboxWorker(input: Record<string, unknown>): Promise<{ go(): void; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(
    process.execPath,
    [fileURLToPath(new URL('../worker/inbox-worker.js', import.meta.url))],
    {
      env: { ...process.env, ACHBRIDGE_BENCH_INPUT: JSON.stringify(input) },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      if (chunk.includes('"ready":true')) {
        resolve({
          go: () => child.stdin?.write('go\n'),
          stop: async () => {
            child.kill('SIGTERM');
            await exited;
          },
        });
      }
    });
    void exited.then(() => reject(new Error(`inbox worker exited before it was ready: ${stderr}`)));
  });
}

async function measureInbox(
  url: string | undefined,
  handlerDelayMs: number,
  deliveries: number,
  concurrency: number,
  order: readonly number[],
  log: (line: string) => void,
): Promise<InboxThroughput> {
  if (url === undefined) return { handlerDelayMs, skipped: POSTGRES_MISSING };
  const schema = `bench_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const jobsSchema = `bench_jobs_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const key = randomBytes(32).toString('base64');
  const store = createStore({ database: { url }, schema, encryptionKeys: [{ id: 'bench', key }] });
  const engine = createJobEngine({ store, connectionString: url, schema: jobsSchema });
  const runs: NonNullable<InboxThroughput['runs']> = [];
  try {
    // One Item per delivery, as webhooks of many Items arrive: no two jobs wait on the same Item's row.
    const items = Array.from({ length: deliveries }, (_, index) => `item-bench-${index}`);
    for (let offset = 0; offset < items.length; offset += 25) {
      await Promise.all(
        items
          .slice(offset, offset + 25)
          .map((itemId) => store.saveItem({ itemId, accessToken: `access-sandbox-${randomUUID()}` })),
      );
    }
    const client = await store.client();
    for (const [index, processes] of order.entries()) {
      const queue = `bench-inbox-${handlerDelayMs}-${index}`;
      const job = engine.defineInboxJob({
        name: queue,
        process: async () => {
          throw new Error('the bench process only enqueues');
        },
      });
      const router = createPlaidWebhookRouter({ store, mode: 'queue', enqueue: job.enqueue });
      // Ingress (not measured): verified deliveries stored in the inbox and enqueued, one job each.
      for (let offset = 0; offset < deliveries; offset += 50) {
        await Promise.all(
          Array.from({ length: Math.min(50, deliveries - offset) }, (_, n) =>
            router.receive(
              JSON.stringify({
                environment: 'sandbox',
                webhook_type: 'ITEM',
                webhook_code: 'ERROR',
                item_id: items[(offset + n) % items.length],
                error: {
                  error_type: 'ITEM_ERROR',
                  error_code: 'ITEM_LOGIN_REQUIRED',
                  error_message: `run ${index} delivery ${offset + n}`,
                },
              }),
            ),
          ),
        );
      }
      const workers = await Promise.all(
        Array.from({ length: processes }, () =>
          startInboxWorker({ url, schema, jobsSchema, queue, concurrency, key, handlerDelayMs }),
        ),
      );
      const started = performance.now();
      for (const worker of workers) worker.go();
      for (;;) {
        const [row] = await client.query<{ done: string }>(
          `SELECT count(*) AS done FROM ${jobsSchema}.job WHERE name = $1 AND state = 'completed'`,
          [queue],
        );
        if (Number(row?.done) >= deliveries) break;
        if (performance.now() - started > 300_000) throw new Error(`inbox run ${index} did not finish`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const seconds = (performance.now() - started) / 1000;
      await Promise.all(workers.map((worker) => worker.stop()));
      runs.push({ processes, seconds, perSecond: deliveries / seconds });
      log(
        `  inbox (handler ${handlerDelayMs} ms): ${processes} worker process(es): ${(deliveries / seconds).toFixed(0)} deliveries/s`,
      );
    }
  } finally {
    await engine.stop();
    await store.close();
  }
  const pairs: number[] = [];
  for (let index = 0; index + 1 < runs.length; index += 2) {
    const a = runs[index];
    const b = runs[index + 1];
    if (a === undefined || b === undefined) continue;
    const one = a.processes === 1 ? a : b;
    const two = a.processes === 2 ? a : b;
    const value = ratio(two.perSecond, one.perSecond);
    if (value !== null) pairs.push(value);
  }
  return {
    handlerDelayMs,
    deliveries,
    concurrencyPerProcess: concurrency,
    runs,
    scaling: pairs.length > 0 ? median(pairs) : null,
  };
}

/**
 * The store section: client CPU and wall time per Stripe `link` with the store (embedded PGlite, and
 * Postgres when DATABASE_URL is set) as ratios to the same process's `link` without a store; and webhook
 * inbox throughput through the job engine with 1 and 2 worker processes (Postgres only).
 */
export async function measureStore(
  info: EmulatorInfo,
  log: (line: string) => void,
): Promise<StoreBenchResult> {
  const url = process.env['DATABASE_URL']?.trim() || undefined;
  const settings = { rounds: 5, batch: 10, warmup: 4 };
  const overhead: StoreOverhead[] = [];
  for (const engine of ['pglite', 'postgres'] as const) {
    log(`  store overhead per link: ${engine}…`);
    overhead.push(await measureOverhead(info, engine, url, settings));
  }
  log('  webhook inbox throughput (job engine)…');
  // An empty handler (the store and pg-boss only: bound by the database server), and handlers that wait
  // 50 ms and 200 ms on a downstream call (the slower the handler, the more the workers' concurrency, which
  // more processes add, is the bound rather than the database).
  const inbox = [
    await measureInbox(url, 0, 300, 8, [1, 2, 2, 1], log),
    await measureInbox(url, 50, 300, 8, [1, 2, 2, 1], log),
    await measureInbox(url, 200, 160, 8, [1, 2, 2, 1], log),
  ];
  return { settings, overhead, inbox };
}
