import { sha256Hex } from '@achbridge/core';
import { parseInput } from '@achbridge/core/internal';
import { z } from 'zod';

const inputSchema = z.object({
  namespace: z.string().min(1, 'must be a non-empty string'),
  parts: z.array(z.string(), { error: 'must be an array of strings' }),
});

/**
 * Derives a stable, UUID-shaped Idempotency-Key from the parts that identify an operation (e.g. Plaid
 * item, account and Dwolla customer), so a re-run after a crash sends the same key. The parts are
 * hashed (SHA-256), so nothing secret or identifying appears in the key.
 */
export function deriveIdempotencyKey(namespace: string, parts: readonly string[]): string {
  parseInput('deriveIdempotencyKey', inputSchema, { namespace, parts });
  let text = `achbridge:${namespace}`;
  for (const part of parts) text += `\u0000${part.length}:${part}`;
  const hex = sha256Hex(text);
  // RFC 4122 layout, version 5 (name-based, SHA) and variant bits, so Dwolla sees a well-formed UUID.
  const variant = ((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
