import { parseInput, type WebhookRequest } from '@achbridge/core';
import { z } from 'zod';
import type { DwollaWebhookEvent } from './dwolla-webhook-events.js';
import { verifyDwollaWebhook } from './verify-dwolla-webhook.js';

const requestInputSchema = z.object({
  request: z
    .custom<WebhookRequest>(
      (value) =>
        typeof value === 'object' &&
        value !== null &&
        typeof (value as { arrayBuffer?: unknown }).arrayBuffer === 'function' &&
        typeof (value as { headers?: { get?: unknown } }).headers?.get === 'function',
      {
        message: 'expected a web-platform Request (Next.js route handler, Hono `c.req.raw`, Worker `fetch`)',
      },
    )
    .refine((request) => !request.bodyUsed, {
      message:
        'the body was already read (e.g. by request.json()); pass the request before anything reads it, the signature covers the raw bytes',
    }),
  options: z.object({ secret: z.string().min(1, 'must not be empty') }, 'expected { secret }'),
});

/**
 * Verifies a Dwolla webhook delivered as a web-platform `Request` (Next.js route handlers, Hono,
 * Cloudflare Workers, Deno, Bun): reads the raw body once and checks it exactly as
 * `verifyDwollaWebhook` does. Resolves to the typed event; rejects with a DwollaWebhookVerificationError.
 */
export async function verifyDwollaWebhookRequest(
  request: WebhookRequest,
  options: { secret: string },
): Promise<DwollaWebhookEvent> {
  parseInput('verifyDwollaWebhookRequest', requestInputSchema, { request, options });
  const body = new Uint8Array(await request.arrayBuffer());
  return verifyDwollaWebhook({ body, headers: request.headers, secret: options.secret });
}
