import type { IdempotencyPolicy } from '../kernel/idempotency-store.js';

/** Dwolla keeps an idempotency key paired with its request body for 24 hours. */
export const DWOLLA_IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Dwolla's Idempotency-Key rules for the kernel idempotency store. Dwolla documents that POSTs with the same
 * key AND an exact-match body are not repeated: the retry gets `201 Created` with the original response; keys
 * paired with a body expire after 24 hours. It documents nothing else, so the emulator pairs the key with the
 * method, path and exact body bytes:
 * - same key + same path + byte-identical body within 24 h (emulated clock) -> the original response;
 * - same key + a different body (or path) -> not a retry of that request: processed as a new request
 *   (the docs only promise de-duplication for exact-match bodies; this also surfaces client bugs that
 *   reuse keys, because they get a second resource or a duplicate error instead of a silent replay);
 * - only successful (2xx) answers are remembered, so a retry after a failure is processed again;
 * - the "still processing -> 409 Conflict" case cannot happen in the single-threaded emulator (inject
 *   a 409 with the faults API to test it).
 */
export const DWOLLA_IDEMPOTENCY_POLICY: IdempotencyPolicy = {
  ttlMs: DWOLLA_IDEMPOTENCY_TTL_MS,
  onMismatch: 'new-request',
  fingerprint: 'raw-body',
  trimKey: true,
  pruneOnStore: true,
};
