import type { FormHash, FormValue } from './form-decode.js';
import { StripeApiError } from './stripe-errors.js';
import type { IdempotencyRecord, StripeState } from './stripe-state.js';

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

/** The idempotency scope: keys are per API key, like Stripe's per-account scoping. */
function scopeKey(apiKey: string, idempotencyKey: string): string {
  return `${apiKey}\u0000${idempotencyKey}`;
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

/**
 * Looks up a stored result for the key: returns it when endpoint and parameters match, throws Stripe's
 * `idempotency_error` when the key was used for another endpoint or other parameters, undefined when new
 * or pruned (24 emulated hours after its first use, when the request runs again as a new one).
 */
export function findIdempotentResult(
  state: StripeState,
  apiKey: string,
  idempotencyKey: string,
  endpoint: string,
  fingerprint: string,
  now: number,
): IdempotencyRecord | undefined {
  const scoped = scopeKey(apiKey, idempotencyKey);
  const stored = state.idempotency.get(scoped);
  if (stored === undefined) return undefined;
  if (now - stored.createdAt >= IDEMPOTENCY_KEY_TTL_MS) {
    state.idempotency.delete(scoped);
    return undefined;
  }
  if (stored.endpoint !== endpoint) {
    throw new StripeApiError(400, {
      type: 'idempotency_error',
      message: `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${stored.endpoint}' vs '${endpoint}'). Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
    });
  }
  if (stored.paramsFingerprint !== fingerprint) {
    throw new StripeApiError(400, {
      type: 'idempotency_error',
      message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
    });
  }
  return stored;
}

/** Stores a result for later replay. */
export function storeIdempotentResult(
  state: StripeState,
  apiKey: string,
  idempotencyKey: string,
  record: IdempotencyRecord,
): void {
  state.idempotency.set(scopeKey(apiKey, idempotencyKey), record);
}
