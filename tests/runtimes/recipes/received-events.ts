// Stands in for your application code: the recipes hand each verified event here (enqueue it, update the
// Item, mark a funding source verified…). Kept in memory so the recipe tests can see what arrived.
import type { PlaidWebhookEvent } from '@achbridge/core';
import type { DwollaWebhookEvent } from '@achbridge/dwolla';
import type { StripeWebhookEvent } from './webhook-clients.ts';

/** Every verified event this process received, oldest first. */
export const receivedEvents: {
  provider: 'plaid' | 'dwolla' | 'stripe';
  event: PlaidWebhookEvent | DwollaWebhookEvent | StripeWebhookEvent;
}[] = [];

/** Records a verified Plaid event. */
export async function onPlaidEvent(event: PlaidWebhookEvent): Promise<void> {
  receivedEvents.push({ provider: 'plaid', event });
}

/** Records a verified Dwolla event (de-duplicate on `event.id` in real code: Dwolla may deliver twice). */
export async function onDwollaEvent(event: DwollaWebhookEvent): Promise<void> {
  receivedEvents.push({ provider: 'dwolla', event });
}

/** Records a verified Stripe event (de-duplicate on `event.id`: Stripe may deliver twice, out of order). */
export async function onStripeEvent(event: StripeWebhookEvent): Promise<void> {
  receivedEvents.push({ provider: 'stripe', event });
}
