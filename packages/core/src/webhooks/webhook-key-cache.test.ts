import { describe, expect, it } from 'vitest';
import type { FetchFunction } from '../http.js';
import { createPlaidClient } from '../plaid/create-plaid-client.js';
import { createTestWebhookSigner } from '../testing/webhook-signer.js';
import { createWebhookKeyCache } from './webhook-key-cache.js';

function setup(maxKeys?: number) {
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

  it('refreshes a key after the TTL', async () => {
    const { signer, asked, cache, clock } = setup();
    await cache.get(signer.kid);
    clock.ms += 60_001;
    await cache.get(signer.kid);
    expect(asked).toEqual([signer.kid, signer.kid]);
  });

  it('keeps at most maxKeys keys, dropping the oldest', async () => {
    const { signer, cache } = setup(2);
    const kids = [signer.kid, signer.rotate(), signer.rotate()];
    for (const kid of kids) await cache.get(kid);
    expect(cache.size).toBe(2);
  });

  it('reports unknown kids and does not cache them', async () => {
    const { asked, cache } = setup();
    expect(await cache.get('no-such-kid')).toMatchObject({ ok: false, reason: 'unknown_key' });
    expect(await cache.get('no-such-kid')).toMatchObject({ ok: false, reason: 'unknown_key' });
    expect(asked).toEqual(['no-such-kid', 'no-such-kid']);
    expect(cache.size).toBe(0);
  });
});
