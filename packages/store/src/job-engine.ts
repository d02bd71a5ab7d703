import { type AchBridgeError, ConfigError, parseInput } from '@achbridge/core';
import { z } from 'zod';
import type { Store } from './create-store.js';
import { toStoreError } from './database-error.js';
import { createInboxJob, type InboxJob, type InboxJobDefinition } from './inbox-job.js';
import {
  createKeyedJob,
  type JobContext,
  type JobRuntime,
  type JobSettings,
  jobSettingsSchema,
  type KeyedJob,
  queueNameSchema,
} from './keyed-job.js';
import { loadPgBoss, type PgBossInstance } from './pg-boss-loader.js';
import { StoreError } from './store-errors.js';

/** Settings of `createJobEngine`. */
export interface JobEngineOptions {
  /** The store the jobs work on; it must be on Postgres (embedded PGlite processes in process instead). */
  store: Store;
  /** The Postgres server the store uses (`postgres://...`); pg-boss opens its own small pool on it. */
  connectionString: string;
  /** The Postgres schema of pg-boss's tables (default `achbridge_jobs`). */
  schema?: string | undefined;
  /** pg-boss's pool size (default 10): each worker holds one connection while it fetches or reports a job. */
  maxConnections?: number | undefined;
  /** Seconds an idle worker waits before polling again (default 1, at least 0.5). */
  pollingIntervalSeconds?: number | undefined;
  /** Seconds between pg-boss maintenance runs, which retry expired jobs (default 60; one process runs each). */
  maintenanceIntervalSeconds?: number | undefined;
  /** Receives errors of the background work (typed and redacted); default: ignored, the work is retried. */
  onError?: ((error: AchBridgeError) => void) | undefined;
}

/** A job definition: a name, how to validate its input, and the idempotent step function it runs. */
export interface JobDefinition<Input> {
  /** The pg-boss queue name (letters, digits, `_`, `-`). */
  name: string;
  /** Validates the input at `enqueue` and again when a worker reads it back (default: any JSON object). */
  input?: z.ZodType<Input> | undefined;
  /**
   * The work; it runs at least once and may run again (after a failure, or when a worker died mid-run), so
   * make every side effect idempotent through the store (`claimProcessorLink`, `claimPayment`, the inbox).
   * What it returns (JSON) is kept as the job's output.
   */
  run(input: Input, context: JobContext): Promise<unknown>;
  /** Expiration and retries (defaults: 900 s, 8 retries, 5 s delay with backoff). */
  settings?: JobSettings | undefined;
}

/** Settings of `stop`. */
export interface JobEngineStopOptions {
  /** Wait for running jobs before closing (default true); without it their jobs expire and are retried. */
  graceful?: boolean | undefined;
  /** Longest wait for running jobs in ms (default 30 000); then they are aborted and left to expire. */
  timeoutMs?: number | undefined;
}

/** A job engine on pg-boss: keyed jobs shared by every worker process on the same Postgres. */
export interface JobEngine {
  /** Installs or migrates pg-boss's schema and starts its maintenance (every other method does this on first use). */
  start(): Promise<void>;
  /** Defines a keyed job queue: one job per idempotency key, run at least once by any worker. */
  defineJob<Input = Record<string, unknown>>(definition: JobDefinition<Input>): KeyedJob<Input>;
  /** Defines the job queue of a webhook inbox: one job per dedupe key that runs the router's `process`. */
  defineInboxJob(definition: InboxJobDefinition): InboxJob;
  /** Stops the workers and pg-boss and closes pg-boss's pool (not the store). */
  stop(options?: JobEngineStopOptions): Promise<void>;
}

const storeSchema = z.custom<Store>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { client?: unknown }).client === 'function' &&
    typeof (value as { inbox?: { get?: unknown } }).inbox?.get === 'function',
  'must be a store from createStore',
);

const optionsSchema = z.strictObject({
  store: storeSchema,
  connectionString: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL'),
  schema: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case Postgres identifier')
    .optional(),
  maxConnections: z.number().int().min(1).max(100).optional(),
  pollingIntervalSeconds: z.number().min(0.5).max(3600).optional(),
  maintenanceIntervalSeconds: z.number().int().min(1).max(3600).optional(),
  onError: z.custom<(error: AchBridgeError) => void>((value) => typeof value === 'function').optional(),
});

const definitionSchema = z.strictObject({
  name: queueNameSchema,
  input: z.custom<z.ZodType>((value) => value instanceof z.ZodType, 'must be a zod schema').optional(),
  run: z.custom<JobDefinition<unknown>['run']>((value) => typeof value === 'function', 'must be a function'),
  settings: jobSettingsSchema.optional(),
});

