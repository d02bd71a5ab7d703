import { z } from 'zod';
import type { InboxDelivery, InboxRecordInput, InboxRunOptions, WebhookInbox } from './webhook-inbox.js';
import type { ReceiveResult } from './webhook-router.js';

/** The `run` option of an inbox router: lease, attempts and retry delay of event runs. */
export const inboxRunOptionSchema = z
  .strictObject({
    leaseMs: z.number().int().min(10).optional(),
    maxAttempts: z.number().int().min(1).optional(),
    retryDelayMs: z.number().int().min(0).optional(),
  })
  .optional();

/** The `enqueue` option of an inbox router in queue mode. */
export const enqueueOptionSchema = z
  .custom<(dedupeKey: string) => Promise<unknown>>(
    (value) => typeof value === 'function',
    'must be a function',
  )
  .optional();

/**
 * Stores a delivery in the inbox once, before anything else, then processes it with `handle` now (`inline`,
 * the default) or hands its key to `enqueue` for a worker (`queue`; a redelivery is enqueued again, so a crash
 * between storing and enqueueing heals).
 */
export async function recordThenProcess(
  inbox: Pick<WebhookInbox, 'record' | 'process'>,
  record: InboxRecordInput,
  routing: {
    mode: 'inline' | 'queue' | undefined;
    enqueue: ((dedupeKey: string) => Promise<unknown>) | undefined;
    handle: (delivery: InboxDelivery) => Promise<void>;
    run: InboxRunOptions;
  },
): Promise<ReceiveResult> {
  const { dedupeKey } = record;
  const { inserted } = await inbox.record(record);
  if ((routing.mode ?? 'inline') === 'queue') {
    await routing.enqueue?.(dedupeKey);
    return { dedupeKey, duplicate: !inserted, result: 'queued' };
  }
  const result = await inbox.process(dedupeKey, routing.handle, routing.run);
  return { dedupeKey, duplicate: !inserted, result };
}
