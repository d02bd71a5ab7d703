import { WebhookVerificationError } from '@achbridge/core';
import type { Hono } from 'hono';
import type { SampleAppDeps } from '../app-deps.js';
import { parseRouteArgs } from '../route-args.js';

/**
 * `POST /api/webhooks/plaid`: verifies the delivery with core's verifier (raw body + Plaid-Verification JWT),
 * applies it to the Item lifecycle (the store's inbox when durable), publishes it to the live event log and
 * answers 200; unverifiable deliveries are logged and answered 400.
 */
export function registerWebhookRoutes(app: Hono, deps: SampleAppDeps): void {
  parseRouteArgs('registerWebhookRoutes', app, deps);
  app.post('/api/webhooks/plaid', async (c) => {
    const body = new Uint8Array(await c.req.arrayBuffer());
    try {
      const event = await deps.webhooks.receive({ body, headers: c.req.raw.headers });
      // Verified: record it once and move the Item's lifecycle status (a redelivery changes nothing).
      await deps.items.recordWebhook(body);
      deps.events.publish(event);
      return c.json({ received: true, kind: event.kind });
    } catch (error) {
      if (WebhookVerificationError.isInstance(error)) {
        deps.events.publish({
          type: 'webhook_rejected',
          receivedAt: new Date().toISOString(),
          reason: error.reason,
          message: error.message,
        });
      }
      throw error;
    }
  });
}
