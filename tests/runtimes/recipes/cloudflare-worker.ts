// Cloudflare Worker (workerd, no `nodejs_compat` needed): the settings arrive as the Worker's `env` bindings
// (`wrangler secret put PLAID_SECRET`, …) and each delivery is verified from the raw Request, read once.
import { verifyPlaidWebhook, WebhookVerificationError } from '@achbridge/core';
import { DwollaWebhookVerificationError, verifyDwollaWebhookRequest } from '@achbridge/dwolla';
import { StripeWebhookVerificationError, verifyStripeWebhook } from '@achbridge/stripe';
import { onDwollaEvent, onPlaidEvent, onStripeEvent } from './received-events.ts';
import {
  dwollaWebhookSecret,
  plaidWebhookVerifier,
  stripeWebhookSecret,
  type WebhookEnv,
} from './webhook-clients.ts';

async function plaid(request: Request, env: WebhookEnv): Promise<Response> {
  try {
    await onPlaidEvent(await verifyPlaidWebhook(request, plaidWebhookVerifier(env)));
    return new Response(null, { status: 200 });
  } catch (error) {
    if (!WebhookVerificationError.isInstance(error)) throw error;
    return new Response(null, { status: error.isRetryable ? 503 : 401 });
  }
}

async function dwolla(request: Request, env: WebhookEnv): Promise<Response> {
  try {
    await onDwollaEvent(await verifyDwollaWebhookRequest(request, { secret: dwollaWebhookSecret(env) }));
    return new Response(null, { status: 200 });
  } catch (error) {
    if (!DwollaWebhookVerificationError.isInstance(error)) throw error;
    return new Response(null, { status: 401 });
  }
}

async function stripe(request: Request, env: WebhookEnv): Promise<Response> {
  try {
    const event = await verifyStripeWebhook({
      body: await request.text(),
      signature: request.headers.get('stripe-signature') ?? undefined,
      secret: stripeWebhookSecret(env),
    });
    await onStripeEvent(event);
    return new Response(null, { status: 200 });
  } catch (error) {
    if (!StripeWebhookVerificationError.isInstance(error)) throw error;
    return new Response(null, { status: 400 });
  }
}

const routes: Record<string, (request: Request, env: WebhookEnv) => Promise<Response>> = {
  '/webhooks/plaid': plaid,
  '/webhooks/dwolla': dwolla,
  '/webhooks/stripe': stripe,
};

export default {
  /** The Worker's entry point: POST /webhooks/{plaid,dwolla,stripe}. */
  async fetch(request: Request, env: WebhookEnv): Promise<Response> {
    const route = routes[new URL(request.url).pathname];
    if (route === undefined) return new Response(null, { status: 404 });
    if (request.method !== 'POST') return new Response(null, { status: 405, headers: { allow: 'POST' } });
    return route(request, env);
  },
};
