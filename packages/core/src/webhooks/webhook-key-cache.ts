import { webcrypto } from 'node:crypto';
import { AchBridgeError, ResponseValidationError } from '../errors.js';
import type { PlaidClient } from '../plaid/plaid-client-types.js';
import {
  type PlaidWebhookJwk,
  WEBHOOK_KEY_PATH,
  webhookVerificationKeyResponseSchema,
} from './plaid-webhook-key.js';

/** The part of a PlaidClient the key cache needs. */
export type WebhookKeyClient = Pick<PlaidClient, 'request'>;

/** Settings for `createWebhookKeyCache`. */
export interface WebhookKeyCacheSettings {
  /** Client used to call `/webhook_verification_key/get`. */
  plaid: WebhookKeyClient;
  /** How long a non-expired key is trusted before it is fetched again, in milliseconds. */
  ttlMs: number;
  /** Clock in milliseconds since the epoch. */
  now: () => number;
  /** Most keys kept (oldest dropped first). */
  maxKeys?: number;
}

/** A key ready to verify signatures. */
export interface UsableWebhookKey {
  ok: true;
  jwk: PlaidWebhookJwk;
  cryptoKey: webcrypto.CryptoKey;
}

/** Why no usable key exists for a kid. */
export interface WebhookKeyFailure {
  ok: false;
  reason: 'unknown_key' | 'expired_key' | 'key_fetch_failed';
  message: string;
  cause?: unknown;
  isRetryable?: boolean;
}

/** Result of looking up a kid. */
export type WebhookKeyLookup = UsableWebhookKey | WebhookKeyFailure;

/** Caches Plaid's webhook keys by kid, fetching each unknown kid once even under concurrent lookups. */
export interface WebhookKeyCache {
  /**
   * Returns the key for `kid`, fetching it when it is unknown, stale or due for a refresh. With a
   * `signal` the fetch is the caller's own (abortable, not shared); an abort rejects with the abort error.
   */
  get(kid: string, signal?: AbortSignal): Promise<WebhookKeyLookup>;
  /** Number of cached keys (expired ones included). */
  readonly size: number;
}

interface CachedKey {
  jwk: PlaidWebhookJwk;
  cryptoKey: webcrypto.CryptoKey | undefined;
  fetchedAt: number;
  stale: boolean;
}

/** Plaid error codes that mean "this key id does not exist" rather than "the call failed". */
const UNKNOWN_KEY_CODES = new Set(['INVALID_WEBHOOK_VERIFICATION_KEY_ID', 'INVALID_FIELD']);

async function importVerifyKey(jwk: PlaidWebhookJwk): Promise<webcrypto.CryptoKey | string> {
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || jwk.alg !== 'ES256' || jwk.use !== 'sig') {
    return `Plaid key is not an ES256 P-256 signing key (kty ${jwk.kty}, crv ${jwk.crv}, alg ${jwk.alg}, use ${jwk.use})`;
  }
  try {
    return await webcrypto.subtle.importKey(
      'jwk',
      { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, ext: true },
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    );
  } catch {
    return 'Plaid key could not be imported as a P-256 public key';
  }
}

function describeFetchFailure(kid: string, error: unknown): WebhookKeyFailure {
  const code = AchBridgeError.isInstance(error) ? error.code : undefined;
  if (code !== undefined && UNKNOWN_KEY_CODES.has(code) && !ResponseValidationError.isInstance(error)) {
    return {
      ok: false,
      reason: 'unknown_key',
      message: `Plaid does not know key id ${kid} (${code})`,
      cause: error,
    };
  }
  const retryable = (error as { isRetryable?: unknown } | null)?.isRetryable;
  const detail = error instanceof Error ? error.message : String(error);
  return {
    ok: false,
    reason: 'key_fetch_failed',
    message: `could not fetch key ${kid} from ${WEBHOOK_KEY_PATH}: ${detail}`,
    cause: error,
    isRetryable: typeof retryable === 'boolean' ? retryable : true,
  };
}

/** Creates a kid-keyed cache of Plaid webhook keys with single-flight fetching. */
export function createWebhookKeyCache(settings: WebhookKeyCacheSettings): WebhookKeyCache {
  const maxKeys = settings.maxKeys ?? 32;
  const keys = new Map<string, CachedKey>();
  const inFlight = new Map<string, Promise<WebhookKeyLookup>>();

  function toLookup(kid: string, entry: CachedKey): WebhookKeyLookup {
    if (entry.jwk.expired_at !== null) {
      return { ok: false, reason: 'expired_key', message: `key ${kid} expired at ${entry.jwk.expired_at}` };
    }
    if (!entry.cryptoKey) return { ok: false, reason: 'unknown_key', message: `key ${kid} is unusable` };
    return { ok: true, jwk: entry.jwk, cryptoKey: entry.cryptoKey };
  }

  function remember(kid: string, entry: CachedKey): void {
    const isNew = !keys.has(kid);
    keys.delete(kid);
    keys.set(kid, entry);
    if (isNew) {
      // A kid we have not seen means Plaid rotated: re-check every other live key on its next use so a key
      // Plaid has since expired is refused (the refresh Plaid's own example does on an unknown kid).
      for (const [otherKid, other] of keys) {
        if (otherKid !== kid && other.jwk.expired_at === null) other.stale = true;
      }
    }
    while (keys.size > maxKeys) {
      const oldest = keys.keys().next().value;
      if (oldest === undefined) break;
      keys.delete(oldest);
    }
  }

  async function fetchKey(kid: string, signal?: AbortSignal): Promise<WebhookKeyLookup> {
    let jwk: PlaidWebhookJwk;
    try {
      const answer = await settings.plaid.request(
        WEBHOOK_KEY_PATH,
        { key_id: kid },
        webhookVerificationKeyResponseSchema,
        signal ? { signal } : undefined,
      );
      jwk = answer.key;
    } catch (error) {
      // The caller gave up: that is not a verdict on the key, so it is not turned into one.
      if (signal?.aborted) throw error;
      return describeFetchFailure(kid, error);
    }
    if (jwk.kid !== kid) {
      return {
        ok: false,
        reason: 'unknown_key',
        message: `Plaid answered key ${jwk.kid} when asked for ${kid}`,
      };
    }
    let cryptoKey: webcrypto.CryptoKey | undefined;
    if (jwk.expired_at === null) {
      const imported = await importVerifyKey(jwk);
      if (typeof imported === 'string') return { ok: false, reason: 'unknown_key', message: imported };
      cryptoKey = imported;
    }
    const entry: CachedKey = { jwk, cryptoKey, fetchedAt: settings.now(), stale: false };
    remember(kid, entry);
    return toLookup(kid, entry);
  }

  function isFresh(entry: CachedKey): boolean {
    if (entry.jwk.expired_at !== null) return true; // expiry is final; no need to ask again
    return !entry.stale && settings.now() - entry.fetchedAt < settings.ttlMs;
  }

  return {
    get size() {
      return keys.size;
    },
    get(kid, signal) {
      const cached = keys.get(kid);
      if (cached && isFresh(cached)) return Promise.resolve(toLookup(kid, cached));
      if (signal) return fetchKey(kid, signal);
      const pending = inFlight.get(kid);
      if (pending) return pending;
      const started = fetchKey(kid).finally(() => inFlight.delete(kid));
      inFlight.set(kid, started);
      return started;
    },
  };
}
