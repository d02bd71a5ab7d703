import type { EmulatorClock, EmulatorRequest, EmulatorResponse } from '../types.js';
import type { MtState } from './mt-state.js';

/** How long a successful answer is kept for its Idempotency-Key ("Idempotent Requests": 24 hours). */
export const MT_IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** Idempotent replays as Modern Treasury documents them ("Idempotent Requests"). */
export interface MtIdempotency {
  /** The stored answer for this POST's key, if any (and not older than 24 emulated hours). */
  replay(request: EmulatorRequest, apiKey: string): EmulatorResponse | undefined;
  /** Stores a successful answer for this POST's key. */
  remember(request: EmulatorRequest, apiKey: string, response: EmulatorResponse): void;
}

function keyOf(request: EmulatorRequest): string | undefined {
  if (request.method !== 'POST') return undefined;
  const header = request.headers['idempotency-key'];
  const value = Array.isArray(header) ? header[0] : header;
  return value === undefined || value === '' ? undefined : value;
}

/**
 * Modern Treasury's documented rules: only successful results are saved, for 24 hours; a request with
 * the same key (and API key) within 24 hours gets "the original response (status code and body)"; keys
 * are independent of the route (and, as documented, of the body: the original answer is echoed); keys
 * are scoped to the API key; GET and other methods ignore the key. The documented 409 for a key whose
 * first request is still being stored cannot arise here: the emulator handles each request to the end
 * before the next one.
 */
export function createMtIdempotency(state: MtState, clock: EmulatorClock): MtIdempotency {
  const scoped = (apiKey: string, key: string): string => `${apiKey}\u0000${key}`;
  return {
    replay(request, apiKey) {
      const key = keyOf(request);
      if (key === undefined) return undefined;
      const stored = state.idempotency.get(scoped(apiKey, key));
      if (stored === undefined) return undefined;
      if (clock.now() - stored.createdAt >= MT_IDEMPOTENCY_TTL_MS) {
        state.idempotency.delete(scoped(apiKey, key));
        return undefined;
      }
      return stored.response;
    },
    remember(request, apiKey, response) {
      const key = keyOf(request);
      if (key === undefined || response.status < 200 || response.status >= 300) return;
      state.idempotency.set(scoped(apiKey, key), { response, createdAt: clock.now() });
    },
  };
}
