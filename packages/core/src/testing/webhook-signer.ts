import { Buffer } from 'node:buffer';
import { generateKeyPairSync, type KeyObject, randomBytes, randomUUID, sign } from 'node:crypto';
import { z } from 'zod';
import { InputValidationError } from '../errors.js';
import type { FetchFunction } from '../http.js';
import { parseInput } from '../validate.js';
import { encodeBase64Url } from '../webhooks/compact-jws.js';
import { toLowSSignature } from '../webhooks/p256-signature.js';
import { type PlaidWebhookJwk, WEBHOOK_KEY_PATH } from '../webhooks/plaid-webhook-key.js';
import { rawBodySha256Hex } from '../webhooks/raw-body.js';

/** Settings for `createTestWebhookSigner`. */
export interface TestWebhookSignerSettings {
  /** Clock in milliseconds since the epoch (default `Date.now`); sets `iat`, `created_at` and `expired_at`. */
  now?: () => number;
}

/** Per-signature overrides. */
export interface TestWebhookSignOptions {
  /** The `iat` claim in Unix seconds (default: now), e.g. to produce a stale delivery. */
  iat?: number;
  /** Sign with this key id instead of the current key (e.g. an old or expired key after `rotate()`). */
  kid?: string;
}

/** A signed delivery: pass `body` and `headers` to the verifier (or POST them to a handler). */
export interface SignedTestWebhook {
  /** The body that was signed (objects are serialized with JSON.stringify). */
  body: string | Uint8Array;
  /** Headers as Plaid sends them. */
  headers: { 'plaid-verification': string; 'content-type': 'application/json' };
}

/** Signs webhook bodies like Plaid and answers `/webhook_verification_key/get` for its keys, offline. */
export interface TestWebhookSigner {
  /** Id of the key `sign` uses by default. */
  readonly kid: string;
  /** Public JWK of the current key, as `/webhook_verification_key/get` returns it. */
  readonly jwk: PlaidWebhookJwk;
  /** Every key the signer serves (current, rotated-out and expired). */
  keys(): PlaidWebhookJwk[];
  /** Signs a raw body (string or bytes) or an object (serialized with JSON.stringify). */
  sign(
    body: string | Uint8Array | Record<string, unknown>,
    options?: TestWebhookSignOptions,
  ): SignedTestWebhook;
  /** Fetch-compatible function answering `POST …/webhook_verification_key/get` like Plaid; give it to createPlaidClient. */
  readonly fetch: FetchFunction;
  /** Makes a new key current (old keys are still served, not expired); returns the new kid. */
  rotate(): string;
  /** Marks a key expired (`expired_at` = now); defaults to the current key. */
  expireKey(kid?: string): void;
}

interface SigningKey {
  privateKey: KeyObject;
  jwk: PlaidWebhookJwk;
}

const settingsSchema = z
  .object({
    now: z
      .custom<() => number>((value) => typeof value === 'function', {
        message: 'expected a function returning ms',
      })
      .optional(),
  })
  .default({});

const signOptionsSchema = z
  .object({ iat: z.number().int().optional(), kid: z.string().min(1).optional() })
  .default({});

const bodySchema = z.union([z.string(), z.instanceof(Uint8Array), z.record(z.string(), z.unknown())]);

