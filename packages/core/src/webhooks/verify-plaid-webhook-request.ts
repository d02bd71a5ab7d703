import { z } from 'zod';
import { lazySchema } from '../lazy-schema.js';
import type { PlaidCallOptions } from '../plaid/plaid-client-types.js';
import { parseInput } from '../validate.js';
import type { PlaidWebhookEvent } from './plaid-webhook-events.js';
import type { PlaidWebhookVerifier } from './plaid-webhook-verifier.js';
import { type WebhookRequest, webhookRequestSchema } from './webhook-request.js';

const requestInputSchema = lazySchema(() =>
  z.object({
    request: webhookRequestSchema,
    verifier: z.custom<PlaidWebhookVerifier>(
      (value) =>
        typeof value === 'object' &&
        value !== null &&
        typeof (value as { verify?: unknown }).verify === 'function',
      { message: 'expected a verifier from createPlaidWebhookVerifier' },
    ),
  }),
);

/**
 * Verifies a Plaid webhook delivered as a web-platform `Request` (Next.js route handlers, Hono, Cloudflare
 * Workers, Deno, Bun): reads the raw body once and hands it with the headers to `verifier.verify`, so
 * the checks and errors are exactly the verifier's. Resolves to the typed event; rejects with a
 * WebhookVerificationError when the delivery is not authentic.
 */
export async function verifyPlaidWebhook(
  request: WebhookRequest,
  verifier: PlaidWebhookVerifier,
  options?: PlaidCallOptions,
): Promise<PlaidWebhookEvent> {
  parseInput('verifyPlaidWebhook', requestInputSchema(), { request, verifier });
  const body = new Uint8Array(await request.arrayBuffer());
  return verifier.verify({ body, headers: request.headers }, options);
}
