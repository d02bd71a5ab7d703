import { createHash } from 'node:crypto';
import type { EmulatorClock, EmulatorRequest, EmulatorResponse } from '../types.js';

/** One remembered answer for an Idempotency-Key. */
export interface IdempotencyEntry {
  /** `METHOD path` of the first request with the key. */
  endpoint: string;
  /** Fingerprint of the first request's body or parameters (empty when the policy ignores bodies). */
  fingerprint: string;
  /** The answer a retry gets back. */
  response: EmulatorResponse;
  /** The first request's id, for a provider's `original-request` style replay header. */
  originalRequestId?: string | undefined;
  /** When the key was first used, emulated ms. */
  createdAt: number;
}

/** A reused key whose first request had another endpoint or body. */
export interface IdempotencyMismatch {
  /** The Idempotency-Key as sent. */
  key: string;
  /** What differs: the endpoint, or (same endpoint) the body or parameters. */
  differs: 'endpoint' | 'body';
  /** The first request's endpoint. */
  storedEndpoint: string;
  /** This request's endpoint. */
  endpoint: string;
}

/** A provider's documented Idempotency-Key rules. */
export interface IdempotencyPolicy {
  /** How long a remembered answer is replayed, ms (Stripe, Dwolla and Modern Treasury: 24 h). */
  ttlMs: number;
  /**
   * A reused key with another endpoint or body: `replay` the first answer anyway (Modern Treasury),
   * treat it as a `new-request` (Dwolla: only exact-match requests are de-duplicated), or throw the provider's
   * own error (Stripe's `idempotency_error`).
   */
  onMismatch: 'replay' | 'new-request' | ((mismatch: IdempotencyMismatch) => never);
  /** How a body is fingerprinted when the caller passes none: `raw-body` (SHA-256 of the bytes) or `none`. */
  fingerprint: 'raw-body' | 'none';
  /** Which answers are remembered (default: 2xx only). */
  keeps?: ((response: EmulatorResponse) => boolean) | undefined;
  /** Headers added to a replayed answer (e.g. Stripe's `idempotent-replayed`). */
  replayHeaders?: ((entry: IdempotencyEntry) => Record<string, string>) | undefined;
  /** Trim whitespace around the header value (Dwolla); default false. */
  trimKey?: boolean | undefined;
  /** Drop every expired entry whenever one is stored (Dwolla); default false (expired entries go when looked up). */
  pruneOnStore?: boolean | undefined;
}

/** One request as the store sees it. */
export interface IdempotentRequest {
  /** The raw request (method, path, headers, body). */
  request: EmulatorRequest;
  /** The key's scope, e.g. the API key (Stripe, Modern Treasury); default one scope for all callers. */
  scope?: string | undefined;
  /** Endpoint label (default `METHOD path`), e.g. Stripe's `POST /v1/customers`. */
  endpoint?: string | undefined;
  /** The provider's own fingerprint (e.g. Stripe's decoded parameters); default from the policy. */
  fingerprint?: string | undefined;
}

/** The one idempotency store every provider module uses, configured by its policy. */
export interface IdempotencyStore {
  /** The Idempotency-Key of a POST, or undefined (other methods and blank keys are ignored). */
  keyOf(request: EmulatorRequest): string | undefined;
  /** The remembered answer (with the policy's replay headers) when this request is a retry, else undefined. */
  replay(input: IdempotentRequest): EmulatorResponse | undefined;
  /** Remembers an answer when the policy keeps it. */
  remember(input: IdempotentRequest, response: EmulatorResponse, originalRequestId?: string): void;
}

const isEntry = (value: unknown): value is IdempotencyEntry =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as IdempotencyEntry).endpoint === 'string' &&
  typeof (value as IdempotencyEntry).createdAt === 'number' &&
  typeof (value as IdempotencyEntry).response === 'object';

const isSuccess = (response: EmulatorResponse): boolean => response.status >= 200 && response.status < 300;

/**
 * Creates an idempotency store over `entries` (a Map kept in the provider's state, so snapshots and the state
 * file see it) with the provider's policy; time comes from the emulated clock.
 */
export function createIdempotencyStore(
  entries: Map<string, unknown>,
  clock: EmulatorClock,
  policy: IdempotencyPolicy,
): IdempotencyStore {
  const keyOf = (request: EmulatorRequest): string | undefined => {
    if (request.method !== 'POST') return undefined;
    const header = request.headers['idempotency-key'];
    const raw = Array.isArray(header) ? header[0] : header;
    const value = policy.trimKey === true ? raw?.trim() : raw;
    return value === undefined || value === '' ? undefined : value;
  };
  const describe = (input: IdempotentRequest, key: string) => {
    const endpoint = input.endpoint ?? `${input.request.method} ${input.request.path}`;
    const fingerprint =
      input.fingerprint ??
      (policy.fingerprint === 'raw-body'
        ? createHash('sha256').update(input.request.rawBody).digest('hex')
        : '');
    const scoped = `${input.scope ?? ''}\u0000${key}`;
    const record =
      policy.onMismatch === 'new-request' ? `${scoped}\u0000${endpoint}\u0000${fingerprint}` : scoped;
    return { endpoint, fingerprint, record };
  };
  const expired = (entry: IdempotencyEntry, now: number) => now - entry.createdAt >= policy.ttlMs;

  return {
    keyOf,
    replay(input) {
      const key = keyOf(input.request);
      if (key === undefined) return undefined;
      const { endpoint, fingerprint, record } = describe(input, key);
      const stored = entries.get(record);
      if (!isEntry(stored) || expired(stored, clock.now())) {
        entries.delete(record);
        return undefined;
      }
      if (typeof policy.onMismatch === 'function') {
        if (stored.endpoint !== endpoint) {
          policy.onMismatch({ key, differs: 'endpoint', storedEndpoint: stored.endpoint, endpoint });
        }
        if (stored.fingerprint !== fingerprint) {
          policy.onMismatch({ key, differs: 'body', storedEndpoint: stored.endpoint, endpoint });
        }
      }
      const headers = policy.replayHeaders?.(stored);
      return headers === undefined
        ? stored.response
        : { ...stored.response, headers: { ...stored.response.headers, ...headers } };
    },
    remember(input, response, originalRequestId) {
      const key = keyOf(input.request);
      if (key === undefined || !(policy.keeps ?? isSuccess)(response)) return;
      const now = clock.now();
      if (policy.pruneOnStore === true) {
        for (const [stored, entry] of entries)
          if (!isEntry(entry) || expired(entry, now)) entries.delete(stored);
      }
      const { endpoint, fingerprint, record } = describe(input, key);
      const entry: IdempotencyEntry = { endpoint, fingerprint, response, originalRequestId, createdAt: now };
      entries.set(record, entry);
    },
  };
}
