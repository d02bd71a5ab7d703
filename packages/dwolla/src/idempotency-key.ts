import { deriveStableKey, lazySchema, parseInput } from '@achbridge/core/internal';
import { z } from 'zod';

const inputSchema = lazySchema(() =>
  z.object({
    namespace: z.string().min(1, 'must be a non-empty string'),
    parts: z.array(z.string(), { error: 'must be an array of strings' }),
  }),
);

/**
 * Derives a stable, UUID-shaped Idempotency-Key from the parts that identify an operation (e.g. Plaid
 * item, account and Dwolla customer), so a re-run after a crash sends the same key. The parts are
 * hashed (SHA-256), so nothing secret or identifying appears in the key.
 */
export function deriveIdempotencyKey(namespace: string, parts: readonly string[]): string {
  parseInput('deriveIdempotencyKey', inputSchema(), { namespace, parts });
  return idempotencyKeyOf(namespace, parts);
}

/** `deriveIdempotencyKey` for this package's own calls, whose namespace and parts are typed already. */
export function idempotencyKeyOf(namespace: string, parts: readonly string[]): string {
  return deriveStableKey(namespace, parts, 'uuid');
}
