import type { ModuleContext } from '../types.js';
import { createModuleDeliverer, isSuccessStatus, webhookLifecycle } from '../webhooks/module-webhooks.js';
import type { DwollaModule } from './dwolla-module.js';
import { dwollaWebhookMessage } from './dwolla-webhook-delivery.js';
import { DWOLLA_WEBHOOK_RETRY_DELAYS_MS } from './dwolla-webhook-retries.js';
import {
  createDwollaSubscriptionStore,
  createWebhookSubscriptionRoutes,
} from './dwolla-webhook-subscriptions.js';

/**
 * Adds webhooks to the emulated Dwolla: the `/webhook-subscriptions` endpoints, and a signed POST of every
 * recorded event (customer created/verified, funding source added/verified/removed) to each subscription
 * that is not paused. A 2xx answer is a delivery (Dwolla's rule); anything else, or no answer within
 * `webhookTimeoutMs`, is retried up to two more times `webhookRetryDelayMs` apart (real Dwolla retries
 * eight times over 72 hours). Reset drops subscriptions and deliveries.
 */
export function attachDwollaWebhooks(module: DwollaModule, context: ModuleContext): DwollaModule {
  const store = createDwollaSubscriptionStore();
  const deliverer = createModuleDeliverer(context, {
    provider: 'dwolla',
    accepts: isSuccessStatus,
    providerSchedule: DWOLLA_WEBHOOK_RETRY_DELAYS_MS,
  });
  module.addRoutes(createWebhookSubscriptionRoutes(store, context.clock));
  module.onEvent((event) => {
    for (const subscription of store.active()) deliverer.deliver(dwollaWebhookMessage(event, subscription));
  });
  return {
    ...module,
    snapshot() {
      return {
        ...module.snapshot(),
        webhookSubscriptions: [...store.subscriptions.values()].map((subscription) => ({
          id: subscription.id,
          url: subscription.url,
          paused: subscription.paused,
          created: subscription.created,
        })),
        webhookDeliveries: deliverer.list(),
      };
    },
    ...webhookLifecycle(module, deliverer, () => store.clear()),
  };
}
