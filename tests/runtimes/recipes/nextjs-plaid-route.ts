// Next.js App Router route handler: app/api/webhooks/plaid/route.ts (Node or Edge runtime alike).
import { verifyPlaidWebhook, WebhookVerificationError } from '@achbridge/core';
import { onPlaidEvent } from './received-events.ts';
import { plaidWebhookVerifier } from './webhook-clients.ts';

/** Verifies Plaid's delivery from the raw Request (never `await request.json()` first) and acknowledges it. */
export async function POST(request: Request): Promise<Response> {
  try {
    const event = await verifyPlaidWebhook(request, plaidWebhookVerifier(process.env));
    await onPlaidEvent(event);
    return new Response(null, { status: 200 });
  } catch (error) {
    if (!WebhookVerificationError.isInstance(error)) throw error;
    // 503 when Plaid's keys could not be fetched (Plaid retries), 401 for a delivery that is not authentic.
    return new Response(null, { status: error.isRetryable ? 503 : 401 });
  }
}
