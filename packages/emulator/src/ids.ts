import { randomBytes, randomUUID } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Returns `length` random characters from [A-Za-z0-9], the shape of most provider ids. */
export function randomAlphanumeric(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let index = 0; index < length; index += 1) {
    // 248 is the largest multiple of 62 below 256; the small bias left is irrelevant for test ids.
    out += ALPHANUMERIC[(bytes[index] ?? 0) % ALPHANUMERIC.length];
  }
  return out;
}

/** Returns a random RFC 4122 version 4 UUID. */
export function createUuid(): string {
  return randomUUID();
}

/** Returns a short opaque request id such as `m8MDnv9okwxFNBV` (Plaid's style; other providers reuse it). */
export function createRequestId(): string {
  return randomAlphanumeric(15);
}
