import { createHash } from 'node:crypto';
import type { PlaidClient } from '@achbridge/core';

/** What a public token exchange gives. */
export interface ExchangedItem {
  accessToken: string;
  itemId: string;
}

/** Settings of the exchange memo. */
export interface ExchangeMemoSettings {
  /** How long a result is kept (default 30 minutes, a public token's lifetime). */
  ttlMs?: number;
  /** Most results kept (default 500); the oldest go first. */
  maxEntries?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/** Exchanges public tokens at most once each, sharing in-flight exchanges and remembering results. */
export interface ExchangeMemo {
  exchange(publicToken: string, signal: AbortSignal | undefined): Promise<ExchangedItem>;
}

/**
 * Creates an in-memory, single-flight memo of public token exchanges, keyed by a hash of the token:
 * a public token is single use, so a re-run of `link` with the same token after a later step failed
 * reuses the first exchange instead of failing with INVALID_PUBLIC_TOKEN. Failed exchanges are not kept.
 */
export function createExchangeMemo(plaid: PlaidClient, settings: ExchangeMemoSettings = {}): ExchangeMemo {
  const ttlMs = settings.ttlMs ?? 30 * 60 * 1000;
  const maxEntries = settings.maxEntries ?? 500;
  const now = settings.now ?? Date.now;
  const entries = new Map<string, { promise: Promise<ExchangedItem>; expiresAt: number }>();

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
