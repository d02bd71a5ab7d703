import { parseInput } from '@achbridge/core';
import { z } from 'zod';
import type { Store } from './create-store.js';
import {
  createKeyedJob,
  type EnqueueResult,
  type JobRuntime,
  type JobSettings,
  type JobStatus,
  jobSettingsSchema,
  queueNameSchema,
  type WorkOptions,
} from './keyed-job.js';
import { StoreError } from './store-errors.js';
import type { InboxProcessResult } from './webhook-inbox.js';

/** A webhook inbox's job queue: one job per stored delivery, keyed by its dedupe key. */
export interface InboxJobDefinition {
  /** The pg-boss queue name (letters, digits, `_`, `-`), e.g. `plaid-webhooks`. */
  name: string;
  /** Runs one stored delivery: a router's `process` (`createPlaidWebhookRouter`, `createPaymentOutcomeRouter`). */
  process(dedupeKey: string): Promise<InboxProcessResult>;
  /** Expiration and retries (defaults: 900 s, 8 retries, 5 s delay with backoff). */
  settings?: JobSettings | undefined;
}

/** The job queue of a webhook inbox. */
export interface InboxJob {
  /** The pg-boss queue name. */
  readonly name: string;
  /** Enqueues the delivery's job unless it exists (pass it as a router's `enqueue`). */
  enqueue(dedupeKey: string): Promise<EnqueueResult>;
  /** Starts `concurrency` workers in this process; each job runs the router's `process(dedupeKey)`. */
  work(options?: WorkOptions): Promise<void>;
  /** The delivery's job, or null. */
  status(dedupeKey: string): Promise<JobStatus | null>;
}

/** The zod schema of an inbox job definition. */
export const inboxJobDefinitionSchema = z.strictObject({
  name: queueNameSchema,
  process: z.custom<InboxJobDefinition['process']>(
    (value) => typeof value === 'function',
    'must be a function',
  ),
  settings: jobSettingsSchema.optional(),
});

/**
 * What a job does with the inbox's answer: `processed` and `already_done` complete it, and so does a
 * delivery the inbox gave up on (`dead`, its error kept in the inbox); a failed handler or a delivery another
 * worker holds (or that waits for its retry time) throws, so pg-boss retries the job later.
 */
export async function settleInboxRun(
  store: Store,
  dedupeKey: string,
  result: InboxProcessResult,
): Promise<InboxProcessResult | 'dead'> {
  if (result === 'processed' || result === 'already_done') return result;
  if (result === 'failed') {
    throw new StoreError('STORE_JOB_RETRY', 'the delivery’s handler failed; the job is retried', {
      isRetryable: true,
    });
  }
  const delivery = await store.inbox.get(dedupeKey);
  if (delivery === null) {
    throw new StoreError('STORE_INBOX_DELIVERY_NOT_FOUND', 'the inbox has no delivery under this dedupe key');
  }
  if (delivery.state === 'done') return 'already_done';
  if (delivery.state === 'dead') return 'dead';
  throw new StoreError('STORE_JOB_RETRY', `the delivery is ${delivery.state}; the job is retried`, {
    isRetryable: true,
  });
}

/** Creates the job queue of a webhook inbox on a job engine's runtime. */
export function createInboxJob(runtime: JobRuntime, store: Store, definition: InboxJobDefinition): InboxJob {
  const valid = parseInput('JobEngine.defineInboxJob', inboxJobDefinitionSchema, definition);
  const job = createKeyedJob<Record<string, never>>(runtime, {
    name: valid.name,
    input: z.strictObject({}),
    settings: valid.settings ?? {},
    run: async (_input, context) => settleInboxRun(store, context.key, await definition.process(context.key)),
  });
  return {
    name: job.name,
    enqueue: (dedupeKey) => job.enqueue(dedupeKey, {}),
    work: (options) => job.work(options),
    status: (dedupeKey) => job.status(dedupeKey),
  };
}
