import {
  createPlaidWebhookVerifier,
  type PlaidClient,
  type PlaidWebhookEvent,
  verifyPlaidWebhook,
  WebhookVerificationError,
} from '@achbridge/core';

/** Verified Plaid webhooks received by a runtime's own HTTP server, and a way to wait for one. */
export interface WebhookInbox {
  /** Answers one delivery: 200 after verification, 401 (or 503 for a retryable failure) otherwise. */
  handle(request: Request): Promise<Response>;
  /** Resolves with the first verified event for `itemId`, polling every 20 ms for up to `timeoutMs`. */
  waitFor(itemId: string, timeoutMs: number): Promise<PlaidWebhookEvent>;
  /** How many deliveries were refused. */
  refused(): number;
}

/** Creates the inbox: the web-platform webhook entry point (`verifyPlaidWebhook(request, verifier)`) in use. */
export function createWebhookInbox(plaid: PlaidClient): WebhookInbox {
  const verifier = createPlaidWebhookVerifier({ plaid });
  const events: PlaidWebhookEvent[] = [];
  let refused = 0;
  return {
    async handle(request) {
      try {
        events.push(await verifyPlaidWebhook(request, verifier));
        return new Response('ok', { status: 200 });
      } catch (error) {
        refused += 1;
        if (!WebhookVerificationError.isInstance(error)) throw error;
        return new Response('refused', { status: error.isRetryable ? 503 : 401 });
      }
    },
    async waitFor(itemId, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = events.find((event) => 'itemId' in event && event.itemId === itemId);
        if (found) return found;
        if (Date.now() > deadline)
          throw new Error(`no verified webhook for ${itemId} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    refused: () => refused,
  };
}
