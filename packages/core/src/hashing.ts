import { z } from 'zod';
import { platform } from '#platform';
import { bytesToHex, timingSafeEqualBytes, utf8Bytes } from './bytes.js';
import { lazySchema } from './lazy-schema.js';
import { parseInput } from './validate.js';

const dataSchema = lazySchema(() =>
  z.union([z.string(), z.instanceof(Uint8Array)], 'must be a string or a Uint8Array'),
);
const sha256InputSchema = lazySchema(() => z.object({ data: dataSchema() }));
const hmacInputSchema = lazySchema(() => z.object({ key: dataSchema(), data: dataSchema() }));
const equalInputSchema = lazySchema(() =>
  z.object({
    left: z.string('must be a string'),
    right: z.string('must be a string'),
  }),
);

/**
 * Lowercase hex SHA-256 of text (as UTF-8) or bytes already known to be one of those: the one implementation
 * behind `sha256Hex`, for internal callers that hold typed values (no second validation).
 */
export function sha256HexOf(data: string | Uint8Array): string {
  return bytesToHex(platform.sha256(data));
}

/** Lowercase hex SHA-256 of text (as UTF-8) or bytes, the same on every runtime (node:crypto on Node). */
export function sha256Hex(data: string | Uint8Array): string {
  parseInput('sha256Hex', sha256InputSchema(), { data });
  return sha256HexOf(data);
}

/** `hmacSha256Hex` for internal callers that hold typed values (no second validation). */
export function hmacSha256HexOf(key: string | Uint8Array, data: string | Uint8Array): string {
  return bytesToHex(platform.hmacSha256(key, data));
}

/** Lowercase hex HMAC-SHA256 of text (as UTF-8) or bytes under `key`, the same on every runtime. */
export function hmacSha256Hex(key: string | Uint8Array, data: string | Uint8Array): string {
  parseInput('hmacSha256Hex', hmacInputSchema(), { key, data });
  return hmacSha256HexOf(key, data);
}

/** `timingSafeEqualText` for internal callers that hold typed strings (no second validation). */
export function timingSafeEqualTextOf(left: string, right: string): boolean {
  return timingSafeEqualBytes(utf8Bytes(left), utf8Bytes(right));
}

/** Compares two strings (e.g. hex digests) in time that depends only on their lengths. */
export function timingSafeEqualText(left: string, right: string): boolean {
  parseInput('timingSafeEqualText', equalInputSchema(), { left, right });
  return timingSafeEqualTextOf(left, right);
}
