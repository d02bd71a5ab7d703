import { z } from 'zod';
import { platform } from '#platform';
import { hexToBytes, timingSafeEqualBytes, utf8Bytes, utf8Text } from '../bytes.js';
import { sha256HexOf } from '../hashing.js';
import { lazySchema } from '../lazy-schema.js';
import { parseInput } from '../validate.js';

/** A webhook body exactly as received: the raw text or bytes, never re-serialized JSON. */
export type RawWebhookBody = string | Uint8Array | ArrayBuffer;

/** Whether `value` is a raw webhook body: a string, a Buffer/Uint8Array or an ArrayBuffer. */
export function isRawWebhookBody(value: unknown): value is RawWebhookBody {
  return typeof value === 'string' || value instanceof Uint8Array || value instanceof ArrayBuffer;
}

const rawBodyInputSchema = lazySchema(() =>
  z.object({
    body: z.custom<RawWebhookBody>(isRawWebhookBody, {
      message: 'must be the raw body as a string, Buffer/Uint8Array or ArrayBuffer',
    }),
  }),
);

function toBytes(body: RawWebhookBody): Uint8Array {
  if (typeof body === 'string') return utf8Bytes(body);
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  return body;
}

/** The text of a body already checked with `isRawWebhookBody`, decoded as UTF-8 (no second validation). */
export function textOfRawBody(body: RawWebhookBody): string {
  if (typeof body === 'string') return body;
  return utf8Text(toBytes(body));
}

/** The raw body as bytes (strings are encoded as UTF-8). */
export function rawBodyBytes(body: RawWebhookBody): Uint8Array {
  parseInput('rawBodyBytes', rawBodyInputSchema(), { body });
  return toBytes(body);
}

/** The raw body as text, decoded as UTF-8. */
export function rawBodyText(body: RawWebhookBody): string {
  parseInput('rawBodyText', rawBodyInputSchema(), { body });
  return textOfRawBody(body);
}

/** Lowercase hex SHA-256 of the raw body bytes, as Plaid puts it in `request_body_sha256` (core's one SHA-256). */
export function rawBodySha256Hex(body: RawWebhookBody): string {
  return sha256HexOf(toBytes(body));
}

const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

/** Whether `claimedHex` is a SHA-256 hex digest; compare with `bodyMatchesSha256` only when it is. */
export function isSha256Hex(claimedHex: string): boolean {
  return SHA256_HEX.test(claimedHex);
}

/** Compares the body's SHA-256 with a claimed hex digest in constant time. */
export function bodyMatchesSha256(body: RawWebhookBody, claimedHex: string): boolean {
  if (!isSha256Hex(claimedHex)) return false;
  return timingSafeEqualBytes(platform.sha256(toBytes(body)), hexToBytes(claimedHex));
}
