import { z } from 'zod';

/** Schema of one `JWKPublicKey` as `/webhook_verification_key/get` returns it (unknown fields kept). */
export const plaidWebhookJwkSchema = z.looseObject({
  alg: z.string(),
  crv: z.string(),
  kid: z.string().min(1),
  kty: z.string(),
  use: z.string(),
  x: z.string().min(1),
  y: z.string().min(1),
  created_at: z.number(),
  expired_at: z.number().nullable(),
});

/** A Plaid webhook verification key (EC P-256 JWK plus `created_at` / `expired_at` Unix times). */
export type PlaidWebhookJwk = z.output<typeof plaidWebhookJwkSchema>;

/** Schema of the `/webhook_verification_key/get` response. */
export const webhookVerificationKeyResponseSchema = z.looseObject({
  key: plaidWebhookJwkSchema,
  request_id: z.string(),
});

/** Path of Plaid's key endpoint. */
export const WEBHOOK_KEY_PATH = '/webhook_verification_key/get';
