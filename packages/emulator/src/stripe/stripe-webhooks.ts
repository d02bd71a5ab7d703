import type { EmulatorRequest, ModuleContext, ProviderModule } from '../types.js';
import { createModuleDeliverer, isSuccessStatus, webhookLifecycle } from '../webhooks/module-webhooks.js';
import { DEFAULT_ACCOUNT_API_VERSION } from './stripe-api-version.js';
import { createStripeId } from './stripe-ids.js';
import {
  paymentIntentEventTypes,
  watchedDisputes,
  watchedPaymentIntents,
} from './stripe-payment-intent-events.js';
import { stripeWebhookMessage } from './stripe-webhook-delivery.js';
import { createStripeWebhookEndpointStore, handleWebhookEndpoints } from './stripe-webhook-endpoints.js';

/** Where the state file keeps the last status announced per PaymentIntent, and the disputes announced. */
const SEEN_STATE_KEY = 'webhookSeenPaymentIntents';
const SEEN_DISPUTES_STATE_KEY = 'webhookSeenDisputes';

/**
 * Adds webhooks to the emulated Stripe: `/v1/webhook_endpoints`, and a `payment_intent.*` event
 * (`created`, `processing`, `succeeded`, `payment_failed` with `last_payment_error`, `canceled`) for every
 * PaymentIntent status change and `charge.dispute.created` for every new dispute (see `stripe-disputes.ts`),
 * POSTed to each endpoint of the same mode that enabled the type, signed
 * like Stripe (`Stripe-Signature: t=…,v1=…`). Changes are noticed after every Stripe request and every
 * state snapshot (settlement on the emulated clock is lazy, as in the Stripe module). A 2xx answer is a
 * delivery; anything else is retried like the other providers' webhooks. Reset drops endpoints. Each event
 * carries the API version it is rendered at: the endpoint's `api_version`, else the account's default
 * (`accountApiVersion`), and its object is rendered at that version.
 */
export function attachStripeWebhooks(
  module: ProviderModule,
  context: ModuleContext,
  accountApiVersion: string = DEFAULT_ACCOUNT_API_VERSION,
): ProviderModule {
  const store = createStripeWebhookEndpointStore();
  const deliverer = createModuleDeliverer(context, { provider: 'stripe', accepts: isSuccessStatus });
  const seen = new Map<string, string>();
  const seenDisputes = new Set<string>();
  let scanning = false;

  /**
   * Sends one event to every endpoint of the mode that wants `type`: one event id, and per endpoint the
   * event rendered at the endpoint's API version (`api_version`, and the object from `render(version)`).
   */
  async function send(
    type: string,
    livemode: boolean,
    render: (apiVersion: string) => Promise<unknown>,
  ): Promise<void> {
    const endpoints = store.wanting(type, livemode);
    if (endpoints.length === 0) return;
    const id = createStripeId('evt');
    const created = Math.floor(context.clock.now() / 1000);
    const rendered = new Map<string, unknown>();
    for (const endpoint of endpoints) {
      const apiVersion = endpoint.apiVersion ?? accountApiVersion;
      if (!rendered.has(apiVersion)) rendered.set(apiVersion, await render(apiVersion));
      const object = rendered.get(apiVersion);
      if (object === undefined) continue;
      const event = {
        id,
        object: 'event',
        api_version: apiVersion,
        created,
        data: { object },
        livemode,
        pending_webhooks: endpoints.length,
        request: { id: null, idempotency_key: null },
        type,
      };
      deliverer.deliver(stripeWebhookMessage(event, JSON.stringify(event, null, 2), endpoint));
    }
  }

  async function renderIntent(
    id: string,
    livemode: boolean,
    origin: string,
    apiVersion: string,
  ): Promise<unknown> {
    const key = livemode ? context.credentials.stripe.liveSecretKey : context.credentials.stripe.secretKey;
    const answer = await module.handle({
      method: 'GET',
      path: `/payment_intents/${id}`,
      query: new URLSearchParams(),
      headers: { authorization: `Bearer ${key}`, 'stripe-version': apiVersion },
      rawBody: Buffer.alloc(0),
      origin,
    });
    return answer.status === 200 ? answer.body : undefined;
  }

  async function scan(origin: string): Promise<void> {
    if (scanning) return;
    scanning = true;
    try {
      const snapshot = module.snapshot();
      for (const intent of watchedPaymentIntents(snapshot)) {
        const types = paymentIntentEventTypes(seen.get(intent.id), intent.status);
        seen.set(intent.id, intent.status);
        if (types.length === 0) continue;
        for (const type of types) {
          await send(type, intent.livemode, (apiVersion) =>
            renderIntent(intent.id, intent.livemode, origin, apiVersion),
          );
        }
      }
      for (const dispute of watchedDisputes(snapshot)) {
        if (seenDisputes.has(dispute.id)) continue;
        seenDisputes.add(dispute.id);
        await send('charge.dispute.created', dispute.livemode, async () => dispute.object);
      }
    } finally {
      scanning = false;
    }
  }

  return {
    ...module,
    async handle(request: EmulatorRequest) {
      const endpoints = handleWebhookEndpoints(request, store, context.credentials.stripe, context.clock);
      if (endpoints) return endpoints;
      const response = await module.handle(request);
      await scan(request.origin);
      return response;
    },
    async handleControl(request: EmulatorRequest) {
      if (module.handleControl === undefined)
        return { status: 404, body: { error: { code: 'not_found', message: 'No Stripe control routes.' } } };
      const response = await module.handleControl(request);
      await scan(request.origin);
      return response;
    },
    snapshot() {
      return {
        ...module.snapshot(),
        webhookEndpoints: [...store.endpoints.values()].map((endpoint) => ({
          id: endpoint.id,
          url: endpoint.url,
          enabledEvents: [...endpoint.enabledEvents],
          livemode: endpoint.livemode,
        })),
        webhookDeliveries: deliverer.list(),
      };
    },
    // The events already sent are part of the state: after a `--state-file` restart a PaymentIntent or dispute
    // seen before is not announced again (its next status change is). A file written before this was kept
    // starts from the saved objects' current statuses instead, so nothing old is re-sent either.
    ...(module.exportState === undefined
      ? {}
      : {
          exportState: () => ({
            ...module.exportState?.(),
            [SEEN_STATE_KEY]: new Map(seen),
            [SEEN_DISPUTES_STATE_KEY]: new Set(seenDisputes),
          }),
        }),
    ...(module.importState === undefined
      ? {}
      : {
          importState(saved: Record<string, unknown>) {
            module.importState?.(saved);
            seen.clear();
            seenDisputes.clear();
            const savedSeen = saved[SEEN_STATE_KEY];
            const savedDisputes = saved[SEEN_DISPUTES_STATE_KEY];
            if (savedSeen instanceof Map && savedDisputes instanceof Set) {
              for (const [id, status] of savedSeen)
                if (typeof status === 'string') seen.set(String(id), status);
              for (const id of savedDisputes) seenDisputes.add(String(id));
              return;
            }
            const snapshot = module.snapshot();
            for (const intent of watchedPaymentIntents(snapshot)) seen.set(intent.id, intent.status);
            for (const dispute of watchedDisputes(snapshot)) seenDisputes.add(dispute.id);
          },
        }),
    ...webhookLifecycle(module, deliverer, () => {
      store.clear();
      seen.clear();
      seenDisputes.clear();
    }),
  };
}
