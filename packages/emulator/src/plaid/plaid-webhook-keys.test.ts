import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTestClock } from '../../test/dwolla.test-helpers.js';
import { createPlaidWebhookKeyStore } from './plaid-webhook-keys.js';
import { signPlaidWebhookBody } from './plaid-webhook-signing.js';

describe('Plaid webhook keys', () => {
  it('creates one P-256 key lazily and keeps it current until rotated', () => {
    const clock = createTestClock();
    const keys = createPlaidWebhookKeyStore(clock);
    expect(keys.list()).toEqual([]);
    const first = keys.current();
    expect(keys.current()).toBe(first);
    expect(first.jwk).toMatchObject({
      alg: 'ES256',
      crv: 'P-256',
      kty: 'EC',
      use: 'sig',
      kid: first.kid,
      created_at: Math.floor(clock.now() / 1000),
      expired_at: null,
    });
    expect(keys.find(first.kid)).toBe(first);
    expect(keys.find('unknown')).toBeUndefined();
  });

  it('rotation keeps older keys valid unless expirePrevious; expire stamps the emulated time once', () => {
    const clock = createTestClock();
    const keys = createPlaidWebhookKeyStore(clock);
    const { current: second, previous: first } = keys.rotate();
    expect(keys.current()).toBe(second);
    expect(first.jwk.expired_at).toBeNull();
    clock.advance(60_000);
    const { current: third } = keys.rotate({ expirePrevious: true });
    const stamp = Math.floor(clock.now() / 1000);
    expect(keys.list().map((key) => [key.kid, key.jwk.expired_at])).toEqual([
      [first.kid, stamp],
      [second.kid, stamp],
      [third.kid, null],
    ]);
    clock.advance(60_000);
    expect(keys.expire(third.kid)?.jwk.expired_at).toBe(stamp + 60);
    clock.advance(60_000);
    expect(keys.expire(third.kid)?.jwk.expired_at).toBe(stamp + 60);
    expect(keys.expire('unknown')).toBeUndefined();
  });

  it('signs a compact ES256 JWS over the exact body that the public JWK verifies', () => {
    const clock = createTestClock();
    const key = createPlaidWebhookKeyStore(clock).current();
    const token = signPlaidWebhookBody(key, '{"a": 1}', clock.now());
    const [header, claims, signature] = token.split('.') as [string, string, string];
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({
      alg: 'ES256',
      kid: key.kid,
      typ: 'JWT',
    });
    expect(JSON.parse(Buffer.from(claims, 'base64url').toString())).toEqual({
      iat: Math.floor(clock.now() / 1000),
      request_body_sha256: 'f9d86028c6e0d64e225186f96acb69338b2c59764df79162107f5c4bb34d1310',
    });
    const publicKey = createPublicKey({ key: key.jwk, format: 'jwk' });
    const valid = verify(
      'sha256',
      Buffer.from(`${header}.${claims}`, 'ascii'),
      { key: publicKey, dsaEncoding: 'ieee-p1363' },
      Buffer.from(signature, 'base64url'),
    );
    expect(valid).toBe(true);
  });
});
