import { AchBridgeError, parseInput, redactSecrets } from '@achbridge/core';
import { z } from 'zod';
import { jobIdForKey } from './job-id.js';
import type { PgBossInstance, PgBossJob, PgBossJobOptions, PgBossJobState } from './pg-boss-loader.js';
import { StoreError } from './store-errors.js';

/** Retry and expiration settings of one job queue. */
export interface JobSettings {
  /** Seconds a worker may hold a job before it counts as lost and another worker retries it (default 900). */
  expireInSeconds?: number | undefined;
  /** Retries after the first attempt, for a failure or an expiration (default 8). */
  retryLimit?: number | undefined;
  /** Seconds before a retry (default 5). */
  retryDelaySeconds?: number | undefined;
  /** Double the retry delay (with jitter) on each retry (default true). */
  retryBackoff?: boolean | undefined;
}

/** What a job's handler is told about the run. */
export interface JobContext {
  /** The idempotency key the job was enqueued under. */
  key: string;
  /** The pg-boss job id (derived from the queue and the key). */
  jobId: string;
  /** 1 on the first run; more when the job is retried after a failure or after its worker was lost. */
  attempt: number;
  /** Aborted when the job's expiration passes or the engine stops without waiting. */
  signal: AbortSignal;
}

/** The result of `enqueue`. */
export interface EnqueueResult {
  /** The job's id: the same for the same key, in every process. */
  jobId: string;
  /** False when a job with this key already existed (nothing new was enqueued). */
  created: boolean;
}

/** A job's state as pg-boss keeps it. */
export interface JobStatus {
  jobId: string;
  key: string;
  /** `created`, `retry`, `active`, `completed`, `cancelled` or `failed` (retries used up). */
  state: PgBossJobState;
  /** Runs started so far (a run whose worker died counts). */
  attempts: number;
  /** What the handler returned (completed) or the redacted error (failed); null before. */
  output: unknown;
}

/** Settings of `work`. */
export interface WorkOptions {
  /** Jobs this process runs at once on this queue (default 1). */
  concurrency?: number | undefined;
}

/** A job queue whose jobs are keyed: one job per key, run at least once, by any worker process. */
export interface KeyedJob<Input> {
  /** The pg-boss queue name. */
  readonly name: string;
  /** Enqueues the job of `key` unless it exists; every process computes the same job id for the same key. */
  enqueue(key: string, input: Input): Promise<EnqueueResult>;
  /** Starts `concurrency` workers in this process; they run until the engine stops. */
  work(options?: WorkOptions): Promise<void>;
  /** The job of `key`, or null when there is none (never enqueued, or deleted after pg-boss's retention). */
  status(key: string): Promise<JobStatus | null>;
}

/** What a keyed job needs from its engine. */
export interface JobRuntime {
  /** The started pg-boss instance. */
  boss(): Promise<PgBossInstance>;
  /** Whether the engine is stopping (workers take no new job). */
  stopping(): boolean;
  /** Waits `ms` unless the engine stops first. */
  pause(ms: number): Promise<void>;
  /** Tracks a worker loop so `stop` can wait for it. */
  track(loop: Promise<void>): void;
  /** Aborted when the engine stops without waiting for running jobs. */
  readonly abort: AbortSignal;
  /** Idle wait between empty polls, in ms. */
  readonly pollMs: number;
  /** Receives errors of the worker loops (redacted typed errors). */
  report(error: unknown): void;
}

const DEFAULT_SETTINGS = { expireInSeconds: 900, retryLimit: 8, retryDelaySeconds: 5, retryBackoff: true };

/** The zod schema of job settings. */
export const jobSettingsSchema = z.strictObject({
  expireInSeconds: z.number().int().min(1).max(86_399).optional(),
  retryLimit: z.number().int().min(0).max(1000).optional(),
  retryDelaySeconds: z.number().int().min(0).max(86_400).optional(),
  retryBackoff: z.boolean().optional(),
});

/** A job key: the derived idempotency key (inbox dedupe key, link key, payment key). */
export const jobKeySchema = z.string().trim().min(1, 'must be a non-empty key').max(1000);

/** A pg-boss queue name. */
export const queueNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be 1 to 100 letters, digits, "_" or "-"');

const storedDataSchema = z.object({ key: jobKeySchema, input: z.unknown() });

/** The pg-boss options of `settings`, defaults filled in. */
export function bossOptionsOf(settings: z.output<typeof jobSettingsSchema>): Required<PgBossJobOptions> {
  return {
    expireInSeconds: settings.expireInSeconds ?? DEFAULT_SETTINGS.expireInSeconds,
    retryLimit: settings.retryLimit ?? DEFAULT_SETTINGS.retryLimit,
    retryDelay: settings.retryDelaySeconds ?? DEFAULT_SETTINGS.retryDelaySeconds,
    retryBackoff: settings.retryBackoff ?? DEFAULT_SETTINGS.retryBackoff,
  };
}

