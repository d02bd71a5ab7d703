import type { IdempotencyMismatch, IdempotencyPolicy } from '../kernel/idempotency-store.js';
import type { FormHash, FormValue } from './form-decode.js';
import { StripeApiError } from './stripe-errors.js';

/**
 * How long a key is kept: Stripe "Idempotent requests" (docs.stripe.com/idempotency): "You can remove
 * keys from the system automatically after they're at least 24 hours old. We generate a new request if a key is
 * reused after the original is pruned."
 */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

/** Longest idempotency key Stripe accepts. */
const MAX_KEY_LENGTH = 255;

function canonical(value: FormValue): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key] as FormValue)}`).join(',')}}`;
}

/** A stable fingerprint of decoded parameters (order-insensitive for hash keys). */
export function paramsFingerprint(params: FormHash): string {
  return canonical(params);
}

/** Validates an `Idempotency-Key` header value. */
export function checkIdempotencyKey(key: string): void {
  if (key.length > MAX_KEY_LENGTH) {
    throw new StripeApiError(400, {
      type: 'invalid_request_error',
      message: `Keys for idempotent requests can only be up to ${MAX_KEY_LENGTH} characters long.`,
    });
  }
}

function mismatchError(mismatch: IdempotencyMismatch): never {
  throw new StripeApiError(400, {
    type: 'idempotency_error',
    message:
      mismatch.differs === 'endpoint'
        ? `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${mismatch.storedEndpoint}' vs '${mismatch.endpoint}'). Try using a key other than '${mismatch.key}' if you meant to execute a different request.`
        : `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${mismatch.key}' if you meant to execute a different request.`,
  });
}

/**
 * Stripe's Idempotency-Key rules for the kernel idempotency store: keys are scoped per API key (the caller
 * passes it as the scope), kept 24 emulated hours after their first use, and a reused key with another endpoint
 * or other parameters gets Stripe's `idempotency_error`; the dispatcher decides which answers are kept (results
 * once an endpoint starts executing, not parameter validation failures) and replays carry `idempotent-replayed`
 * and `original-request`.
 */
export const STRIPE_IDEMPOTENCY_POLICY: IdempotencyPolicy = {
  ttlMs: IDEMPOTENCY_KEY_TTL_MS,
  onMismatch: mismatchError,
  fingerprint: 'none',
  keeps: () => true,
  replayHeaders: (entry) => ({
    'idempotent-replayed': 'true',
    'original-request': entry.originalRequestId ?? '',
  }),
};
