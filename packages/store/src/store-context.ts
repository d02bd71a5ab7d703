import type { ClaimTiming } from './claim.js';
import { toStoreError } from './database-error.js';
import type { SqlClient } from './sql-client.js';
import type { TokenCipher } from './token-cipher.js';

/** The store's tables, schema-qualified. */
export type StoreTable =
  | 'items'
  | 'accounts'
  | 'item_health'
  | 'processor_links'
  | 'payments'
  | 'payment_outcomes'
  | 'public_token_claims'
  | 'webhook_inbox';

/** What every store operation needs: a migrated client, the cipher, table names and claim timing. */
export interface StoreContext {
  /** The open, migrated database. */
  client(): Promise<SqlClient>;
  /** The access-token cipher (keys resolved on first use). */
  cipher(): TokenCipher;
  /** A table's schema-qualified name. */
  table(name: StoreTable): string;
  /** Lease and wait settings of claims. */
  timing: ClaimTiming;
}

/** Runs a store operation, turning driver errors into typed store errors. */
export async function runOperation<T>(operation: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toStoreError(error, operation);
  }
}

/** An ISO 8601 string from a driver timestamp (Date or text), or null. */
export function isoOrNull(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
}

/** An ISO 8601 string from a non-null driver timestamp. */
export function iso(value: unknown): string {
  return isoOrNull(value) ?? new Date(0).toISOString();
}
