// Stands in for your application code: the recipes hand each verified event here (enqueue it, update the
// Item, mark a funding source verified…). Kept in memory so the recipe tests can see what arrived.
import type { PlaidWebhookEvent } from '@achbridge/core';
import type { DwollaWebhookEvent } from '@achbridge/dwolla';

/** Every verified event this process received, oldest first. */
export const receivedEvents: {
  provider: 'plaid' | 'dwolla';
  event: PlaidWebhookEvent | DwollaWebhookEvent;
}[] = [];

/** Records a verified Plaid event. */
export async function onPlaidEvent(event: PlaidWebhookEvent): Promise<void> {
  receivedEvents.push({ provider: 'plaid', event });
}

/** Records a verified Dwolla event (de-duplicate on `event.id` in real code: Dwolla may deliver twice). */
export async function onDwollaEvent(event: DwollaWebhookEvent): Promise<void> {
  receivedEvents.push({ provider: 'dwolla', event });
}
