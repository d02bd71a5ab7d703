import { lazySchema, parseInput, type WebhookRequest, webhookRequestSchema } from '@achbridge/core/internal';
import { z } from 'zod';
import type { DwollaWebhookEvent } from './dwolla-webhook-events.js';
import { verifyDwollaWebhook } from './verify-dwolla-webhook.js';

const requestInputSchema = lazySchema(() =>
  z.object({
    request: webhookRequestSchema,
    options: z.object({ secret: z.string().min(1, 'must not be empty') }, 'expected { secret }'),
  }),
);

/**
 * Verifies a Dwolla webhook delivered as a web-platform `Request` (Next.js route handlers, Hono,
 * Cloudflare Workers, Deno, Bun): reads the raw body once and checks it exactly as
 * `verifyDwollaWebhook` does. Resolves to the typed event; rejects with a DwollaWebhookVerificationError.
 */
export async function verifyDwollaWebhookRequest(
  request: WebhookRequest,
  options: { secret: string },
): Promise<DwollaWebhookEvent> {
  parseInput('verifyDwollaWebhookRequest', requestInputSchema(), { request, options });
  const body = new Uint8Array(await request.arrayBuffer());
  return verifyDwollaWebhook({ body, headers: request.headers, secret: options.secret });
}
