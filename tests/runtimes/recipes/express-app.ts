// Express routes (Node): verify from the raw bytes. Mount `express.raw()` on the webhook routes and never a
// JSON parser before them: re-serialised JSON has a different hash and every delivery would be refused.
import { WebhookVerificationError } from '@achbridge/core';
import { DwollaWebhookVerificationError, verifyDwollaWebhook } from '@achbridge/dwolla';
import { StripeWebhookVerificationError, verifyStripeWebhook } from '@achbridge/stripe';
import express, { type Express, type Request } from 'express';
import { onDwollaEvent, onPlaidEvent, onStripeEvent } from './received-events.ts';
import {
  dwollaWebhookSecret,
  plaidWebhookVerifier,
  stripeWebhookSecret,
  type WebhookEnv,
} from './webhook-clients.ts';

/** The body exactly as it arrived (empty when there was none). */
function rawBody(request: Request): Buffer {
  return Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
}

/** Builds the app; `env` is `process.env` in a real server. */
export function createWebhookApp(env: WebhookEnv): Express {
  const app = express();
  const raw = express.raw({ type: () => true, limit: '1mb' });

  app.post('/webhooks/plaid', raw, async (request, response) => {
    try {
      const event = await plaidWebhookVerifier(env).verify({
        body: rawBody(request),
        headers: request.headers,
      });
      await onPlaidEvent(event);
      response.sendStatus(200);
    } catch (error) {
      if (!WebhookVerificationError.isInstance(error)) throw error; // Express 5 passes it to the error handler
      // 503 when Plaid's keys could not be fetched (Plaid retries), 401 for a delivery that is not authentic.
      response.sendStatus(error.isRetryable ? 503 : 401);
    }
  });

  app.post('/webhooks/dwolla', raw, async (request, response) => {
    try {
      const secret = dwollaWebhookSecret(env);
      await onDwollaEvent(verifyDwollaWebhook({ body: rawBody(request), headers: request.headers, secret }));
      response.sendStatus(200);
    } catch (error) {
      if (!DwollaWebhookVerificationError.isInstance(error)) throw error;
      response.sendStatus(401);
    }
  });

  app.post('/webhooks/stripe', raw, async (request, response) => {
    try {
      const event = await verifyStripeWebhook({
        body: rawBody(request),
        signature: request.get('stripe-signature'),
        secret: stripeWebhookSecret(env),
      });
      await onStripeEvent(event);
      response.sendStatus(200);
    } catch (error) {
      if (!StripeWebhookVerificationError.isInstance(error)) throw error;
      response.sendStatus(400); // what Stripe's docs answer to a delivery that fails verification
    }
  });

  return app;
}
