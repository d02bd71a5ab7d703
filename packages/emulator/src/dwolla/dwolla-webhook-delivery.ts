import { createHmac } from 'node:crypto';
import type { WebhookMessage } from '../webhooks/webhook-deliverer.js';
import { DWOLLA_ACCOUNT_ID, type DwollaEventRecord } from './dwolla-events.js';
import type { DwollaWebhookSubscription } from './dwolla-webhook-subscriptions.js';

/** Header with the hex HMAC-SHA256 of the raw body, keyed with the subscription secret. */
export const DWOLLA_SIGNATURE_HEADER = 'X-Request-Signature-SHA-256';
/** Header naming the event topic. */
export const DWOLLA_TOPIC_HEADER = 'X-Dwolla-Topic';

/**
 * The webhook body for an event, in the shape of Dwolla's webhook payloads: `{id, resourceId, topic,
 * timestamp, _links: {self, account, resource, customer}, created}` with href-only links.
 */
export function dwollaWebhookBody(event: DwollaEventRecord, origin: string): string {
  const base = `${origin.replace(/\/+$/, '')}/dwolla`;
  return JSON.stringify({
    id: event.id,
    resourceId: event.resourceId,
    topic: event.topic,
    timestamp: event.created,
    _links: {
      self: { href: `${base}/events/${event.id}` },
      account: { href: `${base}/accounts/${DWOLLA_ACCOUNT_ID}` },
      resource: { href: `${base}/${event.resourceCollection}/${event.resourceId}` },
      ...(event.customerId === undefined
        ? {}
        : { customer: { href: `${base}/customers/${event.customerId}` } }),
    },
    created: event.created,
  });
}

/** The signed delivery of `event` to one subscription. */
export function dwollaWebhookMessage(
  event: DwollaEventRecord,
  subscription: DwollaWebhookSubscription,
): WebhookMessage {
  const body = dwollaWebhookBody(event, subscription.origin);
  const signature = createHmac('sha256', subscription.secret).update(body, 'utf8').digest('hex');
  return {
    eventId: event.id,
    type: null,
    code: event.topic,
    url: subscription.url,
    subscriptionId: subscription.id,
    body,
    headers: () => ({
      'Content-Type': 'application/json',
      [DWOLLA_TOPIC_HEADER]: event.topic,
      [DWOLLA_SIGNATURE_HEADER]: signature,
    }),
  };
}