/** A failure as stored in the job's output: the code and the redacted message, never the stack or a secret. */
export function failureOutput(error: unknown): { code: string; message: string; retryable: boolean } {
  const code = AchBridgeError.isInstance(error) ? error.code : 'JOB_HANDLER_FAILED';
  const message = redactSecrets(error instanceof Error ? error.message : String(error)).slice(0, 1000);
  const retryable = (error as { isRetryable?: unknown } | null)?.isRetryable === true;
  return { code, message, retryable };
}

/** Settings of `createKeyedJob`. */
export interface KeyedJobSpec<Input> {
  name: string;
  input: z.ZodType<Input>;
  settings: z.output<typeof jobSettingsSchema>;
  run(input: Input, context: JobContext): Promise<unknown>;
}

/** Creates one keyed job queue on a job engine's runtime. */
export function createKeyedJob<Input>(runtime: JobRuntime, spec: KeyedJobSpec<Input>): KeyedJob<Input> {
  const options = bossOptionsOf(spec.settings);
  const operation = (what: string) => `jobs.${spec.name}.${what}`;
  let created: Promise<PgBossInstance> | undefined;
  const queue = () => {
    created ??= (async () => {
      const boss = await runtime.boss();
      // Processes creating the same queue at once can deadlock inside pg-boss's create_queue (Postgres
      // aborts one of them): the loser finds the queue made by the winner, or tries again.
      for (let attempt = 1; ; attempt += 1) {
        if ((await boss.getQueue(spec.name)) !== null) return boss;
        try {
          await boss.createQueue(spec.name, { policy: 'standard', ...options });
          return boss;
        } catch (error) {
          if ((await boss.getQueue(spec.name).catch(() => null)) !== null) return boss;
          if (attempt >= 5) throw error;
          await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.floor(Math.random() * 100)));
        }
      }
    })();
    created.catch(() => {
      created = undefined;
    });
    return created;
  };

  const runOne = async (boss: PgBossInstance, job: PgBossJob): Promise<void> => {
    const expireMs = Number(job.expireInSeconds) * 1000;
    const controller = new AbortController();
    const expire = setTimeout(
      () => controller.abort(new StoreError('STORE_JOB_EXPIRED', 'the job expired')),
      expireMs,
    );
    expire.unref?.();
    const onStop = () => controller.abort(new StoreError('STORE_JOB_STOPPED', 'the job engine stopped'));
    runtime.abort.addEventListener('abort', onStop, { once: true });
    try {
      const data = storedDataSchema.parse(job.data);
      const input = parseInput(operation('run'), spec.input, data.input);
      const value = await spec.run(input, {
        key: data.key,
        jobId: job.id,
        attempt: Number(job.retryCount ?? 0) + 1,
        signal: controller.signal,
      });
      await boss.complete(spec.name, job.id, { value: value === undefined ? null : value });
    } catch (error) {
      // A job whose completion or failure could not be written stays active and is retried once it expires.
      await boss.fail(spec.name, job.id, failureOutput(error)).catch(runtime.report);
    } finally {
      clearTimeout(expire);
      runtime.abort.removeEventListener('abort', onStop);
    }
  };

  const loop = async (): Promise<void> => {
    const boss = await queue();
    while (!runtime.stopping()) {
      let job: PgBossJob | undefined;
      try {
        job = (await boss.fetch(spec.name, { batchSize: 1, includeMetadata: true }))?.[0];
      } catch (error) {
        runtime.report(error);
      }
      if (job === undefined) {
        await runtime.pause(runtime.pollMs);
        continue;
      }
      try {
        await runOne(boss, job);
      } catch (error) {
        runtime.report(error);
      }
    }
  };

  return {
    name: spec.name,
    async enqueue(key, input) {
      const parsed = parseInput(operation('enqueue'), z.object({ key: jobKeySchema }), { key });
      const value = parseInput(operation('enqueue'), spec.input, input);
      const boss = await queue();
      const jobId = jobIdForKey(spec.name, parsed.key);
      const sent = await boss.send(
        spec.name,
        { key: parsed.key, input: value },
        { ...options, id: jobId, singletonKey: parsed.key },
      );
      return { jobId, created: sent !== null };
    },
    async work(workOptions) {
      const parsed = parseInput(
        operation('work'),
        z.strictObject({ concurrency: z.number().int().min(1).max(100).optional() }).optional(),
        workOptions,
      );
      if (runtime.stopping()) {
        throw new StoreError('STORE_JOB_ENGINE_STOPPED', `${operation('work')}: the job engine was stopped`);
      }
      await queue();
      for (let index = 0; index < (parsed?.concurrency ?? 1); index += 1) runtime.track(loop());
    },
    async status(key) {
      const parsed = parseInput(operation('status'), z.object({ key: jobKeySchema }), { key });
      const boss = await queue();
      const jobId = jobIdForKey(spec.name, parsed.key);
      const job = await boss.getJobById(spec.name, jobId, { includeArchive: true });
      if (job === null || job === undefined) return null;
      const output = job.output as { value?: unknown } | null | undefined;
      const state = job.state ?? 'created';
      return {
        jobId,
        key: parsed.key,
        state,
        attempts: Number(job.retryCount ?? 0) + (job.startedOn ? 1 : 0),
        output:
          state === 'completed' && output !== null && output !== undefined
            ? (output.value ?? null)
            : (output ?? null),
      };
    },
  };
}