const stopSchema = z
  .strictObject({
    graceful: z.boolean().optional(),
    timeoutMs: z.number().int().min(0).max(3_600_000).optional(),
  })
  .optional();

const anyObject = z.record(z.string(), z.unknown());

/**
 * Creates a job engine on pg-boss 10 over a Postgres store. Nothing connects until the first call; the
 * store's database must be Postgres (an embedded PGlite store is refused with a ConfigError).
 */
export function createJobEngine(options: JobEngineOptions): JobEngine {
  const parsed = parseInput('createJobEngine', optionsSchema, options);
  const store = options.store;
  const names = new Set<string>();
  const loops = new Set<Promise<void>>();
  const sleepers = new Set<() => void>();
  const abort = new AbortController();
  let stopping = false;
  let starting: Promise<PgBossInstance> | undefined;

  const report = (error: unknown): void => {
    const typed = toStoreError(error, 'jobs');
    try {
      options.onError?.(typed);
    } catch {
      // A throwing error listener must not stop the workers.
    }
  };

  const boss = (): Promise<PgBossInstance> => {
    if (stopping) {
      return Promise.reject(new StoreError('STORE_JOB_ENGINE_STOPPED', 'jobs: the job engine was stopped'));
    }
    starting ??= (async () => {
      const client = await store.client();
      if (client.engine !== 'postgres') {
        throw new ConfigError(
          'createJobEngine needs a Postgres store: an embedded PGlite store processes in process (router.processNext())',
        );
      }
      const PgBoss = await loadPgBoss();
      const instance = new PgBoss({
        connectionString: parsed.connectionString,
        schema: parsed.schema ?? 'achbridge_jobs',
        max: parsed.maxConnections ?? 10,
        application_name: 'achbridge-jobs',
        schedule: false,
        supervise: true,
        migrate: true,
        maintenanceIntervalSeconds: parsed.maintenanceIntervalSeconds ?? 60,
      });
      instance.on('error', report);
      try {
        await instance.start();
      } catch (error) {
        await instance.stop({ graceful: false, close: true, wait: true }).catch(() => {});
        throw toStoreError(error, 'jobs.start');
      }
      return instance;
    })();
    starting.catch(() => {
      starting = undefined;
    });
    return starting;
  };

  const runtime: JobRuntime = {
    boss,
    stopping: () => stopping,
    pause: (ms) =>
      new Promise<void>((resolve) => {
        if (stopping) return resolve();
        const wake = () => {
          clearTimeout(timer);
          sleepers.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, ms);
        sleepers.add(wake);
      }),
    track: (loop) => {
      const tracked = loop.catch(report).finally(() => loops.delete(tracked));
      loops.add(tracked);
    },
    abort: abort.signal,
    pollMs: Math.round((parsed.pollingIntervalSeconds ?? 1) * 1000),
    report,
  };

  const claimName = (operation: string, name: string): void => {
    if (names.has(name)) {
      parseInput(operation, z.object({ name: z.never({ error: `queue ${name} is already defined` }) }), {
        name,
      });
    }
    names.add(name);
  };

  return {
    start: async () => {
      await boss();
    },
    defineJob<Input = Record<string, unknown>>(definition: JobDefinition<Input>): KeyedJob<Input> {
      const valid = parseInput('JobEngine.defineJob', definitionSchema, definition);
      claimName('JobEngine.defineJob', valid.name);
      return createKeyedJob<Input>(runtime, {
        name: valid.name,
        input: (definition.input ?? anyObject) as z.ZodType<Input>,
        settings: valid.settings ?? {},
        run: definition.run,
      });
    },
    defineInboxJob(definition) {
      const job = createInboxJob(runtime, store, definition);
      claimName('JobEngine.defineInboxJob', job.name);
      return job;
    },
    async stop(stopOptions) {
      const valid = parseInput('JobEngine.stop', stopSchema, stopOptions) ?? {};
      stopping = true;
      for (const wake of [...sleepers]) wake();
      const running = Promise.allSettled([...loops]);
      if (valid.graceful ?? true) {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, valid.timeoutMs ?? 30_000);
        });
        await Promise.race([running, timeout]);
        clearTimeout(timer);
      }
      abort.abort();
      const current = starting;
      starting = undefined;
      const instance = await current?.catch(() => undefined);
      if (instance !== undefined) {
        await instance.stop({ graceful: false, close: true, wait: true }).catch(report);
      }
    },
  };
}
