import { createHmac } from 'node:crypto';
import type { WebhookMessage } from '../webhooks/webhook-deliverer.js';
import type { StripeWebhookEndpoint } from './stripe-webhook-endpoints.js';

/** The header Stripe signs webhooks with. */
export const STRIPE_SIGNATURE_HEADER = 'Stripe-Signature';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed with the endpoint secret>`, Stripe's scheme. */
export function stripeSignatureHeader(body: string, secret: string, timestampSeconds: number): string {
  const signature = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`, 'utf8').digest('hex');
  return `t=${timestampSeconds},v1=${signature}`;
}

/**
 * The signed delivery of one event to one endpoint. Each attempt is signed at send time with the real
 * wall clock (not the emulated one), because receivers check the timestamp against their own clock.
 */
export function stripeWebhookMessage(
  event: { id: string; type: string },
  body: string,
  endpoint: StripeWebhookEndpoint,
  wallClockMs: () => number = Date.now,
): WebhookMessage {
  return {
    eventId: event.id,
    type: null,
    code: event.type,
    url: endpoint.url,
    subscriptionId: endpoint.id,
    body,
    headers: () => ({
      'Content-Type': 'application/json; charset=utf-8',
      'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      [STRIPE_SIGNATURE_HEADER]: stripeSignatureHeader(
        body,
        endpoint.secret,
        Math.floor(wallClockMs() / 1000),
      ),
    }),
  };
}
