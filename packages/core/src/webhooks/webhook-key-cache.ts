import { AchBridgeError, ResponseValidationError } from '../errors.js';
import type { PlaidClient } from '../plaid/plaid-client-types.js';
import { raceAbort } from '../retry.js';
import { typedTwin } from '../typed-twin.js';
import {
  type PlaidWebhookJwk,
  WEBHOOK_KEY_PATH,
  webhookVerificationKeyResponseSchema,
} from './plaid-webhook-key.js';

/** A WebCrypto key (the global `crypto`, present on Node, Deno, Bun and workerd). */
type WebCryptoKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

/** The part of a PlaidClient the key cache needs. */
export type WebhookKeyClient = Pick<PlaidClient, 'request'>;

/** Settings for `createWebhookKeyCache`. */
export interface WebhookKeyCacheSettings {
  /** Client used to call `/webhook_verification_key/get`. */
  plaid: WebhookKeyClient;
  /** How long a key's `expired_at` is trusted before a use of the key asks Plaid again, in milliseconds. */
  ttlMs: number;
  /** How long a kid Plaid does not know is refused without asking again, in milliseconds (default 60000). */
  unknownKidTtlMs?: number;
  /** Most key fetches for kids not in the cache per rolling minute, across all kids (default 10). */
  maxKeyFetchesPerMinute?: number;
  /** Clock in milliseconds since the epoch. */
  now: () => number;
  /** Most keys kept (oldest dropped first). */
  maxKeys?: number;
  /** Most unknown kids remembered (oldest dropped first; default 1000). */
  maxUnknownKids?: number;
}

