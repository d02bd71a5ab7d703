// Hono routes (any Hono runtime: Node, Bun, Deno, Workers): verify from the raw Request, `c.req.raw`.
import { verifyPlaidWebhook, WebhookVerificationError } from '@achbridge/core';
import { DwollaWebhookVerificationError, verifyDwollaWebhookRequest } from '@achbridge/dwolla';
import { Hono } from 'hono';
import { onDwollaEvent, onPlaidEvent } from './received-events.ts';
import { dwollaWebhookSecret, plaidWebhookVerifier, type WebhookEnv } from './webhook-clients.ts';

/** Builds the app; `env` is `process.env` on Node (Workers pass their bindings as `c.env` instead). */
export function createWebhookApp(env: WebhookEnv): Hono {
  const app = new Hono();
  app.post('/webhooks/plaid', async (c) => {
    try {
      await onPlaidEvent(await verifyPlaidWebhook(c.req.raw, plaidWebhookVerifier(env)));
      return c.body(null, 200);
    } catch (error) {
      if (!WebhookVerificationError.isInstance(error)) throw error;
      return c.body(null, error.isRetryable ? 503 : 401);
    }
  });
  app.post('/webhooks/dwolla', async (c) => {
    try {
      await onDwollaEvent(await verifyDwollaWebhookRequest(c.req.raw, { secret: dwollaWebhookSecret(env) }));
      return c.body(null, 200);
    } catch (error) {
      if (!DwollaWebhookVerificationError.isInstance(error)) throw error;
      return c.body(null, 401);
    }
  });
  return app;
}
