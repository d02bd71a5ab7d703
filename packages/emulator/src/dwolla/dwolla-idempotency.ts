import { createHash } from 'node:crypto';
import type { EmulatorClock, EmulatorRequest, EmulatorResponse } from '../types.js';
import type { DwollaState } from './dwolla-state.js';

/** Dwolla keeps an idempotency key paired with its request body for 24 hours. */
export const DWOLLA_IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Idempotency-Key handling for POSTs.
 *
 * Dwolla documents that POSTs with the same key AND an exact-match body are not repeated: the retry gets
 * `201 Created` with the original response; keys paired with a body expire after 24 hours. It documents
 * nothing else, so the emulator pairs the key with the method, path and exact body bytes:
 * - same key + same path + byte-identical body within 24 h (emulated clock) -> the original response;
 * - same key + a different body (or path) -> not a retry of that request: processed as a new request
 *   (the docs only promise de-duplication for exact-match bodies; this also surfaces client bugs that
 *   reuse keys, because they get a second resource or a duplicate error instead of a silent replay);
 * - only successful (2xx) answers are remembered, so a retry after a failure is processed again;
 * - the "still processing -> 409 Conflict" case cannot happen in the single-threaded emulator (inject
 *   a 409 with the faults API to test it).
 */
export interface DwollaIdempotency {
  /** The remembered answer for this request, if it is a retry. */
  replay(request: EmulatorRequest): EmulatorResponse | undefined;
  /** Remembers a successful answer. */
  remember(request: EmulatorRequest, response: EmulatorResponse): void;
}

function idempotencyKey(request: EmulatorRequest): string | undefined {
  const header = request.headers['idempotency-key'];
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && value.trim() !== '' ? value.trim() : undefined;
}

function recordKey(key: string, request: EmulatorRequest): string {
  const bodyHash = createHash('sha256').update(request.rawBody).digest('hex');
  return `${key}\n${request.method} ${request.path}\n${bodyHash}`;
}

/** Creates the idempotency layer over the shared state and emulated clock. */
export function createDwollaIdempotency(state: DwollaState, clock: EmulatorClock): DwollaIdempotency {
  return {
    replay(request) {
      const key = idempotencyKey(request);
      if (request.method !== 'POST' || key === undefined) return undefined;
      const record = recordKey(key, request);
      const stored = state.idempotency.get(record);
      if (!stored) return undefined;
      if (clock.now() >= stored.expiresAt) {
        state.idempotency.delete(record);
        return undefined;
      }
      return stored.response;
    },
    remember(request, response) {
      const key = idempotencyKey(request);
      if (request.method !== 'POST' || key === undefined || response.status < 200 || response.status > 299)
        return;
      const now = clock.now();
      for (const [storedKey, record] of state.idempotency) {
        if (now >= record.expiresAt) state.idempotency.delete(storedKey);
      }
      state.idempotency.set(recordKey(key, request), {
        response,
        expiresAt: now + DWOLLA_IDEMPOTENCY_TTL_MS,
      });
    },
  };
}
