import { Buffer } from 'node:buffer';
import type { IncomingHttpHeaders } from 'node:http';
import fc from 'fast-check';
import { generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { AchBridgeError, InputValidationError } from '../errors.js';
import type { FetchFunction } from '../http.js';
import { createPlaidClient } from '../plaid/create-plaid-client.js';
import { createTestWebhookSigner, type TestWebhookSigner } from '../testing/webhook-signer.js';
import { decodeBase64Url, encodeBase64Url } from './compact-jws.js';
import { isLowSSignature, toLowSSignature } from './p256-signature.js';
import { createPlaidWebhookVerifier, type PlaidWebhookVerifierSettings } from './plaid-webhook-verifier.js';
import { rawBodySha256Hex } from './raw-body.js';
import { WebhookVerificationError, type WebhookVerificationReason } from './webhook-verification-error.js';

const PLAID_SECRET = 'plaid-secret-do-not-leak-9f8e7d';
const START_MS = Date.UTC(2026, 0, 15, 12, 0, 0);
const BODY = JSON.stringify(
  {
    webhook_type: 'ITEM',
    webhook_code: 'ERROR',
    item_id: 'wz666MBjYWTp2PDzzggYhM6oWWmBb',
    error: {
      error_type: 'ITEM_ERROR',
      error_code: 'ITEM_LOGIN_REQUIRED',
      error_message: 'the login details of this item have changed',
      display_message: null,
      status: 400,
    },
    environment: 'sandbox',
  },
  null,
  2,
);

interface Harness {
  signer: TestWebhookSigner;
  clock: { ms: number };
  keyRequests: string[];
  verify: (
    body: string | Uint8Array | ArrayBuffer,
    headers: Record<string, unknown> | Headers,
  ) => Promise<unknown>;
  verifier: ReturnType<typeof createPlaidWebhookVerifier>;
}

function setup(options: Partial<PlaidWebhookVerifierSettings> & { fetch?: FetchFunction } = {}): Harness {
  const clock = { ms: START_MS };
  const now = (): number => clock.ms;
  const signer = createTestWebhookSigner({ now });
  const keyRequests: string[] = [];
  const fetch: FetchFunction = async (input, init) => {
    const body = JSON.parse(String(init?.body)) as { key_id?: string };
    keyRequests.push(String(body.key_id));
    return (options.fetch ?? signer.fetch)(input, init);
  };
  const plaid = createPlaidClient({ clientId: 'client-id-1', secret: PLAID_SECRET, fetch, maxRetries: 0 });
  const verifier = createPlaidWebhookVerifier({ now, ...options, plaid });
  return {
    signer,
    clock,
    keyRequests,
    verifier,
    verify: (body, headers) => verifier.verify({ body, headers: headers as Headers }),
  };
}

async function rejection(promise: Promise<unknown>): Promise<WebhookVerificationError> {
  try {
    await promise;
  } catch (error) {
    if (WebhookVerificationError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected the verification to fail');
}

async function expectReason(promise: Promise<unknown>, reason: WebhookVerificationReason): Promise<void> {
  const error = await rejection(promise);
  expect(error.reason).toBe(reason);
  expect(error).toBeInstanceOf(AchBridgeError);
  expect(error.code).toBe('WEBHOOK_VERIFICATION_FAILED');
  expect(JSON.stringify(error)).not.toContain(PLAID_SECRET);
  expect(error.message).not.toContain(PLAID_SECRET);
}

/** A jose-signed ES256 token with its signature in the canonical low-S form the verifier requires. */
function lowS(token: string): string {
  const [h, p, s] = token.split('.') as [string, string, string];
  return `${h}.${p}.${encodeBase64Url(toLowSSignature(decodeBase64Url(s) ?? new Uint8Array()))}`;
}

function claimsFor(body: string, iatSeconds: number): { iat: number; request_body_sha256: string } {
  return { iat: iatSeconds, request_body_sha256: rawBodySha256Hex(body) };
}

function unsignedToken(
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
  signature = '',
): string {
  return `${encodeBase64Url(JSON.stringify(header))}.${encodeBase64Url(JSON.stringify(claims))}.${signature}`;
}

describe('createPlaidWebhookVerifier: accepting deliveries', () => {
  it('verifies a delivery signed like Plaid and returns the typed event', async () => {
    const { signer, verify } = setup();
    const signed = signer.sign(BODY);
    const event = await verify(signed.body, signed.headers);
    expect(event).toMatchObject({
      kind: 'ITEM.ERROR',
      itemId: 'wz666MBjYWTp2PDzzggYhM6oWWmBb',
      environment: 'sandbox',
      error: { errorCode: 'ITEM_LOGIN_REQUIRED', category: 'user_action' },
    });
  });

  it('accepts the body as a string, Buffer, Uint8Array or ArrayBuffer', async () => {
    const { signer, verify } = setup();
    const { headers } = signer.sign(BODY);
    const buffer = Buffer.from(BODY, 'utf8');
    const arrayBuffer = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
    for (const body of [BODY, buffer, new Uint8Array(buffer), arrayBuffer]) {
      await expect(verify(body, headers)).resolves.toMatchObject({ kind: 'ITEM.ERROR' });
    }
  });

  it('reads the header in any case from a plain object, IncomingHttpHeaders or Headers', async () => {
    const { signer, verify } = setup();
    const jwt = signer.sign(BODY).headers['plaid-verification'];
    const incoming: IncomingHttpHeaders = { 'plaid-verification': jwt, 'content-type': 'application/json' };
    const shapes: (Record<string, unknown> | Headers)[] = [
      { 'Plaid-Verification': jwt },
      { 'PLAID-VERIFICATION': jwt },
      incoming,
      { 'plaid-verification': [jwt] },
      new Headers({ 'Plaid-Verification': jwt }),
    ];
    for (const headers of shapes) {
      await expect(verify(BODY, headers)).resolves.toMatchObject({ kind: 'ITEM.ERROR' });
    }
  });

  it('accepts a body that is not a modelled webhook as an unknown event once it is authentic', async () => {
    const { signer, verify } = setup();
    const body = '{"webhook_type":"HOLDINGS","webhook_code":"DEFAULT_UPDATE","item_id":"i1"}';
    const signed = signer.sign(body);
    await expect(verify(signed.body, signed.headers)).resolves.toMatchObject({
      kind: 'unknown',
      webhookType: 'HOLDINGS',
      reason: 'unrecognized',
    });
  });

  it('accepts iat exactly maxAgeSeconds old and small forward clock skew', async () => {
    const { signer, verify, clock } = setup();
    const nowSeconds = clock.ms / 1000;
    const old = signer.sign(BODY, { iat: nowSeconds - 300 });
    await expect(verify(old.body, old.headers)).resolves.toMatchObject({ kind: 'ITEM.ERROR' });
    const ahead = signer.sign(BODY, { iat: nowSeconds + 30 });
    await expect(verify(ahead.body, ahead.headers)).resolves.toMatchObject({ kind: 'ITEM.ERROR' });
  });
});

describe('createPlaidWebhookVerifier: every rejection reason', () => {
  it('missing_header: no Plaid-Verification header, or an empty one', async () => {
    const { verify } = setup();
    await expectReason(verify(BODY, { 'content-type': 'application/json' }), 'missing_header');
    await expectReason(verify(BODY, { 'plaid-verification': '  ' }), 'missing_header');
    await expectReason(verify(BODY, new Headers()), 'missing_header');
  });

  it('malformed_token: not a compact JWS, bad base64url or JSON, missing claims, duplicated header', async () => {
    const { signer, verify, clock } = setup();
    const kid = signer.kid;
    const iat = clock.ms / 1000;
    const good = signer.sign(BODY).headers['plaid-verification'];
    const [h, p, s] = good.split('.') as [string, string, string];
    const tokens = [
      'not-a-jwt',
      `${h}.${p}`,
      `${h}.${p}.${s}.extra`,
      `${h}!.${p}.${s}`,
      `${encodeBase64Url('not json')}.${p}.${s}`,
      `${encodeBase64Url('[1,2]')}.${p}.${s}`,
      `${h}.${encodeBase64Url('{"iat":')}.${s}`,
      `${h}.${p}.${s}*`,
      unsignedToken({ alg: 'ES256', typ: 'JWT' }, claimsFor(BODY, iat), s),
      unsignedToken({ alg: 'ES256', kid: 'bad kid with spaces', typ: 'JWT' }, claimsFor(BODY, iat), s),
      unsignedToken({ alg: 'ES256', kid, typ: 'JWT' }, { iat }, s),
      unsignedToken(
        { alg: 'ES256', kid, typ: 'JWT' },
        { iat: 'yesterday', request_body_sha256: rawBodySha256Hex(BODY) },
        s,
      ),
      unsignedToken({ alg: 'ES256', kid, typ: 'JWT' }, { iat, request_body_sha256: 'abc' }, s),
      unsignedToken({ alg: 'ES256', kid, typ: 'JWT', crit: ['b64'], b64: false }, claimsFor(BODY, iat), s),
      unsignedToken({ kid, typ: 'JWT' }, claimsFor(BODY, iat), s),
      'a'.repeat(9000),
    ];
    for (const token of tokens) {
      await expectReason(verify(BODY, { 'plaid-verification': token }), 'malformed_token');
    }
    await expectReason(verify(BODY, { 'plaid-verification': [good, good] }), 'malformed_token');
  });

  it('wrong_alg: alg none', async () => {
    const { signer, verify, clock } = setup();
    const token = unsignedToken(
      { alg: 'none', kid: signer.kid, typ: 'JWT' },
      claimsFor(BODY, clock.ms / 1000),
    );
    await expectReason(verify(BODY, { 'plaid-verification': token }), 'wrong_alg');
  });

  it('wrong_alg: HS256 signed with the public key as the HMAC secret (key-confusion attack)', async () => {
    const { signer, verify, clock, keyRequests } = setup();
    const publicKeyAsSecret = new TextEncoder().encode(JSON.stringify(signer.jwk));
    const token = await new SignJWT(claimsFor(BODY, clock.ms / 1000))
      .setProtectedHeader({ alg: 'HS256', kid: signer.kid, typ: 'JWT' })
      .sign(publicKeyAsSecret);
    await expectReason(verify(BODY, { 'plaid-verification': token }), 'wrong_alg');
    expect(keyRequests).toEqual([]);
  });

  it('wrong_alg: other algorithms and case variants', async () => {
    const { signer, verify, clock } = setup();
    for (const alg of ['ES384', 'RS256', 'es256', 'EdDSA']) {
      const token = unsignedToken(
        { alg, kid: signer.kid, typ: 'JWT' },
        claimsFor(BODY, clock.ms / 1000),
        'AAAA',
      );
      await expectReason(verify(BODY, { 'plaid-verification': token }), 'wrong_alg');
    }
  });

  it('unknown_key: a kid Plaid does not know is fetched once, then refused', async () => {
    const { verify, clock, keyRequests } = setup();
    const { privateKey } = await generateKeyPair('ES256');
    const token = lowS(
      await new SignJWT(claimsFor(BODY, clock.ms / 1000))
        .setProtectedHeader({ alg: 'ES256', kid: 'c8a3a0a5-0000-4000-8000-000000000000', typ: 'JWT' })
        .sign(privateKey),
    );
    const error = await rejection(verify(BODY, { 'plaid-verification': token }));
    expect(error.reason).toBe('unknown_key');
    expect(error.kid).toBe('c8a3a0a5-0000-4000-8000-000000000000');
    expect(error.isRetryable).toBe(false);
    expect(error.message).toContain('INVALID_WEBHOOK_VERIFICATION_KEY_ID');
    expect(keyRequests).toEqual(['c8a3a0a5-0000-4000-8000-000000000000']);
  });

  it('expired_key: a key Plaid reports with expired_at is refused', async () => {
    const { signer, verify } = setup();
    const oldKid = signer.kid;
    signer.rotate();
    signer.expireKey(oldKid);
    const signed = signer.sign(BODY, { kid: oldKid });
    const error = await rejection(verify(signed.body, signed.headers));
    expect(error.reason).toBe('expired_key');
    expect(error.kid).toBe(oldKid);
  });

  it('bad_signature: signed by another key under the right kid', async () => {
    const { signer, verify, clock } = setup();
    const { privateKey } = await generateKeyPair('ES256');
    const token = lowS(
      await new SignJWT(claimsFor(BODY, clock.ms / 1000))
        .setProtectedHeader({ alg: 'ES256', kid: signer.kid, typ: 'JWT' })
        .sign(privateKey),
    );
    await expectReason(verify(BODY, { 'plaid-verification': token }), 'bad_signature');
  });

  it('bad_signature: claims edited after signing (fresh iat on an old signature)', async () => {
    const { signer, verify, clock } = setup();
    const old = signer.sign(BODY, { iat: clock.ms / 1000 - 3600 }).headers['plaid-verification'];
    const [h, , s] = old.split('.') as [string, string, string];
    const forged = `${h}.${encodeBase64Url(JSON.stringify(claimsFor(BODY, clock.ms / 1000)))}.${s}`;
    await expectReason(verify(BODY, { 'plaid-verification': forged }), 'bad_signature');
  });

  it('bad_signature: a truncated or bit-flipped signature', async () => {
    const { signer, verify } = setup();
    const good = signer.sign(BODY).headers['plaid-verification'];
    const [h, p, s] = good.split('.') as [string, string, string];
    const truncated = encodeBase64Url(Buffer.from(s, 'base64url').subarray(0, 63));
    await expectReason(verify(BODY, { 'plaid-verification': `${h}.${p}.${truncated}` }), 'bad_signature');
    const flipped = Buffer.from(s, 'base64url');
    flipped[10] = (flipped[10] ?? 0) ^ 0xff;
    await expectReason(
      verify(BODY, { 'plaid-verification': `${h}.${p}.${encodeBase64Url(flipped)}` }),
      'bad_signature',
    );
  });

  it('stale: iat older than maxAgeSeconds, or far in the future', async () => {
    const { signer, verify, clock } = setup();
    const nowSeconds = clock.ms / 1000;
    const old = signer.sign(BODY, { iat: nowSeconds - 301 });
    await expectReason(verify(old.body, old.headers), 'stale');
    const future = signer.sign(BODY, { iat: nowSeconds + 3600 });
    await expectReason(verify(future.body, future.headers), 'stale');
  });

  it('stale: honours a custom maxAgeSeconds and a replay after the clock moves on', async () => {
    const { signer, verify, clock } = setup({ maxAgeSeconds: 60 });
    const signed = signer.sign(BODY);
    await expect(verify(signed.body, signed.headers)).resolves.toMatchObject({ kind: 'ITEM.ERROR' });
    clock.ms += 61_000;
    await expectReason(verify(signed.body, signed.headers), 'stale');
  });

  it('body_mismatch: the body re-serialized with different whitespace', async () => {
    const { signer, verify } = setup();
    const signed = signer.sign(BODY);
    const reserialized = JSON.stringify(JSON.parse(BODY));
    expect(reserialized).not.toBe(BODY);
    const error = await rejection(verify(reserialized, signed.headers));
    expect(error.reason).toBe('body_mismatch');
    expect(error.message).toMatch(/raw body/);
  });

  it('body_mismatch: a tampered body', async () => {
    const { signer, verify } = setup();
    const signed = signer.sign(BODY);
    await expectReason(
      verify(BODY.replace('ITEM_LOGIN_REQUIRED', 'NO_ERROR'), signed.headers),
      'body_mismatch',
    );
  });

  it('key_fetch_failed: Plaid unreachable is reported as retryable, without leaking the secret', async () => {
    const { signer, verify } = setup({
      fetch: async () => {
        throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
      },
    });
    const signed = signer.sign(BODY);
    const error = await rejection(verify(signed.body, signed.headers));
    expect(error.reason).toBe('key_fetch_failed');
    expect(error.isRetryable).toBe(true);
    expect(JSON.stringify(error)).not.toContain(PLAID_SECRET);
  });

  it('key_fetch_failed: a malformed key answer is a typed failure, not a crash', async () => {
    const { signer, verify } = setup({
      fetch: async () =>
        new Response(JSON.stringify({ key: { kid: 'x' }, request_id: 'r1' }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        }),
    });
    const signed = signer.sign(BODY);
    await expectReason(verify(signed.body, signed.headers), 'key_fetch_failed');
  });

  it('unknown_key: a key answer for a different kid or a non-P-256 key is not trusted', async () => {
    const wrongKid = setup({
      fetch: async () =>
        new Response(JSON.stringify({ key: { ...harnessJwk(), kid: 'someone-else' }, request_id: 'r1' }), {
          status: 200,
        }),
    });
    const signed = wrongKid.signer.sign(BODY);
    await expectReason(wrongKid.verify(signed.body, signed.headers), 'unknown_key');

    const wrongCurve = setup();
    const jwk = wrongCurve.signer.jwk;
    const badCurve = setup({
      fetch: async () =>
        new Response(JSON.stringify({ key: { ...jwk, crv: 'P-384' }, request_id: 'r2' }), { status: 200 }),
    });
    const token = wrongCurve.signer.sign(BODY);
    await expectReason(badCurve.verify(token.body, token.headers), 'unknown_key');
  });
});

function harnessJwk(): Record<string, unknown> {
  return { ...createTestWebhookSigner().jwk };
}

describe('createPlaidWebhookVerifier: key cache and rotation', () => {
  it('fetches a kid once and reuses it for later deliveries', async () => {
    const { signer, verify, keyRequests } = setup();
    for (let i = 0; i < 3; i += 1) {
      const signed = signer.sign(BODY);
      await verify(signed.body, signed.headers);
    }
    expect(keyRequests).toEqual([signer.kid]);
  });

  it('concurrent verifications of a new kid share one key fetch', async () => {
    const { signer, verify, keyRequests } = setup();
    const deliveries = Array.from({ length: 8 }, () => signer.sign(BODY));
    const events = await Promise.all(deliveries.map((signed) => verify(signed.body, signed.headers)));
    expect(events).toHaveLength(8);
    expect(keyRequests).toEqual([signer.kid]);
  });

  it('concurrent deliveries with an unknown kid share one failing fetch and are all refused', async () => {
    const { verify, clock, keyRequests } = setup();
    const { privateKey } = await generateKeyPair('ES256');
    const token = lowS(
      await new SignJWT(claimsFor(BODY, clock.ms / 1000))
        .setProtectedHeader({ alg: 'ES256', kid: 'unknown-kid-1', typ: 'JWT' })
        .sign(privateKey),
    );
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () => verify(BODY, { 'plaid-verification': token })),
    );
    expect(results.every((result) => result.status === 'rejected')).toBe(true);
    expect(keyRequests).toEqual(['unknown-kid-1']);
  });

  it('handles rotation: the new kid is fetched, and both keys verify while neither is expired', async () => {
    const { signer, verify, keyRequests } = setup();
    const firstKid = signer.kid;
    const first = signer.sign(BODY);
    await verify(first.body, first.headers);
    const secondKid = signer.rotate();
    expect(secondKid).not.toBe(firstKid);
    const second = signer.sign(BODY);
    await expect(verify(second.body, second.headers)).resolves.toMatchObject({ kind: 'ITEM.ERROR' });
    const oldAgain = signer.sign(BODY, { kid: firstKid });
    await expect(verify(oldAgain.body, oldAgain.headers)).resolves.toMatchObject({ kind: 'ITEM.ERROR' });
    // The old key is re-checked once after the rotation was seen.
    expect(keyRequests).toEqual([firstKid, secondKid, firstKid]);
  });

  it('refuses a cached key once Plaid has expired it (noticed when the new kid appears)', async () => {
    const { signer, verify, keyRequests } = setup();
    const oldKid = signer.kid;
    const before = signer.sign(BODY);
    await verify(before.body, before.headers);
    signer.rotate();
    signer.expireKey(oldKid);
    const viaNewKey = signer.sign(BODY);
    await verify(viaNewKey.body, viaNewKey.headers);
    const viaOldKey = signer.sign(BODY, { kid: oldKid });
    await expectReason(verify(viaOldKey.body, viaOldKey.headers), 'expired_key');
    await expectReason(verify(viaOldKey.body, viaOldKey.headers), 'expired_key');
    expect(keyRequests.filter((kid) => kid === oldKid)).toHaveLength(2);
  });

  it('re-fetches a key after keyCacheTtlSeconds and then refuses it if Plaid expired it meanwhile', async () => {
    const { signer, verify, clock, keyRequests } = setup({ keyCacheTtlSeconds: 600 });
    const first = signer.sign(BODY);
    await verify(first.body, first.headers);
    signer.expireKey();
    clock.ms += 599_000;
    const cached = signer.sign(BODY);
    await expect(verify(cached.body, cached.headers)).resolves.toMatchObject({ kind: 'ITEM.ERROR' });
    clock.ms += 2_000;
    const refreshed = signer.sign(BODY);
    await expectReason(verify(refreshed.body, refreshed.headers), 'expired_key');
    expect(keyRequests).toHaveLength(2);
  });

  it('does not cache a failed fetch: the next delivery tries again', async () => {
    let down = true;
    const harness = setup({
      fetch: async (input, init) => {
        if (down) throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } });
        return harness.signer.fetch(input, init);
      },
    });
    const signed = harness.signer.sign(BODY);
    await expectReason(harness.verify(signed.body, signed.headers), 'key_fetch_failed');
    down = false;
    await expect(harness.verify(signed.body, signed.headers)).resolves.toMatchObject({ kind: 'ITEM.ERROR' });
    expect(harness.keyRequests).toEqual([harness.signer.kid, harness.signer.kid]);
  });
});