/** A key ready to verify signatures. */
export interface UsableWebhookKey {
  ok: true;
  jwk: PlaidWebhookJwk;
  cryptoKey: WebCryptoKey;
  /** True when the key's `expired_at` is older than the TTL: check it with `refresh` before trusting it. */
  due: boolean;
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

/**
 * Caches Plaid's webhook keys by kid. Unknown kids are remembered for a short time, at most one fetch per
 * kid is in flight whatever the callers' signals, and fetches for new kids share a per-minute budget.
 */
export interface WebhookKeyCache {
  /**
   * Returns the cached key for `kid` (with `due` set when its expiry should be re-checked), or fetches it
   * when it is not cached. A `signal` only stops this caller's wait: the shared fetch goes on for the others.
   */
  get(kid: string, signal?: AbortSignal): Promise<WebhookKeyLookup>;
  /**
   * Asks Plaid again for a cached key (its `expired_at` may have changed), sharing one fetch per kid; for
   * use after a signature verified with a `due` key, so only authentic deliveries cause refreshes.
   */
  refresh(kid: string, signal?: AbortSignal): Promise<WebhookKeyLookup>;
  /** Number of cached keys (expired ones included). */
  readonly size: number;
  /** Number of kids currently remembered as unknown. */
  readonly unknownSize: number;
}

interface CachedKey {
  jwk: PlaidWebhookJwk;
  cryptoKey: WebCryptoKey | undefined;
  fetchedAt: number;
  stale: boolean;
  /** Until when a refresh is not tried again after a failed one. */
  refreshBlockedUntil: number;
}

/** Plaid error codes that mean "this key id does not exist" rather than "the call failed". */
const UNKNOWN_KEY_CODES = new Set(['INVALID_WEBHOOK_VERIFICATION_KEY_ID', 'INVALID_FIELD']);

const MINUTE_MS = 60_000;

/** After a failed refresh of a cached key, how long before the next refresh is tried. */
const REFRESH_RETRY_MS = 10_000;

async function importVerifyKey(jwk: PlaidWebhookJwk): Promise<WebCryptoKey | string> {
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || jwk.alg !== 'ES256' || jwk.use !== 'sig') {
    return `Plaid key is not an ES256 P-256 signing key (kty ${jwk.kty}, crv ${jwk.crv}, alg ${jwk.alg}, use ${jwk.use})`;
  }
  try {
    return await crypto.subtle.importKey(
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

/** Creates a kid-keyed cache of Plaid webhook keys with a negative cache, single flight and a fetch budget. */
export function createWebhookKeyCache(settings: WebhookKeyCacheSettings): WebhookKeyCache {
  const maxKeys = settings.maxKeys ?? 32;
  const maxUnknown = settings.maxUnknownKids ?? 1000;
  const unknownTtlMs = settings.unknownKidTtlMs ?? MINUTE_MS;
  const budget = settings.maxKeyFetchesPerMinute ?? 10;
  // The key request's path, body and options are this module's own: no need to parse them again.
  const plaid = typedTwin(settings.plaid);
  const keys = new Map<string, CachedKey>();
  /** Kid → when it stops being refused without asking Plaid. */
  const unknown = new Map<string, number>();
  const inFlight = new Map<string, Promise<WebhookKeyLookup>>();
  /** Start times of budgeted fetches in the last minute, oldest first. */
  const fetchTimes: number[] = [];

  function toLookup(kid: string, entry: CachedKey): WebhookKeyLookup {
    if (entry.jwk.expired_at !== null) {
      return { ok: false, reason: 'expired_key', message: `key ${kid} expired at ${entry.jwk.expired_at}` };
    }
    if (!entry.cryptoKey) return { ok: false, reason: 'unknown_key', message: `key ${kid} is unusable` };
    const due = entry.stale || settings.now() - entry.fetchedAt >= settings.ttlMs;
    return { ok: true, jwk: entry.jwk, cryptoKey: entry.cryptoKey, due };
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

  function rememberUnknown(kid: string, failure: WebhookKeyFailure): WebhookKeyFailure {
    keys.delete(kid);
    unknown.delete(kid);
    unknown.set(kid, settings.now() + unknownTtlMs);
    while (unknown.size > maxUnknown) {
      const oldest = unknown.keys().next().value;
      if (oldest === undefined) break;
      unknown.delete(oldest);
    }
    return failure;
  }

  /** Takes one fetch from the per-minute budget; false when the budget is spent. */
  function takeBudget(): boolean {
    const at = settings.now();
    while (fetchTimes.length > 0 && (fetchTimes[0] ?? at) <= at - MINUTE_MS) fetchTimes.shift();
    if (fetchTimes.length >= budget) return false;
    fetchTimes.push(at);
    return true;
  }

  async function fetchKey(kid: string): Promise<WebhookKeyLookup> {
    let jwk: PlaidWebhookJwk;
    try {
      // No retries: a 429 or 5xx fails this verification at once as retryable (Plaid redelivers), rather
      // than holding the webhook request through backoff or a Retry-After wait.
      const answer = await plaid.request(
        WEBHOOK_KEY_PATH,
        { key_id: kid },
        webhookVerificationKeyResponseSchema,
        { maxRetries: 0 },
      );
      jwk = answer.key;
    } catch (error) {
      const failure = describeFetchFailure(kid, error);
      return failure.reason === 'unknown_key' ? rememberUnknown(kid, failure) : failure;
    }
    if (jwk.kid !== kid) {
      return rememberUnknown(kid, {
        ok: false,
        reason: 'unknown_key',
        message: `Plaid answered key ${jwk.kid} when asked for ${kid}`,
      });
    }
    let cryptoKey: WebCryptoKey | undefined;
    if (jwk.expired_at === null) {
      const imported = await importVerifyKey(jwk);
      if (typeof imported === 'string') {
        return rememberUnknown(kid, { ok: false, reason: 'unknown_key', message: imported });
      }
      cryptoKey = imported;
    }
    unknown.delete(kid);
    const entry: CachedKey = {
      jwk,
      cryptoKey,
      fetchedAt: settings.now(),
      stale: false,
      refreshBlockedUntil: 0,
    };
    remember(kid, entry);
    return toLookup(kid, entry);
  }

  /** One shared fetch per kid; each caller's signal only ends its own wait. */
  function sharedFetch(kid: string, signal: AbortSignal | undefined): Promise<WebhookKeyLookup> {
    let pending = inFlight.get(kid);
    if (!pending) {
      pending = fetchKey(kid).finally(() => inFlight.delete(kid));
      inFlight.set(kid, pending);
    }
    return raceAbort(pending, signal, 'plaid', WEBHOOK_KEY_PATH);
  }

  return {
    get size() {
      return keys.size;
    },
    get unknownSize() {
      return unknown.size;
    },
    get(kid, signal) {
      const cached = keys.get(kid);
      if (cached) return Promise.resolve(toLookup(kid, cached));
      const refusedUntil = unknown.get(kid);
      if (refusedUntil !== undefined) {
        if (refusedUntil > settings.now()) {
          return Promise.resolve({
            ok: false,
            reason: 'unknown_key',
            message: `Plaid did not know key id ${kid} when last asked; not asking again yet`,
          });
        }
        unknown.delete(kid);
      }
      if (!inFlight.has(kid) && !takeBudget()) {
        return Promise.resolve({
          ok: false,
          reason: 'key_fetch_failed',
          message: `refusing key id ${kid} without asking Plaid: the budget of ${budget} key fetches per minute is spent`,
          isRetryable: true,
        });
      }
      return sharedFetch(kid, signal);
    },
    async refresh(kid, signal) {
      const entry = keys.get(kid);
      if (entry && entry.refreshBlockedUntil > settings.now()) {
        return {
          ok: false,
          reason: 'key_fetch_failed',
          message: `the last check of key ${kid} with Plaid failed; not asking again yet`,
          isRetryable: true,
        };
      }
      const result = await sharedFetch(kid, signal);
      const current = keys.get(kid);
      if (!result.ok && result.reason === 'key_fetch_failed' && current) {
        current.refreshBlockedUntil = settings.now() + REFRESH_RETRY_MS;
      }
      return result;
    },
  };
}
