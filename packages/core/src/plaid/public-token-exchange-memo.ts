import { z } from 'zod';
import { platform } from '#platform';
import { bytesToHex } from '../bytes.js';
import { NetworkError } from '../errors.js';
import { lazySchema } from '../lazy-schema.js';
import { raceAbort } from '../retry.js';
import { registerTypedTwin, typedTwin } from '../typed-twin.js';
import { parseInput } from '../validate.js';
import type { PlaidClient } from './plaid-client-types.js';

/** What a public token exchange gives. */
export interface ExchangedPublicToken {
  accessToken: string;
  itemId: string;
}

/** Settings of `createPublicTokenExchangeMemo`. */
export interface PublicTokenExchangeMemoSettings {
  /** How long a result is kept (default 30 minutes, a public token's lifetime). */
  ttlMs?: number;
  /** Most results kept (default 500); the oldest go first. */
  maxEntries?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/** Exchanges public tokens at most once each, sharing in-flight exchanges and remembering results. */
export interface PublicTokenExchangeMemo {
  /** The access token for `publicToken`: exchanged now, or the result of an earlier or in-flight exchange. */
  exchange(publicToken: string, signal: AbortSignal | undefined): Promise<ExchangedPublicToken>;
}

/** The Plaid client an exchange memo takes: anything with `exchangePublicToken`, such as `createPlaidClient`'s. */
export const exchangingPlaidClientSchema = lazySchema(() =>
  z.custom<Pick<PlaidClient, 'exchangePublicToken'>>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      typeof (value as { exchangePublicToken?: unknown }).exchangePublicToken === 'function',
    { message: 'must be a Plaid client from createPlaidClient' },
  ),
);

const memoInputSchema = lazySchema(() =>
  z.object({
    plaid: exchangingPlaidClientSchema(),
    settings: z
      .strictObject({
        ttlMs: z.number().nonnegative('must be a non-negative number of ms').optional(),
        maxEntries: z.number().int().nonnegative('must be a non-negative whole number').optional(),
        now: z.custom<() => number>((value) => typeof value === 'function', 'must be a function').optional(),
      })
      .optional(),
  }),
);

const exchangeInputSchema = lazySchema(() =>
  z.object({
    // The client's exchangePublicToken checks the token's shape; this only keeps the hashing safe.
    publicToken: z.string({ error: 'must be a public token string' }),
    signal: z.instanceof(AbortSignal, { message: 'must be an AbortSignal' }).optional(),
  }),
);

/**
 * Creates an in-memory, single-flight memo of public token exchanges, keyed by a hash of the token. A
 * public token is single use, so without it a `link` re-run (or a concurrent `link`) with the same public
 * token after the exchange succeeded would fail with INVALID_PUBLIC_TOKEN and lose the Item's access
 * token. Failed exchanges are not kept. Every adapter's `link` shares this one implementation.
 */
export function createPublicTokenExchangeMemo(
  plaid: Pick<PlaidClient, 'exchangePublicToken'>,
  settings: PublicTokenExchangeMemoSettings = {},
): PublicTokenExchangeMemo {
  parseInput('createPublicTokenExchangeMemo', memoInputSchema(), { plaid, settings });
  const ttlMs = settings.ttlMs ?? 30 * 60 * 1000;
  const maxEntries = settings.maxEntries ?? 500;
  const now = settings.now ?? Date.now;
  const exchangeOnce = typedTwin(plaid);
  const entries = new Map<
    string,
    { promise: Promise<ExchangedPublicToken>; expiresAt: number; signal: AbortSignal | undefined }
  >();

  // The map holds entries in the order they expire (every entry lives ttlMs, and a restarted key is
  // re-inserted at the end), so pruning stops at the first live entry instead of scanning them all. Should
  // the clock step back, an entry may outlive its time here until the ones before it go, but never past
  // maxEntries, and `exchange` checks expiry on every read.
  const prune = (): void => {
    const at = now();
    for (const [key, entry] of entries) {
      if (entry.expiresAt > at && entries.size < maxEntries) break;
      entries.delete(key);
    }
  };

  const start = (key: string, publicToken: string, signal: AbortSignal | undefined) => {
    prune();
    const promise = exchangeOnce
      .exchangePublicToken({ publicToken }, signal ? { signal } : {})
      .then(({ accessToken, itemId }) => ({ accessToken, itemId }));
    const entry = { promise, expiresAt: now() + ttlMs, signal };
    entries.delete(key);
    entries.set(key, entry);
    promise.catch(() => {
      if (entries.get(key) === entry) entries.delete(key);
    });
    return entry;
  };

  const exchange = async (
    publicToken: string,
    signal: AbortSignal | undefined,
  ): Promise<ExchangedPublicToken> => {
    const key = bytesToHex(platform.sha256(publicToken));
    for (;;) {
      const existing = entries.get(key);
      const entry = existing && existing.expiresAt > now() ? existing : start(key, publicToken, signal);
      try {
        return await raceAbort(entry.promise, signal, 'plaid', '/item/public_token/exchange');
      } catch (error) {
        // Another caller's abort ended the shared exchange: this caller was not aborted, so try again
        // (the failed entry is already forgotten). Any other failure is everyone's.
        const abortedByOther =
          entry.signal !== signal &&
          signal?.aborted !== true &&
          NetworkError.isInstance(error) &&
          error.reason === 'aborted';
        if (!abortedByOther) throw error;
      }
    }
  };
  const memo: PublicTokenExchangeMemo = {
    async exchange(publicToken, signal) {
      parseInput('PublicTokenExchangeMemo.exchange', exchangeInputSchema(), { publicToken, signal });
      return exchange(publicToken, signal);
    },
  };
  return registerTypedTwin(memo, { exchange });
}
