import { sha256HexOf } from '@achbridge/core/internal';

/** What an idempotency key protects; part of the key so keys of different requests never collide. */
export type IdempotencyPurpose =
  | 'attach'
  | 'attach-retry'
  | 'customer'
  | 'mandate'
  | 'payment'
  | 'payment-method'
  | 'payment-method-attach';

/**
 * Derives a Stripe idempotency key from stable inputs: the same inputs always give the same key, so a
 * retry or a re-run of the same step is deduplicated by Stripe; the inputs are hashed, never sent.
 */
export function deriveIdempotencyKey(purpose: IdempotencyPurpose, parts: readonly string[]): string {
  const digest = sha256HexOf(JSON.stringify([purpose, ...parts]));
  return `achbridge-stripe-${purpose}-${digest.slice(0, 48)}`;
}

/** A fresh random idempotency key, for requests that have no natural identity (a caller-less payment). */
export function randomIdempotencyKey(purpose: IdempotencyPurpose): string {
  return `achbridge-stripe-${purpose}-${crypto.randomUUID()}`;
}
