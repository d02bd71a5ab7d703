import { randomUUID } from 'node:crypto';
import { parseInput, redactSecrets } from '@achbridge/core';
import { z } from 'zod';
import type { SqlClient } from './sql-client.js';
import { iso, isoOrNull, runOperation, type StoreContext } from './store-context.js';

/** Where a delivery is: waiting, being handled, handled, failed (retried later) or given up on. */
export type InboxState = 'received' | 'processing' | 'done' | 'failed' | 'dead';

/** A webhook delivery stored in the inbox. */
export interface InboxDelivery {
  dedupeKey: string;
  provider: string;
  eventType: string | null;
  eventCode: string | null;
  itemId: string | null;
  /** The verified, parsed webhook body (JSON). */
  envelope: Record<string, unknown>;
  receivedAt: string;
  state: InboxState;
  attempts: number;
  lastError: string | null;
  processedAt: string | null;
}

/** Input of `record`: one verified delivery. */
export interface InboxRecordInput {
  /** `plaid`, `dwolla`, or any other source (an open string). */
  provider: string;
  /** Plaid: `plaidWebhookDedupeKey(rawBody, event)`; Dwolla: the event id. */
  dedupeKey: string;
  eventType?: string | null | undefined;
  eventCode?: string | null | undefined;
  itemId?: string | null | undefined;
  envelope: Record<string, unknown>;
}

/** How a `process` call ended. */
export type InboxProcessResult = 'processed' | 'already_done' | 'busy' | 'failed';

/** Settings of handler runs. */
export interface InboxRunOptions {
  /** How long a worker owns a delivery before another may take it over (default: the store's lease). */
  leaseMs?: number | undefined;
  /** Attempts before a delivery is marked `dead` (default 8). */
  maxAttempts?: number | undefined;
  /** Pause before a failed delivery is retried, times the attempt number (default 1000 ms). */
  retryDelayMs?: number | undefined;
  /** `processNext` only: take deliveries of these providers only (default: any), so routers sharing an inbox never take each other's. */
  providers?: string[] | undefined;
}

/** The webhook inbox: store every verified delivery once, and run its handler once to completion. */
export interface WebhookInbox {
  /** Stores a delivery unless its dedupe key is already there; `inserted` is false for a duplicate. */
  record(input: InboxRecordInput): Promise<{ delivery: InboxDelivery; inserted: boolean }>;
  /** Reads a delivery by its dedupe key. */
  get(dedupeKey: string): Promise<InboxDelivery | null>;
  /** Claims the delivery and runs `handler`; a delivery that is done or held by another worker is not run. */
  process(
    dedupeKey: string,
    handler: (delivery: InboxDelivery) => Promise<void>,
    options?: InboxRunOptions,
  ): Promise<InboxProcessResult>;
  /** Claims the oldest ready delivery (any worker, `SKIP LOCKED`) and runs `handler`; null when none is ready. */
  processNext(
    handler: (delivery: InboxDelivery) => Promise<void>,
    options?: InboxRunOptions,
  ): Promise<{ delivery: InboxDelivery; result: InboxProcessResult } | null>;
}

const text = z.string().trim().min(1, 'must be a non-empty string').max(2000);
const recordSchema = z.strictObject({
  provider: text,
  dedupeKey: text,
  eventType: z.string().max(200).nullable().optional(),
  eventCode: z.string().max(200).nullable().optional(),
  itemId: z.string().max(500).nullable().optional(),
  envelope: z.record(z.string(), z.unknown()),
});
const runOptionsSchema = z
  .strictObject({
    leaseMs: z.number().int().min(10).max(3_600_000).optional(),
    maxAttempts: z.number().int().min(1).max(1000).optional(),
    retryDelayMs: z.number().int().min(0).max(86_400_000).optional(),
    providers: z.array(text).min(1, 'must name at least one provider').optional(),
  })
  .optional();
const handlerSchema = z.custom<(delivery: InboxDelivery) => Promise<void>>(
  (value) => typeof value === 'function',
  'must be a function',
);

interface InboxRow extends Record<string, unknown> {
  dedupe_key: string;
  provider: string;
  event_type: string | null;
  event_code: string | null;
  item_id: string | null;
  envelope: Record<string, unknown>;
  received_at: unknown;
  state: InboxState;
  attempts: number;
  last_error: string | null;
  processed_at: unknown;
}

function toDelivery(row: InboxRow): InboxDelivery {
  return {
    dedupeKey: row.dedupe_key,
    provider: row.provider,
    eventType: row.event_type,
    eventCode: row.event_code,
    itemId: row.item_id,
    envelope: row.envelope,
    receivedAt: iso(row.received_at),
    state: row.state,
    attempts: Number(row.attempts),
    lastError: row.last_error,
    processedAt: isoOrNull(row.processed_at),
  };
}

