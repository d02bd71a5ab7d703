import type { EmulatorClock } from '../types.js';
import type { WebhookDeliverer } from '../webhooks/webhook-deliverer.js';
import type { PlaidWebhookKeyStore } from './plaid-webhook-keys.js';
import { PLAID_VERIFICATION_HEADER, signPlaidWebhookBody } from './plaid-webhook-signing.js';
import type { PlaidWebhookDispatcher } from './plaid-webhooks.js';

/**
 * The dispatcher that delivers recorded Plaid webhooks: the JSON payload is POSTed to the Item's webhook
 * URL with `Plaid-Verification` signed by the current key. Each attempt is signed afresh, so a retry
 * carries its own `iat` (emulated clock) and, after a rotation, the new key.
 */
export function createPlaidWebhookSender(
  keys: PlaidWebhookKeyStore,
  clock: EmulatorClock,
  deliverer: WebhookDeliverer,
): PlaidWebhookDispatcher {
  return (event) => {
    const body = JSON.stringify(event.payload);
    deliverer.deliver({
      eventId: event.id,
      type: event.webhookType,
      code: event.webhookCode,
      url: event.url,
      subscriptionId: null,
      body,
      headers: () => ({
        'Content-Type': 'application/json',
        [PLAID_VERIFICATION_HEADER]: signPlaidWebhookBody(keys.current(), body, clock.now()),
      }),
    });
  };
}
