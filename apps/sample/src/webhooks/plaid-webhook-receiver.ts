import {
  createPlaidWebhookVerifier,
  type PlaidClient,
  type PlaidWebhookEvent,
  parseInput,
  type WebhookHeaders,
} from '@achbridge/core';
import { z } from 'zod';
import type { WebhookLogEvent } from '../events/sample-event.js';
import { functionSchema } from '../validation/function-schema.js';

/** Verifies Plaid webhook deliveries and turns them into event-log entries. */
export interface PlaidWebhookReceiver {
  /**
   * Verifies the `Plaid-Verification` JWT against Plaid's key and the raw body's SHA-256; resolves to the log
   * entry, rejects with core's WebhookVerificationError when the delivery is not authentic.
   */
  receive(delivery: { body: string | Uint8Array; headers: WebhookHeaders }): Promise<WebhookLogEvent>;
}

const settingsSchema = z.object({
  plaid: z.custom<PlaidClient>((value) => typeof value === 'object' && value !== null, {
    message: 'must be a Plaid client',
  }),
  clockOffset: functionSchema<() => Promise<number>>().optional(),
});

function errorOf(event: PlaidWebhookEvent): WebhookLogEvent['error'] {
  if (event.kind !== 'ITEM.ERROR' && event.kind !== 'ITEM.USER_PERMISSION_REVOKED') return null;
  if (event.error === null) return null;
  return {
    code: event.error.errorCode,
    category: event.error.category,
    remediation: event.error.remediation,
    message: event.error.errorMessage,
  };
}

/**
 * Creates the receiver. `clockOffset` (emulator mode) returns how far the emulator's clock runs ahead, so a
 * delivery signed after "simulate settlement" moved emulated time is judged by emulated time.
 */
export function createPlaidWebhookReceiver(settings: {
  plaid: PlaidClient;
  clockOffset?: () => Promise<number>;
}): PlaidWebhookReceiver {
  const { plaid, clockOffset } = parseInput('createPlaidWebhookReceiver', settingsSchema, settings);
  let offsetMs = 0;
  const verifier = createPlaidWebhookVerifier({ plaid, now: () => Date.now() + offsetMs });
  return {
    async receive(delivery) {
      if (clockOffset !== undefined) offsetMs = await clockOffset();
      const event = await verifier.verify(delivery);
      const itemId = 'itemId' in event && typeof event.itemId === 'string' ? event.itemId : null;
      return {
        type: 'webhook',
        verified: true,
        receivedAt: new Date().toISOString(),
        kind: event.kind,
        webhookType: event.webhookType,
        webhookCode: event.webhookCode,
        itemId,
        error: errorOf(event),
      };
    },
  };
}
