import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { InputValidationError } from '../errors.js';
import { createPlaidClient } from '../plaid/create-plaid-client.js';
import { webhookVerificationKeyResponseSchema } from '../webhooks/plaid-webhook-key.js';
import { rawBodySha256Hex } from '../webhooks/raw-body.js';
import { createTestWebhookSigner } from './webhook-signer.js';

const keyResponseSpec = JSON.parse(
  readFileSync(
    new URL('../webhooks/test-data/webhook-verification-key-response.json', import.meta.url),
    'utf8',
  ),
) as { schema: object; example: unknown };
const validateKeyResponse = new Ajv({ strict: false }).compile(keyResponseSpec.schema);

const NOW_MS = Date.UTC(2026, 2, 1, 9, 30, 0);
const CREDENTIALS = {
  'PLAID-CLIENT-ID': 'client-1',
  'PLAID-SECRET': 'secret-1',
  'content-type': 'application/json',
};

async function askForKey(
  signer: ReturnType<typeof createTestWebhookSigner>,
  body: unknown,
  headers: Record<string, string> = CREDENTIALS,
  url = 'https://sandbox.plaid.com/webhook_verification_key/get',
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await signer.fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('createTestWebhookSigner: signing', () => {
  it('signs like Plaid: ES256 JWT, header {alg, kid, typ}, claims {iat, request_body_sha256}', async () => {
    const signer = createTestWebhookSigner({ now: () => NOW_MS });
    const body = '{\n  "webhook_type": "ITEM",\n  "webhook_code": "LOGIN_REPAIRED"\n}';
    const signed = signer.sign(body);
    expect(signed.body).toBe(body);
    const jwt = signed.headers['plaid-verification'];
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: 'ES256', kid: signer.kid, typ: 'JWT' });
    // Verified independently of achbridge's verifier, with jose and the served public key.
    const key = await importJWK(signer.jwk, 'ES256');
    const { payload } = await jwtVerify(jwt, key, { algorithms: ['ES256'], currentDate: new Date(NOW_MS) });
    expect(payload).toEqual({ iat: NOW_MS / 1000, request_body_sha256: rawBodySha256Hex(body) });
  });

  it('serializes objects with JSON.stringify and hashes bytes as given', async () => {
    const signer = createTestWebhookSigner();
    const object = { webhook_type: 'AUTH', webhook_code: 'DEFAULT_UPDATE' };
    const fromObject = signer.sign(object);
    expect(fromObject.body).toBe(JSON.stringify(object));
    const bytes = new TextEncoder().encode('{"a":1}');
    const fromBytes = signer.sign(bytes);
    expect(fromBytes.body).toBe(bytes);
    const { payload } = await jwtVerify(
      fromBytes.headers['plaid-verification'],
      await importJWK(signer.jwk, 'ES256'),
    );
    expect(payload.request_body_sha256).toBe(rawBodySha256Hex('{"a":1}'));
  });

  it('lets tests override iat and sign with an older key', async () => {
    const signer = createTestWebhookSigner({ now: () => NOW_MS });
    const oldKid = signer.kid;
    const oldJwk = signer.jwk;
    signer.rotate();
    const signed = signer.sign('{}', { iat: 1_000, kid: oldKid });
    const jwt = signed.headers['plaid-verification'];
    expect(decodeProtectedHeader(jwt).kid).toBe(oldKid);
    const { payload } = await jwtVerify(jwt, await importJWK(oldJwk, 'ES256'), {
      currentDate: new Date(1_000_000),
    });
    expect(payload.iat).toBe(1_000);
  });

  it('validates its inputs and names the field', () => {
    const signer = createTestWebhookSigner();
    const attempts: [() => unknown, string][] = [
      [() => signer.sign('{}', { kid: 'no-such-key' }), 'kid'],
      [() => signer.sign('{}', { iat: 1.5 }), 'iat'],
      [() => signer.expireKey('no-such-key'), 'kid'],
      [() => createTestWebhookSigner({ now: 'soon' as unknown as () => number }), 'now'],
    ];
    for (const [attempt, field] of attempts) {
      let caught: unknown;
      try {
        attempt();
      } catch (error) {
        caught = error;
      }
      expect(InputValidationError.isInstance(caught)).toBe(true);
      expect((caught as InputValidationError).field).toBe(field);
    }
    expect(() => signer.sign(42 as unknown as string)).toThrow(InputValidationError);
  });
});

