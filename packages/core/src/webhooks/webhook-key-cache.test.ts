import { describe, expect, it } from 'vitest';
import type { FetchFunction } from '../http.js';
import { createPlaidClient } from '../plaid/create-plaid-client.js';
import { createTestWebhookSigner } from '../testing/webhook-signer.js';
import { createWebhookKeyCache } from './webhook-key-cache.js';

function setup(maxKeys?: number, extra: { maxKeyFetchesPerMinute?: number } = {}) {
  const clock = { ms: Date.UTC(2026, 0, 1) };
  const signer = createTestWebhookSigner({ now: () => clock.ms });
  const asked: string[] = [];
  const fetch: FetchFunction = async (input, init) => {
    asked.push(String((JSON.parse(String(init?.body)) as { key_id: string }).key_id));
    return signer.fetch(input, init);
  };
  const plaid = createPlaidClient({ clientId: 'c', secret: 'secret-key-cache', fetch, maxRetries: 0 });
  const cache = createWebhookKeyCache({
    plaid,
    ttlMs: 60_000,
    now: () => clock.ms,
    ...(maxKeys ? { maxKeys } : {}),
    ...extra,
  });
  return { clock, signer, asked, cache };
}

describe('createWebhookKeyCache', () => {
  it('imports a served key as a WebCrypto verify key and caches it', async () => {
    const { signer, asked, cache } = setup();
    const first = await cache.get(signer.kid);
    expect(first.ok).toBe(true);
    if (first.ok) {
      expect(first.cryptoKey.type).toBe('public');
      expect(first.cryptoKey.usages).toEqual(['verify']);
      expect(first.jwk).toEqual(signer.jwk);
    }
    await cache.get(signer.kid);
    expect(asked).toEqual([signer.kid]);
    expect(cache.size).toBe(1);
  });

  it('caches expired keys without asking again (expiry is final)', async () => {
    const { signer, asked, cache, clock } = setup();
    signer.expireKey();
    expect(await cache.get(signer.kid)).toMatchObject({ ok: false, reason: 'expired_key' });
    clock.ms += 3_600_000;
    expect(await cache.get(signer.kid)).toMatchObject({ ok: false, reason: 'expired_key' });
    expect(asked).toEqual([signer.kid]);
  });

  it('marks a key due after the TTL without fetching; refresh asks Plaid and sees its expiry', async () => {
    const { signer, asked, cache, clock } = setup();
    expect(await cache.get(signer.kid)).toMatchObject({ ok: true, due: false });
    clock.ms += 60_001;
    expect(await cache.get(signer.kid)).toMatchObject({ ok: true, due: true });
    expect(asked).toEqual([signer.kid]);
    signer.expireKey();
    expect(await cache.refresh(signer.kid)).toMatchObject({ ok: false, reason: 'expired_key' });
    expect(await cache.get(signer.kid)).toMatchObject({ ok: false, reason: 'expired_key' });
    expect(asked).toEqual([signer.kid, signer.kid]);
  });

  it('after a failed refresh, waits before asking Plaid again', async () => {
    const clock = { ms: Date.UTC(2026, 0, 1) };
    const signer = createTestWebhookSigner({ now: () => clock.ms });
    let down = false;
    let calls = 0;
    const fetch: FetchFunction = async (input, init) => {
      calls += 1;
      if (down) return new Response('{}', { status: 503 });
      return signer.fetch(input, init);
    };
    const plaid = createPlaidClient({ clientId: 'c', secret: 'secret-key-cache', fetch, maxRetries: 0 });
    const cache = createWebhookKeyCache({ plaid, ttlMs: 60_000, now: () => clock.ms });
    await cache.get(signer.kid);
    down = true;
    clock.ms += 60_001;
    expect(await cache.refresh(signer.kid)).toMatchObject({ reason: 'key_fetch_failed', isRetryable: true });
    expect(await cache.refresh(signer.kid)).toMatchObject({ reason: 'key_fetch_failed', isRetryable: true });
    expect(calls).toBe(2);
    down = false;
    clock.ms += 10_001;
    expect(await cache.refresh(signer.kid)).toMatchObject({ ok: true, due: false });
    expect(calls).toBe(3);
  });

  it('keeps at most maxKeys keys, dropping the oldest', async () => {
    const { signer, cache } = setup(2);
    const kids = [signer.kid, signer.rotate(), signer.rotate()];
    for (const kid of kids) await cache.get(kid);
    expect(cache.size).toBe(2);
  });

  it('remembers unknown kids for the negative TTL, then asks again', async () => {
    const { asked, cache, clock } = setup();
    expect(await cache.get('no-such-kid')).toMatchObject({ ok: false, reason: 'unknown_key' });
    expect(await cache.get('no-such-kid')).toMatchObject({ ok: false, reason: 'unknown_key' });
    expect(asked).toEqual(['no-such-kid']);
    expect(cache.size).toBe(0);
    expect(cache.unknownSize).toBe(1);
    clock.ms += 60_001;
    expect(await cache.get('no-such-kid')).toMatchObject({ ok: false, reason: 'unknown_key' });
    expect(asked).toEqual(['no-such-kid', 'no-such-kid']);
  });

  it('spends at most the per-minute budget on new kids, then refuses at once as retryable', async () => {
    const { asked, cache, clock, signer } = setup(undefined, { maxKeyFetchesPerMinute: 3 });
    const results = [];
    for (let index = 0; index < 10; index += 1) results.push(await cache.get(`random-kid-${index}`));
    expect(asked).toHaveLength(3);
    expect(results.slice(3).every((result) => !result.ok && result.reason === 'key_fetch_failed')).toBe(true);
    expect(results.slice(3).every((result) => !result.ok && result.isRetryable === true)).toBe(true);
    // A known key is still served from the cache; a new minute gives a new budget.
    clock.ms += 60_000;
    expect(await cache.get(signer.kid)).toMatchObject({ ok: true });
    expect(asked).toHaveLength(4);
  });

  it('shares one fetch per kid whatever the signals; an abort only ends the aborted wait', async () => {
    const clock = { ms: Date.UTC(2026, 0, 1) };
    const signer = createTestWebhookSigner({ now: () => clock.ms });
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let calls = 0;
    const fetch: FetchFunction = async (input, init) => {
      calls += 1;
      await gate;
      return signer.fetch(input, init);
    };
    const plaid = createPlaidClient({ clientId: 'c', secret: 'secret-key-cache', fetch, maxRetries: 0 });
    const cache = createWebhookKeyCache({ plaid, ttlMs: 60_000, now: () => clock.ms });
    const controllers = [new AbortController(), new AbortController(), new AbortController()];
    const waits = controllers.map((controller) => cache.get(signer.kid, controller.signal));
    const plain = cache.get(signer.kid);
    await new Promise((resolve) => setImmediate(resolve));
    controllers[0]?.abort();
    await expect(waits[0]).rejects.toMatchObject({ name: 'NetworkError', reason: 'aborted' });
    release();
    await expect(plain).resolves.toMatchObject({ ok: true });
    await expect(waits[1]).resolves.toMatchObject({ ok: true });
    await expect(waits[2]).resolves.toMatchObject({ ok: true });
    expect(calls).toBe(1);
    expect(cache.size).toBe(1);
  });
});