/** Creates the webhook inbox over a store context. */
export function createWebhookInbox(context: StoreContext): WebhookInbox {
  const table = context.table('webhook_inbox');
  const ready = `((state IN ('received', 'failed') AND available_at <= clock_timestamp())
    OR (state = 'processing' AND lease_until < clock_timestamp()))`;
  const claimSet = (owner: number, lease: number): string =>
    `state = 'processing', owner = $${owner}, lease_until = clock_timestamp() + $${lease} * interval '1 millisecond',
    attempts = attempts + 1`;

  const run = async (
    client: SqlClient,
    row: InboxRow,
    owner: string,
    handler: (delivery: InboxDelivery) => Promise<void>,
    options: NonNullable<z.output<typeof runOptionsSchema>>,
  ): Promise<InboxProcessResult> => {
    const leaseMs = options.leaseMs ?? context.timing.leaseMs;
    const renew = setInterval(
      () => {
        client
          .query(
            `UPDATE ${table} SET lease_until = clock_timestamp() + $3 * interval '1 millisecond'
             WHERE dedupe_key = $1 AND owner = $2 AND state = 'processing'`,
            [row.dedupe_key, owner, leaseMs],
          )
          .catch(() => {});
      },
      Math.max(10, Math.floor(leaseMs / 3)),
    );
    renew.unref?.();
    try {
      await handler(toDelivery(row));
    } catch (error) {
      clearInterval(renew);
      const message = redactSecrets(error instanceof Error ? error.message : String(error)).slice(0, 1000);
      await client.query(
        `UPDATE ${table} SET state = CASE WHEN attempts >= $3 THEN 'dead' ELSE 'failed' END, last_error = $4,
           owner = NULL, lease_until = NULL,
           available_at = clock_timestamp() + $5 * attempts * interval '1 millisecond'
         WHERE dedupe_key = $1 AND owner = $2`,
        [row.dedupe_key, owner, options.maxAttempts ?? 8, message, options.retryDelayMs ?? 1000],
      );
      return 'failed';
    }
    clearInterval(renew);
    await client.query(
      `UPDATE ${table} SET state = 'done', owner = NULL, lease_until = NULL, last_error = NULL,
         processed_at = clock_timestamp()
       WHERE dedupe_key = $1 AND owner = $2 AND state = 'processing'`,
      [row.dedupe_key, owner],
    );
    return 'processed';
  };

  return {
    record: (input) =>
      runOperation('inbox.record', async () => {
        const parsed = parseInput('inbox.record', recordSchema, input);
        const client = await context.client();
        const inserted = await client.query<InboxRow>(
          `INSERT INTO ${table} (dedupe_key, provider, event_type, event_code, item_id, envelope, state)
           VALUES ($1, $2, $3, $4, $5, $6::jsonb, 'received') ON CONFLICT (dedupe_key) DO NOTHING RETURNING *`,
          [
            parsed.dedupeKey,
            parsed.provider,
            parsed.eventType ?? null,
            parsed.eventCode ?? null,
            parsed.itemId ?? null,
            JSON.stringify(parsed.envelope),
          ],
        );
        if (inserted[0] !== undefined) return { delivery: toDelivery(inserted[0]), inserted: true };
        const [existing] = await client.query<InboxRow>(`SELECT * FROM ${table} WHERE dedupe_key = $1`, [
          parsed.dedupeKey,
        ]);
        return { delivery: toDelivery(existing as InboxRow), inserted: false };
      }),
    get: (dedupeKey) =>
      runOperation('inbox.get', async () => {
        parseInput('inbox.get', z.strictObject({ dedupeKey: text }), { dedupeKey });
        const client = await context.client();
        const [row] = await client.query<InboxRow>(`SELECT * FROM ${table} WHERE dedupe_key = $1`, [
          dedupeKey,
        ]);
        return row === undefined ? null : toDelivery(row);
      }),
    process: (dedupeKey, handler, options) =>
      runOperation('inbox.process', async () => {
        parseInput(
          'inbox.process',
          z.object({ dedupeKey: text, handler: handlerSchema, options: runOptionsSchema }),
          {
            dedupeKey,
            handler,
            options,
          },
        );
        const client = await context.client();
        const owner = randomUUID();
        const [row] = await client.query<InboxRow>(
          `UPDATE ${table} SET ${claimSet(2, 3)} WHERE dedupe_key = $1 AND ${ready} RETURNING *`,
          [dedupeKey, owner, options?.leaseMs ?? context.timing.leaseMs],
        );
        if (row === undefined) {
          const [current] = await client.query<{ state: InboxState }>(
            `SELECT state FROM ${table} WHERE dedupe_key = $1`,
            [dedupeKey],
          );
          return current?.state === 'done' ? 'already_done' : 'busy';
        }
        return run(client, row, owner, handler, options ?? {});
      }),
    processNext: (handler, options) =>
      runOperation('inbox.processNext', async () => {
        parseInput('inbox.processNext', z.object({ handler: handlerSchema, options: runOptionsSchema }), {
          handler,
          options,
        });
        const client = await context.client();
        const owner = randomUUID();
        const [row] = await client.query<InboxRow>(
          `UPDATE ${table} SET ${claimSet(1, 2)}
           WHERE dedupe_key = (SELECT dedupe_key FROM ${table} WHERE ${ready}
             AND ($3::text[] IS NULL OR provider = ANY($3::text[]))
             ORDER BY received_at, dedupe_key LIMIT 1 FOR UPDATE SKIP LOCKED)
           RETURNING *`,
          [owner, options?.leaseMs ?? context.timing.leaseMs, options?.providers ?? null],
        );
        if (row === undefined) return null;
        const result = await run(client, row, owner, handler, options ?? {});
        return { delivery: toDelivery(row), result };
      }),
  };
}
