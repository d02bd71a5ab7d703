import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random base62 string of the given length. */
export function randomBase62(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

/** A Stripe-looking object id such as `cus_…`, `ba_…`, `pi_…`, `seti_…`, `mandate_…` or `req_…`. */
export function createStripeId(prefix: string): string {
  return `${prefix}_${randomBase62(prefix === 'req' ? 14 : 24)}`;
}
