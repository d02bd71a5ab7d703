import { registerSecret } from '@achbridge/core';
import { lazySchema, parseInput } from '@achbridge/core/internal';
import type Stripe from 'stripe';
import { z } from 'zod';
import { createPlatformCryptoProvider } from '#stripe-platform';
import { loadStripeSdk } from '../load-stripe-sdk.js';
import { StripeWebhookVerificationError } from './stripe-webhook-verification-error.js';

/** The header carrying Stripe's webhook signature. */
export const STRIPE_SIGNATURE_HEADER = 'Stripe-Signature';

/** Input of `verifyStripeWebhook`. */
export interface VerifyStripeWebhookInput {
  /** The raw request body (a JSON-parsed object cannot be verified). */
  body: string | Uint8Array;
  /** The `Stripe-Signature` header. */
  signature: string | undefined;
  /** The endpoint's signing secret (`whsec_…`). */
  secret: string;
  /** Seconds a signature stays acceptable (stripe-node's default 300). */
  toleranceSeconds?: number | undefined;
  /** A Stripe instance to verify with; by default the `stripe` peer dependency is loaded. */
  stripe?: Pick<Stripe, 'webhooks'> | undefined;
}

const inputSchema = lazySchema(() =>
  z.strictObject({
    body: z.union([z.string(), z.instanceof(Uint8Array)], {
      error: 'expected the raw body as a string or Buffer/Uint8Array (not parsed JSON)',
    }),
    signature: z.string().optional(),
    secret: z.string().min(1, 'must not be empty'),
    toleranceSeconds: z.number().int().positive().max(86_400).optional(),
    stripe: z
      .custom<Pick<Stripe, 'webhooks'>>(
        (value) =>
          typeof value === 'object' &&
          value !== null &&
          typeof (value as { webhooks?: { constructEvent?: unknown } }).webhooks?.constructEvent ===
            'function',
        'expected a Stripe instance',
      )
      .optional(),
  }),
);

/**
 * Verifies a Stripe webhook with stripe-node's `webhooks.constructEventAsync` (HMAC-SHA256 of the raw body with
 * the endpoint secret, timestamp within the tolerance) and returns the event; a refused delivery is a
 * `StripeWebhookVerificationError` (never the secret or the signature in its message).
 */
export async function verifyStripeWebhook(input: VerifyStripeWebhookInput): Promise<Stripe.Event> {
  const { body, signature, secret, toleranceSeconds, stripe } = parseInput(
    'verifyStripeWebhook',
    inputSchema(),
    input,
  );
  registerSecret(secret);
  if (signature === undefined || signature.trim() === '') {
    throw new StripeWebhookVerificationError('missing_header', `no ${STRIPE_SIGNATURE_HEADER} header`);
  }
  const webhooks = stripe?.webhooks ?? (await loadStripeSdk()).webhooks;
  // stripe-node reads a byte body as UTF-8 text too; the signature covers those same bytes.
  const payload = typeof body === 'string' ? body : new TextDecoder().decode(body);
  // Async so that WebCrypto (workerd, Deno, Bun) can verify; on Node the provider is stripe-node's default.
  const cryptoProvider = await createPlatformCryptoProvider();
  let event: Stripe.Event;
  try {
    event = await webhooks.constructEventAsync(payload, signature, secret, toleranceSeconds, cryptoProvider);
  } catch (error) {
    const isSignature = (error as { type?: unknown }).type === 'StripeSignatureVerificationError';
    throw new StripeWebhookVerificationError(
      isSignature ? 'bad_signature' : 'malformed_body',
      isSignature
        ? 'the signature does not match the body and secret, or its timestamp is outside the tolerance'
        : 'the body is not a Stripe event',
      { cause: error },
    );
  }
  return event;
}