describe('createPlaidWebhookVerifier: inputs and errors', () => {
  it('validates its settings and names the field', () => {
    const signer = createTestWebhookSigner();
    const plaid = createPlaidClient({ clientId: 'c', secret: PLAID_SECRET, fetch: signer.fetch });
    const cases: [unknown, string][] = [
      [{}, 'plaid'],
      [{ plaid: {} }, 'plaid'],
      [{ plaid, maxAgeSeconds: 0 }, 'maxAgeSeconds'],
      [{ plaid, maxAgeSeconds: 1.5 }, 'maxAgeSeconds'],
      [{ plaid, now: 5 }, 'now'],
      [{ plaid, keyCacheTtlSeconds: -1 }, 'keyCacheTtlSeconds'],
    ];
    for (const [settings, field] of cases) {
      let caught: unknown;
      try {
        createPlaidWebhookVerifier(settings as PlaidWebhookVerifierSettings);
      } catch (error) {
        caught = error;
      }
      expect(InputValidationError.isInstance(caught)).toBe(true);
      expect((caught as InputValidationError).field).toBe(field);
    }
  });

  it('refuses a parsed JSON body with advice to pass the raw body', async () => {
    const { signer, verify } = setup();
    const signed = signer.sign(BODY);
    const parsed = JSON.parse(BODY) as Uint8Array;
    await expect(verify(parsed, signed.headers)).rejects.toSatisfy(
      (error: unknown) =>
        InputValidationError.isInstance(error) &&
        error.field === 'body' &&
        /raw request body/.test(error.message),
    );
    await expect(verify(BODY, null as unknown as Headers)).rejects.toSatisfy(
      (error: unknown) => InputValidationError.isInstance(error) && error.field === 'headers',
    );
  });

  it('WebhookVerificationError is recognised across package copies and serializes its reason', async () => {
    const { verify } = setup();
    const error = await rejection(verify(BODY, {}));
    expect(WebhookVerificationError.isInstance(error)).toBe(true);
    expect(AchBridgeError.isInstance(error)).toBe(true);
    expect(WebhookVerificationError.isInstance(new Error('x'))).toBe(false);
    expect(error.toJSON()).toMatchObject({
      name: 'WebhookVerificationError',
      code: 'WEBHOOK_VERIFICATION_FAILED',
      reason: 'missing_header',
      provider: 'plaid',
      isRetryable: false,
    });
  });

  it('never echoes the token or body into the error', async () => {
    const { signer, verify } = setup();
    const signed = signer.sign(BODY);
    const error = await rejection(verify(`${BODY} `, signed.headers));
    const serialized = JSON.stringify(error) + error.message + String(error.stack);
    expect(serialized).not.toContain(signed.headers['plaid-verification']);
    expect(serialized).not.toContain('wz666MBjYWTp2PDzzggYhM6oWWmBb');
  });
});

