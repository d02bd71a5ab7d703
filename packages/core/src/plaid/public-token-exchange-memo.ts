import { createHash } from 'node:crypto';
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
  const ttlMs = settings.ttlMs ?? 30 * 60 * 1000;
  const maxEntries = settings.maxEntries ?? 500;
  const now = settings.now ?? Date.now;
  const entries = new Map<string, { promise: Promise<ExchangedPublicToken>; expiresAt: number }>();

  const prune = (): void => {
    const at = now();
    for (const [key, entry] of entries) {
      if (entry.expiresAt <= at) entries.delete(key);
    }
    while (entries.size >= maxEntries) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest);
    }
  };

  return {
    exchange(publicToken, signal) {
      const key = createHash('sha256').update(publicToken).digest('hex');
      const existing = entries.get(key);
      if (existing && existing.expiresAt > now()) return existing.promise;
      prune();
      const promise = plaid
        .exchangePublicToken({ publicToken }, signal ? { signal } : {})
        .then(({ accessToken, itemId }) => ({ accessToken, itemId }));
      entries.set(key, { promise, expiresAt: now() + ttlMs });
      promise.catch(() => {
        if (entries.get(key)?.promise === promise) entries.delete(key);
      });
      return promise;
    },
  };
}
