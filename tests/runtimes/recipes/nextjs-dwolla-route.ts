// Next.js App Router route handler: app/api/webhooks/dwolla/route.ts (Node or Edge runtime alike).
import { DwollaWebhookVerificationError, verifyDwollaWebhookRequest } from '@achbridge/dwolla';
import { onDwollaEvent } from './received-events.ts';
import { dwollaWebhookSecret } from './webhook-clients.ts';

/** Verifies Dwolla's delivery from the raw Request and acknowledges it. */
export async function POST(request: Request): Promise<Response> {
  try {
    const event = await verifyDwollaWebhookRequest(request, { secret: dwollaWebhookSecret(process.env) });
    await onDwollaEvent(event);
    return new Response(null, { status: 200 });
  } catch (error) {
    if (!DwollaWebhookVerificationError.isInstance(error)) throw error;
    return new Response(null, { status: 401 });
  }
}
