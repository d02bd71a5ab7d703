import type { IdempotencyPolicy } from '../kernel/idempotency-store.js';

/** How long a successful answer is kept for its Idempotency-Key ("Idempotent Requests": 24 hours). */
export const MT_IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Modern Treasury's documented rules ("Idempotent Requests") for the kernel idempotency store: only successful
 * results are saved, for 24 hours; a request with the same key (and API key, the caller passes it as the scope)
 * within 24 hours gets "the original response (status code and body)"; keys are independent of the route and,
 * as documented, of the body (the original answer is echoed); GET and other methods ignore the key. The
 * documented 409 for a key whose first request is still being stored cannot arise here: the emulator handles
 * each request to the end before the next one.
 */
export const MT_IDEMPOTENCY_POLICY: IdempotencyPolicy = {
  ttlMs: MT_IDEMPOTENCY_TTL_MS,
  onMismatch: 'replay',
  fingerprint: 'none',
};