describe('createPlaidWebhookVerifier: properties', () => {
  it('any header value is refused with a WebhookVerificationError, never another error or a pass', async () => {
    const { verify } = setup();
    const [h, p] = unsignedToken({ alg: 'ES256', kid: 'kid-1', typ: 'JWT' }, claimsFor(BODY, 0)).split('.');
    const header = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.tuple(fc.string(), fc.string(), fc.string()).map((parts) => parts.join('.')),
      fc.string({ maxLength: 120 }).map((signature) => `${h}.${p}.${signature}`),
    );
    await fc.assert(
      fc.asyncProperty(header, async (value) => {
        const error = await rejection(verify(BODY, { 'plaid-verification': value }));
        expect(error.reason).not.toBe('body_mismatch');
      }),
      { numRuns: 150 },
    );
  });

  it('any change to a signed body is refused as body_mismatch', async () => {
    const { signer, verify } = setup();
    const signed = signer.sign(BODY);
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 20 }),
        fc.nat(BODY.length),
        async (insert, at) => {
          const changed = BODY.slice(0, at) + insert + BODY.slice(at);
          await expectReason(verify(changed, signed.headers), 'body_mismatch');
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('createPlaidWebhookVerifier: hardening against forged deliveries', () => {
  /** A well-formed ES256 token for `BODY` under `kid`, signed by a key Plaid never issued. */
  async function forgedToken(kid: string, iatMs: number): Promise<string> {
    const { privateKey } = await generateKeyPair('ES256');
    return lowS(
      await new SignJWT(claimsFor(BODY, iatMs / 1000))
        .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
        .sign(privateKey),
    );
  }

  it('with allowHighSSignatures: false, refuses the high-S twin (r, n - s) and accepts the low-S original', async () => {
    const { signer, verify } = setup({ allowHighSSignatures: false });
    const signed = signer.sign(BODY);
    const token = String(signed.headers['plaid-verification']);
    const [h, p, s] = token.split('.') as [string, string, string];
    const signature = decodeBase64Url(s) ?? new Uint8Array();
    expect(isLowSSignature(signature)).toBe(true);
    const r = signature.subarray(0, 32);
    const low = BigInt(`0x${Buffer.from(signature.subarray(32)).toString('hex')}`);
    const order = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
    const high = Buffer.from((order - low).toString(16).padStart(64, '0'), 'hex');
    const twin = `${h}.${p}.${encodeBase64Url(Buffer.concat([r, high]))}`;
    await expectReason(verify(BODY, { 'plaid-verification': twin }), 'bad_signature');
    await expect(verify(BODY, signed.headers)).resolves.toMatchObject({ kind: 'ITEM.ERROR' });
  });

  it('accepts a high-S signature by default (Plaid does not document low-S signing)', async () => {
    const { signer, verify } = setup();
    const token = String(signer.sign(BODY).headers['plaid-verification']);
    const [h, p, s] = token.split('.') as [string, string, string];
    const signature = decodeBase64Url(s) ?? new Uint8Array();
    const low = BigInt(`0x${Buffer.from(signature.subarray(32)).toString('hex')}`);
    const order = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
    const high = Buffer.from((order - low).toString(16).padStart(64, '0'), 'hex');
    const twin = `${h}.${p}.${encodeBase64Url(Buffer.concat([signature.subarray(0, 32), high]))}`;
    await expect(verify(BODY, { 'plaid-verification': twin })).resolves.toMatchObject({ kind: 'ITEM.ERROR' });
  });

  it('refuses non-canonical base64url encodings of a valid signature (unused trailing bits set)', async () => {
    const { signer, verify } = setup();
    const token = String(signer.sign(BODY).headers['plaid-verification']);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = token.at(-1) ?? 'A';
    const base = alphabet.indexOf(last) & ~0b1111;
    let refused = 0;
    for (let bits = 1; bits < 16; bits += 1) {
      const variant = `${token.slice(0, -1)}${alphabet[base | bits]}`;
      await expectReason(verify(BODY, { 'plaid-verification': variant }), 'malformed_token');
      refused += 1;
    }
    expect(refused).toBe(15);
    await expect(verify(BODY, { 'plaid-verification': token })).resolves.toMatchObject({
      kind: 'ITEM.ERROR',
    });
  });

  it('remembers an unknown kid: repeated forgeries with it make one key fetch per unknownKidCacheSeconds', async () => {
    const { verify, clock, keyRequests } = setup({ unknownKidCacheSeconds: 30 });
    for (let index = 0; index < 20; index += 1) {
      const token = await forgedToken('forged-kid-1', clock.ms);
      await expectReason(verify(BODY, { 'plaid-verification': token }), 'unknown_key');
    }
    expect(keyRequests).toEqual(['forged-kid-1']);
    clock.ms += 31_000;
    await expectReason(
      verify(BODY, { 'plaid-verification': await forgedToken('forged-kid-1', clock.ms) }),
      'unknown_key',
    );
    expect(keyRequests).toEqual(['forged-kid-1', 'forged-kid-1']);
  });

  it('forged deliveries with random kids make at most maxKeyFetchesPerMinute key fetches', async () => {
    const { signer, verify, clock, keyRequests } = setup({ maxKeyFetchesPerMinute: 4 });
    const reasons: string[] = [];
    for (let index = 0; index < 40; index += 1) {
      const token = await forgedToken(`random-${index}-${Math.random().toString(36).slice(2)}`, clock.ms);
      const error = await rejection(verify(BODY, { 'plaid-verification': token }));
      reasons.push(error.reason);
      if (error.reason === 'key_fetch_failed') expect(error.isRetryable).toBe(true);
    }
    expect(keyRequests).toHaveLength(4);
    expect(reasons.filter((reason) => reason === 'unknown_key')).toHaveLength(4);
    expect(reasons.filter((reason) => reason === 'key_fetch_failed')).toHaveLength(36);
    // The real key is new to this verifier too, so it waits for the next minute like any new kid.
    const real = signer.sign(BODY);
    await expectReason(verify(real.body, real.headers), 'key_fetch_failed');
    clock.ms += 60_000;
    const later = signer.sign(BODY);
    await expect(verify(later.body, later.headers)).resolves.toMatchObject({ kind: 'ITEM.ERROR' });
  });

  it('a 429 from Plaid fails fast as retryable key_fetch_failed, with no Retry-After wait and no retry', async () => {
    let calls = 0;
    const clock = { ms: START_MS };
    const signer = createTestWebhookSigner({ now: () => clock.ms });
    const plaid = createPlaidClient({
      clientId: 'client-id-1',
      secret: PLAID_SECRET,
      maxRetries: 3,
      fetch: async () => {
        calls += 1;
        return new Response(
          JSON.stringify({
            error_type: 'RATE_LIMIT_EXCEEDED',
            error_code: 'RATE_LIMIT',
            error_message: 'rate limit exceeded',
            display_message: null,
            request_id: 'req-429',
          }),
          { status: 429, headers: { 'content-type': 'application/json', 'retry-after': '120' } },
        );
      },
    });
    const verifier = createPlaidWebhookVerifier({ plaid, now: () => clock.ms });
    const signed = signer.sign(BODY);
    const error = await rejection(verifier.verify({ body: signed.body, headers: signed.headers }));
    expect(error).toMatchObject({ reason: 'key_fetch_failed', isRetryable: true });
    expect(calls).toBe(1);
  });

  it('refuses a cached key on its first authentic use after keyCacheTtlSeconds once Plaid expired it', async () => {
    const { signer, verify, clock, keyRequests } = setup({ keyCacheTtlSeconds: 60 });
    const first = signer.sign(BODY);
    await verify(first.body, first.headers);
    signer.expireKey();
    clock.ms += 61_000;
    // A forgery under the real kid fails its signature check and makes no call.
    await expectReason(
      verify(BODY, { 'plaid-verification': await forgedToken(signer.kid, clock.ms) }),
      'bad_signature',
    );
    expect(keyRequests).toHaveLength(1);
    const next = signer.sign(BODY);
    await expectReason(verify(next.body, next.headers), 'expired_key');
    expect(keyRequests).toHaveLength(2);
  });

  it('a caller abort does not stop the shared key fetch other deliveries wait on', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const harness = setup({
      fetch: async (input, init) => {
        await gate;
        return harness.signer.fetch(input, init);
      },
    });
    const controller = new AbortController();
    const signed = harness.signer.sign(BODY);
    const aborted = harness.verifier.verify(
      { body: signed.body, headers: signed.headers },
      { signal: controller.signal },
    );
    const others = Array.from({ length: 3 }, () => harness.verify(signed.body, signed.headers));
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'NetworkError', reason: 'aborted' });
    release();
    await expect(Promise.all(others)).resolves.toHaveLength(3);
    expect(harness.keyRequests).toEqual([harness.signer.kid]);
  });
});