function plaidError(status: number, type: string, code: string, message: string): Response {
  const body = {
    error_type: type,
    error_code: code,
    error_message: message,
    display_message: null,
    request_id: randomBytes(8).toString('hex'),
  };
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function headerValue(init: RequestInit | undefined, name: string): string | undefined {
  const headers = new Headers(init?.headers);
  return headers.get(name) ?? undefined;
}

/** Creates an in-memory signer that produces valid `Plaid-Verification` JWTs (ES256) for tests. */
export function createTestWebhookSigner(settings?: TestWebhookSignerSettings): TestWebhookSigner {
  const options = parseInput('createTestWebhookSigner', settingsSchema, settings);
  const now = options.now ?? Date.now;
  const keys = new Map<string, SigningKey>();
  let currentKid = '';

  function addKey(): string {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const exported = publicKey.export({ format: 'jwk' });
    const kid = randomUUID();
    keys.set(kid, {
      privateKey,
      jwk: {
        alg: 'ES256',
        created_at: Math.floor(now() / 1000),
        crv: 'P-256',
        expired_at: null,
        kid,
        kty: 'EC',
        use: 'sig',
        x: String(exported.x),
        y: String(exported.y),
      },
    });
    currentKid = kid;
    return kid;
  }
  addKey();

  function keyFor(kid: string, operation: string): SigningKey {
    const key = keys.get(kid);
    if (!key)
      throw new InputValidationError(operation, [
        { path: 'kid', message: `the test signer has no key ${kid}` },
      ]);
    return key;
  }

  const fetch: FetchFunction = async (input, init) => {
    const url = new URL(String(input));
    if ((init?.method ?? 'GET').toUpperCase() !== 'POST' || !url.pathname.endsWith(WEBHOOK_KEY_PATH)) {
      return plaidError(404, 'INVALID_REQUEST', 'NOT_FOUND', 'not found');
    }
    let body: unknown;
    try {
      body = JSON.parse(typeof init?.body === 'string' ? init.body : '');
    } catch {
      return plaidError(400, 'INVALID_REQUEST', 'INVALID_BODY', 'body could not be parsed as JSON');
    }
    const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const clientId = headerValue(init, 'plaid-client-id') ?? fields['client_id'];
    const secret = headerValue(init, 'plaid-secret') ?? fields['secret'];
    if (typeof clientId !== 'string' || clientId === '' || typeof secret !== 'string' || secret === '') {
      return plaidError(
        400,
        'INVALID_REQUEST',
        'MISSING_FIELDS',
        'the following required fields are missing: client_id, secret',
      );
    }
    const keyId = fields['key_id'];
    if (typeof keyId !== 'string' || keyId === '') {
      return plaidError(
        400,
        'INVALID_REQUEST',
        'MISSING_FIELDS',
        'the following required fields are missing: key_id',
      );
    }
    const key = keys.get(keyId);
    if (!key) {
      return plaidError(
        400,
        'INVALID_INPUT',
        'INVALID_WEBHOOK_VERIFICATION_KEY_ID',
        'invalid key_id provided',
      );
    }
    const answer = { key: { ...key.jwk }, request_id: randomBytes(8).toString('hex') };
    return new Response(JSON.stringify(answer), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  };

  return {
    get kid() {
      return currentKid;
    },
    get jwk() {
      return { ...keyFor(currentKid, 'TestWebhookSigner.jwk').jwk };
    },
    keys() {
      return [...keys.values()].map((key) => ({ ...key.jwk }));
    },
    sign(rawBody, signOptions) {
      const input = parseInput('TestWebhookSigner.sign', bodySchema, rawBody);
      const overrides = parseInput('TestWebhookSigner.sign', signOptionsSchema, signOptions);
      const body = typeof input === 'string' || input instanceof Uint8Array ? input : JSON.stringify(input);
      const key = keyFor(overrides.kid ?? currentKid, 'TestWebhookSigner.sign');
      const header = { alg: 'ES256', kid: key.jwk.kid, typ: 'JWT' };
      const claims = {
        iat: overrides.iat ?? Math.floor(now() / 1000),
        request_body_sha256: rawBodySha256Hex(body),
      };
      const signingInput = `${encodeBase64Url(JSON.stringify(header))}.${encodeBase64Url(JSON.stringify(claims))}`;
      const signature = sign('sha256', Buffer.from(signingInput, 'ascii'), {
        key: key.privateKey,
        dsaEncoding: 'ieee-p1363',
      });
      return {
        body,
        headers: {
          'plaid-verification': `${signingInput}.${encodeBase64Url(toLowSSignature(signature))}`,
          'content-type': 'application/json',
        },
      };
    },
    fetch,
    rotate: addKey,
    expireKey(kid) {
      const key = keyFor(kid ?? currentKid, 'TestWebhookSigner.expireKey');
      key.jwk = { ...key.jwk, expired_at: Math.floor(now() / 1000) };
    },
  };
}
