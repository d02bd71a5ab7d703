import { parseInput } from '@achbridge/core';
import { z } from 'zod';
import { runClaimed } from './claim.js';
import { iso, runOperation, type StoreContext } from './store-context.js';
import type {
  Claimed,
  ProcessorLinkKey,
  ProcessorLinkRecord,
  StoredProcessorLink,
  WaitOptions,
} from './store-types.js';

const text = z.string().trim().min(1, 'must be a non-empty string').max(2000);
const keySchema = z.strictObject({ itemId: text, accountId: text, processor: text, customerId: text });
const recordSchema = z.strictObject({
  objectId: text,
  details: z.record(z.string(), z.unknown()),
});
const claimSchema = z.object({
  key: keySchema,
  create: z.custom<() => Promise<ProcessorLinkRecord>>(
    (value) => typeof value === 'function',
    'must be a function',
  ),
  options: z.object({ signal: z.instanceof(AbortSignal).optional() }).optional(),
});
const itemSchema = z.strictObject({ itemId: text });

interface LinkRow extends Record<string, unknown> {
  item_id: string;
  account_id: string;
  processor: string;
  customer_id: string;
  object_id: string;
  details: Record<string, unknown> | null;
  created_at: unknown;
  completed_at: unknown;
}

function toLink(row: LinkRow): StoredProcessorLink {
  return {
    itemId: row.item_id,
    accountId: row.account_id,
    processor: row.processor,
    customerId: row.customer_id,
    objectId: row.object_id,
    details: row.details ?? {},
    createdAt: iso(row.created_at),
    completedAt: iso(row.completed_at),
  };
}

/** Processor link operations: created once per (item, account, processor, customer). */
export interface ProcessorLinkOperations {
  claimProcessorLink(
    key: ProcessorLinkKey,
    create: () => Promise<ProcessorLinkRecord>,
    options?: WaitOptions,
  ): Promise<Claimed<StoredProcessorLink>>;
  getProcessorLink(key: ProcessorLinkKey): Promise<StoredProcessorLink | null>;
  listProcessorLinks(itemId: string): Promise<StoredProcessorLink[]>;
}

/** Claims a processor link for a valid key: runs `create` once, forever, across every process sharing the store. */
function claimLink(
  context: StoreContext,
  key: ProcessorLinkKey,
  create: () => Promise<ProcessorLinkRecord>,
  signal: AbortSignal | undefined,
): Promise<Claimed<StoredProcessorLink>> {
  const table = context.table('processor_links');
  const keyValues = [key.itemId, key.accountId, key.processor, key.customerId];
  return runOperation('claimProcessorLink', async () =>
    runClaimed<LinkRow, ProcessorLinkRecord, StoredProcessorLink>(
      await context.client(),
      {
        table,
        keyColumns: ['item_id', 'account_id', 'processor', 'customer_id'],
        scope: 'processor_link',
      },
      keyValues,
      context.timing,
      {
        signal,
        work: async () => parseInput('claimProcessorLink.create result', recordSchema, await create()),
        complete: async (tx, record) => {
          const [row] = await tx.query<LinkRow>(
            `UPDATE ${table} SET state = 'done', object_id = $5, details = $6::jsonb, owner = NULL,
               lease_until = NULL, completed_at = clock_timestamp()
             WHERE item_id = $1 AND account_id = $2 AND processor = $3 AND customer_id = $4 AND state = 'pending'
             RETURNING *`,
            [...keyValues, record.objectId, JSON.stringify(record.details)],
          );
          return row;
        },
        read: toLink,
      },
    ),
  );
}

/**
 * The typed twin of `claimProcessorLink`, for adapters whose key is already validated (trimmed, non-empty
 * values of their own parsed input and of Plaid's validated answers): the same claim without parsing the key again.
 */
export function createTypedProcessorLinkClaim(
  context: StoreContext,
): Pick<ProcessorLinkOperations, 'claimProcessorLink'> {
  return {
    claimProcessorLink: (key, create, options) => claimLink(context, key, create, options?.signal),
  };
}

/** Creates the processor link operations over a store context. */
export function createProcessorLinkOperations(context: StoreContext): ProcessorLinkOperations {
  const table = context.table('processor_links');
  return {
    claimProcessorLink: async (key, create, options) => {
      const parsed = await runOperation('claimProcessorLink', async () =>
        parseInput('claimProcessorLink', claimSchema, { key, create, options }),
      );
      return claimLink(context, parsed.key, parsed.create, parsed.options?.signal);
    },
    getProcessorLink: (key) =>
      runOperation('getProcessorLink', async () => {
        const parsed = parseInput('getProcessorLink', keySchema, key);
        const client = await context.client();
        const [row] = await client.query<LinkRow>(
          `SELECT * FROM ${table}
           WHERE item_id = $1 AND account_id = $2 AND processor = $3 AND customer_id = $4 AND state = 'done'`,
          [parsed.itemId, parsed.accountId, parsed.processor, parsed.customerId],
        );
        return row === undefined ? null : toLink(row);
      }),
    listProcessorLinks: (itemId) =>
      runOperation('listProcessorLinks', async () => {
        parseInput('listProcessorLinks', itemSchema, { itemId });
        const client = await context.client();
        const rows = await client.query<LinkRow>(
          `SELECT * FROM ${table} WHERE item_id = $1 AND state = 'done' ORDER BY completed_at, account_id`,
          [itemId],
        );
        return rows.map(toLink);
      }),
  };
}
