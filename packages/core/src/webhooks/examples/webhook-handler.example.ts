// In an app, import these from '@achbridge/core' instead of the relative paths.
import type { PlaidClient } from '../../plaid/plaid-client-types.js';
import type { PlaidWebhookEvent } from '../plaid-webhook-events.js';
import { createPlaidWebhookVerifier } from '../plaid-webhook-verifier.js';
import type { WebhookHeaders } from '../webhook-headers.js';
import { WebhookVerificationError } from '../webhook-verification-error.js';

/** Builds a framework-agnostic Plaid webhook handler: pass the raw body and headers, answer with `status`. */
export function createWebhookHandler(
  plaid: PlaidClient,
  onEvent: (event: PlaidWebhookEvent) => Promise<void>,
) {
  const verifier = createPlaidWebhookVerifier({ plaid });
  return async (rawBody: string | Uint8Array, headers: WebhookHeaders): Promise<{ status: number }> => {
    try {
      const event = await verifier.verify({ body: rawBody, headers }); // raw bytes, not parsed JSON
      await onEvent(event); // e.g. event.kind === 'ITEM.ERROR' -> getItemHealth / update mode
      return { status: 200 };
    } catch (error) {
      if (!WebhookVerificationError.isInstance(error)) throw error;
      return { status: error.isRetryable ? 503 : 401 }; // Plaid retries non-2xx answers
    }
  };
}