describe('createTestWebhookSigner: keys, rotation and expiry', () => {
  it('serves a JWK shaped like Plaid JWKPublicKey', () => {
    const signer = createTestWebhookSigner({ now: () => NOW_MS });
    expect(signer.jwk).toMatchObject({
      alg: 'ES256',
      crv: 'P-256',
      kty: 'EC',
      use: 'sig',
      kid: signer.kid,
      created_at: NOW_MS / 1000,
      expired_at: null,
    });
    expect(signer.kid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(signer.jwk).not.toHaveProperty('d');
  });

  it('rotate() makes a new key current and keeps serving the old one; expireKey() sets expired_at', () => {
    let now = NOW_MS;
    const signer = createTestWebhookSigner({ now: () => now });
    const first = signer.kid;
    const second = signer.rotate();
    expect(second).not.toBe(first);
    expect(signer.kid).toBe(second);
    expect(signer.keys().map((key) => key.kid)).toEqual([first, second]);
    now += 60_000;
    signer.expireKey(first);
    expect(signer.keys().find((key) => key.kid === first)?.expired_at).toBe(NOW_MS / 1000 + 60);
    expect(signer.jwk.expired_at).toBeNull();
    signer.expireKey();
    expect(signer.jwk.expired_at).toBe(NOW_MS / 1000 + 60);
  });

  it('returns copies, so callers cannot change the served keys', () => {
    const signer = createTestWebhookSigner();
    const jwk = signer.jwk;
    jwk.expired_at = 1;
    expect(signer.jwk.expired_at).toBeNull();
  });
});

describe('createTestWebhookSigner: fetch answers /webhook_verification_key/get like Plaid', () => {
  it("Plaid's own example answer satisfies the schemas this test uses", () => {
    expect(validateKeyResponse(keyResponseSpec.example)).toBe(true);
    expect(webhookVerificationKeyResponseSchema.safeParse(keyResponseSpec.example).success).toBe(true);
  });

  it('answers a known kid with the key, matching the OpenAPI response schema', async () => {
    const signer = createTestWebhookSigner();
    const { status, json } = await askForKey(signer, { key_id: signer.kid });
    expect(status).toBe(200);
    expect(validateKeyResponse(json)).toBe(true);
    expect(json.key).toEqual(signer.jwk);
    expect(typeof json.request_id).toBe('string');
  });

  it('answers an unknown kid with INVALID_WEBHOOK_VERIFICATION_KEY_ID', async () => {
    const signer = createTestWebhookSigner();
    const { status, json } = await askForKey(signer, { key_id: 'bfbd5111-8e33-4643-8ced-b2e642a72f3c' });
    expect(status).toBe(400);
    expect(json).toMatchObject({
      error_type: 'INVALID_INPUT',
      error_code: 'INVALID_WEBHOOK_VERIFICATION_KEY_ID',
    });
  });

  it('accepts credentials in the body, refuses requests without them, and 404s other paths', async () => {
    const signer = createTestWebhookSigner();
    const inBody = await askForKey(
      signer,
      { key_id: signer.kid, client_id: 'c', secret: 's' },
      { 'content-type': 'application/json' },
    );
    expect(inBody.status).toBe(200);
    const without = await askForKey(signer, { key_id: signer.kid }, { 'content-type': 'application/json' });
    expect(without).toMatchObject({ status: 400, json: { error_code: 'MISSING_FIELDS' } });
    const noKeyId = await askForKey(signer, {});
    expect(noKeyId).toMatchObject({ status: 400, json: { error_code: 'MISSING_FIELDS' } });
    const elsewhere = await askForKey(
      signer,
      { key_id: signer.kid },
      CREDENTIALS,
      'https://sandbox.plaid.com/item/get',
    );
    expect(elsewhere).toMatchObject({ status: 404, json: { error_code: 'NOT_FOUND' } });
    const response = await signer.fetch('https://sandbox.plaid.com/webhook_verification_key/get', {
      method: 'POST',
      headers: CREDENTIALS,
      body: 'not json',
    });
    expect(response.status).toBe(400);
  });

  it('serves a real PlaidClient built with it, offline', async () => {
    const signer = createTestWebhookSigner();
    const plaid = createPlaidClient({
      clientId: 'client-1',
      secret: 'secret-1',
      fetch: signer.fetch,
      maxRetries: 0,
    });
    const answer = await plaid.request(
      '/webhook_verification_key/get',
      { key_id: signer.kid },
      webhookVerificationKeyResponseSchema,
    );
    expect(answer.key).toEqual(signer.jwk);
    await expect(
      plaid.request(
        '/webhook_verification_key/get',
        { key_id: 'nope' },
        webhookVerificationKeyResponseSchema,
      ),
    ).rejects.toMatchObject({ code: 'INVALID_WEBHOOK_VERIFICATION_KEY_ID', status: 400 });
  });
});
