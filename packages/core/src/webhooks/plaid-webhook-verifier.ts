import { z } from 'zod';
import { lazySchema } from '../lazy-schema.js';
import type { PlaidCallOptions } from '../plaid/plaid-client-types.js';
import { callOptionsSchema } from '../plaid/plaid-input-schemas.js';
import { createAbortError } from '../retry.js';
import { parseInput } from '../validate.js';
import { decodeCompactJws } from './compact-jws.js';
import { isLowSSignature } from './p256-signature.js';
import { parsePlaidWebhook } from './parse-plaid-webhook.js';
import type { PlaidWebhookEvent } from './plaid-webhook-events.js';
import { WEBHOOK_KEY_PATH } from './plaid-webhook-key.js';
import {
  bodyMatchesSha256,
  isRawWebhookBody,
  isSha256Hex,
  type RawWebhookBody,
  textOfRawBody,
} from './raw-body.js';
import { lookupHeader, type WebhookHeaders } from './webhook-headers.js';
import { createWebhookKeyCache, type WebhookKeyClient, type WebhookKeyFailure } from './webhook-key-cache.js';
import { WebhookVerificationError } from './webhook-verification-error.js';

/** Name of the header carrying Plaid's signed JWT (matched case-insensitively). */
export const PLAID_VERIFICATION_HEADER = 'plaid-verification';

/** Settings for `createPlaidWebhookVerifier`. */
export interface PlaidWebhookVerifierSettings {
  /** A PlaidClient (from `createPlaidClient`); only its `request` method is used, for `/webhook_verification_key/get`. */
  plaid: WebhookKeyClient;
  /** Oldest accepted `iat`, in seconds (default 300, Plaid's 5 minutes). */
  maxAgeSeconds?: number;
  /** How far in the future `iat` may be, for clock skew, in seconds (default 60). */
  clockSkewSeconds?: number;
  /**
   * How long a cached key's status (live or expired) is trusted, in seconds (default 60). After that the next
   * delivery whose signature verifies with the key asks Plaid again, so a key Plaid has expired is refused
   * within this time; forged deliveries never cause this re-check.
   */
  keyCacheTtlSeconds?: number;
  /** How long a kid Plaid does not know is refused without asking Plaid again, in seconds (default 60). */
  unknownKidCacheSeconds?: number;
  /**
   * Most `/webhook_verification_key/get` calls per rolling minute for kids not in the cache (default 10).
   * Beyond it, deliveries with new kids are refused at once as retryable `key_fetch_failed`, so forged
   * deliveries with random kids cannot make unlimited calls signed with your credentials.
   */
  maxKeyFetchesPerMinute?: number;
  /**
   * Accept high-S ES256 signatures (s > n/2) as well as low-S ones (default true). Plaid does not document
   * that it signs in low-S form and standard JOSE verifiers accept both, so refusing high-S could refuse real
   * deliveries; the twin signature is harmless because replays are deduplicated on the body
   * (`plaidWebhookDedupeKey`), not on the header. Set `false` to accept only the canonical low-S form.
   */
  allowHighSSignatures?: boolean;
  /** Clock in milliseconds since the epoch (default `Date.now`); for tests. */
  now?: () => number;
}

/** One delivery to verify: the raw body exactly as received plus the request headers. */
export interface PlaidWebhookDelivery {
  /** The raw request body (string, Buffer/Uint8Array or ArrayBuffer); parsed-and-re-serialized JSON will not verify. */
  body: RawWebhookBody;
  /** Request headers: a plain object (any case), Node's IncomingHttpHeaders or a fetch `Headers`. */
  headers: WebhookHeaders;
}

/** Verifies Plaid webhook deliveries. */
export interface PlaidWebhookVerifier {
  /**
   * Verifies the `Plaid-Verification` JWT and the body hash, then parses the body. Resolves to the typed
   * event; rejects with a WebhookVerificationError (see its `reason`) when the delivery is not authentic.
   */
  verify(delivery: PlaidWebhookDelivery, options?: PlaidCallOptions): Promise<PlaidWebhookEvent>;
}

const settingsSchema = lazySchema(() =>
  z.object({
    plaid: z.custom<WebhookKeyClient>(
      (value) =>
        typeof value === 'object' &&
        value !== null &&
        typeof (value as { request?: unknown }).request === 'function',
      { message: 'expected a PlaidClient (from createPlaidClient)' },
    ),
    maxAgeSeconds: z.number().int().positive().default(300),
    clockSkewSeconds: z.number().int().nonnegative().default(60),
    keyCacheTtlSeconds: z.number().positive().default(60),
    unknownKidCacheSeconds: z.number().nonnegative().default(60),
    maxKeyFetchesPerMinute: z.number().int().positive().default(10),
    allowHighSSignatures: z.boolean().default(true),
    now: z
      .custom<() => number>((value) => typeof value === 'function', {
        message: 'expected a function returning ms',
      })
      .optional(),
  }),
);

const deliverySchema = lazySchema(() =>
  z.object({
    body: z.custom<RawWebhookBody>(isRawWebhookBody, {
      message:
        'expected the raw request body as a string, Buffer/Uint8Array or ArrayBuffer; parsed JSON cannot be verified (read the body before any JSON middleware)',
    }),
    headers: z.custom<WebhookHeaders>((value) => typeof value === 'object' && value !== null, {
      message: 'expected the request headers (plain object, IncomingHttpHeaders or Headers)',
    }),
  }),
);

