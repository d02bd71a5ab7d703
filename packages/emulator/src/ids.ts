import { randomBytes, randomUUID } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

const POOL_SIZE = 8192;
let pool: Buffer = Buffer.alloc(0);
let poolOffset = 0;

/** Random bytes from a pooled buffer, refilled from the CSPRNG: one syscall per ~8 KiB instead of per id. */
function pooledRandomBytes(length: number): Buffer {
  if (poolOffset + length > pool.length) {
    pool = randomBytes(Math.max(POOL_SIZE, length));
    poolOffset = 0;
  }
  const slice = pool.subarray(poolOffset, poolOffset + length);
  poolOffset += length;
  return slice;
}

/** Returns `length` random characters from [A-Za-z0-9], the shape of most provider ids. */
export function randomAlphanumeric(length: number): string {
  const bytes = pooledRandomBytes(length);
  let out = '';
  for (let index = 0; index < length; index += 1) {
    // The modulo bias (256 is not a multiple of 62) is irrelevant for emulator ids.
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
