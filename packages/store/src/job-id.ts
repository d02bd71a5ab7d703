import { createHash } from 'node:crypto';

/**
 * The pg-boss job id of `key` in `queue`: a UUID (version 8, RFC 9562) made from the SHA-256 of the queue
 * name and the key, so every process that enqueues the same key computes the same id and pg-boss's
 * `INSERT ... ON CONFLICT DO NOTHING` keeps one job.
 */
export function jobIdForKey(queue: string, key: string): string {
  const bytes = createHash('sha256').update(queue).update('\u0000').update(key).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
