import { AchBridgeError } from '@achbridge/core';
import { StoreError, StoreUnavailableError } from './store-errors.js';

const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

// SQLSTATEs after which the same statement may succeed later: connection exceptions (class 08),
// shutdowns, too many connections, serialization failures and deadlocks.
const RETRYABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '40001', '40P01']);

const CONNECTION_MESSAGES = [
  /connection terminated/i,
  /not queryable/i,
  /timeout exceeded when trying to connect/i,
  /pglite is closed/i,
  /cannot use a pool after calling end/i,
  /client was closed/i,
];

function fieldOf(error: unknown, name: string): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const value = (error as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** Whether a driver error means the database is unreachable or the statement may succeed if retried. */
export function isTransientDatabaseError(error: unknown): boolean {
  const code = fieldOf(error, 'code');
  if (code !== undefined && (CONNECTION_ERROR_CODES.has(code) || RETRYABLE_SQLSTATES.has(code))) return true;
  if (code?.startsWith('08')) return true;
  const message = fieldOf(error, 'message') ?? '';
  return CONNECTION_MESSAGES.some((pattern) => pattern.test(message));
}

/** Turns a driver error into a typed store error (retryable when the database is down or the link dropped). */
export function toStoreError(error: unknown, operation: string): AchBridgeError {
  // Our own typed errors (bad input, missing keys, decryption, claims) pass through unchanged.
  if (AchBridgeError.isInstance(error)) return error;
  const code = fieldOf(error, 'code');
  if (isTransientDatabaseError(error)) {
    return new StoreUnavailableError(
      `${operation}: the database is unavailable${code ? ` (${code})` : ''}; nothing was written, retry later`,
      { cause: error },
    );
  }
  // Driver messages name constraints and columns, never parameter values; the cause keeps the rest.
  const detail = fieldOf(error, 'message') ?? 'unknown database error';
  return new StoreError('STORE_QUERY_FAILED', `${operation}: ${detail}${code ? ` (${code})` : ''}`, {
    cause: error,
  });
}
