import { z } from 'zod';

/** The part of a web-platform `Request` that webhook verification reads: its headers and raw body, once. */
export interface WebhookRequest {
  readonly headers: { get(name: string): string | null };
  readonly bodyUsed: boolean;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * A web-platform `Request` whose body is still unread (Next.js route handler, Hono `c.req.raw`, Worker `fetch`):
 * the input schema every `verify…Webhook(request)` entry point uses, so each refuses the same way.
 */
export const webhookRequestSchema = z
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
  });
