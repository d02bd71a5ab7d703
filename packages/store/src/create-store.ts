import type { PaymentOutcomeStore } from '@achbridge/core';
import { parseInput } from '@achbridge/core';
import { registerTypedTwin } from '@achbridge/core/internal';
import { z } from 'zod';
import type { ClaimTiming } from './claim.js';
import { createItemOperations, type ItemOperations } from './items.js';
import { migrate, quoteSchema } from './migrate.js';
import { createPaymentOutcomeOperations } from './payment-outcomes.js';
import { createPaymentOperations, createTypedPaymentClaim, type PaymentOperations } from './payments.js';
import { openPgClient } from './pg-client.js';
import { openPgliteClient } from './pglite-client.js';
import {
  createProcessorLinkOperations,
  createTypedProcessorLinkClaim,
  type ProcessorLinkOperations,
} from './processor-links.js';
import {
  createPublicTokenOperations,
  createTypedPublicTokenClaim,
  type PublicTokenOperations,
} from './public-token-claims.js';
import type { SqlClient } from './sql-client.js';
import { runOperation, type StoreContext, type StoreTable } from './store-context.js';
import {
  createTokenCipher,
  type EncryptionKey,
  resolveEncryptionKeys,
  type TokenCipher,
} from './token-cipher.js';
import { createWebhookInbox, type WebhookInbox } from './webhook-inbox.js';

/** Which database the store uses. */
export type StoreDatabase =
  | { url: string; maxConnections?: number | undefined }
  | { dataDir: string }
  | { memory: true }
  | { client: SqlClient };

/** Settings of `createStore`. */
export interface StoreOptions {
  /**
   * `{ url }`: Postgres through `pg` (many processes and machines); `{ dataDir }`: embedded PGlite persisted
   * to a folder (one process); `{ memory: true }`: embedded and in memory (tests); `{ client }`: a client
   * you opened (not closed by `close()`).
   */
  database: StoreDatabase;
  /** The Postgres schema the tables live in (default `achbridge`). */
  schema?: string | undefined;
  /** AES-256 keys for access tokens, current first; default: the ACHBRIDGE_STORE_KEYS environment variable. */
  encryptionKeys?: EncryptionKey[] | undefined;
  /** Claim lease in ms: a dead process's claim is taken over after it (default 30 000). */
  leaseMs?: number | undefined;
  /** How long a call waits for another process's claim before a retryable ClaimTimeoutError (default 60 000). */
  waitMs?: number | undefined;
  /** First poll interval while waiting for another process (default 25). */
  pollMs?: number | undefined;
}

/** The store: Items, processor links, the payments ledger, public-token claims and the webhook inbox. */
export interface Store
  extends ItemOperations,
    ProcessorLinkOperations,
    PaymentOperations,
    PublicTokenOperations {
  /** The webhook inbox. */
  readonly inbox: WebhookInbox;
  /** Each payment's outcome, by (processor, payment id), written by compare-and-set (core's `PaymentOutcomeStore`). */
  readonly paymentOutcomes: PaymentOutcomeStore;
  /** The Postgres schema in use. */
  readonly schema: string;
  /** Opens the database and runs pending migrations (every operation does this on first use); returns the schema version. */
  ready(): Promise<number>;
  /** The open, migrated database client (for the job engine and your own queries). */
  client(): Promise<SqlClient>;
  /** Closes the database if the store opened it. */
  close(): Promise<void>;
}

const keySchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1 to 64 letters, digits, ".", "_" or "-"'),
  key: z.union([z.string().min(1, 'must be a base64 key'), z.instanceof(Uint8Array)]),
});

const clientSchema = z.custom<SqlClient>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    ['query', 'transaction', 'close'].every(
      (name) => typeof (value as Record<string, unknown>)[name] === 'function',
    ),
  'must have query, transaction and close methods',
);

const optionsSchema = z.strictObject({
  database: z.union(
    [
      z.strictObject({
        url: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL'),
        maxConnections: z.number().int().min(1).max(1000).optional(),
      }),
      z.strictObject({ dataDir: z.string().trim().min(1, 'must be a folder path') }),
      z.strictObject({ memory: z.literal(true) }),
      z.strictObject({ client: clientSchema }),
    ],
    { error: 'must be { url }, { dataDir }, { memory: true } or { client }' },
  ),
  schema: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case Postgres identifier')
    .optional(),
  encryptionKeys: z.array(keySchema).min(1, 'must hold at least one key').optional(),
  leaseMs: z.number().int().min(10).max(3_600_000).optional(),
  waitMs: z.number().int().min(0).max(3_600_000).optional(),
  pollMs: z.number().int().min(1).max(60_000).optional(),
});

async function openClient(database: StoreDatabase): Promise<{ client: SqlClient; owned: boolean }> {
  if ('client' in database) return { client: database.client, owned: false };
  if ('url' in database) {
    return {
      client: await openPgClient({ url: database.url, maxConnections: database.maxConnections }),
      owned: true,
    };
  }
  if ('dataDir' in database)
    return { client: await openPgliteClient({ dataDir: database.dataDir }), owned: true };
  return { client: await openPgliteClient({}), owned: true };
}

/**
 * Creates the store over Postgres or embedded PGlite. Nothing connects until the first operation, which
 * runs pending migrations; the encryption keys are read then too, so construction never throws for them.
 */
export function createStore(options: StoreOptions): Store {
  const parsed = parseInput('createStore', optionsSchema, options);
  // zod copies objects; keep the caller's client and key bytes.
  const database = 'client' in options.database ? options.database : (parsed.database as StoreDatabase);
  const schema = parsed.schema ?? 'achbridge';
  let opening: Promise<{ client: SqlClient; owned: boolean; version: number }> | undefined;
  let cipher: TokenCipher | undefined;

  const open = () => {
    opening ??= (async () => {
      const opened = await openClient(database);
      try {
        const version = await migrate(opened.client, schema);
        return { ...opened, version };
      } catch (error) {
        if (opened.owned) await opened.client.close().catch(() => {});
        throw error;
      }
    })();
    // A failed open (database down) is not cached: the next operation tries again.
    opening.catch(() => {
      opening = undefined;
    });
    return opening;
  };

  const timing: ClaimTiming = {
    leaseMs: parsed.leaseMs ?? 30_000,
    waitMs: parsed.waitMs ?? 60_000,
    pollMs: parsed.pollMs ?? 25,
  };
  const context: StoreContext = {
    client: async () => (await open()).client,
    cipher: () => {
      cipher ??= createTokenCipher(resolveEncryptionKeys(options.encryptionKeys));
      return cipher;
    },
    table: (name: StoreTable) => `${quoteSchema(schema)}.${name}`,
    timing,
  };

  const store: Store = {
    schema,
    ...createItemOperations(context),
    ...createProcessorLinkOperations(context),
    ...createPaymentOperations(context),
    ...createPublicTokenOperations(context),
    inbox: createWebhookInbox(context),
    paymentOutcomes: createPaymentOutcomeOperations(context),
    ready: () => runOperation('ready', async () => (await open()).version),
    client: () => runOperation('client', context.client),
    close: async () => {
      const current = opening;
      opening = undefined;
      if (current === undefined) return;
      const opened = await current.catch(() => undefined);
      if (opened?.owned) await opened.client.close();
    },
  };
  // Adapters hold already validated keys and tokens: their typed twin claims without parsing them again.
  return registerTypedTwin(store, {
    ...createTypedProcessorLinkClaim(context),
    ...createTypedPublicTokenClaim(context),
    ...createTypedPaymentClaim(context),
  });
}