const claimsSchema = lazySchema(() =>
  z.looseObject({
    iat: z.number(),
    request_body_sha256: z.string(),
  }),
);

const KID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;

function failureError(kid: string, failure: WebhookKeyFailure): WebhookVerificationError {
  return new WebhookVerificationError(failure.reason, failure.message, {
    kid,
    cause: failure.cause,
    ...(failure.isRetryable === undefined ? {} : { isRetryable: failure.isRetryable }),
  });
}

/** Creates a verifier that checks Plaid webhooks exactly as Plaid's "Verify webhooks" guide describes. */
export function createPlaidWebhookVerifier(settings: PlaidWebhookVerifierSettings): PlaidWebhookVerifier {
  const options = parseInput('createPlaidWebhookVerifier', settingsSchema(), settings);
  const now = options.now ?? Date.now;
  const keys = createWebhookKeyCache({
    plaid: options.plaid,
    ttlMs: options.keyCacheTtlSeconds * 1000,
    unknownKidTtlMs: options.unknownKidCacheSeconds * 1000,
    maxKeyFetchesPerMinute: options.maxKeyFetchesPerMinute,
    now: () => now(),
  });

  async function verify(
    delivery: PlaidWebhookDelivery,
    callOptions?: PlaidCallOptions,
  ): Promise<PlaidWebhookEvent> {
    const { body, headers } = parseInput('PlaidWebhookVerifier.verify', deliverySchema(), delivery);
    const signal = parseInput('PlaidWebhookVerifier.verify', callOptionsSchema(), callOptions)?.signal;
    if (signal?.aborted) throw createAbortError('plaid', WEBHOOK_KEY_PATH, signal);

    const header = lookupHeader(headers, PLAID_VERIFICATION_HEADER);
    if (header.found === 'none') {
      throw new WebhookVerificationError(
        'missing_header',
        'the Plaid-Verification header is missing or empty',
      );
    }
    if (header.found === 'many') {
      throw new WebhookVerificationError(
        'malformed_token',
        `found ${header.count} Plaid-Verification headers`,
      );
    }

    const jws = decodeCompactJws(header.value);
    if (!jws.ok) throw new WebhookVerificationError('malformed_token', jws.message);
    const { alg, kid, crit } = jws.header;
    if (typeof alg !== 'string')
      throw new WebhookVerificationError('malformed_token', 'the token header has no alg');
    if (alg !== 'ES256') {
      throw new WebhookVerificationError(
        'wrong_alg',
        `alg must be ES256, got ${JSON.stringify(alg).slice(0, 40)}`,
      );
    }
    if (typeof kid !== 'string' || !KID_PATTERN.test(kid)) {
      throw new WebhookVerificationError('malformed_token', 'the token header has no usable kid');
    }
    if (crit !== undefined) {
      throw new WebhookVerificationError('malformed_token', 'the token header lists critical extensions', {
        kid,
      });
    }
    const claims = claimsSchema().safeParse(jws.payload);
    if (!claims.success || !isSha256Hex(claims.data.request_body_sha256)) {
      throw new WebhookVerificationError(
        'malformed_token',
        'the token claims need a numeric iat and a hex request_body_sha256',
        { kid },
      );
    }
    if (jws.signature.length !== 64) {
      throw new WebhookVerificationError('bad_signature', 'an ES256 signature is 64 bytes', { kid });
    }
    if (!options.allowHighSSignatures && !isLowSSignature(jws.signature)) {
      throw new WebhookVerificationError(
        'bad_signature',
        'the signature is not in canonical low-S form (s must be at most n/2)',
        { kid },
      );
    }

    const key = await keys.get(kid, signal);
    if (!key.ok) throw failureError(kid, key);

    const valid = await crypto.subtle.verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      key.cryptoKey,
      jws.signature,
      jws.signingInput,
    );
    if (!valid)
      throw new WebhookVerificationError('bad_signature', `signature does not verify with key ${kid}`, {
        kid,
      });
    if (key.due) {
      // Only an authentic delivery gets here, so forgeries never make this call.
      const checked = await keys.refresh(kid, signal);
      if (!checked.ok) throw failureError(kid, checked);
    }

    const nowSeconds = now() / 1000;
    const { iat, request_body_sha256: claimedHash } = claims.data;
    if (nowSeconds - iat > options.maxAgeSeconds) {
      throw new WebhookVerificationError(
        'stale',
        `issued ${Math.floor(nowSeconds - iat)} s ago; the limit is ${options.maxAgeSeconds} s`,
        { kid },
      );
    }
    if (iat - nowSeconds > options.clockSkewSeconds) {
      throw new WebhookVerificationError(
        'stale',
        `iat is ${Math.ceil(iat - nowSeconds)} s in the future (allowed skew ${options.clockSkewSeconds} s)`,
        { kid },
      );
    }
    if (!bodyMatchesSha256(body, claimedHash)) {
      throw new WebhookVerificationError(
        'body_mismatch',
        'the SHA-256 of the body differs from request_body_sha256; pass the raw body, not re-serialized JSON',
        { kid },
      );
    }
    return parsePlaidWebhook(textOfRawBody(body));
  }

  return { verify };
}
